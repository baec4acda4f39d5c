// The per-client quota: 600 requests a minute by default, 429 with ErrorCode 4010 and the
// seconds left in the window.

#include "tests/sandbox/test_visma_support.hpp"

using namespace wv;
using namespace wv::testing;

TEST_CASE("the 601st request in a minute is refused with 4010 and the wait", "[visma][ratelimit]") {
  VismaFixture t;
  for (int i = 0; i < 600; ++i) REQUIRE(t.call("GET", "/v2/units").status == 200);
  t.clock.advance(std::chrono::seconds(5));
  auto refused = t.call("GET", "/v2/articles");
  CHECK(refused.status == 429);
  auto body = body_of(refused);
  CHECK(body.integer_or("ErrorCode", 0) == 4010);
  CHECK(body.str("DeveloperErrorMessage") == "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.");
  CHECK(!body.str("ErrorId").empty());
  CHECK(header_of(refused, "Retry-After").empty());

  t.clock.advance(std::chrono::milliseconds(54500));
  CHECK(body_of(t.call("GET", "/v2/units")).str("DeveloperErrorMessage").ends_with("Try again in 1 seconds."));
  t.clock.advance(std::chrono::milliseconds(500));
  CHECK(t.call("GET", "/v2/units").status == 200);
}

TEST_CASE("the quota is per client and configurable", "[visma][ratelimit]") {
  VismaFixture t;
  REQUIRE(t.emu.seed_json(R"({"visma": {"rate_limit_per_minute": 3, "clients": [
      {"client_id": "a", "client_secret": "x"}, {"client_id": "b", "client_secret": "y"}]}})"));
  const auto a = t.emu.issue_tokens_for_tests("", "a").access_token;
  const auto b = t.emu.issue_tokens_for_tests("", "b").access_token;
  for (int i = 0; i < 3; ++i) CHECK(t.call("GET", "/v2/units", "", a).status == 200);
  CHECK(t.call("GET", "/v2/units", "", a).status == 429);
  CHECK(t.call("GET", "/v2/units", "", b).status == 200);

  t.control_ok("POST", "/_sandbox/visma/rate-limit", R"({"per_minute": 1, "retry_after_header": true})");
  CHECK(t.call("GET", "/v2/units", "", a).status == 200);
  t.clock.advance(std::chrono::seconds(20));
  auto refused = t.call("GET", "/v2/units", "", a);
  CHECK(refused.status == 429);
  CHECK(header_of(refused, "Retry-After") == "40");
  CHECK(body_of(refused).str("DeveloperErrorMessage").find("maximum admitted 1 per Minute") != std::string::npos);

  t.control_ok("POST", "/_sandbox/visma/rate-limit", R"({"per_minute": 0})");
  for (int i = 0; i < 50; ++i) REQUIRE(t.call("GET", "/v2/units", "", a).status == 200);
  auto state = t.control_ok("GET", "/_sandbox/visma/state");
  CHECK(state["requests"].integer_or("rate_limited", 0) == 2);
}
