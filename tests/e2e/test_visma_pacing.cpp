// The client's pacing against the Visma emulator's own 600-a-minute quota, at real size: 1,200
// requests from four threads, with not one 429. Client and emulator share one clock that runs
// 100 times faster than real time, so that the two minutes this takes pass in about two
// seconds, and every real delay (sockets, threads, the server's lock) is a hundred times longer:
// a millisecond on localhost is 100 ms, a latency like the Internet's, and it varies.
//
// That variation is what made a client that started no more than 600 requests in any minute
// still meet 429s: the server counts a request when it arrives, and two requests started 60.0 s
// apart could arrive 59.98 s apart. The emulator here also waits a random 0-0.4 ms (0-40 ms of
// this clock) before it reads the time of an arrival, as a queue in front of a server would.

#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "core/http/curl_client.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/visma/visma_emulator.hpp"
#include "tests/e2e/test_sandbox_support.hpp"

namespace {

using namespace wv;
using namespace std::chrono_literals;

constexpr int kSpeedUp = 100;

// Time that runs kSpeedUp times faster than real time; sleeping on it sleeps for real (shortened).
class FastClock final : public Clock {
 public:
  Timestamp now() const override {
    const auto real = std::chrono::steady_clock::now() - real_start_;
    return start_ + std::chrono::duration_cast<std::chrono::milliseconds>(real * kSpeedUp);
  }
  void sleep_for(std::chrono::milliseconds d) const override {
    if (d.count() > 0) std::this_thread::sleep_for(std::chrono::microseconds(d.count() * 1000 / kSpeedUp));
  }

 private:
  std::chrono::steady_clock::time_point real_start_ = std::chrono::steady_clock::now();
  Timestamp start_ = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
};

// The emulator's view of the same time, read a random moment after the request arrived.
class ArrivalClock final : public Clock {
 public:
  explicit ArrivalClock(const Clock& base) : base_(base) {}
  Timestamp now() const override {
    int micros = 0;
    {
      std::lock_guard lock(mutex_);
      micros = delay_(rng_);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(micros));
    return base_.now();
  }
  void sleep_for(std::chrono::milliseconds d) const override { base_.sleep_for(d); }

 private:
  const Clock& base_;
  mutable std::mutex mutex_;
  mutable std::mt19937 rng_{11};
  mutable std::uniform_int_distribution<int> delay_{0, 400};
};

long long visma_state(sandbox::VismaEmulator& visma, const char* field) {
  sandbox::Request r;
  r.method = "GET";
  r.path = r.raw_target = "/_sandbox/visma/state";
  auto answer = visma.control(r);
  REQUIRE(answer);
  rapidjson::Document doc;
  doc.Parse(answer->body.c_str());
  REQUIRE(doc.IsObject());
  return doc["requests"][field].GetInt64();
}

}  // namespace

TEST_CASE("1,200 requests paced by the client at Visma's real limit meet no 429", "[e2e][http][rate][visma]") {
  FastClock clock;
  ArrivalClock arrivals(clock);
  auto visma = std::make_shared<sandbox::VismaEmulator>(arrivals);
  visma->seed_demo();
  REQUIRE(visma->clients().size() >= 1);
  sandbox::Sandbox box({}, {visma});
  REQUIRE(box.start());
  const std::string token = visma->issue_tokens_for_tests().access_token;

  auto options = testing::fast_http_options();
  options.requests_per_minute = 600;  // Visma's, as the config's default
  options.max_in_flight = 4;
  CurlHttpClient http(options, clock);

  constexpr int kThreads = 4;
  constexpr int kPerThread = 300;
  const Timestamp t0 = clock.now();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; i += 3) {
        // Single sends and small batches, as workers and paged reads mix them.
        std::vector<HttpRequest> batch;
        for (int k = 0; k < 3; ++k) {
          HttpRequest r = HttpRequest::get(box.base_url() + (t % 2 ? "/v2/units" : "/v2/termsofpayments"));
          r.headers.push_back({"Authorization", "Bearer " + token});
          batch.push_back(std::move(r));
        }
        if (i % 2 == 0) {
          for (const auto& answer : http.send_all(batch)) ok += answer && answer->status == 200;
        } else {
          for (const auto& r : batch) {
            auto answer = http.send(r);
            ok += answer && answer->status == 200;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  box.stop();

  CHECK(ok == kThreads * kPerThread);
  CHECK(visma_state(*visma, "rate_limited") == 0);
  CHECK(visma_state(*visma, "total") == kThreads * kPerThread);
  // And the budget was used, not spread thinly: the second 600 start 61 s after the first 600
  // ended (a loose upper bound: this machine may be busy, and its delays count a hundredfold).
  const auto took = clock.now() - t0;
  INFO("took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms of the fast clock");
  CHECK(took >= 61s);
  CHECK(took < 200s);
}
