// Sandbox composition: routing between the sandbox's own routes, emulator controls and
// emulated APIs; lifecycle; seeding.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <fstream>

#include "sandbox/sandbox.hpp"
#include "tests/sandbox/curl_fetch.hpp"
#include "tests/sandbox/fake_emulator.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv::sandbox;
using namespace wv::testing;

namespace {

/// Answers every path under `prefix` with its name, so that routing order is visible.
class NamedEmulator final : public Emulator {
 public:
  NamedEmulator(std::string name, std::string prefix) : name_(std::move(name)), prefix_(std::move(prefix)) {}
  std::optional<Response> handle(const Request& request) override {
    if (!request.path.starts_with(prefix_)) return std::nullopt;
    return Response::json(200, "\"" + name_ + "\"");
  }
  std::optional<Response> control(const Request& request) override {
    if (request.path != "/_sandbox/" + name_ + "/hello") return std::nullopt;
    return Response::json(200, "\"control " + name_ + "\"");
  }
  void seed_demo() override {}
  wv::Status seed_json(std::string_view) override { return {}; }

 private:
  std::string name_;
  std::string prefix_;
};

}  // namespace

TEST_CASE("The sandbox routes to the first emulator that answers", "[sandbox][composition]") {
  Sandbox sandbox({}, {std::make_shared<NamedEmulator>("woo", "/wp-json/"),
                       std::make_shared<NamedEmulator>("visma", "/v2/"),
                       std::make_shared<NamedEmulator>("everything", "/")});
  CHECK(sandbox.handle(request("GET", "/wp-json/wc/v3/orders")).body == "\"woo\"");
  CHECK(sandbox.handle(request("GET", "/v2/articles")).body == "\"visma\"");
  CHECK(sandbox.handle(request("GET", "/other")).body == "\"everything\"");
  CHECK(sandbox.handle(request("GET", "/_sandbox/visma/hello")).body == "\"control visma\"");
  CHECK(sandbox.handle(request("GET", "/_sandbox/woo/hello")).body == "\"control woo\"");
  Response unknown_control = sandbox.handle(request("POST", "/_sandbox/nobody"));
  CHECK(unknown_control.status == 404);
  CHECK(sandbox.log().total() == 3);
}

TEST_CASE("Paths no emulator answers get a 404 in the style of their API", "[sandbox][composition]") {
  Sandbox sandbox({}, {});
  Response visma = sandbox.handle(request("GET", "/v2/nothing"));
  CHECK(visma.status == 404);
  rapidjson::Document json;
  json.Parse(visma.body.c_str());
  CHECK(json["ErrorCode"].GetInt() == 3000);
  Response woo = sandbox.handle(request("GET", "/wp-json/wc/v3/nothing"));
  json.Parse(woo.body.c_str());
  CHECK(std::string(json["code"].GetString()) == "rest_no_route");
  CHECK(json["data"]["status"].GetInt() == 404);
  Response other = sandbox.handle(request("GET", "/elsewhere"));
  CHECK(other.status == 404);
  json.Parse(other.body.c_str());
  CHECK(json.HasMember("message"));
}

TEST_CASE("Sandbox start, port, base_url and stop", "[sandbox][composition]") {
  Sandbox sandbox({}, {std::make_shared<FakeEmulator>()});
  CHECK(sandbox.port() == 0);
  REQUIRE(sandbox.start().has_value());
  CHECK(sandbox.port() != 0);
  CHECK(sandbox.base_url() == "http://127.0.0.1:" + std::to_string(sandbox.port()));
  CHECK_FALSE(sandbox.start().has_value());
  CHECK(fetch(sandbox.base_url() + "/v2/customers").status == 200);

  SandboxOptions taken;
  taken.port = sandbox.port();
  Sandbox second(taken, {});
  auto refused = second.start();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message.find(std::to_string(sandbox.port())) != std::string::npos);

  std::string base = sandbox.base_url();
  sandbox.stop();
  sandbox.stop();
  CHECK(sandbox.port() == 0);
  CHECK(fetch(base + "/v2/customers").code == CURLE_COULDNT_CONNECT);
  REQUIRE(sandbox.start().has_value());
  CHECK(fetch(sandbox.base_url() + "/v2/customers").status == 200);
}

TEST_CASE("seed_emulators loads demo data, a seed file, or nothing", "[sandbox][composition]") {
  auto fake = std::make_shared<FakeEmulator>();
  std::vector<std::shared_ptr<Emulator>> emulators{fake};
  REQUIRE(seed_emulators(emulators, "empty").has_value());
  CHECK(fake->seeded == 0);
  REQUIRE(seed_emulators(emulators, "demo").has_value());
  CHECK(fake->seeded == 1);
  CHECK(fake->customer_count() == 1);

  TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.path() / name) << text;
    return (dir.path() / name).string();
  };
  REQUIRE(seed_emulators(emulators, write("seed.json", R"({"fake":{"customers":[]}})")).has_value());
  CHECK(fake->seed_text == R"({"fake":{"customers":[]}})");

  auto broken = seed_emulators(emulators, write("broken.json", "{\"fake\":"));
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().kind == wv::ErrorKind::Config);
  CHECK_THAT(broken.error().message, Catch::Contains("broken.json") && Catch::Contains("not valid JSON"));

  auto array = seed_emulators(emulators, write("array.json", "[]"));
  REQUIRE_FALSE(array.has_value());
  CHECK_THAT(array.error().message, Catch::Contains("JSON object"));

  auto rejected = seed_emulators(emulators, write("reject.json", R"({"fake_reject":1})"));
  REQUIRE_FALSE(rejected.has_value());
  CHECK_THAT(rejected.error().message, Catch::Contains("reject.json") && Catch::Contains("fake_reject"));

  auto missing = seed_emulators(emulators, (dir.path() / "missing.json").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == wv::ErrorKind::Config);
}
