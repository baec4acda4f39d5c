#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "core/crypto.hpp"
#include "core/redact.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

std::optional<std::string> request_header(const HttpRequest& r, const std::string& name) {
  for (const auto& h : r.headers) {
    if (h.name == name) return h.value;
  }
  return std::nullopt;
}

void serve_classes(FakeHttpClient& http) {
  const Transcript t = transcript("28-");
  http.push(t.response.status, t.response.body, t.response.headers);
}

}  // namespace

TEST_CASE("Basic auth over https puts the key only in the Authorization header", "[woo][auth]") {
  FakeHttpClient http;
  serve_classes(http);
  WooClient client(fixture_shop("https://shop.example.com/"), http);
  REQUIRE(client.list_tax_classes().has_value());
  const HttpRequest r = http.requests().at(0);
  CHECK(r.url == "https://shop.example.com/wp-json/wc/v3/taxes/classes");
  CHECK(request_header(r, "Authorization") == "Basic " + base64_encode("ck_TEST:cs_TEST"));
  CHECK(request_header(r, "Accept") == "application/json");
  CHECK(r.url.find("ck_TEST") == std::string::npos);
  CHECK(r.url.find("cs_TEST") == std::string::npos);
  CHECK(r.url.find("oauth") == std::string::npos);
}

TEST_CASE("Basic auth over plain http is refused before sending", "[woo][auth]") {
  FakeHttpClient http;
  ShopConfig shop = fixture_shop("http://shop.example.com");
  shop.auth = WooAuth::Basic;
  WooClient client(shop, http);
  REQUIRE_FALSE(client.usable().has_value());
  auto classes = client.list_tax_classes();
  REQUIRE_FALSE(classes.has_value());
  CHECK(classes.error().kind == ErrorKind::Config);
  CHECK(classes.error().message ==
        "shop \"main\": WooCommerce ignores Basic credentials over plain http "
        "(http://shop.example.com); use an https:// url, or auth = \"oauth1\" (or \"auto\") for "
        "http");
  CHECK(http.requests().empty());

  shop.auth = WooAuth::Query;
  WooClient query_client(shop, http);
  REQUIRE_FALSE(query_client.usable().has_value());
  CHECK(query_client.usable().error().message.find("query-string keys") != std::string::npos);
  CHECK(http.requests().empty());
}

TEST_CASE("assume_https lets Basic through over http (a TLS proxy, the sandbox)", "[woo][auth]") {
  FakeHttpClient http;
  serve_classes(http);
  ShopConfig shop = fixture_shop("http://127.0.0.1:8080");
  shop.assume_https = true;
  WooClient client(shop, http);
  REQUIRE(client.list_tax_classes().has_value());
  const HttpRequest r = http.requests().at(0);
  CHECK(r.url == "http://127.0.0.1:8080/wp-json/wc/v3/taxes/classes");
  CHECK(request_header(r, "Authorization").has_value());
}

TEST_CASE("Query auth puts the keys in the query over https", "[woo][auth]") {
  FakeHttpClient http;
  serve_classes(http);
  ShopConfig shop = fixture_shop();
  shop.auth = WooAuth::Query;
  WooClient client(shop, http);
  REQUIRE(client.list_tax_classes().has_value());
  const HttpRequest r = http.requests().at(0);
  CHECK(query_value(r.url, "consumer_key") == "ck_TEST");
  CHECK(query_value(r.url, "consumer_secret") == "cs_TEST");
  CHECK_FALSE(request_header(r, "Authorization").has_value());
}

TEST_CASE("OAuth 1.0a may be chosen over https too", "[woo][auth]") {
  FakeHttpClient http;
  serve_classes(http);
  ShopConfig shop = fixture_shop();
  shop.auth = WooAuth::OAuth1;
  FixedClock clock;
  WooClient client(shop, http, clock);
  REQUIRE(client.list_tax_classes().has_value());
  const HttpRequest r = http.requests().at(0);
  CHECK(query_value(r.url, "oauth_consumer_key") == "ck_TEST");
  CHECK(query_value(r.url, "oauth_signature").size() == 44);
  CHECK(query_value(r.url, "oauth_nonce").size() == 32);
  CHECK_FALSE(request_header(r, "Authorization").has_value());
}

TEST_CASE("Unusable shop settings are Config errors", "[woo][auth]") {
  FakeHttpClient http;
  ShopConfig no_scheme = fixture_shop("shop.example.com");
  CHECK(WooClient(no_scheme, http).usable().error().message ==
        "shop \"main\": url \"shop.example.com\" must start with https:// (or http://)");
  ShopConfig no_secret = fixture_shop();
  no_secret.consumer_secret.clear();
  CHECK(WooClient(no_secret, http).usable().error().kind == ErrorKind::Config);
  CHECK(http.requests().empty());
}

TEST_CASE("A pasted API address is taken back to the site", "[woo][auth]") {
  FakeHttpClient http;
  serve_classes(http);
  WooClient client(fixture_shop("https://shop.example.com/wp-json/wc/v3/"), http);
  REQUIRE(client.list_tax_classes().has_value());
  CHECK(http.requests().at(0).url == "https://shop.example.com/wp-json/wc/v3/taxes/classes");
}

TEST_CASE("Secrets stay out of error messages and are registered for redaction", "[woo][auth]") {
  for (WooAuth auth : {WooAuth::Basic, WooAuth::Query, WooAuth::OAuth1}) {
    FakeHttpClient http;
    const Transcript refused = transcript("30-");
    http.push(refused.response.status, refused.response.body, refused.response.headers);
    ShopConfig shop = fixture_shop();
    shop.consumer_secret = "cs_0123456789abcdef";
    shop.auth = auth;
    WooClient client(shop, http);
    auto products = client.list_products({});
    REQUIRE_FALSE(products.has_value());
    CHECK(products.error().message.find("cs_0123456789abcdef") == std::string::npos);
    CHECK(products.error().message.find("?") == std::string::npos);
    CHECK(redact("secret cs_0123456789abcdef here").find("cs_0123456789abcdef") ==
          std::string::npos);
  }
}

TEST_CASE("A URL quoted by the HTTP layer loses its keys in the error", "[woo][auth]") {
  FakeHttpClient http;
  http.push_error(Error(ErrorKind::Transient,
                        "connection reset: https://shop.example.com/wp-json/wc/v3/taxes/classes?"
                        "consumer_key=ck_TEST&consumer_secret=cs_fedcba9876543210"));
  ShopConfig shop = fixture_shop();
  shop.consumer_secret = "cs_fedcba9876543210";
  shop.auth = WooAuth::Query;
  WooClient client(shop, http);
  auto classes = client.list_tax_classes();
  REQUIRE_FALSE(classes.has_value());
  CHECK(classes.error().kind == ErrorKind::Transient);
  CHECK(classes.error().message.find("cs_fedcba9876543210") == std::string::npos);
  CHECK(classes.error().message.rfind("WooCommerce GET /taxes/classes: connection reset", 0) == 0);
}
