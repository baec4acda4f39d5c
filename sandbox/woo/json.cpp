#include "sandbox/woo/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace wv::sandbox::woo {

Json Json::boolean(bool b) {
  Json j;
  j.type_ = Type::Bool;
  j.bool_ = b;
  return j;
}

Json Json::number_text(std::string text) {
  Json j;
  j.type_ = Type::Number;
  j.text_ = std::move(text);
  return j;
}

Json Json::integer(std::int64_t n) { return number_text(std::to_string(n)); }

Json Json::string(std::string s) {
  Json j;
  j.type_ = Type::String;
  j.text_ = std::move(s);
  return j;
}

Json Json::array() {
  Json j;
  j.type_ = Type::Array;
  return j;
}

Json Json::object() {
  Json j;
  j.type_ = Type::Object;
  return j;
}

const Json* Json::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (const auto& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Json* Json::find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

Json& Json::add(std::string key, Json value) {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::set(std::string key, Json value) {
  if (Json* existing = find(key)) {
    *existing = std::move(value);
    return *this;
  }
  return add(std::move(key), std::move(value));
}

void Json::erase(std::string_view key) {
  for (auto it = members_.begin(); it != members_.end(); ++it) {
    if (it->first == key) {
      members_.erase(it);
      return;
    }
  }
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

bool operator==(const Json& a, const Json& b) {
  return a.type_ == b.type_ && a.bool_ == b.bool_ && a.text_ == b.text_ && a.items_ == b.items_ &&
         a.members_ == b.members_;
}

namespace {

// Builds Json values from RapidJSON's SAX events; numbers arrive as raw text.
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  bool Null() { return put(Json::null()); }
  bool Bool(bool b) { return put(Json::boolean(b)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return put(Json::number_text(std::string(s, n)));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return put(Json::string(std::string(s, n))); }
  bool StartObject() {
    stack_.push_back(Json::object());
    keys_.emplace_back();
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.back() = std::string(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() {
    stack_.push_back(Json::array());
    keys_.emplace_back();
    return true;
  }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Json result;

 private:
  bool close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    return put(std::move(done));
  }
  bool put(Json value) {
    if (stack_.empty()) {
      result = std::move(value);
    } else if (stack_.back().is_array()) {
      stack_.back().push(std::move(value));
    } else {
      stack_.back().set(keys_.back(), std::move(value));  // json_decode: last one wins
    }
    return true;
  }
  std::vector<Json> stack_;
  std::vector<std::string> keys_;
};

void append_utf16_escape(std::string& out, unsigned code) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xF];
}

void write_string(std::string& out, const std::string& s, bool php) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '/':
        out += php ? "\\/" : "/";
        continue;
      default: break;
    }
    if (c < 0x20) {
      append_utf16_escape(out, c);
    } else if (c < 0x80 || !php) {
      out += static_cast<char>(c);
    } else {
      // Decode one UTF-8 sequence; invalid bytes are written as U+FFFD.
      unsigned code = 0xFFFD;
      int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
      if (extra > 0) {
        code = c & (0x3F >> extra);
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
          if (i + static_cast<std::size_t>(k) >= s.size()) {
            ok = false;
            break;
          }
          const unsigned char cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
          if ((cc & 0xC0) != 0x80) {
            ok = false;
            break;
          }
          code = (code << 6) | (cc & 0x3F);
        }
        if (ok) {
          i += static_cast<std::size_t>(extra);
        } else {
          code = 0xFFFD;
        }
      }
      if (code >= 0x10000) {
        code -= 0x10000;
        append_utf16_escape(out, 0xD800 + (code >> 10));
        append_utf16_escape(out, 0xDC00 + (code & 0x3FF));
      } else {
        append_utf16_escape(out, code);
      }
    }
  }
  out += '"';
}

void write(std::string& out, const Json& v, bool php) {
  switch (v.type()) {
    case Json::Type::Null: out += "null"; break;
    case Json::Type::Bool: out += v.bool_value() ? "true" : "false"; break;
    case Json::Type::Number: out += v.text(); break;
    case Json::Type::String: write_string(out, v.text(), php); break;
    case Json::Type::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.items()) {
        if (!first) out += ',';
        first = false;
        write(out, item, php);
      }
      out += ']';
      break;
    }
    case Json::Type::Object: {
      // PHP writes an empty associative array as []; objects the emulator builds are never empty
      // except where WooCommerce itself sends {} (none in wc/v3 bodies the emulator renders).
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.members()) {
        if (!first) out += ',';
        first = false;
        write_string(out, key, php);
        out += ':';
        write(out, value, php);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
  Builder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(stream);
  const rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag>(input,
                                                                                                  builder);
  if (!ok) {
    return fail(ErrorKind::Rejected, std::string("invalid JSON at offset ") + std::to_string(ok.Offset()) +
                                         ": " + rapidjson::GetParseError_En(ok.Code()));
  }
  return std::move(builder.result);
}

std::string to_php_json(const Json& value) {
  std::string out;
  write(out, value, true);
  return out;
}

std::string to_plain_json(const Json& value) {
  std::string out;
  write(out, value, false);
  return out;
}

std::string php_float_text(double value) {
  if (value == 0) return "0";
  if (!std::isfinite(value)) return "0";  // json_encode refuses these; WooCommerce never sends them
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-5.125306666666667e+02"
  const std::size_t e = sci.find('e');
  const int exponent = std::stoi(sci.substr(e + 1));
  std::string mantissa = sci.substr(0, e);
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  const int decpt = exponent + 1;  // position of the decimal point relative to the digits
  std::string out = negative ? "-" : "";
  if (decpt < 0 ? decpt < -3 : decpt > 17) {
    // php_gcvt's exponential form: 1.0e-5, 1.5e+20
    out += digits[0];
    out += '.';
    out += digits.size() > 1 ? digits.substr(1) : "0";
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
    out += ebuf;
    return out;
  }
  if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-decpt), '0');
    out += digits;
  } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(decpt) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(decpt));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(decpt));
  }
  return out;
}

}  // namespace wv::sandbox::woo
