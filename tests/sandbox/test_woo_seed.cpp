// The data sets: the demo shop, seed files, the recording shop at its start.
#include <catch2/catch.hpp>

#include <set>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

Response demo_get(WooEmulator& shop, const std::string& target) {
  return send(shop, basic(make_request("GET", target), "ck_demo", "cs_demo"));
}

}  // namespace

TEST_CASE("The demo shop is always the same and has what demos need", "[woo][seed]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T12:00:00Z").value());
  WooEmulator a(WooOptions{false, &clock});
  WooEmulator b(WooOptions{false, &clock});
  a.seed_demo();
  b.seed_demo();
  for (const char* target : {"/wp-json/wc/v3/orders?per_page=100", "/wp-json/wc/v3/products?per_page=100",
                             "/wp-json/wc/v3/customers?per_page=100"}) {
    CHECK(demo_get(a, target).body == demo_get(b, target).body);
  }
  const Json products = body_of(demo_get(a, "/wp-json/wc/v3/products?per_page=100"));
  CHECK(products.items().size() >= 30);
  std::set<std::string> classes;
  int without_sku = 0, variable = 0;
  for (const auto& p : products.items()) {
    classes.insert(p.find("tax_class")->text());
    without_sku += p.find("sku")->text().empty();
    variable += p.find("type")->text() == "variable";
  }
  CHECK(classes == std::set<std::string>{"", "reduced-rate", "low-rate", "zero-rate"});
  CHECK(without_sku == 1);
  CHECK(variable == 1);
  CHECK(at(body_of(demo_get(a, "/wp-json/wc/v3/products/17")), {"name"}).text() == "Tygkasse");
  const Json orders = body_of(demo_get(a, "/wp-json/wc/v3/orders?per_page=100"));
  CHECK(orders.items().size() == 12);
  std::set<std::string> statuses;
  for (const auto& o : orders.items()) statuses.insert(o.find("status")->text());
  for (const char* s : {"processing", "completed", "on-hold", "cancelled", "pending", "refunded"}) {
    INFO(s);
    CHECK(statuses.count(s) == 1);
  }
  CHECK(demo_get(a, "/wp-json/wc/v3/products").status == 200);
  CHECK(send(a, basic(make_request("PUT", "/wp-json/wc/v3/products/12", "{}"), "ck_demo_read", "cs_demo_read")).status == 401);
  CHECK(body_of(demo_get(a, "/wp-json/wc/v3/taxes")).items().size() == 4);
  CHECK(body_of(demo_get(a, "/wp-json/wc/v3/coupons")).items().size() == 2);
}

TEST_CASE("Seed files create products, variations, customers and orders through the API's rules", "[woo][seed]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T12:00:00Z").value());
  WooEmulator shop(WooOptions{true, &clock});
  const char* seed = R"({
    "visma": {"ignored": true},
    "woocommerce": {
      "settings": {"home_url": "https://butik.example.se"},
      "credentials": [{"consumer_key": "ck_seed", "consumer_secret": "cs_seed"}],
      "tax_rates": [{"country": "SE", "rate": "25", "name": "Moms", "class": "standard"},
                    {"country": "SE", "rate": "12", "name": "Moms 12", "class": "reduced-rate", "shipping": false}],
      "coupons": [{"code": "Hälften", "discount_type": "percent", "amount": "50"}],
      "products": [{"name": "Ljus", "sku": "L-1", "regular_price": "100.00", "manage_stock": true, "stock_quantity": 10},
                   {"name": "Mössa", "type": "variable", "sku": "M",
                    "attributes": [{"name": "Färg", "variation": true, "options": ["Röd", "Blå"]}],
                    "variations": [{"sku": "M-R", "regular_price": "200.00", "attributes": [{"name": "Färg", "option": "Röd"}]}]}],
      "customers": [{"email": "kund@example.se", "first_name": "Kund"}],
      "orders": [{"date": "2026-11-20T10:00:00Z", "line_items": [{"sku": "L-1", "quantity": 3}, {"sku": "M-R"}],
                  "coupon_lines": [{"code": "hälften"}], "status": "processing"}]
    }})";
  REQUIRE(shop.seed_json(seed));
  auto get = [&](const std::string& t) { return send(shop, basic(make_request("GET", t, "", false), "ck_seed", "cs_seed")); };
  const Json orders = body_of(get("/wp-json/wc/v3/orders"));
  REQUIRE(orders.items().size() == 1);
  const Json& o = orders.items()[0];
  CHECK(o.find("total")->text() == "250.00");
  CHECK(o.find("date_created_gmt")->text() == "2026-11-20T10:00:00");
  CHECK(at(o, {"line_items", "1", "name"}).text() == "Mössa - Röd");
  CHECK(at(o, {"_links", "self", "0", "href"}).text().rfind("https://butik.example.se/", 0) == 0);
  CHECK(at(body_of(get("/wp-json/wc/v3/products?sku=L-1")), {"0", "stock_quantity"}).text() == "7");
  CHECK(body_of(get("/wp-json/wc/v3/customers")).items().size() == 1);

  // Errors name the field; the shop is left as it was.
  auto dup = shop.seed_json(R"({"woocommerce":{"products":[{"name":"A","sku":"X"},{"name":"B","sku":"x"}]}})");
  REQUIRE_FALSE(dup);
  CHECK(dup.error().kind == wv::ErrorKind::Config);
  CHECK(dup.error().message == "seed file woocommerce.products[1]: Invalid or duplicated SKU.");
  auto rate = shop.seed_json(R"({"woocommerce":{"tax_rates":[{"rate":"25","class":"luxury"}]}})");
  CHECK(rate.error().message == "seed file woocommerce.tax_rates[0].class: names no tax class \"luxury\"");
  auto key = shop.seed_json(R"({"woocommerce":{"credentials":[{"consumer_key":"k"}]}})");
  CHECK(key.error().message == "seed file woocommerce.credentials[0].consumer_secret: is required");
  CHECK_FALSE(shop.seed_json("not json"));
  CHECK(body_of(get("/wp-json/wc/v3/orders")).items().size() == 1);
  // No section: a fresh, empty shop.
  REQUIRE(shop.seed_json(R"({"visma":{}})"));
  CHECK(get("/wp-json/wc/v3/products").status == 401);  // and no keys
}

TEST_CASE("The fixture seed is the recording shop when the recording began", "[woo][seed]") {
  WooEmulator shop;
  shop.seed_fixture();
  auto r = send(shop, basic(make_request("GET", "/wp-json/wc/v3/products?per_page=100")));
  CHECK(header_of(r, "X-WP-Total") == "6");
  CHECK(body_of(send(shop, basic(make_request("GET", "/wp-json/wc/v3/taxes/classes")))).items().size() == 4);
  CHECK(body_of(send(shop, basic(make_request("GET", "/wp-json/wc/v3/orders")))).items().empty());
  auto status = body_of(send(shop, basic(make_request("GET", "/wp-json/wc/v3/system_status"))));
  CHECK(at(status, {"environment", "version"}).text() == "7.9.0");
}
