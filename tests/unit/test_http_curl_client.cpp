// CurlHttpClient against a real local server: methods, headers, compression, size cap,
// connection reuse, send_all's ordering and concurrency bound, proxies from the environment.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include "core/http/curl_client.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/unit/http_test_server.hpp"

using namespace std::chrono_literals;
using wv::CurlHttpClient;
using wv::HttpRequest;
using wv::sandbox::Response;
using wv::testing::CountingServer;
using wv::testing::FakeClock;
using wv::testing::test_options;

TEST_CASE("curl client sends methods, headers and bodies and returns any status",
          "[http][curl]") {
  CountingServer server([](const wv::sandbox::Request& r, int) {
    if (r.path == "/missing") return Response::json(404, R"({"code":"not_found"})");
    Response response = Response::json(201, r.method + " " + r.raw_target + " " + r.body);
    response.headers.emplace_back("X-Echo-Type", r.header("content-type").value_or("-"));
    return response;
  });
  CurlHttpClient client(test_options());

  HttpRequest post{"POST", server.url("/v2/orders?x=1"), {{"Content-Type", "application/json"}},
                   R"({"a":1})", false};
  auto created = client.send(post);
  REQUIRE(created);
  CHECK(created->status == 201);
  CHECK(created->body == R"(POST /v2/orders?x=1 {"a":1})");
  CHECK(created->header("x-echo-type") == "application/json");
  CHECK(created->header("content-type") == "application/json; charset=UTF-8");

  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    auto r = client.send({method, server.url("/v2/orders/7"), {}, "body", true});
    REQUIRE(r);
    CHECK(r->body == std::string(method) + " /v2/orders/7 body");
  }
  auto empty_post = client.send({"POST", server.url("/convert"), {}, "", false});
  REQUIRE(empty_post);
  CHECK(empty_post->body == "POST /convert ");

  auto missing = client.send(HttpRequest::get(server.url("/missing")));
  REQUIRE(missing);  // a 404 is an answer, not an error
  CHECK(missing->status == 404);
  CHECK_FALSE(missing->ok());
  CHECK(server.requests() == 6);

  const auto seen = server.seen();
  CHECK(seen.front().header("user-agent") == wv::default_user_agent());
  CHECK(wv::default_user_agent().starts_with("woovisma/"));
  CHECK_FALSE(seen.front().header("expect").has_value());
}

TEST_CASE("curl client asks for compression and decodes gzip", "[http][curl]") {
  const std::string big(200'000, 'x');
  CountingServer server([&](const wv::sandbox::Request&, int) { return Response::json(200, big); });
  CurlHttpClient client(test_options());
  auto r = client.send(HttpRequest::get(server.url("/big")));
  REQUIRE(r);
  CHECK(r->header("content-encoding") == "gzip");  // it did travel compressed
  CHECK(r->body == big);
  const auto accept = server.seen().front().header("accept-encoding");
  REQUIRE(accept);
  CHECK(accept->find("gzip") != std::string::npos);
}

TEST_CASE("curl client caps the response size", "[http][curl]") {
  auto options = test_options();
  options.max_response_bytes = 100'000;
  const std::string big(150'000, 'y');
  CountingServer server([&](const wv::sandbox::Request& r, int) {
    Response response = Response::json(200, big);
    // /plain: naming an encoding stops the server's own gzip, so Content-Length announces the
    // size; /gzip arrives small and only grows past the cap while being decoded.
    if (r.path == "/plain") response.headers.emplace_back("Content-Encoding", "identity");
    return response;
  });
  CurlHttpClient client(options);
  for (const char* path : {"/plain", "/gzip"}) {
    INFO(path);
    auto r = client.send(HttpRequest::get(server.url(path)));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == wv::ErrorKind::Transient);
    CHECK(r.error().message.find("larger than 100000 bytes") != std::string::npos);
    CHECK(r.error().message.find("http.max_response_bytes") != std::string::npos);
  }
  CHECK(server.requests() == 2);  // not repeated: it would be just as large again
  options.max_response_bytes = 150'000;  // exactly the size is allowed
  CurlHttpClient roomy(options);
  auto fits = roomy.send(HttpRequest::get(server.url("/plain")));
  REQUIRE(fits);
  CHECK(fits->body.size() == 150'000);
}

TEST_CASE("curl client reuses its connection", "[http][curl]") {
  CountingServer server([](const wv::sandbox::Request&, int n) {
    return Response::json(200, std::to_string(n));
  });
  CurlHttpClient client(test_options());
  for (int i = 1; i <= 10; ++i) {
    auto r = client.send(HttpRequest::get(server.url("/n")));
    REQUIRE(r);
    CHECK(r->body == std::to_string(i));
  }
  CHECK(server.connections() == 1);
  std::vector<HttpRequest> batch(12, HttpRequest::get(server.url("/n")));
  for (auto& r : client.send_all(batch)) REQUIRE(r);
  for (auto& r : client.send_all(batch)) REQUIRE(r);
  CHECK(server.connections() <= test_options().max_in_flight);
  CHECK(server.requests() == 34);
}

TEST_CASE("send_all keeps the order and bounds the requests in flight", "[http][curl]") {
  CountingServer server([](const wv::sandbox::Request& r, int) {
    std::this_thread::sleep_for(20ms);  // long enough for the others to pile up
    return Response::json(r.path == "/item/5" ? 404 : 200, r.path);
  });
  auto options = test_options();
  options.max_in_flight = 3;
  CurlHttpClient client(options);
  std::vector<HttpRequest> batch;
  for (int i = 0; i < 20; ++i) batch.push_back(HttpRequest::get(server.url("/item/" + std::to_string(i))));
  auto results = client.send_all(batch);
  REQUIRE(results.size() == 20);
  for (int i = 0; i < 20; ++i) {
    REQUIRE(results[i]);
    CHECK(results[i]->body == "/item/" + std::to_string(i));
  }
  CHECK(results[5]->status == 404);
  CHECK(server.max_concurrent() == 3);
  CHECK(server.connections() == 3);
  CHECK(client.send_all({}).empty());
}

TEST_CASE("send_all paces requests with the client's rate limit", "[http][curl][rate]") {
  FakeClock clock;
  std::mutex mutex;
  std::vector<wv::Timestamp> arrivals;
  CountingServer server([&](const wv::sandbox::Request&, int) {
    std::lock_guard lock(mutex);
    arrivals.push_back(clock.now());
    return Response::json(200, "{}");
  });
  auto options = test_options();
  options.requests_per_minute = 5;
  CurlHttpClient client(options, clock);
  const auto t0 = clock.now();
  std::vector<HttpRequest> batch(12, HttpRequest::get(server.url("/paced")));
  for (auto& r : client.send_all(batch)) REQUIRE(r);
  REQUIRE(arrivals.size() == 12);
  std::sort(arrivals.begin(), arrivals.end());
  for (std::size_t i = 5; i < arrivals.size(); ++i) CHECK(arrivals[i] - arrivals[i - 5] >= 60s);
  // 5 now, 5 after a minute, 2 after two: no longer. A "minute" is 61 s: the limiter's margin.
  CHECK(clock.now() - t0 == 122s);
  // The limiter is the client's: later send() calls share the batch's budget. The third
  // minute has room for three more; the fourth waits for the next minute.
  for (int i = 0; i < 3; ++i) REQUIRE(client.send(HttpRequest::get(server.url("/paced"))));
  CHECK(clock.now() - t0 == 122s);
  REQUIRE(client.send(HttpRequest::get(server.url("/paced"))));
  CHECK(clock.now() - t0 == 183s);
}

TEST_CASE("curl client uses the proxy named in the environment", "[http][curl]") {
  CountingServer proxy([](const wv::sandbox::Request& r, int) {
    return Response::json(200, "via proxy: " + r.raw_target);
  });
  struct EnvGuard {
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    void set(const char* name, const char* value) {
      const char* old = std::getenv(name);
      saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      if (value) ::setenv(name, value, 1); else ::unsetenv(name);
    }
    ~EnvGuard() {
      for (auto& [name, value] : saved) {
        if (value) ::setenv(name.c_str(), value->c_str(), 1); else ::unsetenv(name.c_str());
      }
    }
  } env;
  env.set("no_proxy", nullptr);
  env.set("NO_PROXY", nullptr);
  env.set("http_proxy", proxy.url("").c_str());
  CurlHttpClient client(test_options());
  // A host that does not resolve: only a proxy can answer for it.
  const std::string url = "http://" + wv::testing::unresolvable_host() + "/wp-json/x?a=1";
  auto r = client.send(HttpRequest::get(url));
  REQUIRE(r);
  CHECK(r->body == "via proxy: " + url);
}

TEST_CASE("curl client may be shared by threads", "[http][curl]") {
  CountingServer server([](const wv::sandbox::Request& r, int) { return Response::json(200, r.path); });
  CurlHttpClient client(test_options());
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string path = "/t" + std::to_string(t) + "/" + std::to_string(i);
        auto r = client.send(HttpRequest::get(server.url(path)));
        if (r && r->body == path) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(good == 40);
}
