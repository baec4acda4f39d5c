// to_php_json and to_plain_json: one compact writer, two ways of escaping strings.

#include "sandbox/json.hpp"

namespace wv::sandbox {
namespace {

enum class Escaping {
  Plain,  ///< UTF-8 as it is, "/" as it is
  Php,    ///< json_encode: "/" as "\/", non-ASCII as \uXXXX (UTF-16)
};

void append_utf16_escape(std::string& out, unsigned code) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xF];
}

// The code point of the UTF-8 sequence starting at s[i] (advancing i past it), or U+FFFD for
// bytes that do not start a complete sequence (i then stays on the bad byte).
unsigned decode_utf8(const std::string& s, std::size_t& i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  unsigned code = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const std::size_t at = i + static_cast<std::size_t>(k);
    if (at >= s.size()) return 0xFFFD;
    const unsigned char c = static_cast<unsigned char>(s[at]);
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    code = (code << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(extra);
  return code;
}

void write_non_ascii_escaped(std::string& out, const std::string& s, std::size_t& i) {
  unsigned code = decode_utf8(s, i);
  if (code >= 0x10000) {
    code -= 0x10000;
    append_utf16_escape(out, 0xD800 + (code >> 10));
    append_utf16_escape(out, 0xDC00 + (code & 0x3FF));
  } else {
    append_utf16_escape(out, code);
  }
}

void write_string(std::string& out, const std::string& s, Escaping escaping) {
  const bool php = escaping == Escaping::Php;
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
      case '/': out += php ? "\\/" : "/"; continue;
      default: break;
    }
    if (c < 0x20) {
      append_utf16_escape(out, c);
    } else if (c < 0x80 || !php) {
      out += static_cast<char>(c);
    } else {
      write_non_ascii_escaped(out, s, i);
    }
  }
  out += '"';
}

void write(std::string& out, const Json& v, Escaping escaping) {
  switch (v.type()) {
    case Json::Type::Null: out += "null"; break;
    case Json::Type::Bool: out += v.bool_value() ? "true" : "false"; break;
    case Json::Type::Number: out += v.text(); break;
    case Json::Type::String: write_string(out, v.text(), escaping); break;
    case Json::Type::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.items()) {
        if (!first) out += ',';
        first = false;
        write(out, item, escaping);
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
        write_string(out, key, escaping);
        out += ':';
        write(out, value, escaping);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_php_json(const Json& value) {
  std::string out;
  write(out, value, Escaping::Php);
  return out;
}

std::string to_plain_json(const Json& value) {
  std::string out;
  write(out, value, Escaping::Plain);
  return out;
}

}  // namespace wv::sandbox
