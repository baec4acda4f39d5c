#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
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

// acquire(), then the request takes `latency` and ends.
Timestamp request(RateLimiter& limiter, FakeClock& clock, std::chrono::milliseconds latency = 0ms) {
  limiter.acquire();
  const Timestamp started = clock.now();
  clock.advance(latency);
  limiter.finished();
  return started;
}

}  // namespace

TEST_CASE("rate limiter never lets more than its budget into any window", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  std::vector<Timestamp> sent;
  for (int i = 0; i < 1000; ++i) sent.push_back(request(limiter, clock));
  CHECK(busiest_window(sent, 60s) == 600);
  // The first 600 go at once; the 601st waits exactly for the first to leave the window.
  CHECK(sent[599] == sent[0]);
  CHECK(sent[600] == sent[0] + 60s);
  CHECK(clock.total_slept() == 60s);
  CHECK(sent.back() == sent[0] + 60s);  // 1000 < 2 × 600: the second minute's budget suffices
}

TEST_CASE("rate limiter counts a request until a window after its end", "[http][rate]") {
  // A request is seen by the server at some moment between its start and its end: only a
  // window after the end is it surely out of every window the next request could fall in.
  FakeClock clock;
  RateLimiter limiter(2, 60s, clock);
  const Timestamp t0 = clock.now();
  request(limiter, clock, 5s);   // t0 .. t0+5
  request(limiter, clock, 1s);   // t0+5 .. t0+6
  CHECK(request(limiter, clock) == t0 + 65s);
  CHECK(request(limiter, clock) == t0 + 66s);
}

TEST_CASE("rate limiter keeps arrivals within budget whatever the latency", "[http][rate]") {
  // Each request arrives at a random moment between its start and its end; no window of
  // arrivals may hold more than the budget.
  FakeClock clock;
  RateLimiter limiter(50, 60s, clock);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> latency_ms(0, 3000);
  std::vector<Timestamp> arrivals;
  for (int i = 0; i < 400; ++i) {
    limiter.acquire();
    const auto latency = std::chrono::milliseconds(latency_ms(rng));
    const auto arrival = std::chrono::milliseconds(std::uniform_int_distribution<long>(0, latency.count())(rng));
    arrivals.push_back(clock.now() + arrival);
    clock.advance(latency);
    limiter.finished();
  }
  CHECK(busiest_window(arrivals, 60s) <= 50);
}

TEST_CASE("rate limiter does not wait when requests are spread out", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  for (int i = 0; i < 3000; ++i) {
    CHECK(limiter.acquire() == 0ms);
    limiter.finished();
    clock.advance(100ms);  // exactly 600 per minute
  }
  CHECK(clock.total_slept() == 0ms);
}

TEST_CASE("rate limiter spreads a long burst over whole windows", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(10, 60s, clock);
  std::vector<Timestamp> sent;
  for (int i = 0; i < 35; ++i) {
    sent.push_back(request(limiter, clock));
    clock.advance(1s);  // some work between requests
  }
  CHECK(busiest_window(sent, 60s) <= 10);
  // Without a burst anywhere, the 11th request waits only until the 1st leaves the window.
  CHECK(sent[10] - sent[0] == 60s);
}

TEST_CASE("rate limiter try_start names when to ask again without blocking", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(2, 60s, clock);
  const Timestamp t0 = clock.now();
  CHECK_FALSE(limiter.try_start());
  CHECK_FALSE(limiter.try_start());
  // Both in flight: no end known yet, so only "soon".
  auto later = limiter.try_start();
  REQUIRE(later);
  CHECK(*later > t0);
  CHECK(*later < t0 + 1s);
  clock.advance(2s);
  limiter.finished();
  CHECK(limiter.try_start() == t0 + 62s);
  CHECK(clock.total_slept() == 0ms);
}

TEST_CASE("rate limiter hold_until delays every later start", "[http][rate]") {
  FakeClock clock;
  RateLimiter limiter(600, 60s, clock);
  const Timestamp t0 = clock.now();
  limiter.hold_until(t0 + 55s);
  limiter.hold_until(t0 + 10s);  // an earlier hold does not shorten the longer one
  CHECK(limiter.acquire() == 55s);
  CHECK(clock.now() == t0 + 55s);
  limiter.finished();
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
  std::vector<Timestamp> starts;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i) {
        limiter.acquire();
        {
          std::lock_guard lock(mutex);
          starts.push_back(clock.now());
        }
        limiter.finished();
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(starts.size() == 320);
  CHECK(busiest_window(starts, 60s) <= 50);
}
