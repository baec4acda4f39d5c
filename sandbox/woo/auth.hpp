#pragma once
// WooCommerce's REST authentication (WC_REST_Authentication): HTTP Basic and consumer_key /
// consumer_secret query parameters only over https (over http they are ignored and the request
// runs unauthenticated), one-legged OAuth 1.0a (HMAC-SHA1/SHA256, 15-minute timestamp window,
// single-use nonces) otherwise, then the key's read/write permission.
//
// OAuth 1.0a as check_oauth_timestamp_and_nonce does it, after the signature is verified (a
// refused signature uses up no nonce): a timestamp more than 15 minutes before or after the
// shop's clock is refused with 401 woocommerce_rest_authentication_error "Invalid timestamp.";
// a nonce the same consumer key has had accepted before with 401
// woocommerce_rest_authentication_error "Invalid nonce - nonce has already been used." (a nonce
// is forgotten once its timestamp is more than 15 minutes old, when the next one is stored). One
// difference, on purpose: WooCommerce stores nonces as `$used_nonces[$timestamp] = $nonce`, so
// of two nonces with the same timestamp it forgets the first; the emulator remembers every
// accepted nonce, so that a re-sent request is refused however many others came in the same
// second (the real shop refuses it in all but that case).

#include <optional>
#include <string>

#include "core/time.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/json.hpp"
#include "sandbox/woo/model.hpp"
#include "sandbox/woo/rest_request.hpp"

namespace wv::sandbox::woo {

struct AuthOutcome {
  /// The key the request authenticated with; nullptr when it runs unauthenticated.
  const ApiKey* key = nullptr;
  /// The 401 WooCommerce answers before routing (wrong secret, bad signature, ...).
  std::optional<RestError> error;
};

/// Authenticates `request`. `https` says whether the shop sees the request as secure; `site_url`
/// is the home URL with the request's scheme (the OAuth base URL starts with it); `query` and
/// `form` are the PHP-parsed query string and form body. Records OAuth nonces in `shop`.
AuthOutcome authenticate(ShopState& shop, const Request& request, bool https, const std::string& site_url,
                         const Json& query, const Json& form, Timestamp now);

/// The 401 a key without the needed permission gets for `method`; nullopt when allowed.
std::optional<RestError> check_key_permission(const ApiKey& key, const std::string& method);

/// The OAuth 1.0a signature base string WooCommerce builds (for tests and clients).
std::string oauth_base_string(const std::string& method, const std::string& url, const Json& params);

}  // namespace wv::sandbox::woo
