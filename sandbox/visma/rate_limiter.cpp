#include "sandbox/visma/rate_limiter.hpp"

namespace wv::sandbox::visma {

std::optional<std::chrono::seconds> RateLimiter::admit(const std::string& client, Timestamp now) {
  if (limit_ <= 0) return std::nullopt;
  constexpr auto kWindow = std::chrono::minutes(1);
  auto [it, inserted] = windows_.try_emplace(client, Window{now, 0});
  Window& w = it->second;
  if (now - w.start >= kWindow || now < w.start) w = Window{now, 0};
  if (w.count >= limit_) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(w.start + kWindow - now);
    return std::max(left, std::chrono::seconds(1));
  }
  ++w.count;
  return std::nullopt;
}

}  // namespace wv::sandbox::visma
