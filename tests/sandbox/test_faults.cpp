// Fault injection: each kind over real sockets through a Sandbox with a fake emulator, the
// scoping and counting rules, the seeded share, and the control API.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <regex>

#include "sandbox/sandbox.hpp"
#include "tests/sandbox/curl_fetch.hpp"
#include "tests/sandbox/fake_emulator.hpp"

using namespace wv::sandbox;
using namespace wv::testing;
using namespace std::chrono_literals;

namespace {

struct Running {
  std::shared_ptr<FakeEmulator> emulator = std::make_shared<FakeEmulator>();
  std::unique_ptr<Sandbox> sandbox;

  explicit Running(SandboxOptions options = {}) {
    sandbox = std::make_unique<Sandbox>(options, std::vector<std::shared_ptr<Emulator>>{emulator});
    REQUIRE(sandbox->start().has_value());
  }
  Fetched get(const std::string& target) { return fetch(sandbox->base_url() + target); }
  Fetched post(const std::string& target, const std::string& body) {
    return fetch(sandbox->base_url() + target, FetchOptions().post(body));
  }
  Fetched control(const std::string& method, const std::string& body = "") {
    return fetch(sandbox->base_url() + "/_sandbox/faults", FetchOptions().post(body).with_method(method));
  }
};

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  return document;
}

bool is_guid(const std::string& text) {
  static const std::regex guid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  return std::regex_match(text, guid);
}

FaultRule rule(FaultKind kind, std::string method = "", std::string path = "", std::optional<int> count = std::nullopt) {
  FaultRule r;
  r.kind = kind;
  r.method = std::move(method);
  r.path_prefix = std::move(path);
  r.count = count;
  return r;
}

}  // namespace

TEST_CASE("server_error answers 5xx in the API's style without processing", "[sandbox][faults]") {
  Running running;
  running.sandbox->faults().add(rule(FaultKind::ServerError, "POST", "/v2/customers", 2));
  FaultRule woo = rule(FaultKind::ServerError, "", "/wp-json/", 1);
  woo.status = 503;
  running.sandbox->faults().add(woo);

  for (int i = 0; i < 2; ++i) {
    Fetched got = running.post("/v2/customers", "{}");
    CHECK(got.status == 500);
    auto body = parse(got.body);
    REQUIRE(body.IsObject());
    CHECK(body["ErrorCode"].GetInt() == 5000);
    CHECK(std::string(body["DeveloperErrorMessage"].GetString()).size() > 0);
    CHECK(is_guid(body["ErrorId"].GetString()));
  }
  CHECK(running.emulator->handled == 0);
  CHECK(running.post("/v2/customers", "{}").status == 201);
  CHECK(running.emulator->customer_count() == 1);

  Fetched woo_answer = running.get("/wp-json/wc/v3/orders");
  CHECK(woo_answer.status == 503);
  auto body = parse(woo_answer.body);
  REQUIRE(body.IsObject());
  CHECK(std::string(body["code"].GetString()) == "internal_server_error");
  CHECK(body["data"]["status"].GetInt() == 503);
  CHECK(running.get("/wp-json/wc/v3/orders").status == 200);
}

TEST_CASE("rate_limit answers a storm of 429 with Visma's exact body", "[sandbox][faults]") {
  Running running;
  REQUIRE(running.control("POST", R"({"rules":[{"kind":"rate_limit","path":"/v2/","count":3,"retry_after":2,
                                               "retry_after_header":true}]})").status == 200);
  for (int i = 0; i < 3; ++i) {
    Fetched got = running.get("/v2/customers");
    CHECK(got.status == 429);
    CHECK(got.headers["retry-after"] == "2");
    auto body = parse(got.body);
    REQUIRE(body.IsObject());
    CHECK(body.MemberCount() == 3);
    CHECK(body["ErrorCode"].GetInt() == 4010);
    CHECK(std::string(body["DeveloperErrorMessage"].GetString()) ==
          "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 2 seconds.");
    CHECK(is_guid(body["ErrorId"].GetString()));
  }
  CHECK(running.get("/v2/customers").status == 200);
  CHECK(running.emulator->handled == 1);

  running.sandbox->faults().add(rule(FaultKind::RateLimit, "", "/wp-json/", 1));
  Fetched woo = running.get("/wp-json/wc/v3/orders");
  CHECK(woo.status == 429);
  CHECK(woo.headers.count("retry-after") == 0);
  CHECK(parse(woo.body)["data"]["status"].GetInt() == 429);
}

TEST_CASE("close_after_commit processes the request and never answers", "[sandbox][faults]") {
  Running running;
  running.sandbox->faults().add(rule(FaultKind::CloseAfterCommit, "POST", "/v2/customers", 1));
  Fetched lost = running.post("/v2/customers", R"({"Name":"Anna"})");
  CHECK(lost.code == CURLE_GOT_NOTHING);
  CHECK(running.emulator->customer_count() == 1);
  Fetched listed = running.get("/v2/customers");
  CHECK(listed.body == R"([{"id":1,"body":"15"}])");
  CHECK(running.sandbox->log().requests().front().fault == "close_after_commit");
  CHECK(running.sandbox->log().requests().front().status == 201);
}

TEST_CASE("truncate_body, malformed_body and slow_body damage processed answers", "[sandbox][faults]") {
  Running running;
  SECTION("truncate_body") {
    running.sandbox->faults().add(rule(FaultKind::TruncateBody, "GET", "/v2/customers/", 1));
    Fetched got = running.get("/v2/customers/7");
    CHECK(got.code == CURLE_PARTIAL_FILE);
    CHECK(running.emulator->handled == 1);
  }
  SECTION("malformed_body keeps the status and breaks the JSON") {
    running.sandbox->faults().add(rule(FaultKind::MalformedBody, "GET", "/v2/customers/", 1));
    Fetched got = running.get("/v2/customers/7");
    CHECK(got.code == CURLE_OK);
    CHECK(got.status == 200);
    CHECK(parse(got.body).HasParseError());
    CHECK_FALSE(parse(running.get("/v2/customers/7").body).HasParseError());
  }
  SECTION("slow_body") {
    running.sandbox->faults().add(rule(FaultKind::SlowBody, "GET", "/v2/customers/", 1));
    Fetched got = running.get("/v2/customers/7");
    CHECK(got.code == CURLE_OK);
    CHECK(parse(got.body).IsObject());
    CHECK(got.seconds >= 0.25);
  }
}

TEST_CASE("latency rules and the global latency delay answers", "[sandbox][faults]") {
  SandboxOptions options;
  options.latency = 60ms;
  Running running(options);
  FaultRule slow = rule(FaultKind::Latency, "", "/wp-json/", 1);
  slow.latency = 100ms;
  running.sandbox->faults().add(slow);
  CHECK(running.get("/wp-json/wc/v3/orders").seconds >= 0.16);
  CHECK(running.get("/v2/customers").seconds >= 0.06);
  CHECK(running.sandbox->log().requests().front().duration >= 160ms);
  // Control requests are not delayed.
  CHECK(running.sandbox->handle(request("GET", "/_sandbox/log")).delay == 0ms);
  CHECK(running.sandbox->handle(request("GET", "/v2/customers")).delay == 60ms);
}

TEST_CASE("Rules match by method and path prefix and stop after their count", "[sandbox][faults]") {
  FaultInjector injector;
  injector.add(rule(FaultKind::ServerError, "POST", "/v2/customers", 2));
  CHECK_FALSE(injector.before(request("GET", "/v2/customers")).answer);
  CHECK_FALSE(injector.before(request("POST", "/v2/articles")).answer);
  CHECK_FALSE(injector.before(request("POST", "/wp-json/wc/v3/customers")).answer);
  CHECK(injector.before(request("POST", "/v2/customers/5")).answer);
  CHECK(injector.before(request("POST", "/v2/customers")).fault == "server_error");
  CHECK_FALSE(injector.before(request("POST", "/v2/customers")).answer);
  CHECK(injector.rules().at(0).fired == 2);
}

TEST_CASE("Damaging rules only count requests that were processed", "[sandbox][faults]") {
  FaultInjector injector;
  injector.add(rule(FaultKind::RateLimit, "", "", 1));
  injector.add(rule(FaultKind::CloseAfterCommit, "", "", 1));
  Request r = request("POST", "/v2/customers");
  CHECK(injector.before(r).answer->status == 429);
  CHECK(injector.rules().at(1).fired == 0);
  CHECK_FALSE(injector.before(r).answer);
  Response response = Response::json(201, "{}");
  CHECK(injector.after(r, response) == "close_after_commit");
  CHECK(response.fault == Fault::CloseBeforeResponse);
  Response next = Response::json(201, "{}");
  CHECK(injector.after(r, next).empty());
  CHECK(next.fault == Fault::None);
}

TEST_CASE("A share hits about that share of requests, reproducibly per seed", "[sandbox][faults]") {
  auto pattern = [](std::uint64_t seed) {
    FaultInjector injector(seed);
    FaultRule r = rule(FaultKind::ServerError);
    r.share = 0.3;
    injector.add(r);
    std::string hits;
    for (int i = 0; i < 400; ++i) hits += injector.before(request("GET", "/v2/articles")).answer ? 'x' : '.';
    return hits;
  };
  std::string first = pattern(42);
  auto hits = std::count(first.begin(), first.end(), 'x');
  CHECK(hits > 80);
  CHECK(hits < 160);
  CHECK(pattern(42) == first);
  CHECK(pattern(43) != first);

  FaultInjector injector(1);
  REQUIRE(injector.configure(R"({"seed":42,"rules":[{"kind":"server_error","share":0.3}]})").has_value());
  std::string configured;
  for (int i = 0; i < 400; ++i) configured += injector.before(request("GET", "/v2/articles")).answer ? 'x' : '.';
  CHECK(configured == first);
}

TEST_CASE("The faults control API adds, lists, replaces and clears rules", "[sandbox][faults]") {
  Running running;
  Fetched added = running.control("POST", R"({"kind":"latency","latency_ms":5,"method":"get","path":"/v2/"})");
  CHECK(added.status == 200);
  auto listed = parse(running.control("GET").body);
  REQUIRE(listed["rules"].Size() == 1);
  CHECK(std::string(listed["rules"][0]["kind"].GetString()) == "latency");
  CHECK(std::string(listed["rules"][0]["method"].GetString()) == "GET");
  CHECK(listed["rules"][0]["latency_ms"].GetInt() == 5);

  running.get("/v2/customers");
  CHECK(parse(running.control("GET").body)["rules"][0]["fired"].GetInt() == 1);

  running.control("POST", R"({"replace":true,"rules":[{"kind":"slow_body","count":1},{"kind":"truncate_body"}]})");
  CHECK(running.sandbox->faults().rules().size() == 2);

  Fetched cleared = running.control("DELETE");
  CHECK(cleared.status == 200);
  CHECK(running.sandbox->faults().rules().empty());
}

TEST_CASE("The faults control API refuses bad documents and names the field", "[sandbox][faults]") {
  Running running;
  auto refused = [&](const std::string& body, const std::string& expected) {
    Fetched got = running.control("POST", body);
    CHECK(got.status == 400);
    auto document = parse(got.body);
    REQUIRE(document.IsObject());
    std::string message = document["message"].GetString();
    CHECK_THAT(message, Catch::Contains(expected));
  };
  refused("{not json", "not valid JSON");
  refused("[]", "must be a JSON object");
  refused(R"({"kind":"explode"})", "unknown kind \"explode\"");
  refused(R"({"rules":[{"kind":"server_error","status":404}]})", "rules[0].status");
  refused(R"({"rules":[{"kind":"rate_limit"},{"kind":"latency"}]})", "rules[1].latency_ms");
  refused(R"({"kind":"rate_limit","status":500})", "applies only to kind server_error");
  refused(R"({"kind":"slow_body","share":0})", "rule.share");
  refused(R"({"kind":"slow_body","path":"v2"})", "rule.path");
  refused(R"({"kind":"slow_body","count":0})", "rule.count");
  refused(R"({"kind":"slow_body","colour":"red"})", "rule.colour: unknown field");
  refused(R"({"rulez":[]})", "rulez: unknown field");
  CHECK(running.sandbox->faults().rules().empty());
  CHECK(running.control("PUT", "{}").status == 405);
}

TEST_CASE("Faults never hit the sandbox's own control routes", "[sandbox][faults]") {
  Running running;
  running.sandbox->faults().add(rule(FaultKind::ServerError));
  running.sandbox->faults().add(rule(FaultKind::CloseAfterCommit));
  CHECK(running.get("/_sandbox/log").status == 200);
  CHECK(running.get("/_sandbox/fake/count").status == 200);
  CHECK(running.control("DELETE").status == 200);
  CHECK(running.get("/v2/customers").status == 200);
}
