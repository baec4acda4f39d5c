#pragma once
// Visma's API quota: N requests per minute per client (600 by default). The emulator counts in a
// fixed one-minute window that opens with a client's first request; once the window is full every
// further request is refused until it closes, and the refusal says how many whole seconds remain
// ("Try again in 55 seconds."). Refused requests do not count.

#include <chrono>
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
  /// Counts a request of `client` at `now`: nullopt when admitted, else the whole seconds
  /// (at least 1) until the window closes.
  std::optional<std::chrono::seconds> admit(const std::string& client, Timestamp now);
  /// Forgets all windows.
  void reset() { windows_.clear(); }

 private:
  struct Window {
    Timestamp start;
    int count = 0;
  };
  int limit_ = 600;
  std::map<std::string, Window> windows_;
};

}  // namespace wv::sandbox::visma
