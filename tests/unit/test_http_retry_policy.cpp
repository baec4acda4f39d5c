#include <catch2/catch.hpp>

#include <set>

#include "core/http/retry_policy.hpp"
#include "core/time.hpp"

using namespace std::chrono_literals;
using wv::Attempt;
using wv::AttemptOutcome;
using wv::RetryOptions;
using wv::RetryPolicy;

namespace {

Attempt answered(int status, std::optional<std::chrono::seconds> wait = std::nullopt) {
  return Attempt{AttemptOutcome::Answered, status, wait};
}
Attempt failed(AttemptOutcome outcome) { return Attempt{outcome, 0, std::nullopt}; }

}  // namespace

TEST_CASE("backoff grows exponentially with jitter and is capped", "[http][retry]") {
  wv::Backoff backoff(500ms, 60s, 42);
  CHECK(backoff.ceiling(0) == 500ms);
  CHECK(backoff.ceiling(1) == 1000ms);
  CHECK(backoff.ceiling(3) == 4000ms);
  CHECK(backoff.ceiling(7) == 60s);  // 64 s capped
  CHECK(backoff.ceiling(1000) == 60s);
  for (int n = 0; n < 12; ++n) {
    const auto ceiling = backoff.ceiling(n);
    std::set<long> seen;
    for (int k = 0; k < 200; ++k) {
      const auto d = backoff.delay(n);
      REQUIRE(d >= ceiling / 2);
      REQUIRE(d <= ceiling);
      REQUIRE(d <= 60s);
      seen.insert(static_cast<long>(d.count()));
    }
    CHECK(seen.size() > 50);  // really jittered, not a constant
  }
}

TEST_CASE("backoff jitter is reproducible from its seed", "[http][retry]") {
  wv::Backoff a(500ms, 60s, 7);
  wv::Backoff b(500ms, 60s, 7);
  wv::Backoff c(500ms, 60s, 8);
  bool differs = false;
  for (int n = 0; n < 10; ++n) {
    const auto da = a.delay(n);
    CHECK(da == b.delay(n));
    differs = differs || da != c.delay(n);
  }
  CHECK(differs);
}

TEST_CASE("Retry-After is read as seconds or an HTTP date", "[http][retry]") {
  const auto now = *wv::parse_timestamp("2026-03-10T12:00:00Z");
  CHECK(wv::parse_retry_after("120", now) == 120s);
  CHECK(wv::parse_retry_after(" 7 ", now) == 7s);
  CHECK(wv::parse_retry_after("0", now) == 0s);
  CHECK(wv::parse_retry_after("Tue, 10 Mar 2026 12:01:30 GMT", now) == 90s);
  CHECK(wv::parse_retry_after("Tuesday, 10-Mar-26 12:00:05 GMT", now) == 5s);
  CHECK(wv::parse_retry_after("Tue Mar 10 12:00:09 2026", now) == 9s);
  CHECK(wv::parse_retry_after("Tue, 10 Mar 2026 11:00:00 GMT", now) == 0s);  // in the past
  for (const char* bad : {"", "soon", "-5", "1.5", "12abc", "Tue, 99 Foo 2026 99:99:99 GMT"}) {
    INFO(bad);
    CHECK_FALSE(wv::parse_retry_after(bad, now).has_value());
  }
}

TEST_CASE("Visma's 'Try again in N seconds' is read from the body", "[http][retry]") {
  CHECK(wv::parse_try_again_in(
            R"({"ErrorCode":4010,"DeveloperErrorMessage":"API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.","ErrorId":"x"})") ==
        55s);
  CHECK(wv::parse_try_again_in("try again in 1 second") == 1s);
  CHECK(wv::parse_try_again_in("Please try again in 2 minutes") == 120s);
  CHECK_FALSE(wv::parse_try_again_in("Try again in a while").has_value());
  CHECK_FALSE(wv::parse_try_again_in("Try again in 5 parsecs").has_value());
  CHECK_FALSE(wv::parse_try_again_in("").has_value());
}

TEST_CASE("retryable statuses are 429 and the transient 5xx", "[http][retry]") {
  for (int s : {429, 500, 502, 503, 504}) CHECK(wv::is_retryable_status(s));
  for (int s : {200, 201, 301, 400, 401, 403, 404, 409, 413, 422, 501, 505}) {
    CHECK_FALSE(wv::is_retryable_status(s));
  }
}

TEST_CASE("only requests that surely did not arrive are repeated when not idempotent",
          "[http][retry]") {
  using AO = AttemptOutcome;
  // idempotent: everything transient
  CHECK(RetryPolicy::retryable(failed(AO::NotSent), true));
  CHECK(RetryPolicy::retryable(failed(AO::MaybeSent), true));
  CHECK(RetryPolicy::retryable(answered(503), true));
  CHECK(RetryPolicy::retryable(answered(429), true));
  CHECK_FALSE(RetryPolicy::retryable(answered(404), true));
  CHECK_FALSE(RetryPolicy::retryable(answered(200), true));
  CHECK_FALSE(RetryPolicy::retryable(failed(AO::Final), true));
  // not idempotent: only what the server surely did not act on
  CHECK(RetryPolicy::retryable(failed(AO::NotSent), false));
  CHECK(RetryPolicy::retryable(answered(429), false));
  CHECK_FALSE(RetryPolicy::retryable(failed(AO::MaybeSent), false));
  CHECK_FALSE(RetryPolicy::retryable(answered(500), false));
  CHECK_FALSE(RetryPolicy::retryable(answered(503), false));
}

TEST_CASE("retry policy stops after max_retries", "[http][retry]") {
  RetryOptions options;
  options.max_retries = 3;
  RetryPolicy policy(options, 1);
  for (int done = 0; done < 3; ++done) CHECK(policy.next_wait(answered(503), done, true));
  CHECK_FALSE(policy.next_wait(answered(503), 3, true));
  CHECK_FALSE(policy.next_wait(answered(200), 0, true));
}

TEST_CASE("retry policy waits what the server asks, within max_server_wait", "[http][retry]") {
  RetryOptions options;
  options.max_server_wait = 120s;
  RetryPolicy policy(options, 1);
  for (int k = 0; k < 20; ++k) {
    const auto wait = policy.next_wait(answered(429, 55s), 0, false);
    REQUIRE(wait);
    CHECK(*wait >= 55s);
    CHECK(*wait <= 56s);
  }
  CHECK_FALSE(policy.next_wait(answered(429, 121s), 0, true));
  // Without a server wait the backoff applies.
  const auto backoff = policy.next_wait(answered(502), 2, true);
  REQUIRE(backoff);
  CHECK(*backoff >= 1000ms);
  CHECK(*backoff <= 2000ms);
}
