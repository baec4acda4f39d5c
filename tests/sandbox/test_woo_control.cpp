// The control API: what a person does in wp-admin, without authentication.
#include <catch2/catch.hpp>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

struct Shop {
  ManualClock clock{wv::parse_timestamp("2026-11-24T09:00:00Z").value()};
  WooEmulator woo{WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture}};
  Response control(const std::string& method, const std::string& path, const std::string& body = "") {
    return send(woo, make_request(method, "/_sandbox/woo" + path, body));
  }
  Response get(const std::string& target) { return send(woo, basic(make_request("GET", target))); }
};

}  // namespace

TEST_CASE("Placing, completing and cancelling orders from the control API", "[woo][control]") {
  Shop shop;
  auto placed = shop.control("POST", "/orders",
                             R"({"line_items":[{"sku":"LAMP-3","quantity":2}],"status":"processing",
                                 "billing":{"first_name":"Ola","email":"ola@example.com","country":"SE"}})");
  REQUIRE(placed.status == 201);
  const std::string id = at(body_of(placed), {"id"}).text();
  CHECK(at(body_of(placed), {"total"}).text() == "1198.00");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/13")), {"stock_quantity"}).text() == "6");

  shop.clock.set("2026-11-24T09:30:00Z");
  auto completed = shop.control("POST", "/orders/" + id + "/complete");
  CHECK(at(body_of(completed), {"status"}).text() == "completed");
  CHECK(at(body_of(completed), {"date_completed_gmt"}).text() == "2026-11-24T09:30:00");
  auto cancelled = shop.control("POST", "/orders/" + id + "/cancel");
  CHECK(at(body_of(cancelled), {"status"}).text() == "cancelled");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/13")), {"stock_quantity"}).text() == "8");
  auto held = shop.control("POST", "/orders/" + id + "/status", R"({"status":"on-hold","note":"Väntar på betalning."})");
  CHECK(at(body_of(held), {"status"}).text() == "on-hold");
  const Json notes = body_of(shop.get("/wp-json/wc/v3/orders/" + id + "/notes"));
  CHECK(at(notes, {"0", "note"}).text() == "Väntar på betalning. Order status changed from Cancelled to On hold.");
  CHECK(shop.control("POST", "/orders/" + id + "/status", R"({"status":"shipped"})").status == 400);
  CHECK(shop.control("POST", "/orders/424242/complete").status == 404);
  CHECK(shop.control("POST", "/orders", R"({"line_items":[{"quantity":1}]})").status == 400);
}

TEST_CASE("Refunding from the control API works out amounts as wp-admin does", "[woo][control][refunds]") {
  Shop shop;
  auto placed = body_of(shop.control("POST", "/orders",
                                     R"({"line_items":[{"sku":"MUG-001","quantity":2},{"sku":"FOOD-7"}],"set_paid":true,
                                         "shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}]})"));
  const std::string id = at(placed, {"id"}).text();
  const std::string mug = at(placed, {"line_items", "0", "id"}).text();
  const std::string shipping = at(placed, {"shipping_lines", "0", "id"}).text();
  auto refund = shop.control("POST", "/orders/" + id + "/refund",
                             R"({"reason":"Trasig","lines":[{"item_id":)" + mug + R"(,"quantity":1},{"item_id":)" + shipping + "}]}");
  REQUIRE(refund.status == 201);
  const Json r = body_of(refund);
  CHECK(at(r, {"amount"}).text() == "198.00");  // 149.00 for one mug, 49.00 shipping
  CHECK(at(r, {"line_items", "0", "total"}).text() == "-119.20");
  CHECK(at(r, {"shipping_lines", "0", "total"}).text() == "-39.20");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"stock_quantity"}).text() == "59");
  auto money_only = shop.control("POST", "/orders/" + id + "/refund", R"({"amount":"10.00","reason":"Goodwill"})");
  CHECK(money_only.status == 201);
  CHECK(body_of(shop.get("/wp-json/wc/v3/orders/" + id + "/refunds")).items().size() == 2);
  CHECK(shop.control("POST", "/orders/" + id + "/refund", R"({"amount":"9999.00"})").status == 400);
}

TEST_CASE("Stock, prices, credentials, clock and state from the control API", "[woo][control]") {
  Shop shop;
  auto stock = shop.control("POST", "/products/19/stock", R"({"stock_quantity":3})");
  CHECK(at(body_of(stock), {"stock_quantity"}).text() == "3");
  shop.control("POST", "/products/19/stock", R"({"delta":-1})");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/17/variations/19")), {"stock_quantity"}).text() == "2");
  auto price = shop.control("POST", "/products/12/price", R"({"regular_price":"159,00","sale_price":"129.00"})");
  CHECK(at(body_of(price), {"price"}).text() == "129.00");
  CHECK(at(body_of(price), {"regular_price"}).text() == "159.00");
  CHECK(shop.control("POST", "/products/4242/stock", R"({"delta":1})").status == 404);

  REQUIRE(shop.control("POST", "/credentials", R"({"consumer_key":"ck_new","consumer_secret":"cs_new","replace":true})").status == 200);
  CHECK(shop.get("/wp-json/wc/v3/products").status == 401);  // ck_TEST is gone
  CHECK(send(shop.woo, basic(make_request("GET", "/wp-json/wc/v3/products"), "ck_new", "cs_new")).status == 200);
  CHECK(shop.control("POST", "/credentials", R"({"consumer_key":"ck_x","consumer_secret":"cs_x","permissions":"admin"})").status == 400);

  auto clock = shop.control("POST", "/clock", R"({"offset_seconds":3600})");
  CHECK(at(body_of(clock), {"now"}).text() == "2026-11-24T10:00:00Z");
  auto placed = body_of(shop.control("POST", "/orders", R"({"line_items":[{"sku":"STAMP-10"}]})"));
  CHECK(at(placed, {"date_created_gmt"}).text() == "2026-11-24T10:00:00");
  auto set = shop.control("POST", "/clock", R"({"now":"2026-12-01T08:00:00Z"})");
  CHECK(at(body_of(set), {"offset_seconds"}).text() == std::to_string(7 * 86400 - 3600));

  auto state = body_of(shop.control("GET", "/state"));
  CHECK(at(state, {"products"}).text() == "6");
  CHECK(at(state, {"variations"}).text() == "3");
  CHECK(at(state, {"orders", "pending"}).text() == "1");
  CHECK(at(state, {"keys", "0", "consumer_key"}).text() == "ck_new");
  CHECK(shop.control("GET", "/nothing").status == 404);

  REQUIRE(shop.control("POST", "/reset", R"({"seed":"demo"})").status == 200);
  CHECK(std::stoi(at(body_of(shop.control("GET", "/state")), {"products"}).text()) >= 30);
  CHECK(!shop.woo.handle(make_request("GET", "/other/path")).has_value());
  CHECK(!shop.woo.control(make_request("GET", "/_sandbox/visma/state")).has_value());
}
