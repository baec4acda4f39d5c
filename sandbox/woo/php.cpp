#include "sandbox/woo/php.hpp"

#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <regex>

#include "core/http/http.hpp"

namespace wv::sandbox::woo {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool is_int_key(std::string_view key) {
  if (key.empty() || key.size() > 18) return false;
  std::size_t i = key[0] == '-' ? 1 : 0;
  if (i == key.size()) return false;
  if (key[i] == '0' && key.size() > i + 1) return false;  // "01" stays a string key in PHP
  if (key == "-0") return false;
  for (; i < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9') return false;
  }
  return true;
}

// The next integer key PHP would use when appending to `array`.
std::string next_index(const Json& array) {
  long long next = 0;
  for (const auto& [key, value] : array.members()) {
    if (is_int_key(key)) next = std::max(next, std::stoll(key) + 1);
  }
  return std::to_string(next);
}

// PHP's php_register_variable_ex: stores `value` under the (possibly nested) variable name.
void register_variable(Json& root, std::string name, const std::string& value) {
  while (!name.empty() && name[0] == ' ') name.erase(0, 1);
  // The base name ends at the first '['; dots and spaces in it become underscores.
  std::size_t bracket = name.find('[');
  std::string base = name.substr(0, bracket);
  if (base.empty()) return;
  std::vector<std::string> path{};
  std::size_t pos = bracket;
  bool nested = false;
  while (pos != std::string::npos && pos < name.size() && name[pos] == '[') {
    const std::size_t close = name.find(']', pos + 1);
    if (close == std::string::npos) {
      // An unmatched '[' is taken literally as '_' in the base name (when it is the first one).
      if (!nested) base += '_' + name.substr(pos + 1);
      break;
    }
    path.push_back(name.substr(pos + 1, close - pos - 1));
    nested = true;
    pos = close + 1;
  }
  for (char& c : base) {
    if (c == '.' || c == ' ' || c == '[') c = '_';
  }
  if (!nested) {
    root.set(base, Json::string(value));
    return;
  }
  Json* node = root.find(base);
  if (node == nullptr || !node->is_object()) {
    root.set(base, Json::object());
    node = root.find(base);
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    std::string key = path[i];
    if (key.empty()) key = next_index(*node);
    if (i + 1 == path.size()) {
      node->set(key, Json::string(value));
    } else {
      Json* child = node->find(key);
      if (child == nullptr || !child->is_object()) {
        node->set(key, Json::object());
        child = node->find(key);
      }
      node = child;
    }
  }
}

// build_query( $data ) with urlencode = false (_http_build_query).
void build_query_into(std::vector<std::string>& out, const Json& data, const std::string& prefix, bool top) {
  for (const auto& [raw_key, value] : data.members()) {
    std::string key = prefix.empty() ? raw_key : prefix + "%5B" + raw_key + "%5D";
    switch (value.type()) {
      case Json::Type::Null: break;
      case Json::Type::Bool:
        if (value.bool_value()) {
          out.push_back(key + "=1");
        } else if (!top) {
          out.push_back(key + "=0");
        }
        break;
      case Json::Type::Object: build_query_into(out, value, key, false); break;
      case Json::Type::Array: {
        Json as_object = Json::object();
        std::size_t i = 0;
        for (const auto& item : value.items()) as_object.add(std::to_string(i++), item);
        build_query_into(out, as_object, key, false);
        break;
      }
      default: out.push_back(key + "=" + value.text()); break;
    }
  }
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// add_query_arg's last steps: "k=" before '&' or the end loses its '='.
std::string strip_empty_equals(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && (i + 1 == s.size() || s[i + 1] == '&')) continue;
    out += s[i];
  }
  return out;
}

Json urlencode_deep(const Json& v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto& [k, child] : v.members()) out.add(k, urlencode_deep(child));
    return out;
  }
  if (v.is_string()) return Json::string(php_urlencode(v.text()));
  return v;
}

}  // namespace

std::string php_urlencode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// rawurlencode is RFC 3986 percent-encoding, which the client's url_encode already is.
std::string php_rawurlencode(std::string_view text) { return url_encode(text); }

std::string php_urldecode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Json php_parse_str(std::string_view query) {
  Json root = Json::object();
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      std::string name = php_urldecode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : php_urldecode(pair.substr(eq + 1));
      register_variable(root, std::move(name), value);
    }
    start = amp + 1;
  }
  return root;
}

bool php_is_list(const Json& value) {
  if (value.is_array()) return true;
  if (!value.is_object()) return false;
  for (const auto& [key, child] : value.members()) {
    if (!is_int_key(key)) return false;
  }
  return true;
}

std::vector<Json> php_values(const Json& value) {
  if (value.is_array()) return value.items();
  std::vector<Json> out;
  for (const auto& [key, child] : value.members()) out.push_back(child);
  return out;
}

std::string wp_paging_url(const std::string& base_url, const Json& params, std::int64_t page) {
  // Step 1: add_query_arg( $request->get_query_params(), rest_url( ... ) ): values inserted raw.
  std::vector<std::string> parts;
  build_query_into(parts, params, "", true);
  std::string url = base_url;
  if (!parts.empty()) url += "?" + join(parts, "&");
  url = strip_empty_equals(url);
  // Step 2: add_query_arg( 'page', $page, $url ): the existing query is parsed and re-encoded.
  std::string frag;
  if (const auto hash = url.find('#'); hash != std::string::npos) {
    frag = url.substr(hash);
    url.erase(hash);
  }
  std::string query;
  if (const auto q = url.find('?'); q != std::string::npos) {
    query = url.substr(q + 1);
    url.erase(q);
  }
  Json qs = urlencode_deep(php_parse_str(query));
  qs.set("page", Json::integer(page));
  std::vector<std::string> out_parts;
  build_query_into(out_parts, qs, "", true);
  std::string out = url + "?" + join(out_parts, "&");
  out = strip_empty_equals(out) + frag;
  while (!out.empty() && out.back() == '?') out.pop_back();
  return out;
}

bool php_is_numeric(std::string_view s) {
  // PHP 8: leading and trailing whitespace allowed, optional sign, digits with an optional
  // fraction, optional exponent; at least one digit.
  std::size_t i = 0;
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (i < s.size() && ws(s[i])) ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    std::size_t exp_digits = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
      ++j;
      ++exp_digits;
    }
    if (exp_digits == 0) return false;
    i = j;
  }
  while (i < s.size() && ws(s[i])) ++i;
  return i == s.size();
}

std::vector<std::string> wp_parse_list(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

namespace {

// remove_accents() for the two-byte UTF-8 letters a European shop meets.
const char* ascii_for(unsigned code) {
  switch (code) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5: return "A";
    case 0xC6: return "AE";
    case 0xC7: return "C";
    case 0xC8: case 0xC9: case 0xCA: case 0xCB: return "E";
    case 0xCC: case 0xCD: case 0xCE: case 0xCF: return "I";
    case 0xD0: return "D";
    case 0xD1: return "N";
    case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6: case 0xD8: return "O";
    case 0xD9: case 0xDA: case 0xDB: case 0xDC: return "U";
    case 0xDD: return "Y";
    case 0xDE: return "TH";
    case 0xDF: return "s";
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return "a";
    case 0xE6: return "ae";
    case 0xE7: return "c";
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return "e";
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return "i";
    case 0xF0: return "d";
    case 0xF1: return "n";
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: return "o";
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return "u";
    case 0xFD: case 0xFF: return "y";
    case 0xFE: return "th";
    default: return nullptr;
  }
}

}  // namespace

std::string lowercase(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char d = static_cast<unsigned char>(text[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

std::string sanitize_title(std::string_view title) {
  // remove_accents, then sanitize_title_with_dashes.
  std::string plain;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(title[i]);
    if (c == 0xC3 && i + 1 < title.size()) {
      const unsigned code = 0xC0 + (static_cast<unsigned char>(title[i + 1]) & 0x3F);
      if (const char* a = ascii_for(code)) {
        plain += a;
        ++i;
        continue;
      }
    }
    plain += static_cast<char>(c);
  }
  // Strip tags.
  plain = std::regex_replace(plain, std::regex("<[^>]*>"), "");
  std::string lowered;
  for (unsigned char c : plain) {
    if (c >= 0x80) {
      lowered += '%';
      lowered += "0123456789abcdef"[c >> 4];
      lowered += "0123456789abcdef"[c & 15];
    } else {
      lowered += static_cast<char>(std::tolower(c));
    }
  }
  lowered = std::regex_replace(lowered, std::regex("&.+?;"), "");
  for (char& c : lowered) {
    if (c == '.') c = '-';
  }
  std::string kept;
  for (char c : lowered) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%' || c == ' ' || c == '_' || c == '-' ||
        c == '\t' || c == '\n' || c == '\r') {
      kept += c;
    }
  }
  kept = std::regex_replace(kept, std::regex("\\s+"), "-");
  kept = std::regex_replace(kept, std::regex("-+"), "-");
  while (!kept.empty() && kept.front() == '-') kept.erase(0, 1);
  while (!kept.empty() && kept.back() == '-') kept.pop_back();
  return kept;
}

std::string wpautop(std::string_view text) {
  std::string t(text);
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ' || t.back() == '\r')) t.pop_back();
  while (!t.empty() && (t.front() == '\n' || t.front() == ' ' || t.front() == '\r')) t.erase(0, 1);
  if (t.empty()) return "";
  if (t.rfind("<p>", 0) == 0) return t + "\n";
  std::string out;
  std::size_t start = 0;
  while (start < t.size()) {
    std::size_t end = t.find("\n\n", start);
    if (end == std::string::npos) end = t.size();
    std::string para = t.substr(start, end - start);
    while (!para.empty() && para.front() == '\n') para.erase(0, 1);
    if (!para.empty()) {
      std::string with_breaks;
      for (char c : para) {
        if (c == '\n') {
          with_breaks += "<br />\n";
        } else {
          with_breaks += c;
        }
      }
      out += "<p>" + with_breaks + "</p>\n";
    }
    start = end + 2;
  }
  return out;
}

std::string md5_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += "0123456789abcdef"[digest[i] >> 4];
    out += "0123456789abcdef"[digest[i] & 15];
  }
  return out;
}

std::string wc_price_html(Decimal amount, const PriceFormat& format) {
  const bool negative = amount.is_negative();
  std::string fixed = amount.abs().to_string(format.decimals);
  std::string whole = fixed;
  std::string frac;
  if (const auto dot = fixed.find('.'); dot != std::string::npos) {
    whole = fixed.substr(0, dot);
    frac = fixed.substr(dot + 1);
  }
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += format.thousand_separator;
    grouped += whole[i];
  }
  std::string number = grouped + (frac.empty() ? "" : format.decimal_separator + frac);
  const std::string symbol =
      "<span class=\"woocommerce-Price-currencySymbol\">" + format.currency_symbol_html + "</span>";
  std::string inner;
  if (format.position == "left") {
    inner = symbol + number;
  } else if (format.position == "right") {
    inner = number + symbol;
  } else if (format.position == "left_space") {
    inner = symbol + "&nbsp;" + number;
  } else {
    inner = number + "&nbsp;" + symbol;
  }
  return std::string("<span class=\"woocommerce-Price-amount amount\"><bdi>") + (negative ? "-" : "") + inner +
         "</bdi></span>";
}

}  // namespace wv::sandbox::woo
