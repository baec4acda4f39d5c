#pragma once
// A Clock for tests: time stands still until someone sleeps on it or advances it, so that
// backoff, rate limiting and token expiry are tested without waiting.

#include <chrono>
#include <mutex>
#include <vector>

#include "core/time.hpp"

namespace wv::testing {

class FakeClock final : public Clock {
 public:
  /// Starts at `start` (default 2026-01-01T00:00:00Z).
  explicit FakeClock(Timestamp start = default_start());

  Timestamp now() const override;
  /// Advances the time by `d` at once and records the sleep (zero or negative: no-op).
  void sleep_for(std::chrono::milliseconds d) const override;

  /// Moves the time forward by `d` without recording a sleep.
  void advance(std::chrono::milliseconds d);
  /// Every positive sleep so far, in order.
  [[nodiscard]] std::vector<std::chrono::milliseconds> sleeps() const;
  /// The sum of all sleeps so far.
  [[nodiscard]] std::chrono::milliseconds total_slept() const;

  static Timestamp default_start();

 private:
  mutable std::mutex mutex_;
  mutable Timestamp now_;
  mutable std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace wv::testing
