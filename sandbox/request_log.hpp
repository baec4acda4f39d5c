#pragma once
// What the emulated APIs were asked: every request's method, path, status and duration, and
// counts per endpoint with ids normalised, so that tests can assert "three article pages were
// read" or "the second run made no write request". Served as JSON at GET /_sandbox/log.

#include <chrono>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace wv::sandbox {

struct LoggedRequest {
  std::string method;
  std::string path;   ///< decoded, without the query
  std::string query;  ///< the raw query string
  /// The status answered (the emulator's, even when a fault then cut the answer off).
  int status = 0;
  std::chrono::milliseconds duration{0};  ///< processing plus any added latency
  std::string fault;                      ///< the fault applied, "" when none
  /// When it arrived, in milliseconds since the Unix epoch: what a pacing check windows over.
  std::int64_t arrived_ms = 0;
};

/// `path` with every numeric or GUID segment replaced by {id}:
/// "/wp-json/wc/v3/orders/123/notes" → "/wp-json/wc/v3/orders/{id}/notes".
std::string normalise_path(std::string_view path);

/// "GET", "HEAD" and "OPTIONS" are reads; every other method writes.
bool is_write_method(std::string_view method);

class RequestLog {
 public:
  /// The newest requests kept in full; older ones still count in counts(), total(), writes().
  static constexpr std::size_t kKeptRequests = 10000;

  /// Adds one answered request. Thread-safe.
  void record(LoggedRequest entry);
  /// Forgets everything.
  void clear();

  /// The requests kept, oldest first.
  [[nodiscard]] std::vector<LoggedRequest> requests() const;
  /// Requests per endpoint: "GET /v2/articles/{id}" → 3.
  [[nodiscard]] std::map<std::string, std::size_t> counts() const;
  /// Requests to `endpoint` ("POST /v2/customers"), 0 when there were none.
  [[nodiscard]] std::size_t count(std::string_view endpoint) const;
  /// All requests recorded since the last clear().
  [[nodiscard]] std::size_t total() const;
  /// The requests with a write method (is_write_method).
  [[nodiscard]] std::size_t writes() const;

  /// {"requests":[{"method","path","query","status","duration_ms","arrived_ms","fault"}...],
  ///  "counts":{"GET /v2/articles":3,...},"total":N,"writes":M}
  [[nodiscard]] std::string to_json() const;

 private:
  mutable std::mutex mutex_;
  std::deque<LoggedRequest> requests_;
  std::map<std::string, std::size_t> counts_;
  std::size_t total_ = 0;
  std::size_t writes_ = 0;
};

}  // namespace wv::sandbox
