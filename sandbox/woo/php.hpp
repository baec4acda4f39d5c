#pragma once
// PHP and WordPress behaviour the emulator reproduces byte for byte: how PHP reads a query string,
// how WordPress builds URLs (add_query_arg), slugs (sanitize_title), paragraphs (wpautop), prices
// (wc_price) and what counts as a number (is_numeric).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "sandbox/json.hpp"

namespace wv::sandbox::woo {

/// PHP's urlencode(): space as '+', everything but [A-Za-z0-9._-] as upper-case %XX.
std::string php_urlencode(std::string_view text);
/// PHP's rawurlencode() (RFC 3986): everything but [A-Za-z0-9._~-] as upper-case %XX.
std::string php_rawurlencode(std::string_view text);
/// PHP's urldecode(): %XX and '+' as space.
std::string php_urldecode(std::string_view text);

/// PHP's parse_str(): "a=1&s[]=x&s[]=y&m[k]=v" → {"a":"1","s":{"0":"x","1":"y"},"m":{"k":"v"}}.
/// Nested PHP arrays are Json objects whose keys keep PHP's order; every leaf is a string.
Json php_parse_str(std::string_view query);
/// True when every key of the PHP array `value` is an integer (wp_is_numeric_array).
bool php_is_list(const Json& value);
/// The PHP array's values in order (an array's items or an object's member values).
std::vector<Json> php_values(const Json& value);

/// WordPress's add_query_arg( $args, $url ) followed by add_query_arg( 'page', $page, ... ), the two
/// steps WooCommerce uses for a collection's prev/next link. `params` is the request's sanitized
/// query as PHP holds it (strings, nested objects, Json booleans for sanitized flags).
std::string wp_paging_url(const std::string& base_url, const Json& params, std::int64_t page);

/// PHP's is_numeric() for a string.
bool php_is_numeric(std::string_view text);
/// wp_parse_list(): splits on commas and whitespace, dropping empty parts.
std::vector<std::string> wp_parse_list(std::string_view text);

/// sanitize_title(): "Kaffebönor mörkrost 500 g" → "kaffebonor-morkrost-500-g".
std::string sanitize_title(std::string_view title);
/// wpautop() for plain text: "<p>text</p>\n"; empty text stays empty.
std::string wpautop(std::string_view text);
/// md5 hex digest (for Gravatar URLs).
std::string md5_hex(std::string_view data);
/// A lower-case copy (ASCII and the Latin-1 letters Swedish uses).
std::string lowercase(std::string_view text);

/// How the shop displays prices (price_html): "1 947,00&nbsp;<span ...>&#107;&#114;</span>".
struct PriceFormat {
  std::string decimal_separator = ",";
  std::string thousand_separator = " ";
  int decimals = 2;
  std::string currency_symbol_html = "&#107;&#114;";
  std::string position = "right_space";  ///< left, right, left_space, right_space
};
/// wc_price(): the whole <span class="woocommerce-Price-amount amount"><bdi>…</bdi></span>.
std::string wc_price_html(Decimal amount, const PriceFormat& format);

}  // namespace wv::sandbox::woo
