#pragma once
// Turning WooCommerce's refusals into one-line errors a merchant can act on (private).
//
// The shop answers errors as {code, message, data: {status, params, details, resource_id}}. The
// kind follows the status: 401/403 Auth, 404 NotFound (Config when the route itself is missing:
// wrong shop URL or no pretty permalinks), 400/413 and other 4xx Rejected (but NotFound for a
// code ending in "_invalid_id", the 400 an update of an unknown id gets), 409 Conflict, 429/5xx
// Transient (the HTTP layer has already retried), 3xx Config (the shop lives elsewhere). One 401
// is not about the keys: OAuth 1.0a's "Invalid nonce - nonce has already been used." is Transient
// (every attempt is signed anew, so only a duplicate on the way causes it).
// Batch items keep the kind of their status.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/http/http.hpp"

namespace wv::woo {

struct RequestLabel {
  std::string_view method;    ///< "PUT"
  std::string_view path;      ///< "/products/12", never with a query (it may hold secrets)
  std::string_view api_base;  ///< "https://shop.example.com/wp-json/wc/v3"
  /// Credentials went in the Authorization header: a 401 that is not an authentication error
  /// then means the server dropped them, worth a hint.
  bool credentials_in_header = false;
};

/// The error for a non-2xx `response` to `request`:
/// `WooCommerce refused PUT /products/12: The API key provided does not have write permissions.
/// (woocommerce_rest_authentication_error, HTTP 401)`.
Error error_from_response(const RequestLabel& request, const HttpResponse& response);

/// The error for one failed item of a batch answer (inside an HTTP 200), naming the item:
/// `WooCommerce refused product 999999 in POST /products/batch: Invalid ID.
/// (woocommerce_rest_product_invalid_id, HTTP 400)`. `code`, `message` and `status` as sent.
Error batch_item_error(const RequestLabel& request, std::string_view item, std::string_view code,
                       std::string_view message, int status);

/// `text` on one line with WordPress's common HTML entities decoded ("can&#8217;t" → "can’t").
std::string clean_message(std::string_view text);

}  // namespace wv::woo
