#pragma once
// Client-side pacing: never more than N requests in any window of time as the SERVER counts
// them (Visma allows 600 per minute and counts a request when it arrives).
//
// Why a request holds its place in the budget from its start until a whole window after its
// end, not just a window after its start: the server sees a request somewhere between the
// moment we send it and the moment its answer (or failure) reaches us, and where exactly in
// that span varies from request to request (a fresh connection, TLS, a slow network, a server
// queue). Counting from start times alone let two requests that started 60.0 s apart arrive
// 59.99 s apart, so a client that kept exactly 600 starts in every minute still met 429s. With
// each request counted until `window` after its end, any N + 1 requests arrive more than a
// window apart, whatever the latency: when the last of them started, each of the others had
// either not ended yet or ended less than a window before (proof in rate_limiter.cpp).

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

#include "core/time.hpp"

namespace wv {

class RateLimiter {
 public:
  /// Allows at most `max_requests` in any `window` on `clock`; `max_requests` <= 0 means no
  /// limit (only hold_until() then delays). `clock` must outlive the limiter.
  RateLimiter(int max_requests, std::chrono::milliseconds window, const Clock& clock);

  /// Lets a request start now when the budget has room: returns nullopt, and the request counts
  /// as in flight until finished() is called for it. Otherwise returns the earliest time worth
  /// asking again (a hold's end, or when the oldest ended request leaves the window; shortly
  /// after now when every counted request is still in flight). Never fails. Thread-safe.
  std::optional<Timestamp> try_start();

  /// A request let through by try_start() ended now (answered, failed or never sent): it keeps
  /// counting until `window` from now. Thread-safe.
  void finished();

  /// try_start() until it lets the request through, sleeping on the clock in between. Returns
  /// how long it waited (zero when there was room). The caller calls finished() when the request
  /// ends. Thread-safe (another thread must call finished() for a full budget to free up).
  std::chrono::milliseconds acquire();

  /// Makes every request started from now on start no earlier than `until` (the server asked us
  /// to wait, e.g. a 429 with "Try again in 55 seconds"). An earlier `until` than one already
  /// set changes nothing. Thread-safe.
  void hold_until(Timestamp until);

  [[nodiscard]] int max_requests() const { return max_requests_; }
  [[nodiscard]] std::chrono::milliseconds window() const { return window_; }

 private:
  const int max_requests_;
  const std::chrono::milliseconds window_;
  const Clock& clock_;
  std::mutex mutex_;
  int in_flight_ = 0;
  /// End times of the requests that ended less than a window ago, ascending.
  std::deque<Timestamp> ended_;
  Timestamp hold_until_{};
};

}  // namespace wv
