#include <set>

#include <catch2/catch.hpp>

#include "connectors/woocommerce/json_reader.hpp"
#include "connectors/woocommerce/oauth1.hpp"
#include "connectors/woocommerce/woo_client.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

struct KnownAnswer {
  std::string url, base_string, signature;
  woo::QueryParams params;
  woo::OAuthCredentials credentials;
};

KnownAnswer known_answer() {
  const std::string text = woo_fixture("34-");
  auto doc = woo::WireDocument::parse(text, "fixture 34");
  REQUIRE(doc.has_value());
  const auto& block = (*doc)->root()["oauth1"];
  KnownAnswer k;
  k.url = block["url"].GetString();
  k.base_string = block["base_string"].GetString();
  k.signature = block["signature"].GetString();
  for (const auto& m : block["params"].GetObject()) {
    k.params.emplace_back(m.name.GetString(), m.value.GetString());
  }
  k.credentials.consumer_key = block["consumer_key"].GetString();
  k.credentials.consumer_secret = block["consumer_secret"].GetString();
  return k;
}

}  // namespace

TEST_CASE("OAuth 1.0a base string and signature match the shop's known answer", "[woo][oauth1]") {
  const KnownAnswer k = known_answer();
  const std::string base = woo::oauth1_base_string("GET", k.url, k.params);
  CHECK(base == k.base_string);
  CHECK(woo::oauth1_signature(k.credentials, base) == k.signature);
}

TEST_CASE("Signing a URL with a query adds the oauth parameters and the known signature",
          "[woo][oauth1]") {
  const KnownAnswer k = known_answer();
  const std::string signed_url = woo::oauth1_sign_url(
      "GET", k.url + "?per_page=2", k.credentials, "18df243e81b6183b9a0057b46874b1a4", 1795530836);
  CHECK(without_query(signed_url) == k.url);
  CHECK(query_value(signed_url, "per_page") == "2");
  CHECK(query_value(signed_url, "oauth_consumer_key") == "ck_TEST");
  CHECK(query_value(signed_url, "oauth_signature_method") == "HMAC-SHA256");
  CHECK(query_value(signed_url, "oauth_timestamp") == "1795530836");
  CHECK(query_value(signed_url, "oauth_signature") == k.signature);
  // Base64's '+', '/' and '=' are percent-encoded so the shop reads the signature back intact.
  CHECK(signed_url.find("oauth_signature=ApkzDfH28UFUHpypjniOmK8%2BpfKElCPBwXxu0TChHN4%3D") !=
        std::string::npos);
}

TEST_CASE("OAuth base string double-encodes reserved characters in values", "[woo][oauth1]") {
  const woo::QueryParams params = {{"status", "processing,completed"},
                                   {"modified_after", "2026-11-24T14:33:49"},
                                   {"oauth_nonce", "n"}};
  const std::string base =
      woo::oauth1_base_string("get", "http://shop.example.com/wp-json/wc/v3/orders", params);
  CHECK(base ==
        "GET&http%3A%2F%2Fshop.example.com%2Fwp-json%2Fwc%2Fv3%2Forders&"
        "modified_after%3D2026-11-24T14%253A33%253A49%26oauth_nonce%3Dn%26"
        "status%3Dprocessing%252Ccompleted");
}

TEST_CASE("OAuth base URL is normalised", "[woo][oauth1]") {
  CHECK(woo::oauth1_base_url("HTTP://Shop.Example.COM:80/wp-json/wc/v3/Products?x=1#f") ==
        "http://shop.example.com/wp-json/wc/v3/Products");
  CHECK(woo::oauth1_base_url("https://shop.example.com:443/a") == "https://shop.example.com/a");
  CHECK(woo::oauth1_base_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a");
}

TEST_CASE("HMAC-SHA1 signing uses the same base string", "[woo][oauth1]") {
  woo::OAuthCredentials c{"ck_TEST", "cs_TEST", woo::OAuthMethod::HmacSha1};
  const std::string url = woo::oauth1_sign_url("GET", "http://shop.example.com/x", c, "n", 1);
  CHECK(query_value(url, "oauth_signature_method") == "HMAC-SHA1");
  woo::QueryParams params = query_of(url);
  std::erase_if(params, [](const auto& p) { return p.first == "oauth_signature"; });
  CHECK(query_value(url, "oauth_signature") ==
        woo::oauth1_signature(c,
                              woo::oauth1_base_string("GET", "http://shop.example.com/x", params)));
}

TEST_CASE("Over plain http every page is signed afresh", "[woo][oauth1][paging]") {
  FakeHttpClient http;
  const Transcript t = transcript("34-");
  std::vector<std::string> urls;
  http.on_request([&](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse page = t.response;
    // Drop the recorded bodies down to one object per page so ids differ per page.
    const std::string n = query_value(r.url, "page");
    page.body = "[{\"id\":" + n + ",\"name\":\"p\",\"sku\":\"\",\"price\":\"1.00\"}]";
    return page;
  });
  FixedClock clock;
  WooClient client(fixture_shop("http://shop.example.com"), http, clock, {.per_page = 2});
  auto listing = client.list_products({});
  REQUIRE(listing.has_value());
  CHECK(listing->items.size() == 5);  // x-wp-totalpages: 5

  const auto requests = http.requests();
  REQUIRE(requests.size() == 5);
  std::set<std::string> nonces;
  for (const auto& r : requests) {
    CHECK(r.url.rfind("http://shop.example.com/wp-json/wc/v3/products?", 0) == 0);
    for (const auto& h : r.headers) CHECK(h.name != "Authorization");
    nonces.insert(query_value(r.url, "oauth_nonce"));
    CHECK(query_value(r.url, "oauth_timestamp") == "1795530836");
    // The signature verifies over exactly the parameters sent.
    woo::QueryParams params = query_of(r.url);
    const std::string sent = query_value(r.url, "oauth_signature");
    std::erase_if(params, [](const auto& p) { return p.first == "oauth_signature"; });
    CHECK(sent ==
          woo::oauth1_signature({"ck_TEST", "cs_TEST", woo::OAuthMethod::HmacSha256},
                                woo::oauth1_base_string("GET", without_query(r.url), params)));
    CHECK(r.url.find("cs_TEST") == std::string::npos);
  }
  CHECK(nonces.size() == 5);
}
