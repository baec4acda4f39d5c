#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "core/http/rate_limiter.hpp"
#include "tests/support/fake_clock.hpp"

using namespace std::chrono_literals;
using wv::RateLimiter;
using wv::Timestamp;
using wv::testing::FakeClock;

namespace {

// The largest number of `times` (sorted) that fall in any half-open window of `window`.
std::size_t busiest_window(std::vector<Timestamp> times, std::chrono::milliseconds window) {
  std::sort(times.begin(), times.end());
  std::size_t best = 0;
  std::size_t first = 0;
  for (std::size_t last = 0; last < times.size(); ++last) {
    while (times[last] - times[first] >= window) ++first;
    best = std::max(best, last - first + 1);
  }
  return best;
}

}  // namespace

TEST_CASE("rate limiter never lets more than its budget into any window", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  std::vector<Timestamp> sent;
  for (int i = 0; i < 1000; ++i) {
    limiter.acquire();
    sent.push_back(clock.now());
  }
  CHECK(busiest_window(sent, 60s) == 600);
  // The first 600 go at once; the 601st waits exactly for the first to leave the window.
  CHECK(sent[599] == sent[0]);
  CHECK(sent[600] == sent[0] + 60s);
  CHECK(clock.total_slept() == 60s);
  CHECK(sent.back() == sent[0] + 60s);  // 1000 < 2 × 600: the second minute's budget suffices
}

TEST_CASE("rate limiter does not wait when requests are spread out", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  for (int i = 0; i < 3000; ++i) {
    CHECK(limiter.acquire() == 0ms);
    clock.advance(100ms);  // exactly 600 per minute
  }
  CHECK(clock.total_slept() == 0ms);
}

TEST_CASE("rate limiter spreads a long burst over whole windows", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(10, 60s, clock);
  std::vector<Timestamp> sent;
  for (int i = 0; i < 35; ++i) {
    limiter.acquire();
    sent.push_back(clock.now());
    clock.advance(1s);  // some work between requests
  }
  CHECK(busiest_window(sent, 60s) <= 10);
  // Without a burst anywhere, the 11th request waits only until the 1st leaves the window.
  CHECK(sent[10] - sent[0] == 60s);
}

TEST_CASE("rate limiter reserve hands out future slots in order without blocking", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(2, 60s, clock);
  const Timestamp t0 = clock.now();
  CHECK(limiter.reserve() == t0);
  CHECK(limiter.reserve() == t0);
  CHECK(limiter.reserve() == t0 + 60s);
  CHECK(limiter.reserve() == t0 + 60s);
  CHECK(limiter.reserve() == t0 + 120s);
  CHECK(clock.total_slept() == 0ms);
}

TEST_CASE("rate limiter hold_until delays every later slot", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  const Timestamp t0 = clock.now();
  limiter.hold_until(t0 + 55s);
  limiter.hold_until(t0 + 10s);  // an earlier hold does not shorten the longer one
  CHECK(limiter.acquire() == 55s);
  CHECK(clock.now() == t0 + 55s);
  CHECK(limiter.acquire() == 0ms);
}

TEST_CASE("rate limiter without a budget only honours holds", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(0, 60s, clock);
  for (int i = 0; i < 10000; ++i) REQUIRE(limiter.acquire() == 0ms);
  limiter.hold_until(clock.now() + 5s);
  CHECK(limiter.acquire() == 5s);
}

TEST_CASE("rate limiter keeps its budget when used from several threads", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(50, 60s, clock);
  std::mutex mutex;
  std::vector<Timestamp> slots;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i) {
        const Timestamp slot = limiter.reserve();
        std::lock_guard lock(mutex);
        slots.push_back(slot);
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(slots.size() == 320);
  CHECK(busiest_window(slots, 60s) == 50);
  CHECK(*std::max_element(slots.begin(), slots.end()) == clock.now() + 6 * 60s);
}
