#pragma once
// Internal to CurlHttpClient, the only file that includes it (it brings in <curl/curl.h>, which
// the public headers keep out): one attempt of one request on one easy handle, from setting the
// options to classifying how it ended.

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/http/http.hpp"
#include "core/http/retry_policy.hpp"
#include "core/time.hpp"

namespace wv::detail {

struct TransferSettings {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::string ca_bundle;  ///< empty: the system's trust store
  std::size_t max_response_bytes = 64u << 20;
  std::string user_agent;
};

/// How one attempt ended.
struct TransferOutcome {
  Attempt attempt;                       ///< what the retry policy needs
  std::optional<HttpResponse> response;  ///< set when attempt.outcome == Answered
  Error error;                           ///< set otherwise (kind and a one-line message)
  /// The server may have acted on the request though we have no usable answer: a timeout or a
  /// connection lost after sending, or an answer too large to read.
  bool may_have_been_processed = false;
  std::chrono::milliseconds duration{0};
};

class CurlTransfer {
 public:
  /// Sets every option on `easy` (which must be fresh or reset) for `request`. `request` and
  /// `settings` must outlive the transfer (curl reads the body from the request in place).
  CurlTransfer(CURL* easy, const HttpRequest& request, const TransferSettings& settings);
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  [[nodiscard]] CURL* easy() const { return easy_; }
  /// The first option curl refused (CURLE_OK when all were accepted); such a transfer must not
  /// be started.
  [[nodiscard]] CURLcode setup_error() const { return setup_error_; }

  /// Classifies the finished transfer; `now` dates a Retry-After given as an HTTP-date.
  TransferOutcome finish(CURLcode code, Timestamp now);

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  template <class T>
  void set(CURLoption option, T value);
  [[nodiscard]] bool request_may_have_been_sent() const;
  [[nodiscard]] std::string detail(CURLcode code) const;

  CURL* easy_;
  const HttpRequest& request_;
  const TransferSettings& settings_;
  curl_slist* headers_ = nullptr;
  HttpResponse response_;
  bool too_large_ = false;
  CURLcode setup_error_ = CURLE_OK;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace wv::detail
