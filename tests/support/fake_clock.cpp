#include "tests/support/fake_clock.hpp"

namespace wv::testing {

FakeClock::FakeClock(Timestamp start) : now_(start) {}

Timestamp FakeClock::default_start() {
  using namespace std::chrono;
  return time_point_cast<milliseconds>(sys_days{year{2026} / January / 1});
}

Timestamp FakeClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void FakeClock::sleep_for(std::chrono::milliseconds d) const {
  if (d <= std::chrono::milliseconds{0}) return;
  std::lock_guard lock(mutex_);
  now_ += d;
  sleeps_.push_back(d);
}

void FakeClock::advance(std::chrono::milliseconds d) {
  std::lock_guard lock(mutex_);
  now_ += d;
}

std::vector<std::chrono::milliseconds> FakeClock::sleeps() const {
  std::lock_guard lock(mutex_);
  return sleeps_;
}

std::chrono::milliseconds FakeClock::total_slept() const {
  std::lock_guard lock(mutex_);
  std::chrono::milliseconds total{0};
  for (auto d : sleeps_) total += d;
  return total;
}

}  // namespace wv::testing
