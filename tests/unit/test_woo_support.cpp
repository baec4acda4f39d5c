#include "tests/unit/test_woo_support.hpp"

#include <catch2/catch.hpp>

#include "connectors/woocommerce/json_reader.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/support/fixtures.hpp"

namespace wv::testing {

void serve(FakeHttpClient& http, const std::string& prefix) {
  const Transcript t = transcript(prefix);
  http.push(t.response.status, t.response.body, t.response.headers);
}

Transcript transcript(const std::string& prefix) {
  const std::string text = woo_fixture(prefix);
  auto doc = woo::WireDocument::parse(text, "fixture " + prefix);
  REQUIRE(doc.has_value());
  const auto& root = (*doc)->root();
  const auto& request = root["request"];
  const auto& response = root["response"];

  Transcript t;
  t.method = request["method"].GetString();
  t.path = request["path"].GetString();
  for (const auto& m : request["query"].GetObject()) {
    t.query.emplace_back(m.name.GetString(), m.value.GetString());
  }
  if (!request["body"].IsNull()) t.request_body = (*doc)->compact(request["body"]);
  t.response.status = std::stoi(response["status"].GetString());
  for (const auto& m : response["headers"].GetObject()) {
    t.response.headers.push_back({m.name.GetString(), m.value.GetString()});
  }
  t.response.body = (*doc)->compact(response["body"]);
  if (root.HasMember("note")) t.note = root["note"].GetString();
  return t;
}

std::string api_path(const Transcript& t) {
  const std::string prefix = "/wp-json/wc/v3";
  REQUIRE(t.path.rfind(prefix, 0) == 0);
  return t.path.substr(prefix.size());
}

ShopConfig fixture_shop(const std::string& url) {
  ShopConfig shop;
  shop.name = "main";
  shop.url = url;
  shop.consumer_key = "ck_TEST";
  shop.consumer_secret = "cs_TEST";
  return shop;
}

woo::QueryParams query_of(const std::string& url) {
  const auto q = url.find('?');
  if (q == std::string::npos) return {};
  return woo::parse_query(std::string_view(url).substr(q + 1));
}

std::string query_value(const std::string& url, const std::string& name) {
  for (const auto& [k, v] : query_of(url)) {
    if (k == name) return v;
  }
  return "";
}

std::string without_query(const std::string& url) {
  return url.substr(0, url.find('?'));
}

}  // namespace wv::testing
