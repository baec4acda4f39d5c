#include "core/http/rate_limiter.hpp"

#include <algorithm>

namespace wv {
namespace {

// When every counted request is still in flight no time can be named at which a place frees;
// ask again after this long (the end of one of them calls finished() well before, usually).
constexpr std::chrono::milliseconds kRecheck{20};

}  // namespace

// Why the rule holds: take any N + 1 requests and the one of them, k, that started last, at s_k.
// The server saw each other request j at a_j <= r_j (its end); if j had ended a window or more
// before s_k, then a_j <= s_k - window <= a_k - window, so j and k are not in one window. Every
// other j was therefore, at s_k, in flight or ended less than a window before: counted. The
// budget let k start only with fewer than N counted, so no window sees all N + 1.

RateLimiter::RateLimiter(int max_requests, std::chrono::milliseconds window, const Clock& clock)
    : max_requests_(max_requests), window_(window), clock_(clock) {}

std::optional<Timestamp> RateLimiter::try_start() {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (now < hold_until_) return hold_until_;
  if (max_requests_ <= 0) return std::nullopt;
  while (!ended_.empty() && ended_.front() + window_ <= now) ended_.pop_front();
  if (in_flight_ + static_cast<int>(ended_.size()) < max_requests_) {
    ++in_flight_;
    return std::nullopt;
  }
  if (ended_.empty()) return now + kRecheck;
  return ended_.front() + window_;
}

void RateLimiter::finished() {
  std::lock_guard lock(mutex_);
  if (max_requests_ <= 0) return;
  in_flight_ = std::max(0, in_flight_ - 1);
  // A clock that steps back must not unsort the deque; the later time is the safe one.
  const Timestamp now = clock_.now();
  ended_.push_back(ended_.empty() ? now : std::max(now, ended_.back()));
}

std::chrono::milliseconds RateLimiter::acquire() {
  std::chrono::milliseconds waited{0};
  while (auto next = try_start()) {
    const auto wait = std::max(std::chrono::milliseconds{1},
                               std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_.now()));
    clock_.sleep_for(wait);
    waited += wait;
  }
  return waited;
}

void RateLimiter::hold_until(Timestamp until) {
  std::lock_guard lock(mutex_);
  hold_until_ = std::max(hold_until_, until);
}

}  // namespace wv
