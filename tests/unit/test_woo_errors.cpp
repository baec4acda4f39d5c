#include <catch2/catch.hpp>

#include "connectors/adapters/woo_shop_port.hpp"
#include "connectors/woocommerce/json_reader.hpp"
#include "connectors/woocommerce/woo_client.hpp"
#include "connectors/woocommerce/woo_json.hpp"
#include "core/redact.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

// An order body with `from` replaced by `to` (which must be there).
std::string order_26_with(const std::string& from, const std::string& to) {
  std::string body = transcript("23-").response.body;
  const auto at = body.find(from);
  REQUIRE(at != std::string::npos);
  body.replace(at, from.size(), to);
  return body;
}

}  // namespace

TEST_CASE("A wrong secret is an Auth error with the shop's words", "[woo][errors]") {
  FakeHttpClient http;
  serve(http, "30-");
  WooClient client(fixture_shop(), http);
  auto products = client.list_products({});
  REQUIRE_FALSE(products.has_value());
  const Error& e = products.error();
  CHECK(e.kind == ErrorKind::Auth);
  CHECK(e.http_status == 401);
  CHECK(e.remote_code == "woocommerce_rest_authentication_error");
  CHECK(e.message ==
        "WooCommerce refused GET /products: Consumer secret is invalid. "
        "(woocommerce_rest_authentication_error, HTTP 401)");
}

TEST_CASE("A read-only key writing is an Auth error", "[woo][errors]") {
  FakeHttpClient http;
  serve(http, "31-");
  WooClient client(fixture_shop(), http);
  ProductUpdate u;
  u.stock_quantity = 1;
  auto updated = client.update_product(12, u);
  REQUIRE_FALSE(updated.has_value());
  CHECK(updated.error().kind == ErrorKind::Auth);
  CHECK(updated.error().message ==
        "WooCommerce refused PUT /products/12: The API key provided does not have write "
        "permissions. (woocommerce_rest_authentication_error, HTTP 401)");
}

TEST_CASE("An unknown order updated is NotFound", "[woo][errors]") {
  FakeHttpClient http;
  serve(http, "32-");
  WooClient client(fixture_shop(), http);
  auto updated = client.update_order_status(999999, "completed");
  REQUIRE_FALSE(updated.has_value());
  CHECK(updated.error().kind == ErrorKind::NotFound);
  CHECK(updated.error().message ==
        "WooCommerce refused PUT /orders/999999: Invalid ID. "
        "(woocommerce_rest_shop_order_invalid_id, HTTP 404)");
}

TEST_CASE("Credentials the shop never saw get a hint", "[woo][errors]") {
  // 33: Basic over http reached the shop as an anonymous visitor. With assume_https (a proxy
  // that should have forwarded https) the request is sent, and the answer explains.
  FakeHttpClient http;
  serve(http, "33-");
  ShopConfig shop = fixture_shop("http://shop.example.com");
  shop.assume_https = true;
  WooClient client(shop, http);
  auto products = client.list_products({});
  REQUIRE_FALSE(products.has_value());
  CHECK(products.error().kind == ErrorKind::Auth);
  CHECK(products.error().remote_code == "woocommerce_rest_cannot_view");
  CHECK(products.error().message ==
        "WooCommerce refused GET /products: Sorry, you cannot list resources. "
        "(woocommerce_rest_cannot_view, HTTP 401): the shop did not receive the API key; use "
        "https, or set auth = \"query\" if the server strips the Authorization header");
}

TEST_CASE("Invalid parameters are Rejected with the shop's details", "[woo][errors]") {
  FakeHttpClient http;
  serve(http, "08-");
  serve(http, "09-");
  WooClient client(fixture_shop(), http);
  ProductUpdate p;
  p.name = "Fel typer";
  auto one = client.create_product(p);
  REQUIRE_FALSE(one.has_value());
  CHECK(one.error().kind == ErrorKind::Rejected);
  CHECK(one.error().remote_code == "rest_invalid_param");
  CHECK(one.error().message ==
        "WooCommerce refused POST /products: Invalid parameter(s): regular_price. regular_price "
        "is not of type string. (rest_invalid_param, HTTP 400)");
  auto both = client.create_product(p);
  REQUIRE_FALSE(both.has_value());
  CHECK(both.error().message ==
        "WooCommerce refused POST /products: Invalid parameter(s): regular_price, stock_quantity. "
        "regular_price is not of type string. stock_quantity is not of type integer. "
        "(rest_invalid_param, HTTP 400)");
}

TEST_CASE("Status codes map to error kinds", "[woo][errors]") {
  const struct {
    int status;
    const char* body;
    ErrorKind kind;
  } cases[] = {
      {400, R"({"code":"x","message":"m","data":{"status":400}})", ErrorKind::Rejected},
      {401, R"({"code":"x","message":"m","data":{"status":401}})", ErrorKind::Auth},
      {403, R"({"code":"x","message":"m","data":{"status":403}})", ErrorKind::Auth},
      {404, R"({"code":"woocommerce_rest_invalid_id","message":"m"})", ErrorKind::NotFound},
      {404, R"({"code":"rest_no_route","message":"No route was found."})", ErrorKind::Config},
      {404, "<html>Not found</html>", ErrorKind::Config},
      {409, R"({"code":"x","message":"m"})", ErrorKind::Conflict},
      {413, R"({"code":"x","message":"m"})", ErrorKind::Rejected},
      {429, R"({"code":"x","message":"m"})", ErrorKind::Transient},
      {500, R"({"code":"internal_server_error","message":"m"})", ErrorKind::Transient},
      {503, "<html>Maintenance</html>", ErrorKind::Transient},
      {301, "", ErrorKind::Config},
  };
  for (const auto& c : cases) {
    FakeHttpClient http;
    http.push(c.status, c.body,
              {{"retry-after", "30"},
               {"location", "https://www.shop.example.com/x?consumer_secret=cs_TEST"}});
    WooClient client(fixture_shop(), http);
    auto taxes = client.list_tax_classes();
    INFO(c.status << " " << c.body);
    REQUIRE_FALSE(taxes.has_value());
    CHECK(taxes.error().kind == c.kind);
    CHECK(taxes.error().http_status == c.status);
    CHECK(taxes.error().message.find('\n') == std::string::npos);
    CHECK(taxes.error().message.find("cs_TEST") == std::string::npos);
    if (c.status == 429) CHECK(taxes.error().retry_after == std::chrono::seconds(30));
  }
}

TEST_CASE("A failure of the HTTP layer keeps its kind and gains the request", "[woo][errors]") {
  FakeHttpClient http;
  Error timeout(ErrorKind::Transient, "timed out after 60 s");
  timeout.ambiguous = true;
  http.push_error(timeout);
  WooClient client(fixture_shop(), http);
  RefundRequest r;
  auto refund = client.create_refund(24, r);
  REQUIRE_FALSE(refund.has_value());
  CHECK(refund.error().kind == ErrorKind::Transient);
  CHECK(refund.error().ambiguous);
  CHECK(refund.error().message == "WooCommerce POST /orders/24/refunds: timed out after 60 s");
}

TEST_CASE("An HTML page instead of JSON is a Config error naming the URL", "[woo][errors]") {
  FakeHttpClient http;
  http.push(200, "<!DOCTYPE html><html>Maintenance</html>",
            {{"content-type", "text/html; charset=UTF-8"}});
  WooClient client(fixture_shop(), http);
  auto order = client.get_order(24);
  REQUIRE_FALSE(order.has_value());
  CHECK(order.error().kind == ErrorKind::Config);
  CHECK(order.error().message.find("https://shop.example.com/wp-json/wc/v3") != std::string::npos);
}

TEST_CASE("A malformed amount names the order, the field and the value", "[woo][errors]") {
  FakeHttpClient http;
  // Order 26's second line total.
  http.push(200, order_26_with(R"("total":"389.34")", R"("total":"abc")"));
  WooClient client(fixture_shop(), http);
  auto order = client.get_order(26);
  REQUIRE_FALSE(order.has_value());
  CHECK(order.error().kind == ErrorKind::Rejected);
  CHECK(order.error().message == "order 26: line_items[1].total \"abc\" is not an amount");
}

TEST_CASE("Other malformed or missing fields are precise errors, never zeros", "[woo][errors]") {
  const struct {
    const char* from;
    const char* to;
    const char* message;
  } cases[] = {
      {R"("total":"2968.00")", R"("total":"2 968,00")",
       "order 26: total \"2 968,00\" is not an amount"},
      {R"("total":"2968.00",)", "", "order 26: total is missing"},
      {R"("cart_tax":"514.78")", R"("cart_tax":"")",
       "order 26: cart_tax is empty, expected an amount"},
      {R"("total_tax":"384.40")", R"("total_tax":null)",
       "order 26: line_items[0].total_tax is missing"},
      {R"("price":512.5306666666667)", R"("price":"n/a")",
       "order 26: line_items[0].price \"n/a\" is not an amount"},
      {R"("total":"5.8")", R"("total":"5,8")",
       "order 26: fee_lines[0].taxes[0].total \"5,8\" is not an amount"},
      {R"("rate_percent":6)", R"("rate_percent":"six")",
       "order 26: tax_lines[1].rate_percent \"six\" is not an amount"},
      {R"("date_modified_gmt":"2026-11-24T14:33:51")", R"("date_modified_gmt":"yesterday")",
       "order 26: date_modified_gmt \"yesterday\" is not a date-time"},
      {R"("date_created_gmt":"2026-11-24T14:33:51",)", "", "order 26: date_created_gmt is missing"},
      {R"("currency":"SEK")", R"("currency":"")", "order 26: currency is empty"},
      {R"("discount":"42.39")", R"("discount":{"x":1})",
       "order 26: coupon_lines[0].discount is not an amount"},
      {R"("line_items":[)", R"("line_items":{},"x":[)", "order 26: line_items is not a list"},
  };
  for (const auto& c : cases) {
    INFO(c.message);
    FakeHttpClient http;
    http.push(200, order_26_with(c.from, c.to));
    WooClient client(fixture_shop(), http);
    auto order = client.get_order(26);
    REQUIRE_FALSE(order.has_value());
    CHECK(order.error().kind == ErrorKind::Rejected);
    CHECK(order.error().message == c.message);
  }
}

TEST_CASE("One unreadable order in a listing does not hide the others", "[woo][errors]") {
  const Transcript page = transcript("16-");
  std::string body = page.response.body;
  const auto at = body.find(R"("total":"2968.00")");
  REQUIRE(at != std::string::npos);
  body.replace(at, 17, R"("total":"")");
  FakeHttpClient http;
  http.push(200, body, {{"x-wp-totalpages", "1"}});
  WooClient client(fixture_shop(), http);
  auto listing = client.list_orders({});
  REQUIRE(listing.has_value());
  REQUIRE(listing->unreadable.size() == 1);
  CHECK(listing->unreadable[0].message == "order 26: total is empty, expected an amount");
  REQUIRE(listing->items.size() == 1);
  CHECK(listing->items[0].id == 25);
}

namespace {

std::string replaced(std::string body, const std::string& from, const std::string& to) {
  const auto at = body.find(from);
  REQUIRE(at != std::string::npos);
  body.replace(at, from.size(), to);
  return body;
}

}  // namespace

// The engine records an unreadable listed order by this id and retries it; without it the
// order would only be counted.
TEST_CASE("An unreadable order in a listing keeps its id when the id itself is readable",
          "[woo][errors]") {
  // Orders 26 and 25; 26 has an empty total.
  const std::string bad_total =
      replaced(transcript("16-").response.body, R"("total":"2968.00")", R"("total":"")");

  auto parsed = woo::parse_orders(bad_total);
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 2);
  REQUIRE_FALSE((*parsed)[0]);
  CHECK((*parsed)[0].error().subject_id == "26");
  REQUIRE((*parsed)[1]);
  CHECK((*parsed)[1]->id == 25);

  // The shop port hands the id on, so that the order is recorded and retried by it.
  FakeHttpClient http;
  http.push(200, bad_total, {{"x-wp-totalpages", "1"}});
  WooClient client(fixture_shop(), http);
  WooShopPort port(client);
  std::vector<UnreadableOrder> unreadable;
  std::vector<std::int64_t> readable;
  REQUIRE(port.orders_by_page({}, std::nullopt, [&](OrderBatch&& batch) -> Status {
    for (auto& u : batch.unreadable) unreadable.push_back(u);
    for (const auto& o : batch.orders) readable.push_back(o.id);
    return {};
  }));
  REQUIRE(unreadable.size() == 1);
  CHECK(unreadable[0].id == 26);
  CHECK(unreadable[0].error.message == "order 26: total is empty, expected an amount");
  CHECK(readable == std::vector<std::int64_t>{25});
}

TEST_CASE("An unreadable order in a listing whose id is unreadable names no order",
          "[woo][errors]") {
  const std::string listed = transcript("16-").response.body;  // orders 26 and 25
  auto bad_id =
      woo::parse_orders(replaced(listed, R"("id":25,"parent_id")", R"("id":"x25","parent_id")"));
  REQUIRE(bad_id);
  REQUIRE(bad_id->size() == 2);
  REQUIRE((*bad_id)[0]);
  CHECK((*bad_id)[0]->id == 26);
  REQUIRE_FALSE((*bad_id)[1]);
  CHECK((*bad_id)[1].error().subject_id.empty());

  auto not_object = woo::parse_orders("[7]");
  REQUIRE(not_object);
  REQUIRE(not_object->size() == 1);
  REQUIRE_FALSE((*not_object)[0]);
  CHECK((*not_object)[0].error().subject_id.empty());
}

TEST_CASE("A body that is not JSON is a Rejected error, not a crash", "[woo][errors]") {
  for (const char* body : {"", "{", "[1,2", "null", "\"text\"", "{\"id\":26,\"x\":1e999999}"}) {
    INFO(body);
    FakeHttpClient http;
    http.push(200, body);
    WooClient client(fixture_shop(), http);
    auto order = client.get_order(26);
    REQUIRE_FALSE(order.has_value());
    CHECK(order.error().kind == ErrorKind::Rejected);
  }
  FakeHttpClient http;
  http.push(200, "{\"not\":\"a list\"}", {{"x-wp-totalpages", "1"}});
  WooClient client(fixture_shop(), http);
  auto taxes = client.list_taxes();
  REQUIRE_FALSE(taxes.has_value());
  CHECK(taxes.error().message == "WooCommerce's list of tax rates is not a JSON list");
}

TEST_CASE("Float-noise numbers in any notation parse exactly", "[woo][errors]") {
  using woo::decimal_from_number_text;
  CHECK(decimal_from_number_text("512.5306666666667", true) == Decimal::parse("512.530667"));
  CHECK(decimal_from_number_text("1.0e-5", true) == Decimal::parse("0.00001"));
  CHECK(decimal_from_number_text("1.5E+3", true) == Decimal::parse("1500"));
  CHECK(decimal_from_number_text("-2.5e-7", true) == Decimal::parse("-0.000000"));
  CHECK(decimal_from_number_text("1e-300", true) == Decimal());
  CHECK_FALSE(decimal_from_number_text("1e300", true).has_value());
  CHECK_FALSE(decimal_from_number_text("1.0000001", false).has_value());
  CHECK_FALSE(decimal_from_number_text("e5", true).has_value());
}

TEST_CASE("A reused OAuth nonce is not the keys' fault; an old timestamp points at the clocks",
          "[woo][errors][oauth1]") {
  // WooCommerce 7.9's check_oauth_timestamp_and_nonce: both are 401
  // woocommerce_rest_authentication_error.
  auto refused = [](const std::string& message) {
    FakeHttpClient http;
    http.push(401,
              R"({"code":"woocommerce_rest_authentication_error","message":")" + message +
                  R"(","data":{"status":401}})",
              {{"content-type", "application/json; charset=UTF-8"}});
    WooClient client(fixture_shop("http://shop.example.com"), http);
    auto classes = client.list_tax_classes();
    REQUIRE_FALSE(classes.has_value());
    return classes.error();
  };
  const Error nonce = refused("Invalid nonce - nonce has already been used.");
  CHECK(nonce.kind == ErrorKind::Transient);
  CHECK(nonce.http_status == 401);
  CHECK(nonce.message ==
        "WooCommerce refused GET /taxes/classes: Invalid nonce - nonce has already been used. "
        "(woocommerce_rest_authentication_error, HTTP 401): the same signed request reached the "
        "shop twice; the next attempt is signed anew");
  const Error timestamp = refused("Invalid timestamp.");
  CHECK(timestamp.kind == ErrorKind::Auth);
  CHECK(timestamp.message.ends_with("check the clocks of this machine and of the shop"));
  const Error signature = refused("Invalid signature - provided signature does not match.");
  CHECK(signature.kind == ErrorKind::Auth);
}
