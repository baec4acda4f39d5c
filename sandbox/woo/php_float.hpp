#pragma once
// How PHP writes a float into JSON (WooCommerce computes a line's `price` as a float).

#include <string>

namespace wv::sandbox::woo {

/// JSON number text for PHP's float output of `value` (shortest text that reads back as the
/// same double, like json_encode with serialize_precision = -1): 119.2, 512.5306666666667, 150.
std::string php_float_text(double value);

}  // namespace wv::sandbox::woo
