#pragma once
// Helpers for the Visma emulator tests: a fixture that owns an emulator of the demo company on a
// fake clock, with a full-scope access token.

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/request_util.hpp"
#include "sandbox/visma/visma_emulator.hpp"
#include "tests/support/fake_clock.hpp"

namespace wv::testing {

inline Timestamp at(const char* iso) { return *parse_timestamp(iso); }

using sandbox::Response;
using sandbox::Json;

inline Json body_of(const Response& r) {
  auto parsed = sandbox::parse_json(r.body);
  INFO("body: " << r.body);
  REQUIRE(parsed);
  return *parsed;
}

/// The DeveloperErrorMessage of an error answer.
inline std::string message(const Response& r) { return body_of(r).str("DeveloperErrorMessage"); }

inline std::string header_of(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (ascii_iequals(k, name)) return v;
  }
  return {};
}

/// An emulator of the demo company at 2026-03-10T09:00:00Z, and a full-scope access token.
struct VismaFixture {
  FakeClock clock{at("2026-03-10T09:00:00Z")};
  sandbox::visma::VismaEmulator emu{clock};
  std::string token;

  VismaFixture() {
    emu.seed_demo();
    token = emu.issue_tokens_for_tests().access_token;
  }

  /// Lets `d` pass, with a fresh access token afterwards (the old one may have expired).
  void pass(std::chrono::milliseconds d) {
    clock.advance(d);
    token = emu.issue_tokens_for_tests().access_token;
  }

  Response call(const std::string& method, const std::string& target, const std::string& body = {},
                const std::string& bearer = "") {
    std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + (bearer.empty() ? token : bearer)}};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    auto r = emu.handle(sandbox::visma::make_request(method, target, body, headers));
    REQUIRE(r);
    return *r;
  }
  Json get(const std::string& target) {
    auto r = call("GET", target);
    INFO(target << " → " << r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return body_of(r);
  }
  Response control(const std::string& method, const std::string& target, const std::string& body = {}) {
    auto r = emu.control(sandbox::visma::make_request(method, target, body));
    REQUIRE(r);
    return *r;
  }
  Json control_ok(const std::string& method, const std::string& target, const std::string& body = {}) {
    auto r = control(method, target, body);
    INFO(method << " " << target << " → " << r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return body_of(r);
  }
  /// The id of the demo article with SKU `number`.
  std::string article_id(const std::string& number) {
    auto list = get("/v2/articles?$filter=Number%20eq%20'" + number + "'");
    REQUIRE(list["Data"].items().size() == 1);
    return list["Data"].items()[0].str("Id");
  }
  /// The id of the demo customer named `name`.
  std::string customer_id(const std::string& name) {
    auto list = get("/v2/customers?$filter=Name%20eq%20'" + name + "'");
    REQUIRE(list["Data"].items().size() == 1);
    return list["Data"].items()[0].str("Id");
  }
};

/// The ErrorCode of a Visma error answer.
inline long long error_code(const Response& r) { return body_of(r).integer_or("ErrorCode", -1); }

}  // namespace wv::testing
