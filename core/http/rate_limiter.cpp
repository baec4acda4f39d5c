#include "core/http/rate_limiter.hpp"

#include <algorithm>

namespace wv {

RateLimiter::RateLimiter(int max_requests, std::chrono::milliseconds window, const Clock& clock)
    : max_requests_(max_requests), window_(window), clock_(clock) {}

Timestamp RateLimiter::reserve() {
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  Timestamp slot = std::max(now, hold_until_);
  if (max_requests_ <= 0) return slot;
  // Slots never go backwards, so they are handed out in call order and the deque stays sorted.
  if (!slots_.empty()) slot = std::max(slot, slots_.back());
  // With N slots already in the deque, the front one is the N-th most recent: the new slot must
  // be a whole window after it, so that no window ever holds N + 1 of them.
  if (slots_.size() >= static_cast<std::size_t>(max_requests_)) {
    slot = std::max(slot, slots_.front() + window_);
    slots_.pop_front();
  }
  slots_.push_back(slot);
  return slot;
}

std::chrono::milliseconds RateLimiter::acquire() {
  const Timestamp slot = reserve();
  const Timestamp now = clock_.now();
  if (slot <= now) return std::chrono::milliseconds{0};
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(slot - now);
  clock_.sleep_for(wait);
  return wait;
}

void RateLimiter::hold_until(Timestamp until) {
  std::lock_guard lock(mutex_);
  hold_until_ = std::max(hold_until_, until);
}

}  // namespace wv
