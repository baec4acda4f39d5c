#include "sandbox/visma/guid.hpp"

#include <cctype>

#include "core/crypto.hpp"

namespace wv::sandbox::visma {

std::string guid_from_name(std::string_view name) {
  std::string hex = sha256_hex(name).substr(0, 32);
  hex[12] = '4';                                                        // version 4 layout
  hex[16] = "89ab"[static_cast<unsigned char>(hex[16]) % 4];            // RFC 4122 variant
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::optional<std::string> normalize_guid(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  if (text.size() != 36) return std::nullopt;
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
      out.push_back('-');
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace wv::sandbox::visma
