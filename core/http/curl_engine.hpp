#pragma once
// Internal to CurlHttpClient (it brings in <curl/curl.h>, which the public headers keep out).
//
// CurlShared is what every concurrent caller of one client shares: options, the clock, the one
// rate limiter, and curl's DNS cache and TLS sessions. CurlEngine is one caller's machinery: a
// multi handle with its own connection cache and idle easy handles, and its own backoff jitter.
// An engine serves one send()/send_all() at a time; the client keeps a pool of them so that
// several threads send at once.

#include <curl/curl.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "core/http/curl_client.hpp"
#include "core/http/curl_transfer.hpp"
#include "core/http/rate_limiter.hpp"
#include "core/http/retry_policy.hpp"

namespace wv::detail {

class CurlShared {
 public:
  /// `clock` must outlive this. Never fails (a share handle curl cannot make is simply not used).
  CurlShared(HttpClientOptions options, const Clock& clock);
  ~CurlShared();
  CurlShared(const CurlShared&) = delete;
  CurlShared& operator=(const CurlShared&) = delete;

  [[nodiscard]] const HttpClientOptions& options() const { return options_; }
  [[nodiscard]] const TransferSettings& settings() const { return settings_; }
  [[nodiscard]] const Clock& clock() const { return clock_; }
  [[nodiscard]] RateLimiter& limiter() { return limiter_; }
  /// The DNS/TLS-session share every easy handle of every engine uses; nullptr when none.
  [[nodiscard]] CURLSH* share() const { return share_; }

 private:
  static void lock(CURL* easy, curl_lock_data data, curl_lock_access access, void* self);
  static void unlock(CURL* easy, curl_lock_data data, void* self);

  HttpClientOptions options_;
  TransferSettings settings_;
  const Clock& clock_;
  RateLimiter limiter_;
  CURLSH* share_ = nullptr;
  /// One lock per kind of shared data: engines on other threads use the share at the same time.
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks_;
};

class CurlEngine {
 public:
  /// `shared` must outlive the engine; `jitter_seed` seeds its backoff jitter.
  CurlEngine(CurlShared& shared, std::uint64_t jitter_seed);
  ~CurlEngine();
  CurlEngine(const CurlEngine&) = delete;
  CurlEngine& operator=(const CurlEngine&) = delete;

  /// Sends `requests` with up to max_in_flight at once, each as CurlHttpClient::send() says;
  /// results in request order. Not thread-safe: one call at a time per engine.
  std::vector<Result<HttpResponse>> run(std::span<const HttpRequest> requests);

 private:
  struct Job;

  CURL* take_easy();
  void give_back(CURL* easy);
  void end_transfer(Job& job);
  bool start(Job& job, std::size_t index);
  std::optional<std::chrono::milliseconds> settle(Job& job, TransferOutcome outcome);
  Result<HttpResponse> final_result(Job& job, TransferOutcome outcome,
                                    std::optional<std::chrono::seconds> server_wait);
  void log_attempt(const Job& job, const TransferOutcome& outcome,
                   std::optional<std::chrono::milliseconds> wait) const;

  CurlShared& shared_;
  RetryPolicy policy_;
  CURLM* multi_ = nullptr;
  std::vector<CURL*> idle_;
};

}  // namespace wv::detail
