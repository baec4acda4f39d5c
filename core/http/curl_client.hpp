#pragma once
// The real HttpClient: libcurl underneath, with TLS verification always on, connect and total
// timeouts, compressed answers, connections kept open between requests, proxies from the
// environment (http_proxy, https_proxy, no_proxy), several requests in flight for send_all,
// client-side pacing (RateLimiter) and retries (RetryPolicy), all in this one place so that
// connectors never sleep or retry themselves.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/http/http.hpp"
#include "core/http/retry_policy.hpp"
#include "core/time.hpp"

namespace wv {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  ///< per attempt, from connect to last byte
  std::string ca_bundle;                            ///< PEM file of trusted CAs; empty = system's
  int max_in_flight = 4;                            ///< send_all's bound on concurrent requests
  RetryOptions retry;
  std::size_t max_response_bytes = 64u << 20;  ///< decoded body size that aborts a transfer
  /// At most this many requests (attempts, retries included) start in any 60 seconds;
  /// 0 = no client-side limit.
  int requests_per_minute = 0;
  std::string user_agent;  ///< empty = "woovisma/<version>"
  /// Seed of the backoff jitter; nullopt = random. Tests fix it.
  std::optional<std::uint64_t> jitter_seed;
};

/// Options from the [http] config section plus the remote's request budget (Visma: 600;
/// WooCommerce: 0, none).
HttpClientOptions http_client_options(const HttpSettings& settings, int requests_per_minute);

/// "woovisma/<version>".
std::string default_user_agent();

class CurlHttpClient final : public HttpClient {
 public:
  /// Never fails; a bad CA bundle or URL shows up as a Config error from send(). `clock` paces
  /// and times backoff waits and must outlive the client.
  explicit CurlHttpClient(HttpClientOptions options, const Clock& clock = system_clock());
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  /// See HttpClient::send. Specifically: retries network failures, 429 and 500/502/503/504
  /// with exponential backoff and jitter, waiting what Retry-After or Visma's "Try again in N
  /// seconds" asks for instead when given. A request with `idempotent == false` is repeated
  /// only after a 429 or a failure before anything was sent (DNS, connection refused, connect
  /// timeout); a timeout or lost connection after sending fails with `ambiguous` set, and so
  /// does a 5xx answer to it. Such a request always opens a connection of its own, since
  /// libcurl would otherwise silently re-send it when a reused connection fails. Other non-2xx answers are returned as responses. When retries
  /// run out on 429/5xx the Error is Transient with http_status, retry_after (when the server
  /// gave one) and the body's message. A response larger than max_response_bytes fails with
  /// Transient at once (repeating would fetch the same). Thread-safe: concurrent calls run one
  /// after another; use send_all for parallelism.
  Result<HttpResponse> send(const HttpRequest& request) override;

  /// See HttpClient::send_all: up to max_in_flight requests at once, each retried as by
  /// send(), all sharing one rate limiter and one connection cache; results in request order.
  std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> requests) override;

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace wv
