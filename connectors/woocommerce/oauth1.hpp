#pragma once
// OAuth 1.0a one-legged signing as WooCommerce checks it over plain http: no token, the oauth_*
// parameters travel in the query string, the key is "consumer_secret&", and the base string is
// RFC 5849's (method, normalised base URL, every query parameter sorted). Pure functions:
// thread-safe; the caller brings the nonce (the transport draws one from OpenSSL's RAND_bytes for
// every attempt of every request, retries included, which is thread-safe, so no two attempts
// share one).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wv::woo {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

enum class OAuthMethod { HmacSha256, HmacSha1 };

struct OAuthCredentials {
  std::string consumer_key;
  std::string consumer_secret;
  OAuthMethod method = OAuthMethod::HmacSha256;
};

/// RFC 5849 §3.4.1.2 base URL: lower-case scheme and host, default port dropped, no query or
/// fragment ("http://Shop.example.com:80/a?b" → "http://shop.example.com/a").
std::string oauth1_base_url(std::string_view url);

/// RFC 5849 §3.4.1 signature base string: METHOD&enc(base_url)&enc(sorted "k=v" joined by "&"),
/// every name and value percent-encoded first. `params` are decoded values, oauth_* included,
/// oauth_signature excluded.
std::string oauth1_base_string(std::string_view method, std::string_view url,
                               const QueryParams& params);

/// Base64 HMAC of `base_string` under "consumer_secret&".
std::string oauth1_signature(const OAuthCredentials& credentials, std::string_view base_string);

/// `url` (which may carry a query) with oauth_consumer_key, oauth_nonce, oauth_signature_method,
/// oauth_timestamp and oauth_signature added to its query, signed over all query parameters.
std::string oauth1_sign_url(std::string_view method, std::string_view url,
                            const OAuthCredentials& credentials, std::string_view nonce,
                            std::int64_t unix_seconds);

/// The decoded name/value pairs of a query string ("a=1&b=x%20y"), in order.
QueryParams parse_query(std::string_view query);

}  // namespace wv::woo
