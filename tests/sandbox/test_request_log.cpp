// The request log: normalised endpoints, counts, writes, and its JSON at /_sandbox/log.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "sandbox/request_log.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/sandbox/curl_fetch.hpp"
#include "tests/sandbox/fake_emulator.hpp"

using namespace wv::sandbox;
using namespace wv::testing;

TEST_CASE("normalise_path replaces numeric and GUID segments by {id}", "[sandbox][request_log]") {
  CHECK(normalise_path("/wp-json/wc/v3/orders/123/notes") == "/wp-json/wc/v3/orders/{id}/notes");
  CHECK(normalise_path("/v2/customers/0b5d0f8e-3f5c-4c4c-9d8e-3a1b2c3d4e5f") == "/v2/customers/{id}");
  CHECK(normalise_path("/v2/customers/0B5D0F8E-3F5C-4C4C-9D8E-3A1B2C3D4E5F/x") == "/v2/customers/{id}/x");
  CHECK(normalise_path("/v2/articles/{0b5d0f8e-3f5c-4c4c-9d8e-3a1b2c3d4e5f}") == "/v2/articles/{id}");
  CHECK(normalise_path("/wp-json/wc/v3/products/12/variations/34") == "/wp-json/wc/v3/products/{id}/variations/{id}");
  CHECK(normalise_path("/v2/articles") == "/v2/articles");
  CHECK(normalise_path("/wp-json/wc/v3/orders/12a") == "/wp-json/wc/v3/orders/12a");
  CHECK(normalise_path("/v2/customers/0b5d0f8e-3f5c-4c4c-9d8e") == "/v2/customers/0b5d0f8e-3f5c-4c4c-9d8e");
  CHECK(normalise_path("/") == "/");
  CHECK(normalise_path("/v2/articles/") == "/v2/articles/");
}

TEST_CASE("The request log counts endpoints, totals and writes", "[sandbox][request_log]") {
  RequestLog log;
  log.record({"GET", "/v2/articles", "$page=1", 200, std::chrono::milliseconds(3), ""});
  log.record({"GET", "/v2/articles/5", "", 200, {}, ""});
  log.record({"GET", "/v2/articles/6", "", 404, {}, ""});
  log.record({"PUT", "/v2/articles/6", "", 200, {}, ""});
  log.record({"POST", "/wp-json/wc/v3/orders/7/notes", "", 201, {}, "close_after_commit"});
  log.record({"HEAD", "/v2/articles", "", 200, {}, ""});
  CHECK(log.total() == 6);
  CHECK(log.writes() == 2);
  CHECK(log.count("GET /v2/articles/{id}") == 2);
  CHECK(log.count("GET /v2/articles") == 1);
  CHECK(log.count("DELETE /v2/articles") == 0);
  CHECK(log.counts().size() == 5);
  REQUIRE(log.requests().size() == 6);
  CHECK(log.requests()[4].fault == "close_after_commit");

  rapidjson::Document json;
  json.Parse(log.to_json().c_str());
  REQUIRE(json.IsObject());
  CHECK(json["total"].GetInt() == 6);
  CHECK(json["writes"].GetInt() == 2);
  CHECK(json["counts"]["POST /wp-json/wc/v3/orders/{id}/notes"].GetInt() == 1);
  CHECK(std::string(json["requests"][0]["query"].GetString()) == "$page=1");
  CHECK(json["requests"][0]["duration_ms"].GetInt() == 3);
  CHECK(std::string(json["requests"][4]["fault"].GetString()) == "close_after_commit");
  CHECK_FALSE(json["requests"][0].HasMember("fault"));

  log.clear();
  CHECK(log.total() == 0);
  CHECK(log.writes() == 0);
  CHECK(log.requests().empty());
  CHECK(log.counts().empty());
}

TEST_CASE("The request log keeps the newest requests in full and counts all", "[sandbox][request_log]") {
  RequestLog log;
  for (std::size_t i = 0; i < RequestLog::kKeptRequests + 5; ++i) {
    log.record({"GET", "/v2/articles/" + std::to_string(i), "", 200, {}, ""});
  }
  CHECK(log.total() == RequestLog::kKeptRequests + 5);
  CHECK(log.requests().size() == RequestLog::kKeptRequests);
  CHECK(log.requests().front().path == "/v2/articles/5");
}

TEST_CASE("GET and DELETE /_sandbox/log serve and clear the log", "[sandbox][request_log]") {
  Sandbox sandbox({}, {std::make_shared<FakeEmulator>()});
  REQUIRE(sandbox.start().has_value());
  std::string base = sandbox.base_url();
  fetch(base + "/v2/customers");
  fetch(base + "/v2/customers", FetchOptions().post("{}"));
  fetch(base + "/wp-json/wc/v3/orders/12");
  fetch(base + "/_sandbox/fake/count");

  Fetched got = fetch(base + "/_sandbox/log");
  CHECK(got.status == 200);
  CHECK(got.headers["content-type"].starts_with("application/json"));
  rapidjson::Document json;
  json.Parse(got.body.c_str());
  REQUIRE(json.IsObject());
  CHECK(json["total"].GetInt() == 3);
  CHECK(json["writes"].GetInt() == 1);
  CHECK(json["counts"]["GET /v2/customers"].GetInt() == 1);
  CHECK(json["counts"]["POST /v2/customers"].GetInt() == 1);
  CHECK(json["counts"]["GET /wp-json/wc/v3/orders/{id}"].GetInt() == 1);
  CHECK(json["requests"][1]["status"].GetInt() == 201);

  CHECK(fetch(base + "/_sandbox/log", FetchOptions().with_method("DELETE")).status == 200);
  CHECK(sandbox.log().total() == 0);
  CHECK(fetch(base + "/_sandbox/log", FetchOptions().post("{}")).status == 405);
}
