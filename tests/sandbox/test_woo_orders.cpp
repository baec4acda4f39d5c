// Orders: status changes and what hangs on them (stock, sales counts, dates, notes), refunds,
// lists and filters, batches, and WooCommerce's errors.
#include <catch2/catch.hpp>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

struct OrderShop {
  ManualClock clock{wv::parse_timestamp("2026-11-24T10:00:00Z").value()};
  WooEmulator woo{WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture}};
  Response get(const std::string& target) { return send(woo, basic(make_request("GET", target))); }
  Response write(const std::string& method, const std::string& target, const std::string& body) {
    return send(woo, basic(make_request(method, target, body)));
  }
  std::string stock(int product) { return at(body_of(get("/wp-json/wc/v3/products/" + std::to_string(product))), {"stock_quantity"}).text(); }
  std::string order_id(const Response& r) { return at(body_of(r), {"id"}).text(); }
};

const char* kGuest =
    R"("billing":{"first_name":"Anna","last_name":"Svensson","address_1":"Sveavägen 10","city":"Stockholm","postcode":"113 50","country":"SE","email":"anna.svensson@example.com"})";

std::string mug_order(const std::string& extra = "") {
  return std::string("{") + kGuest + R"(,"line_items":[{"sku":"MUG-001","quantity":2},{"product_id":17,"variation_id":19,"quantity":1}])" +
         extra + "}";
}

std::vector<std::string> meta_keys(const Json& line) {
  std::vector<std::string> keys;
  for (const auto& m : line.find("meta_data")->items()) keys.push_back(m.find("key")->text());
  return keys;
}

}  // namespace

TEST_CASE("Stock goes down once when an order is paid or held, and comes back when it is cancelled", "[woo][orders][stock]") {
  OrderShop shop;
  auto created = shop.write("POST", "/wp-json/wc/v3/orders", mug_order());
  REQUIRE(created.status == 201);
  const std::string id = shop.order_id(created);
  CHECK(at(body_of(created), {"status"}).text() == "pending");
  CHECK(shop.stock(12) == "60");  // pending does not touch stock
  CHECK(shop.stock(19) == "15");

  shop.clock.set("2026-11-24T10:05:00Z");
  auto processing = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"status":"processing"})");
  REQUIRE(processing.status == 200);
  Json order = body_of(processing);
  CHECK(shop.stock(12) == "58");
  CHECK(shop.stock(19) == "14");
  CHECK(at(order, {"line_items", "0", "meta_data", "0", "key"}).text() == "_reduced_stock");
  CHECK(at(order, {"line_items", "0", "meta_data", "0", "value"}).text() == "2");
  CHECK(at(order, {"date_paid_gmt"}).text() == "2026-11-24T10:05:00");  // even without payment
  CHECK(at(order, {"date_modified_gmt"}).text() == "2026-11-24T10:05:00");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"total_sales"}).text() == "2");
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"date_modified_gmt"}).text() == "2026-11-24T10:05:00");

  shop.clock.set("2026-11-24T10:06:00Z");
  auto completed = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"status":"completed"})");
  CHECK(shop.stock(12) == "58");  // not again
  CHECK(at(body_of(completed), {"date_completed_gmt"}).text() == "2026-11-24T10:06:00");

  shop.clock.set("2026-11-24T10:07:00Z");
  auto cancelled = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"status":"cancelled"})");
  CHECK(shop.stock(12) == "60");
  CHECK(shop.stock(19) == "15");
  CHECK(meta_keys(at(body_of(cancelled), {"line_items", "1"})) == std::vector<std::string>{"size"});
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"total_sales"}).text() == "2");  // sales stay counted

  auto again = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"status":"on-hold"})");
  CHECK(shop.stock(12) == "58");
  CHECK(meta_keys(at(body_of(again), {"line_items", "0"})) == std::vector<std::string>{"_reduced_stock"});

  // Every transition left a note, newest first.
  auto notes = body_of(shop.get("/wp-json/wc/v3/orders/" + id + "/notes"));
  CHECK(at(notes, {"0", "note"}).text() == "Order status changed from Cancelled to On hold.");
  CHECK(at(notes, {"1", "note"}).text().rfind("Stock levels reduced: Kaffemugg Stockholm (MUG-001) 60&rarr;58", 0) == 0);
  CHECK(at(notes, {"0", "author"}).text() == "WooCommerce");
}

TEST_CASE("set_paid moves a new order to processing and records the payment", "[woo][orders]") {
  OrderShop shop;
  auto r = shop.write("POST", "/wp-json/wc/v3/orders", mug_order(R"(,"set_paid":true,"transaction_id":"SW-1")"));
  const Json order = body_of(r);
  CHECK(at(order, {"status"}).text() == "processing");
  CHECK(at(order, {"transaction_id"}).text() == "SW-1");
  CHECK(at(order, {"date_paid_gmt"}).text() == "2026-11-24T10:00:00");
  CHECK(at(order, {"needs_payment"}).bool_value() == false);
  CHECK(at(order, {"is_editable"}).bool_value() == false);
  CHECK(header_of(r, "Location") == "https://shop.example.com/wp-json/wc/v3/orders/" + at(order, {"id"}).text());
  CHECK(shop.stock(12) == "58");
}

TEST_CASE("An order's date_modified moves with every change, or as WordPress's post row does", "[woo][orders]") {
  OrderShop shop;
  const std::string id = shop.order_id(shop.write("POST", "/wp-json/wc/v3/orders", mug_order()));
  shop.clock.set("2026-11-24T11:00:00Z");
  auto unchanged = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"payment_method":""})");
  CHECK(at(body_of(unchanged), {"date_modified_gmt"}).text() == "2026-11-24T10:00:00");
  auto billing = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"billing":{"phone":"+46 8 1"}})");
  CHECK(at(body_of(billing), {"billing", "phone"}).text() == "+46 8 1");
  CHECK(at(body_of(billing), {"date_modified_gmt"}).text() == "2026-11-24T11:00:00");

  shop.woo.with_state([](auto& state) { state.settings.order_modified_on_any_change = false; });
  shop.clock.set("2026-11-24T12:00:00Z");
  auto items = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"line_items":[{"sku":"LAMP-3","quantity":1}]})");
  CHECK(at(body_of(items), {"line_items"}).items().size() == 3);
  CHECK(at(body_of(items), {"date_modified_gmt"}).text() == "2026-11-24T11:00:00");
  auto note = shop.write("PUT", "/wp-json/wc/v3/orders/" + id, R"({"customer_note":"Ring på"})");
  CHECK(at(body_of(note), {"date_modified_gmt"}).text() == "2026-11-24T12:00:00");
}

TEST_CASE("Order lists filter by status lists and modification time, and page like the shop", "[woo][orders]") {
  OrderShop shop;
  shop.woo.seed_demo();
  auto get = [&](const std::string& target) { return send(shop.woo, basic(make_request("GET", target), "ck_demo", "cs_demo")); };
  auto all = get("/wp-json/wc/v3/orders?per_page=100");
  CHECK(header_of(all, "X-WP-Total") == "12");
  auto processing = body_of(get("/wp-json/wc/v3/orders?status=processing&per_page=100"));
  for (const auto& o : processing.items()) CHECK(o.find("status")->text() == "processing");
  const auto both_bracket = body_of(get("/wp-json/wc/v3/orders?status[]=processing&status[]=completed&per_page=100")).items().size();
  const auto both_comma = body_of(get("/wp-json/wc/v3/orders?status=processing,completed&per_page=100")).items().size();
  CHECK(both_bracket == both_comma);
  CHECK(both_bracket > processing.items().size());
  auto bad = get("/wp-json/wc/v3/orders?status=shipped");
  CHECK(bad.status == 400);
  CHECK(at(body_of(bad), {"data", "params", "status"}).text().rfind("status[0] is not one of any, trash, auto-draft", 0) == 0);
  auto recent = get("/wp-json/wc/v3/orders?modified_after=2026-11-23T00:00:00&dates_are_gmt=true&per_page=2");
  CHECK(header_of(recent, "X-WP-Total") == "4");
  CHECK(header_of(recent, "X-WP-TotalPages") == "2");
  CHECK(header_of(recent, "Link") ==
        "<https://shop.example.com/wp-json/wc/v3/orders?modified_after=2026-11-23T00%3A00%3A00&dates_are_gmt=1&per_page=2"
        "&status%5B0%5D=any&dp=2&context=view&page=2>; rel=\"next\"");
  auto second = get("/wp-json/wc/v3/orders?modified_after=2026-11-23T00:00:00&dates_are_gmt=true&per_page=2&page=2");
  CHECK(header_of(second, "Link").find("rel=\"prev\"") != std::string::npos);
  CHECK(header_of(second, "Link").find("rel=\"next\"") == std::string::npos);
  // Newest first; the EUR order and the company orders are there.
  const Json list = body_of(all);
  bool eur = false, company = false, refunded = false;
  for (const auto& o : list.items()) {
    eur = eur || (o.find("currency")->text() == "EUR" && o.find("currency_symbol")->text() == "€");
    refunded = refunded || o.find("status")->text() == "refunded";
    for (const auto& m : o.find("meta_data")->items()) company = company || m.find("key")->text() == "_billing_vat";
  }
  CHECK(eur);
  CHECK(company);
  CHECK(refunded);
}

TEST_CASE("Refunds: negative lines, restocking, the order's list, and WooCommerce's refusals", "[woo][orders][refunds]") {
  OrderShop shop;
  auto created = body_of(shop.write("POST", "/wp-json/wc/v3/orders", mug_order(R"(,"set_paid":true)")));
  const std::string id = created.find("id")->text();
  const std::string mug_line = at(created, {"line_items", "0", "id"}).text();
  CHECK(shop.stock(12) == "58");
  shop.clock.set("2026-11-24T12:00:00Z");
  // api_refund defaults to true: the (not installed) gateway cannot refund, nothing is stored.
  auto gateway = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/refunds", R"({"amount":"10.00"})");
  CHECK(gateway.status == 500);
  CHECK(body_of(gateway) == parse(R"({"code":"woocommerce_rest_cannot_create_order_refund","message":"The payment gateway for this order does not exist.","data":500})"));
  auto too_much = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/refunds", R"({"amount":"9999.00","api_refund":false})");
  CHECK(too_much.status == 500);
  CHECK(at(body_of(too_much), {"message"}).text() == "Invalid refund amount.");

  auto refund = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/refunds",
                           R"({"amount":"149.00","reason":"Trasig","api_refund":false,"line_items":[{"id":)" + mug_line +
                               R"(,"quantity":1,"refund_total":119.2,"refund_tax":[{"id":1,"refund_total":29.8}]}]})");
  REQUIRE(refund.status == 201);
  const Json r = body_of(refund);
  CHECK(at(r, {"amount"}).text() == "149.00");
  CHECK(at(r, {"line_items", "0", "quantity"}).text() == "-1");
  CHECK(at(r, {"line_items", "0", "total"}).text() == "-119.20");
  CHECK(at(r, {"line_items", "0", "taxes", "0", "total"}).text() == "-29.8");
  CHECK(at(r, {"tax_lines", "0", "tax_total"}).text() == "-29.80");
  CHECK(header_of(refund, "Location").find("/orders/(?P<order_id>[\\d]+)/refunds/") != std::string::npos);
  CHECK(shop.stock(12) == "59");
  const Json order = body_of(shop.get("/wp-json/wc/v3/orders/" + id));
  CHECK(at(order, {"status"}).text() == "processing");
  CHECK(at(order, {"refunds", "0", "total"}).text() == "-149.00");
  CHECK(at(order, {"line_items", "0", "meta_data", "0", "value"}).text() == "1");  // _reduced_stock went down
  CHECK(at(order, {"line_items", "0", "meta_data", "1", "key"}).text() == "_restock_refunded_items");
  auto list = shop.get("/wp-json/wc/v3/orders/" + id + "/refunds");
  CHECK(header_of(list, "X-WP-Total") == "1");
  // Refunding the rest makes the order refunded.
  const std::string rest = at(order, {"total"}).text();
  auto full = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/refunds",
                         R"({"amount":")" + (*wv::Decimal::parse(rest) - *wv::Decimal::parse("149.00")).to_string(2) +
                             R"(","api_refund":false})");
  CHECK(full.status == 201);
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/orders/" + id)), {"status"}).text() == "refunded");
}

TEST_CASE("Order notes for the customer and for the shop", "[woo][orders][notes]") {
  OrderShop shop;
  const std::string id = shop.order_id(shop.write("POST", "/wp-json/wc/v3/orders", mug_order()));
  auto customer = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/notes", R"({"note":"Skickat","customer_note":true})");
  REQUIRE(customer.status == 201);
  CHECK(at(body_of(customer), {"customer_note"}).bool_value());
  shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/notes", R"({"note":"Intern"})");
  CHECK(body_of(shop.get("/wp-json/wc/v3/orders/" + id + "/notes?type=customer")).items().size() == 1);
  CHECK(body_of(shop.get("/wp-json/wc/v3/orders/" + id + "/notes?type=internal")).items().size() == 1);
  auto missing = shop.write("POST", "/wp-json/wc/v3/orders/" + id + "/notes", R"({"customer_note":true})");
  CHECK(missing.status == 400);
  CHECK(at(body_of(missing), {"message"}).text() == "Missing parameter(s): note");
  CHECK(shop.write("POST", "/wp-json/wc/v3/orders/999/notes", R"({"note":"x"})").status == 404);
}

TEST_CASE("Orders refuse what WooCommerce refuses", "[woo][orders][validation]") {
  OrderShop shop;
  auto no_product = shop.write("POST", "/wp-json/wc/v3/orders", R"({"line_items":[{"quantity":1}]})");
  CHECK(body_of(no_product) == parse(R"({"code":"woocommerce_rest_required_product_reference","message":"Product ID or SKU is required.","data":{"status":400}})"));
  auto customer = shop.write("POST", "/wp-json/wc/v3/orders", R"({"customer_id":77,"line_items":[{"product_id":12}]})");
  CHECK(at(body_of(customer), {"code"}).text() == "woocommerce_rest_invalid_customer_id");
  auto shipping = shop.write("POST", "/wp-json/wc/v3/orders", R"({"shipping_lines":[{"total":"10"}]})");
  CHECK(at(body_of(shipping), {"message"}).text() == "Shipping method ID is required.");
  auto fee = shop.write("POST", "/wp-json/wc/v3/orders", R"({"fee_lines":[{"total":"10"}]})");
  CHECK(at(body_of(fee), {"message"}).text() == "Fee name is required.");
  // A line id that is not a line of that kind on this order.
  const std::string order = shop.order_id(shop.write("POST", "/wp-json/wc/v3/orders", mug_order()));
  for (const char* lines : {"line_items", "shipping_lines", "fee_lines"}) {
    auto stranger = shop.write("PUT", "/wp-json/wc/v3/orders/" + order,
                               std::string(R"({")") + lines + R"(":[{"id":987654,"total":"1"}]})");
    INFO(lines);
    CHECK(stranger.status == 400);
    CHECK(at(body_of(stranger), {"code"}).text() == "woocommerce_rest_invalid_item_id");
  }
  auto email = shop.write("POST", "/wp-json/wc/v3/orders", R"({"billing":{"email":"not-an-email"}})");
  CHECK(at(body_of(email), {"data", "params", "billing"}).text() == "Invalid email address.");
  auto qty = shop.write("POST", "/wp-json/wc/v3/orders", R"({"line_items":[{"product_id":12,"quantity":"två"}]})");
  CHECK(at(body_of(qty), {"data", "params", "line_items"}).text() == "line_items[0][quantity] is not of type integer.");
  // An unknown coupon fails after the order was first saved: the order stays, as in WooCommerce.
  const auto before = header_of(shop.get("/wp-json/wc/v3/orders"), "X-WP-Total");
  auto coupon = shop.write("POST", "/wp-json/wc/v3/orders", R"({"line_items":[{"product_id":12}],"coupon_lines":[{"code":"NOPE"}]})");
  CHECK(body_of(coupon) == parse(R"({"code":"woocommerce_rest_invalid_coupon","message":"Coupon \"nope\" does not exist!","data":{"status":400}})"));
  CHECK(std::stoi(header_of(shop.get("/wp-json/wc/v3/orders"), "X-WP-Total")) == std::stoi(before) + 1);
  CHECK(shop.write("PUT", "/wp-json/wc/v3/orders/999", R"({"status":"completed"})").status == 400);
}

TEST_CASE("Order batches follow the same limit and per-item errors", "[woo][orders][batch]") {
  OrderShop shop;
  const std::string id = shop.order_id(shop.write("POST", "/wp-json/wc/v3/orders", mug_order()));
  auto r = shop.write("POST", "/wp-json/wc/v3/orders/batch",
                      R"({"create":[{"line_items":[{"sku":"LAMP-3"}],"status":"on-hold"}],"update":[{"id":)" + id +
                          R"(,"status":"completed"},{"id":424242,"status":"completed"}]})");
  REQUIRE(r.status == 200);
  const Json b = body_of(r);
  CHECK(at(b, {"create", "0", "status"}).text() == "on-hold");
  CHECK(at(b, {"update", "0", "status"}).text() == "completed");
  CHECK(at(b, {"update", "1", "error", "code"}).text() == "woocommerce_rest_shop_order_invalid_id");
  std::string many;
  for (int i = 0; i < 101; ++i) many += std::string(i ? "," : "") + R"({"id":)" + id + R"(,"status":"pending"})";
  CHECK(shop.write("POST", "/wp-json/wc/v3/orders/batch", "{\"update\":[" + many + "]}").status == 413);
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/orders/" + id)), {"status"}).text() == "completed");
}

TEST_CASE("Customers are created once per email and listed", "[woo][customers]") {
  OrderShop shop;
  auto created = shop.write("POST", "/wp-json/wc/v3/customers", R"({"email":"ny.kund@example.com","first_name":"Ny"})");
  REQUIRE(created.status == 201);
  CHECK(at(body_of(created), {"username"}).text() == "ny.kund");
  CHECK(at(body_of(created), {"role"}).text() == "customer");
  auto again = shop.write("POST", "/wp-json/wc/v3/customers", R"({"email":"ny.kund@example.com"})");
  CHECK(at(body_of(again), {"code"}).text() == "registration-error-email-exists");
  auto missing = shop.write("POST", "/wp-json/wc/v3/customers", R"({"first_name":"X"})");
  CHECK(at(body_of(missing), {"code"}).text() == "rest_missing_callback_param");
  CHECK(body_of(shop.get("/wp-json/wc/v3/customers")).items().size() == 1);  // the admin is not a customer
  CHECK(body_of(shop.get("/wp-json/wc/v3/customers?role=all")).items().size() == 2);
}
