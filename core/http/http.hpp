#pragma once
// The one HTTP interface both API clients use. The real implementation (curl_client.hpp) does
// TLS, timeouts, compression, connection reuse, retries with backoff and pacing; tests can put a
// fake behind the same interface.

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace wv {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;  ///< absolute, query string already encoded
  std::vector<HttpHeader> headers;
  std::string body;
  /// True when repeating the request cannot do harm (GET, PUT of a whole object, DELETE).
  /// A request that is not idempotent (POST creating something) is retried only when it
  /// certainly did not reach the server: connection refused, or a 429 answer.
  bool idempotent = true;
  /// Optional: called on a copy of this request just before each attempt (the first and every
  /// retry), and what it leaves in the copy is what goes out. For credentials that may be used
  /// only once, such as OAuth 1.0a's nonce and timestamp: a retry then carries a fresh
  /// signature instead of repeating one the server has already seen. It changes only what is
  /// sent, never whether a request is repeated (`idempotent` of this request decides that).
  /// It must be thread-safe (several threads send at once) and must not log what it adds. The
  /// client's logs name this request's own `url`; an error about a failed attempt may quote the
  /// rewritten URL, redacted as every URL is (redact_url: signatures and secrets starred).
  std::function<void(HttpRequest& attempt)> prepare_attempt{};

  static HttpRequest get(std::string url) {
    HttpRequest request;
    request.url = std::move(url);
    return request;
  }
};

/// `request` as its next attempt goes out: a copy with prepare_attempt applied (and cleared),
/// or a plain copy when there is none.
HttpRequest attempt_of(const HttpRequest& request);

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;  ///< names in lower case
  std::string body;
  /// The first header named `name` (lower case), or nullopt.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    for (const auto& h : headers) {
      if (h.name == name) return std::string_view(h.value);
    }
    return std::nullopt;
  }
  [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  /// Sends `request`, retrying transient failures as configured. Returns the final response
  /// for every HTTP status (a 404 or 400 is a response, not an error). Fails with Transient
  /// when no usable answer arrived after the retries (network error, timeout, 429 or 5xx
  /// throughout; `ambiguous` set when the request may have been carried out), with Config for
  /// a TLS verification failure or a malformed URL, and with Transient when the response
  /// exceeded the size cap.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;

  /// Sends all `requests` with several in flight at once (bounded by the client's setting) and
  /// returns their results in the same order, each as send() would.
  virtual std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> requests) = 0;
};

/// "a%20b" style percent-encoding of everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);
/// Decodes %XX and, when `plus_is_space`, '+' (form encoding). Invalid escapes stay as they are.
std::string url_decode(std::string_view text, bool plus_is_space = false);
/// "a=1&b=x%20y" from name/value pairs, in the order given.
std::string build_query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace wv
