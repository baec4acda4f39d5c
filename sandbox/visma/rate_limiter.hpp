#pragma once
// Visma's API quota: N requests per minute per client (600 by default), counted when a request
// arrives. Refused requests do not count; the refusal says how many whole seconds remain until
// a request is admitted again ("Try again in 55 seconds.").
//
// Visma documents "600 requests per minute, per client and endpoint" and not how it counts
// the minute. The emulator takes the strictest reading, so that a client it admits is admitted
// by any of the others: one budget for all endpoints of a client, and a sliding window (no 60
// seconds ever hold more than N arrivals), which refuses everything a fixed window starting
// anywhere would refuse. (It used to count in fixed windows opened by a client's first request,
// which lets up to 2N through in 60 s that straddle a window's edge.)

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace wv::sandbox::visma {

class RateLimiter {
 public:
  /// Requests allowed per minute and client; 0 turns the limit off.
  void set_limit(int per_minute) { limit_ = per_minute; }
  [[nodiscard]] int limit() const { return limit_; }
  /// Counts a request of `client` arriving at `now`: nullopt when admitted, else the whole
  /// seconds (at least 1) until the oldest request in the window leaves it.
  std::optional<std::chrono::seconds> admit(const std::string& client, Timestamp now);
  /// Forgets all windows.
  void reset() { arrivals_.clear(); }

 private:
  int limit_ = 600;
  /// Per client, the arrival times of the admitted requests of the last minute, ascending.
  std::map<std::string, std::deque<Timestamp>> arrivals_;
};

}  // namespace wv::sandbox::visma
