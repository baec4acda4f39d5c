// Authentication as the real shop does it: Basic only over https, OAuth 1.0a over http with a
// 15-minute window and single-use nonces, key permissions, and the exact 401 bodies.
#include <catch2/catch.hpp>

#include "sandbox/woo/auth.hpp"
#include "tests/sandbox/test_woo_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

std::string code_of(const Response& r) { return body_of(r).find("code")->text(); }
std::string message_of(const Response& r) { return body_of(r).find("message")->text(); }

// A one-legged OAuth 1.0a GET of /wp-json/wc/v3/products over http, signed like a client does.
Request oauth_get(const std::string& query_without_oauth, const std::string& nonce, std::int64_t timestamp,
                  const std::string& method = "HMAC-SHA256", const std::string& secret = "cs_TEST",
                  const std::string& consumer_key = "ck_TEST") {
  using namespace wv::sandbox::woo;
  Json params = php_parse_str(query_without_oauth);
  params.set("oauth_consumer_key", Json::string(consumer_key));
  params.set("oauth_nonce", Json::string(nonce));
  params.set("oauth_signature_method", Json::string(method));
  params.set("oauth_timestamp", Json::string(std::to_string(timestamp)));
  const std::string base = oauth_base_string("GET", "http://shop.example.com/wp-json/wc/v3/products", params);
  const std::string key = secret + "&";
  const std::string signature =
      wv::base64_encode(method == "HMAC-SHA1" ? wv::hmac_sha1(key, base) : wv::hmac_sha256(key, base));
  std::string query = query_without_oauth.empty() ? "" : query_without_oauth + "&";
  query += "oauth_consumer_key=" + consumer_key + "&oauth_nonce=" + nonce + "&oauth_signature_method=" + method +
           "&oauth_timestamp=" + std::to_string(timestamp) + "&oauth_signature=" + php_rawurlencode(signature);
  return make_request("GET", "/wp-json/wc/v3/products?" + query, "", false);
}

}  // namespace

TEST_CASE("Basic credentials count only over https", "[woo][auth]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T14:40:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  auto ok = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products?per_page=1")));
  CHECK(ok.status == 200);
  CHECK(header_of(ok, "Allow") == "GET, POST");

  auto plain = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products?per_page=1", "", false)));
  CHECK(plain.status == 401);
  CHECK(code_of(plain) == "woocommerce_rest_cannot_view");
  CHECK(message_of(plain) == "Sorry, you cannot list resources.");
  CHECK_FALSE(has_header(plain, "Allow"));
  CHECK(header_of(plain, "Link") == "<http://shop.example.com/wp-json/>; rel=\"https://api.w.org/\"");

  WooEmulator lenient(WooOptions{true, &clock, wv::sandbox::woo::InitialData::fixture});
  CHECK(send(lenient, basic(make_request("GET", "/wp-json/wc/v3/products", "", false))).status == 200);
}

TEST_CASE("consumer_key and consumer_secret in the query work over https only", "[woo][auth]") {
  WooEmulator shop(WooOptions{false, nullptr, wv::sandbox::woo::InitialData::fixture});
  CHECK(send(shop, make_request("GET", "/wp-json/wc/v3/taxes?consumer_key=ck_TEST&consumer_secret=cs_TEST")).status == 200);
  CHECK(send(shop, make_request("GET", "/wp-json/wc/v3/taxes?consumer_key=ck_TEST&consumer_secret=cs_TEST", "", false))
            .status == 401);
}

TEST_CASE("A wrong secret, an unknown key and a key without permission get WooCommerce's answers", "[woo][auth]") {
  WooEmulator shop(WooOptions{false, nullptr, wv::sandbox::woo::InitialData::fixture});
  auto wrong = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products"), "ck_TEST", "cs_nope"));
  CHECK(wrong.status == 401);
  CHECK(body_of(wrong) == parse(R"({"code":"woocommerce_rest_authentication_error","message":"Consumer secret is invalid.","data":{"status":401}})"));
  CHECK_FALSE(has_header(wrong, "Allow"));

  // An unknown key is not an error: the request simply runs unauthenticated.
  auto unknown = send(shop, basic(make_request("GET", "/wp-json/wc/v3/orders"), "ck_other", "cs_other"));
  CHECK(unknown.status == 401);
  CHECK(code_of(unknown) == "woocommerce_rest_cannot_view");

  REQUIRE(send(shop, make_request("POST", "/_sandbox/woo/credentials",
                                  R"({"consumer_key":"ck_r","consumer_secret":"cs_r","permissions":"read"})"))
              .status == 200);
  CHECK(send(shop, basic(make_request("GET", "/wp-json/wc/v3/products/12"), "ck_r", "cs_r")).status == 200);
  auto write = send(shop, basic(make_request("PUT", "/wp-json/wc/v3/products/12", R"({"stock_quantity":1})"), "ck_r", "cs_r"));
  CHECK(write.status == 401);
  CHECK(message_of(write) == "The API key provided does not have write permissions.");
  CHECK_FALSE(has_header(write, "Allow"));
  // The stock did not move.
  auto after = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products/12")));
  CHECK(at(body_of(after), {"stock_quantity"}).text() == "60");

  REQUIRE(send(shop, make_request("POST", "/_sandbox/woo/credentials",
                                  R"({"consumer_key":"ck_w","consumer_secret":"cs_w","permissions":"write"})"))
              .status == 200);
  auto read = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products"), "ck_w", "cs_w"));
  CHECK(message_of(read) == "The API key provided does not have read permissions.");
}

TEST_CASE("Unauthenticated requests: lists refuse, unknown objects answer 404 as in WooCommerce", "[woo][auth]") {
  WooEmulator shop(WooOptions{false, nullptr, wv::sandbox::woo::InitialData::fixture});
  auto list = send(shop, make_request("GET", "/wp-json/wc/v3/orders"));
  CHECK(list.status == 401);
  auto create = send(shop, make_request("POST", "/wp-json/wc/v3/products", R"({"name":"x"})"));
  CHECK(create.status == 401);
  CHECK(code_of(create) == "woocommerce_rest_cannot_create");
  // WooCommerce checks item permissions against the object: a missing one passes the check.
  auto missing = send(shop, make_request("GET", "/wp-json/wc/v3/orders/999999"));
  CHECK(missing.status == 404);
  CHECK(code_of(missing) == "woocommerce_rest_shop_order_invalid_id");
  auto existing = send(shop, make_request("GET", "/wp-json/wc/v3/products/12"));
  CHECK(existing.status == 401);
  CHECK(message_of(existing) == "Sorry, you cannot view this resource.");
  // Validation comes before the permission check.
  auto invalid = send(shop, make_request("GET", "/wp-json/wc/v3/products?per_page=500"));
  CHECK(invalid.status == 400);
}

TEST_CASE("OAuth 1.0a: the recorded known-answer request is accepted once", "[woo][auth][oauth]") {
  const Json fixture = parse(wv::testing::woo_fixture("34-"));
  const Json& oauth = at(fixture, {"oauth1"});
  // The base string WooCommerce signs.
  Json params = Json::object();
  for (const auto& [k, v] : at(oauth, {"params"}).members()) params.add(k, v);
  CHECK(wv::sandbox::woo::oauth_base_string("GET", at(oauth, {"url"}).text(), params) == at(oauth, {"base_string"}).text());
  CHECK(wv::base64_encode(wv::hmac_sha256(at(oauth, {"signing_key"}).text(), at(oauth, {"base_string"}).text())) ==
        at(oauth, {"signature"}).text());

  ManualClock clock(wv::parse_timestamp("2026-11-24T14:33:56Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  const std::string target =
      "/wp-json/wc/v3/products?per_page=2&oauth_consumer_key=ck_TEST&oauth_nonce=18df243e81b6183b9a0057b46874b1a4"
      "&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1795530836&oauth_signature=" +
      wv::sandbox::woo::php_rawurlencode(at(oauth, {"signature"}).text());
  auto first = send(shop, make_request("GET", target, "", false));
  CHECK(first.status == 200);
  CHECK(header_of(first, "X-WP-Total") == "6");
  auto again = send(shop, make_request("GET", target, "", false));
  CHECK(again.status == 401);
  CHECK(message_of(again) == "Invalid nonce - nonce has already been used.");
  // The next link repeats the old signature and adds page=2: following it fails.
  std::string next = header_of(first, "Link");
  next = next.substr(1, next.find('>') - 1);
  next = next.substr(next.find("/wp-json"));
  auto followed = send(shop, make_request("GET", next, "", false));
  CHECK(followed.status == 401);
  CHECK(message_of(followed) == "Invalid signature - provided signature does not match.");
}

TEST_CASE("OAuth 1.0a: window, nonces, methods and missing parameters", "[woo][auth][oauth]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T15:00:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  const std::int64_t now = 1795532400;  // 2026-11-24T15:00:00Z
  CHECK(send(shop, oauth_get("per_page=3", "n1", now)).status == 200);
  CHECK(send(shop, oauth_get("per_page=3&include[]=12&include[]=13", "n2", now - 899, "HMAC-SHA1")).status == 200);
  auto stale = send(shop, oauth_get("", "n3", now - 901));
  CHECK(message_of(stale) == "Invalid timestamp.");
  auto future = send(shop, oauth_get("", "n4", now + 901));
  CHECK(message_of(future) == "Invalid timestamp.");
  auto reused = send(shop, oauth_get("page=2", "n1", now + 10));
  CHECK(message_of(reused) == "Invalid nonce - nonce has already been used.");
  auto bad = send(shop, oauth_get("", "n5", now + 1, "HMAC-SHA256", "cs_other"));
  CHECK(message_of(bad) == "Invalid signature - provided signature does not match.");
  // A rejected signature does not use up the nonce.
  CHECK(send(shop, oauth_get("", "n5", now + 1)).status == 200);
  // The parameters may come in an Authorization: OAuth header instead (a realm is ignored).
  {
    using namespace wv::sandbox::woo;
    Json params = Json::object()
                      .add("oauth_consumer_key", "ck_TEST")
                      .add("oauth_nonce", "h1")
                      .add("oauth_signature_method", "HMAC-SHA1")
                      .add("oauth_timestamp", std::to_string(now + 3))
                      .add("per_page", "1");
    const std::string base = oauth_base_string("GET", "http://shop.example.com/wp-json/wc/v3/products", params);
    const std::string signature = wv::base64_encode(wv::hmac_sha1("cs_TEST&", base));
    Request r = make_request("GET", "/wp-json/wc/v3/products?per_page=1", "", false);
    r.headers["authorization"] = "OAuth realm=\"shop\", oauth_consumer_key=\"ck_TEST\", oauth_nonce=\"h1\", "
                                 "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"" + std::to_string(now + 3) +
                                 "\", oauth_signature=\"" + php_rawurlencode(signature) + "\"";
    CHECK(send(shop, r).status == 200);
  }
  auto md5 = send(shop, oauth_get("", "n6", now + 2, "HMAC-MD5"));
  CHECK(message_of(md5) == "Invalid signature - signature method is invalid.");
  auto partial = send(shop, make_request("GET", "/wp-json/wc/v3/products?oauth_consumer_key=ck_TEST&oauth_nonce=x", "", false));
  CHECK(code_of(partial) == "woocommerce_rest_authentication_missing_parameter");
  CHECK(message_of(partial) == "Missing OAuth parameters oauth_timestamp, oauth_signature, oauth_signature_method");
  // Nonces are forgotten 15 minutes after their timestamp, when the next nonce is stored.
  clock.set("2026-11-24T15:16:00Z");
  CHECK(send(shop, oauth_get("per_page=3", "n1", now + 960)).status == 401);
  CHECK(send(shop, oauth_get("per_page=3", "n7", now + 960)).status == 200);
  CHECK(send(shop, oauth_get("per_page=4", "n1", now + 961)).status == 200);
}

TEST_CASE("OAuth 1.0a: a re-sent request and an old timestamp get WooCommerce's own 401s", "[woo][auth][oauth]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T15:00:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  const std::int64_t now = 1795532400;  // 2026-11-24T15:00:00Z

  // The same signed request twice (a retry of a lost answer that was not signed anew).
  const Request once = oauth_get("per_page=1", "a1", now);
  CHECK(send(shop, once).status == 200);
  auto again = send(shop, once);
  CHECK(again.status == 401);
  CHECK(code_of(again) == "woocommerce_rest_authentication_error");
  CHECK(message_of(again) == "Invalid nonce - nonce has already been used.");
  CHECK(body_of(again).find("data")->find("status")->text() == "401");

  // A nonce stays used whatever else came in the same second (WooCommerce itself would forget
  // it behind a second nonce with the same timestamp; the emulator is stricter on purpose).
  CHECK(send(shop, oauth_get("per_page=2", "a2", now + 5)).status == 200);
  CHECK(send(shop, oauth_get("per_page=3", "a3", now + 5)).status == 200);
  CHECK(message_of(send(shop, oauth_get("per_page=2", "a2", now + 5))) ==
        "Invalid nonce - nonce has already been used.");
  // Per consumer key: the same nonce under another key is that key's first.
  shop.with_state([](wv::sandbox::woo::ShopState& s) {
    auto key = s.keys.front();
    key.consumer_key = "ck_OTHER";
    key.consumer_secret = "cs_OTHER";
    key.nonces.clear();
    key.nonces_by_time.clear();
    s.keys.push_back(key);
  });
  CHECK(send(shop, oauth_get("per_page=1", "a1", now, "HMAC-SHA256", "cs_OTHER", "ck_OTHER")).status == 200);
  CHECK(send(shop, oauth_get("per_page=1", "a1", now, "HMAC-SHA256", "cs_OTHER", "ck_OTHER")).status == 401);

  // Timestamps more than 15 minutes off, either way; the nonce is not used up by them.
  for (const std::int64_t off : {-901, 901, -3600}) {
    auto stale = send(shop, oauth_get("per_page=1", "t" + std::to_string(off), now + off));
    INFO(off);
    CHECK(stale.status == 401);
    CHECK(code_of(stale) == "woocommerce_rest_authentication_error");
    CHECK(message_of(stale) == "Invalid timestamp.");
  }
  CHECK(send(shop, oauth_get("per_page=1", "t-901", now)).status == 200);
  // The edges of the window are inside it.
  CHECK(send(shop, oauth_get("per_page=1", "e1", now - 900)).status == 200);
  CHECK(send(shop, oauth_get("per_page=1", "e2", now + 900)).status == 200);

  // Fifteen minutes after its timestamp a nonce is forgotten (once the next one is stored).
  clock.set("2026-11-24T15:20:00Z");
  CHECK(send(shop, oauth_get("per_page=1", "b1", now + 1200)).status == 200);
  CHECK(send(shop, oauth_get("per_page=1", "a1", now + 1201)).status == 200);
}
