#pragma once
// The real HttpClient: libcurl underneath, with TLS verification always on, connect and total
// timeouts, compressed answers, connections kept open between requests, proxies from the
// environment (http_proxy, https_proxy, no_proxy), several requests in flight for send_all,
// several threads sending at once, client-side pacing (RateLimiter) and retries (RetryPolicy),
// all in this one place so that connectors never sleep or retry themselves.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/http/http.hpp"
#include "core/http/retry_policy.hpp"
#include "core/time.hpp"

namespace wv {
namespace detail {
class CurlShared;
class CurlEngine;
}  // namespace detail

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  ///< per attempt, from connect to last byte
  std::string ca_bundle;                            ///< PEM file of trusted CAs; empty = system's
  int max_in_flight = 4;                            ///< send_all's bound on concurrent requests
  /// send()/send_all() calls that run at once (from different threads), each on connections of
  /// its own; a further caller waits until one of them returns.
  int max_concurrent_calls = 16;
  RetryOptions retry;
  std::size_t max_response_bytes = 64u << 20;  ///< decoded body size that aborts a transfer
  /// At most this many requests (attempts, retries included) reach the server in any 60
  /// seconds, whatever the latency: each counts from its start until 61 s after its end (see
  /// rate_limiter.hpp; the extra second is the safety margin). 0 = no client-side limit.
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
  /// libcurl would otherwise silently re-send it when a reused connection fails. Other non-2xx
  /// answers are returned as responses. When retries run out on 429/5xx the Error is Transient
  /// with http_status, retry_after (when the server gave one) and the body's message. A
  /// response larger than max_response_bytes fails with Transient at once (repeating would
  /// fetch the same).
  /// Thread-safe, and concurrent: calls from different threads run at the same time, each on
  /// its own connections (up to max_concurrent_calls; more wait for a free place), all paced by
  /// the one rate limiter, and a 429 seen by any of them holds them all.
  Result<HttpResponse> send(const HttpRequest& request) override;

  /// See HttpClient::send_all: up to max_in_flight requests at once, each retried as by
  /// send(), all sharing one rate limiter and one connection cache; results in request order.
  /// Thread-safe and concurrent like send().
  std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> requests) override;

 private:
  /// An engine of the pool for this caller: an idle one, a new one while fewer than
  /// max_concurrent_calls exist, else the first one given back.
  std::unique_ptr<detail::CurlEngine> borrow();
  void give_back(std::unique_ptr<detail::CurlEngine> engine);

  std::unique_ptr<detail::CurlShared> shared_;
  std::mutex pool_mutex_;
  std::condition_variable engine_returned_;
  std::vector<std::unique_ptr<detail::CurlEngine>> idle_;  ///< last returned at the back
  int engines_ = 0;                                        ///< idle and lent out
  std::uint64_t jitter_seed_ = 0;
};

}  // namespace wv
