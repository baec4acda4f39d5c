#include "sandbox/woo/php_float.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace wv::sandbox::woo {

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
