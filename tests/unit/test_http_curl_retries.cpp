// CurlHttpClient's retries against a real local server, with a fake clock so that backoff and
// server-requested waits take no time: what is repeated, how long it waits, when it stops.

#include <catch2/catch.hpp>

#include "core/http/curl_client.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/unit/http_test_server.hpp"

using namespace std::chrono_literals;
using wv::CurlHttpClient;
using wv::ErrorKind;
using wv::HttpRequest;
using wv::sandbox::Fault;
using wv::sandbox::Response;
using wv::testing::CountingServer;
using wv::testing::FakeClock;
using wv::testing::test_options;

namespace {

constexpr const char* kVisma429 =
    R"({"ErrorCode":4010,"DeveloperErrorMessage":"API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.","ErrorId":"8e0c"})";

HttpRequest post(const std::string& url) { return {"POST", url, {}, R"({"Number":"1001"})", false}; }

}  // namespace

TEST_CASE("5xx answers are retried with growing backoff until they succeed", "[http][retry][curl]") {
  FakeClock clock;
  CountingServer server([](const wv::sandbox::Request&, int n) {
    return n <= 3 ? Response::json(n == 1 ? 500 : n == 2 ? 502 : 503, "busy")
                  : Response::json(200, "ok");
  });
  CurlHttpClient client(test_options(), clock);
  auto r = client.send(HttpRequest::get(server.url("/x")));
  REQUIRE(r);
  CHECK(r->body == "ok");
  CHECK(server.requests() == 4);
  const auto sleeps = clock.sleeps();
  REQUIRE(sleeps.size() == 3);
  CHECK((sleeps[0] >= 50ms && sleeps[0] <= 100ms));
  CHECK((sleeps[1] >= 100ms && sleeps[1] <= 200ms));
  CHECK((sleeps[2] >= 200ms && sleeps[2] <= 400ms));
}

TEST_CASE("Retry-After in seconds is honoured", "[http][retry][curl]") {
  FakeClock clock;
  CountingServer server([](const wv::sandbox::Request&, int n) {
    if (n > 1) return Response::json(200, "ok");
    Response r = Response::json(503, "maintenance");
    r.headers.emplace_back("Retry-After", "30");
    return r;
  });
  CurlHttpClient client(test_options(), clock);
  REQUIRE(client.send(HttpRequest::get(server.url("/x"))));
  REQUIRE(clock.sleeps().size() == 1);
  CHECK(clock.sleeps()[0] >= 30s);
  CHECK(clock.sleeps()[0] <= 31s);
}

TEST_CASE("Retry-After as an HTTP date is honoured", "[http][retry][curl]") {
  FakeClock clock;  // 2026-01-01T00:00:00Z, a Thursday
  CountingServer server([](const wv::sandbox::Request&, int n) {
    if (n > 1) return Response::json(200, "ok");
    Response r = Response::json(429, "slow down");
    r.headers.emplace_back("Retry-After", "Thu, 01 Jan 2026 00:00:42 GMT");
    return r;
  });
  CurlHttpClient client(test_options(), clock);
  REQUIRE(client.send(post(server.url("/x"))));  // a 429 is repeated even for a POST
  REQUIRE(clock.sleeps().size() == 1);
  CHECK(clock.sleeps()[0] >= 42s);
  CHECK(clock.sleeps()[0] <= 43s);
  CHECK(server.requests() == 2);
}

TEST_CASE("Visma's 'Try again in N seconds' is honoured and pauses the whole client",
          "[http][retry][curl]") {
  FakeClock clock;
  std::mutex mutex;
  std::vector<wv::Timestamp> arrivals;
  CountingServer server([&](const wv::sandbox::Request&, int n) {
    {
      std::lock_guard lock(mutex);
      arrivals.push_back(clock.now());
    }
    return n == 1 ? Response::json(429, kVisma429) : Response::json(201, "{}");
  });
  auto options = test_options();
  options.max_in_flight = 1;
  CurlHttpClient client(options, clock);
  const auto t0 = clock.now();
  std::vector<HttpRequest> batch{post(server.url("/v2/orders")), post(server.url("/v2/orders"))};
  auto results = client.send_all(batch);
  for (auto& r : results) REQUIRE(r);
  REQUIRE(arrivals.size() == 3);
  CHECK(arrivals[0] == t0);
  // Both the retry and the next request waited the 55 seconds Visma asked for.
  CHECK(arrivals[1] >= t0 + 55s);
  CHECK(arrivals[2] >= t0 + 55s);
  CHECK(arrivals[2] <= t0 + 57s);
}

TEST_CASE("retries stop after max_retries with a Transient error that keeps the server's words",
          "[http][retry][curl]") {
  FakeClock clock;
  CountingServer server([](const wv::sandbox::Request&, int) {
    Response r = Response::json(429, kVisma429);
    r.headers.emplace_back("Retry-After", "20");  // a header wins over the body's text
    return r;
  });
  auto options = test_options();
  options.retry.max_retries = 2;
  CurlHttpClient client(options, clock);
  auto r = client.send(HttpRequest::get(server.url("/v2/articles")));
  REQUIRE_FALSE(r);
  CHECK(server.requests() == 3);
  const wv::Error& e = r.error();
  CHECK(e.kind == ErrorKind::Transient);
  CHECK(e.http_status == 429);
  CHECK(e.retry_after == 20s);
  CHECK(e.remote_code == "4010");
  CHECK_FALSE(e.ambiguous);
  CHECK(e.message.find("127.0.0.1") != std::string::npos);
  CHECK(e.message.find("HTTP 429") != std::string::npos);
  CHECK(e.message.find("3 attempts") != std::string::npos);
  CHECK(e.message.find("API calls quota exceeded") != std::string::npos);
  CHECK(e.message.find('\n') == std::string::npos);
}

TEST_CASE("a server asking for a very long wait is not waited for", "[http][retry][curl]") {
  FakeClock clock;
  CountingServer server([](const wv::sandbox::Request&, int) {
    Response r = Response::json(503, "down for maintenance");
    r.headers.emplace_back("Retry-After", "3600");
    return r;
  });
  CurlHttpClient client(test_options(), clock);
  auto r = client.send(HttpRequest::get(server.url("/x")));
  REQUIRE_FALSE(r);
  CHECK(server.requests() == 1);
  CHECK(clock.total_slept() == 0ms);
  CHECK(r.error().retry_after == 3600s);
  CHECK(r.error().http_status == 503);
}

TEST_CASE("a non-idempotent request is not repeated after it may have arrived",
          "[http][retry][curl]") {
  FakeClock clock;
  auto options = test_options();
  options.total_timeout = 300ms;
  CountingServer server([](const wv::sandbox::Request& r, int) {
    Response response = Response::json(201, "{}");
    if (r.path == "/close") response.fault = Fault::CloseBeforeResponse;
    if (r.path == "/truncate") response.fault = Fault::TruncateBody;
    if (r.path == "/slow") response.delay = 1000ms;
    if (r.path == "/error") response = Response::json(500, R"({"message":"boom"})");
    return response;
  });
  CurlHttpClient client(options, clock);
  for (const char* path : {"/close", "/truncate", "/slow", "/error"}) {
    INFO(path);
    const int before = server.requests();
    auto r = client.send(post(server.url(path)));
    REQUIRE_FALSE(r);
    CHECK(server.requests() == before + 1);
    CHECK(r.error().kind == ErrorKind::Transient);
    CHECK(r.error().ambiguous);
    CHECK(r.error().message.find("127.0.0.1") != std::string::npos);
  }
  CHECK(clock.total_slept() == 0ms);
  // The same failures are repeated for an idempotent request.
  options.retry.max_retries = 1;
  CurlHttpClient again(options, clock);
  for (const char* path : {"/close", "/slow", "/error"}) {
    INFO(path);
    const int before = server.requests();
    auto r = again.send(HttpRequest::get(server.url(path)));
    REQUIRE_FALSE(r);
    CHECK(server.requests() == before + 2);
    CHECK(r.error().message.find("2 attempts") != std::string::npos);
  }
}

namespace {

// A clock whose first sleep brings a server up on a port that refused the first attempt.
class StartingClock final : public wv::Clock {
 public:
  StartingClock(FakeClock& inner, std::function<void()> on_first_sleep)
      : inner_(inner), on_first_sleep_(std::move(on_first_sleep)) {}
  wv::Timestamp now() const override { return inner_.now(); }
  void sleep_for(std::chrono::milliseconds d) const override {
    if (on_first_sleep_) std::exchange(on_first_sleep_, nullptr)();
    inner_.sleep_for(d);
  }

 private:
  FakeClock& inner_;
  mutable std::function<void()> on_first_sleep_;
};

}  // namespace

TEST_CASE("a non-idempotent request is repeated after connection refused", "[http][retry][curl]") {
  const std::uint16_t port = wv::testing::closed_port();
  std::unique_ptr<CountingServer> server;
  FakeClock fake;
  StartingClock clock(fake, [&] {
    server = std::make_unique<CountingServer>(
        [](const wv::sandbox::Request&, int) { return Response::json(201, "created"); },
        std::nullopt, port);
  });
  CurlHttpClient client(test_options(), clock);
  auto r = client.send(post("http://127.0.0.1:" + std::to_string(port) + "/v2/orders"));
  REQUIRE(r);
  CHECK(r->status == 201);
  REQUIRE(server);
  CHECK(server->requests() == 1);
  CHECK(fake.sleeps().size() == 1);
}

TEST_CASE("network failures name the host and end Transient, not ambiguous when nothing was sent",
          "[http][retry][curl]") {
  FakeClock clock;
  const std::uint16_t port = wv::testing::closed_port();
  CurlHttpClient client(test_options(), clock);
  auto refused = client.send(post("http://127.0.0.1:" + std::to_string(port) + "/x"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::Transient);
  CHECK_FALSE(refused.error().ambiguous);
  CHECK(refused.error().message.find("cannot connect to 127.0.0.1:" + std::to_string(port)) == 0);
  CHECK(refused.error().message.find("4 attempts") != std::string::npos);
  CHECK(clock.sleeps().size() == 3);

  auto dns = client.send(HttpRequest::get("http://" + wv::testing::unresolvable_host() + "/x"));
  REQUIRE_FALSE(dns);
  CHECK(dns.error().kind == ErrorKind::Transient);
  CHECK(dns.error().message.find(wv::testing::unresolvable_host()) != std::string::npos);

  auto bad = client.send(HttpRequest::get("ftp://127.0.0.1/x"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::Config);
}

TEST_CASE("a non-idempotent request is not silently re-sent by curl on a reused connection",
          "[http][retry][curl]") {
  // libcurl repeats a request on a fresh connection when a reused one yields nothing, POSTs
  // included; if the server had acted on it, that would be a duplicate.
  FakeClock clock;
  CountingServer server([](const wv::sandbox::Request& r, int) {
    Response response = Response::json(201, "{}");
    if (r.path == "/close") response.fault = Fault::CloseBeforeResponse;
    return response;
  });
  CurlHttpClient client(test_options(), clock);
  REQUIRE(client.send(HttpRequest::get(server.url("/warm-up"))));  // leaves a connection open
  auto r = client.send(post(server.url("/close")));
  REQUIRE_FALSE(r);
  CHECK(r.error().ambiguous);
  CHECK(server.requests() == 2);
  // Idempotent requests still reuse connections.
  REQUIRE(client.send(HttpRequest::get(server.url("/a"))));
  REQUIRE(client.send(HttpRequest::get(server.url("/b"))));
  CHECK(server.connections() <= 3);
}
