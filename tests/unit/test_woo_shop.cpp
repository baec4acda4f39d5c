#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

TEST_CASE("Tax rates", "[woo][shop]") {
  FakeHttpClient http;
  serve(http, "27-");
  WooClient client(fixture_shop(), http);
  auto taxes = client.list_taxes();
  REQUIRE(taxes.has_value());
  REQUIRE(taxes->size() == 4);
  std::map<std::int64_t, TaxRate> by_id;
  for (const auto& t : *taxes) by_id[t.id] = t;
  CHECK(by_id[1].rate.percent == Decimal::from_int(25));
  CHECK(by_id[1].tax_class == "standard");
  CHECK(by_id[1].applies_to_shipping);
  CHECK(by_id[1].name == "Moms 25%");
  CHECK(by_id[1].country == "SE");
  CHECK(by_id[2].rate.percent == Decimal::from_int(12));
  CHECK(by_id[2].tax_class == "reduced-rate");
  CHECK_FALSE(by_id[2].applies_to_shipping);
  CHECK(by_id[3].rate.percent == Decimal::from_int(6));
  CHECK(by_id[3].tax_class == "low-rate");
  CHECK(by_id[4].rate.percent == Decimal());
  CHECK(by_id[4].priority == 1);
  CHECK_FALSE(by_id[4].compound);
}

TEST_CASE("Customers", "[woo][shop]") {
  FakeHttpClient http;
  serve(http, "14-");
  const Transcript created = transcript("14-");
  http.push(200, "[" + created.response.body + "]",
            {{"x-wp-total", "1"}, {"x-wp-totalpages", "1"}});
  http.push(
      404,
      R"({"code":"woocommerce_rest_invalid_id","message":"Invalid resource ID.","data":{"status":404}})");
  WooClient client(fixture_shop(), http);

  auto customer = client.get_customer(2);
  REQUIRE(customer.has_value());
  REQUIRE(customer->has_value());
  const ShopCustomer& c = **customer;
  CHECK(c.id == 2);
  CHECK(c.email == "karin.lind@example.com");
  CHECK(c.username == "karin.lind");
  CHECK(c.billing.city == "Göteborg");
  CHECK(c.billing.phone == "+46 70 123 45 67");
  CHECK(c.shipping.address_2 == "lgh 1102");
  CHECK(c.date_modified == parse_timestamp("2026-11-24T14:33:49Z"));

  auto listing = client.list_customers("karin.lind@example.com");
  REQUIRE(listing.has_value());
  REQUIRE(listing->items.size() == 1);
  CHECK(query_value(http.requests().at(1).url, "email") == "karin.lind@example.com");

  auto missing = client.get_customer(99);
  REQUIRE(missing.has_value());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE("System status with the tax settings", "[woo][shop]") {
  FakeHttpClient http;
  serve(http, "29-");
  http.push(
      200,
      R"({"id":"woocommerce_prices_include_tax","label":"Prices entered with tax","type":"radio","default":"no","value":"yes"})");
  http.push(
      200,
      R"({"id":"woocommerce_calc_taxes","label":"Enable taxes","type":"checkbox","default":"no","value":"yes"})");
  WooClient client(fixture_shop(), http);
  auto status = client.system_status();
  REQUIRE(status.has_value());
  CHECK(status->woocommerce_version == "7.9.0");
  CHECK(status->wordpress_version == "6.1.9");
  CHECK(status->home_url == "https://shop.example.com");
  CHECK(status->currency == "SEK");
  CHECK(status->price_decimals == 2);
  CHECK(status->prices_include_tax == true);
  CHECK(status->taxes_enabled == true);
  const auto requests = http.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[1].url ==
        "https://shop.example.com/wp-json/wc/v3/settings/tax/woocommerce_prices_include_tax");
}

TEST_CASE("System status when the key may not read settings", "[woo][shop]") {
  FakeHttpClient http;
  serve(http, "29-");
  const char* forbidden =
      R"({"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":403}})";
  http.push(403, forbidden);
  http.push(403, forbidden);
  WooClient client(fixture_shop(), http);
  auto status = client.system_status();
  REQUIRE(status.has_value());
  CHECK(status->currency == "SEK");
  CHECK_FALSE(status->prices_include_tax.has_value());
  CHECK_FALSE(status->taxes_enabled.has_value());
}

TEST_CASE("Permission probe: read and write, read only, nothing", "[woo][shop]") {
  SECTION("read and write") {
    FakeHttpClient http;
    serve(http, "02-");
    http.push(200, "[]");
    WooClient client(fixture_shop(), http);
    auto p = client.probe_permissions();
    REQUIRE(p.has_value());
    CHECK(p->can_read);
    CHECK(p->can_write);
    const auto requests = http.requests();
    CHECK(query_value(requests[0].url, "per_page") == "1");
    CHECK(requests[1].method == "POST");
    CHECK(requests[1].url == "https://shop.example.com/wp-json/wc/v3/products/batch");
    CHECK(requests[1].body == "{}");
  }
  SECTION("read only") {
    FakeHttpClient http;
    serve(http, "02-");
    const Transcript refused = transcript("31-");
    http.push(refused.response.status, refused.response.body, refused.response.headers);
    WooClient client(fixture_shop(), http);
    auto p = client.probe_permissions();
    REQUIRE(p.has_value());
    CHECK(p->can_read);
    CHECK_FALSE(p->can_write);
    CHECK(p->write_problem.find("does not have write permissions") != std::string::npos);
  }
  SECTION("wrong secret") {
    FakeHttpClient http;
    serve(http, "30-");
    serve(http, "30-");
    WooClient client(fixture_shop(), http);
    auto p = client.probe_permissions();
    REQUIRE(p.has_value());
    CHECK_FALSE(p->can_read);
    CHECK_FALSE(p->can_write);
    CHECK(p->read_problem.find("Consumer secret is invalid.") != std::string::npos);
  }
  SECTION("the shop is down") {
    FakeHttpClient http;
    http.push(503, "<html>down</html>");
    WooClient client(fixture_shop(), http);
    auto p = client.probe_permissions();
    REQUIRE_FALSE(p.has_value());
    CHECK(p.error().kind == ErrorKind::Transient);
  }
}

TEST_CASE("Every response transcript parses through the client", "[woo][shop]") {
  // Each transcript served to the call that made it; a parse failure would surface here.
  FakeHttpClient http;
  WooClient client(fixture_shop(), http);
  auto serve_one = [&](const char* prefix) {
    http.on_request(nullptr);
    serve(http, prefix);
  };
  for (const char* prefix : {"15-", "21-", "22-", "23-", "24-", "25-", "26-"}) {
    serve_one(prefix);
    auto o = client.get_order(1);
    INFO(prefix);
    REQUIRE(o.has_value());
    CHECK(o->has_value());
  }
  for (const char* prefix : {"03-", "04-", "06-", "10-"}) {
    serve_one(prefix);
    INFO(prefix);
    auto p = client.get_product(1);
    REQUIRE(p.has_value());
    CHECK(p->has_value());
  }
  const Transcript page1 = transcript("01-");
  const Transcript page2 = transcript("34-");
  http.on_request([&](const HttpRequest& r) -> Result<HttpResponse> {
    return query_value(r.url, "page") == "1" ? page1.response : page2.response;
  });
  auto listing = client.list_products({});  // 01 says 2 pages
  REQUIRE(listing.has_value());
  CHECK(listing->unreadable.empty());
  std::vector<std::int64_t> ids;
  for (const auto& p : listing->items) ids.push_back(p.id);
  CHECK(ids == std::vector<std::int64_t>{17, 13, 14, 21, 22});
}
