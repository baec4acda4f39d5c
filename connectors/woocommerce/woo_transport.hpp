#pragma once
// How WooClient talks to the shop (private): the API base URL, the authentication mode, signing
// every request, turning refusals into errors, and reading every page of a collection.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/woocommerce/oauth1.hpp"
#include "connectors/woocommerce/woo_errors.hpp"
#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/http/http.hpp"
#include "core/time.hpp"

namespace wv::woo {

enum class AuthMode {
  Basic,   ///< Authorization: Basic base64(ck:cs)
  OAuth1,  ///< one-legged OAuth 1.0a in the query, signed per request
  Query,   ///< consumer_key / consumer_secret in the query
};

/// What a page consumer saw: how many objects, and the ids it could read (to notice a shop that
/// serves the same page for every page number).
struct PageSummary {
  std::size_t items = 0;
  std::vector<std::int64_t> ids;
};
using PageConsumer = std::function<Result<PageSummary>(const HttpResponse& page)>;

class Transport {
 public:
  Transport(const ShopConfig& shop, HttpClient& http, const Clock& clock);

  /// Ok, or the Config error every request fails with (unusable URL, missing key, Basic or query
  /// credentials over plain http).
  [[nodiscard]] const Status& usable() const { return usable_; }
  [[nodiscard]] AuthMode auth_mode() const { return mode_; }
  [[nodiscard]] const std::string& api_base() const { return api_base_; }

  /// The request for `method api_base+path?query`, authenticated; `body` is JSON when not empty.
  /// With OAuth 1.0a the URL is left unsigned and the request's prepare_attempt hook signs each
  /// attempt as it goes out, with a nonce and timestamp of its own (the shop refuses a nonce it
  /// has seen and a timestamp more than 15 minutes off), so the HTTP layer's retries of a lost
  /// or slow answer are accepted. The hook refers to this transport, which must outlive the
  /// request; it only reads the credentials and the clock (thread-safe) and logs nothing.
  [[nodiscard]] HttpRequest build(std::string_view method, std::string_view path,
                                  const QueryParams& query, std::string body,
                                  bool idempotent) const;
  /// Sends and returns a 2xx answer; any other answer fails as woo_errors describes; no answer
  /// fails as the HTTP layer says (Transient, Config).
  Result<HttpResponse> call(std::string_view method, std::string_view path,
                            const QueryParams& query = {}, std::string body = {},
                            bool idempotent = true);
  /// Sends and returns the answer whatever its status; fails only when no answer came.
  Result<HttpResponse> call_any(std::string_view method, std::string_view path,
                                const QueryParams& query = {}, std::string body = {},
                                bool idempotent = true);
  /// The error for a non-2xx `response` to `method path`.
  [[nodiscard]] Error refusal(std::string_view method, std::string_view path,
                              const HttpResponse& response) const;
  [[nodiscard]] RequestLabel label(std::string_view method, std::string_view path) const;

  /// Reads every page of the collection at `path` with `per_page` objects each, handing each
  /// page to `consume` in page order. With X-WP-TotalPages the remaining pages are fetched
  /// several at a time (each freshly signed); without it, pages are read one after another
  /// until a short page. Fails with the first failure of a request or of `consume`, and with
  /// Config when the shop serves the same page twice (a page cache ignoring `page`).
  Status fetch_pages(std::string_view path, const QueryParams& query, int per_page,
                     const PageConsumer& consume);

 private:
  /// `response` when it is a 2xx JSON answer; else the refusal, or Config for a non-JSON page.
  Result<HttpResponse> accept(HttpResponse response, std::string_view method,
                              std::string_view path) const;
  Result<HttpResponse> send(const HttpRequest& request, std::string_view method,
                            std::string_view path);

  const Clock& clock_;
  HttpClient& http_;
  std::string shop_name_;
  std::string api_base_;
  AuthMode mode_ = AuthMode::Basic;
  OAuthCredentials credentials_;
  Status usable_;
};

}  // namespace wv::woo
