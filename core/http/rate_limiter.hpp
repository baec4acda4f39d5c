#pragma once
// Client-side pacing: never more than N requests in any window of time (Visma allows 600 per
// minute). A sliding window, not a token bucket, because that is how the server counts: a
// burst of N at the start of a minute must not be followed by another N a second later.

#include <chrono>
#include <deque>
#include <mutex>

#include "core/time.hpp"

namespace wv {

class RateLimiter {
 public:
  /// Allows at most `max_requests` in any `window` on `clock`; `max_requests` <= 0 means no
  /// limit (only hold_until() then delays). `clock` must outlive the limiter.
  RateLimiter(int max_requests, std::chrono::milliseconds window, const Clock& clock);

  /// Takes the earliest free slot and returns its time: now when a slot is free at once, else
  /// a time in the future before which the caller must not send. Slots are handed out in call
  /// order. Never fails. Thread-safe.
  Timestamp reserve();

  /// Takes a slot and sleeps on the clock until it comes. Returns how long it waited (zero when
  /// a slot was free). Thread-safe.
  std::chrono::milliseconds acquire();

  /// Makes every slot handed out from now on start no earlier than `until` (the server asked us
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
  /// The times of the last `max_requests_` slots handed out, ascending.
  std::deque<Timestamp> slots_;
  Timestamp hold_until_{};
};

}  // namespace wv
