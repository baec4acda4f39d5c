#include "sandbox/visma/rate_limiter.hpp"

#include <algorithm>

namespace wv::sandbox::visma {

std::optional<std::chrono::seconds> RateLimiter::admit(const std::string& client, Timestamp now) {
  if (limit_ <= 0) return std::nullopt;
  constexpr auto kWindow = std::chrono::minutes(1);
  auto& window = arrivals_[client];
  // A clock moved back (the control API only moves it forward, but the system clock may step)
  // must not let earlier arrivals fall out of the count: keep the latest time seen.
  if (!window.empty()) now = std::max(now, window.back());
  while (!window.empty() && window.front() + kWindow <= now) window.pop_front();
  if (window.size() >= static_cast<std::size_t>(limit_)) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(window.front() + kWindow - now);
    return std::max(left, std::chrono::seconds(1));
  }
  window.push_back(now);
  return std::nullopt;
}

}  // namespace wv::sandbox::visma
