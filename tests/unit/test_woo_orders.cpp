#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

// Serves one transcript through the client, as the shop answered it.
Order fetch_order(const std::string& prefix) {
  const Transcript t = transcript(prefix);
  FakeHttpClient http;
  http.push(t.response.status, t.response.body, t.response.headers);
  WooClient client(fixture_shop(), http);
  const std::string path = api_path(t);
  const std::int64_t id = std::stoll(path.substr(path.rfind('/') + 1));
  auto order = client.get_order(id);
  REQUIRE(order.has_value());
  REQUIRE(order->has_value());
  const auto requests = http.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].url == "https://shop.example.com" + t.path);
  return **order;
}

// What every order of the shop satisfies: lines, shipping and fees excluding VAT plus the VAT
// give the total, to the öre.
void check_totals_add_up(const Order& o) {
  Decimal net;
  for (const auto& l : o.lines) net += l.total;
  for (const auto& s : o.shipping_lines) net += s.total;
  for (const auto& f : o.fee_lines) net += f.total;
  CHECK(net + o.total_tax == o.total);
  CHECK(o.cart_tax + o.shipping_tax == o.total_tax);
}

}  // namespace

TEST_CASE("Order 24: guest, three VAT rates, shipping, one refund", "[woo][orders]") {
  const Order o = fetch_order("21-");
  CHECK(o.id == 24);
  CHECK(o.number == "24");
  CHECK(o.status == "processing");
  CHECK(o.currency == "SEK");
  CHECK(o.prices_include_tax);
  CHECK(o.is_guest());
  CHECK(o.total == dec("695.00"));
  CHECK(o.total_tax == dec("94.10"));
  CHECK(o.cart_tax == dec("84.30"));
  CHECK(o.shipping_total == dec("39.20"));
  CHECK(o.shipping_tax == dec("9.80"));
  CHECK(o.date_created == utc("2026-11-24T14:33:50Z"));
  CHECK(o.date_modified == utc("2026-11-24T14:33:55Z"));
  REQUIRE(o.date_paid.has_value());
  CHECK(*o.date_paid == utc("2026-11-24T14:33:50Z"));
  CHECK_FALSE(o.date_completed.has_value());
  CHECK(o.date_created_local == parse_date("2026-11-24"));
  CHECK(o.payment_method == "swish");
  CHECK(o.transaction_id == "SW-8F3K2L9Q");
  CHECK(o.billing.full_name() == "Anna Svensson");
  CHECK(o.billing.email == "anna.svensson@example.com");
  CHECK(o.customer_note == "Lämna paketet hos grannen om ingen är hemma.");

  REQUIRE(o.lines.size() == 3);
  CHECK(o.lines[0].sku.str() == "MUG-001");
  CHECK(o.lines[0].quantity == Decimal::from_int(2));
  CHECK(o.lines[0].subtotal == dec("238.40"));
  CHECK(o.lines[0].total_tax == dec("59.60"));
  CHECK(o.lines[0].price == dec("119.2"));
  CHECK(o.lines[1].tax_class == "reduced-rate");
  CHECK(o.lines[1].price == dec("88.392857"));
  REQUIRE(o.lines[1].taxes.size() == 1);
  CHECK(o.lines[1].taxes[0].rate_id == 2);
  CHECK(o.lines[1].taxes[0].total == dec("10.607143"));
  CHECK(o.lines[2].total == dec("234.91"));
  CHECK(o.lines[2].total_tax == dec("14.09"));
  CHECK(o.lines[2].price == dec("234.90566"));

  REQUIRE(o.tax_lines.size() == 3);
  CHECK(o.tax_lines[0].rate_code == "SE-MOMS 25%-1");
  CHECK(o.tax_lines[0].rate_id == 1);
  CHECK(o.tax_lines[0].rate.percent == Decimal::from_int(25));
  CHECK(o.tax_lines[0].shipping_tax_total == dec("9.80"));
  CHECK(o.tax_lines[2].label == "Moms 6%");
  CHECK(o.tax_lines[2].tax_total == dec("14.09"));

  REQUIRE(o.shipping_lines.size() == 1);
  CHECK(o.shipping_lines[0].method_id == "flat_rate");
  CHECK(o.shipping_lines[0].instance_id == "1");
  REQUIRE(o.shipping_lines[0].taxes.size() == 1);
  CHECK(o.shipping_lines[0].taxes[0].total == dec("9.8"));
  CHECK(o.shipping_lines[0].taxes[0].subtotal == dec("9.8"));  // "" on shipping

  REQUIRE(o.refunds.size() == 1);
  CHECK(o.refunds[0].id == 30);
  CHECK(o.refunds[0].total == dec("-149.00"));
  CHECK(o.refunds[0].reason == "Muggen kom fram trasig");
  check_totals_add_up(o);
}

TEST_CASE("Order 25: registered customer, variation line, percent coupon", "[woo][orders]") {
  const Order o = fetch_order("22-");
  CHECK(o.id == 25);
  CHECK(o.status == "completed");
  CHECK(o.customer_id == 2);
  CHECK(o.total == dec("496.30"));
  CHECK(o.total_tax == dec("90.99"));
  CHECK(o.discount_total == dec("40.68"));
  CHECK(o.discount_tax == dec("9.02"));
  REQUIRE(o.date_completed.has_value());
  CHECK(*o.date_completed == utc("2026-11-24T14:33:55Z"));
  CHECK(o.billing.address_2 == "lgh 1102");

  REQUIRE(o.lines.size() == 2);
  const OrderLine& shirt = o.lines[0];
  CHECK(shirt.product_id == 17);
  CHECK(shirt.variation_id == 19);
  CHECK(shirt.name == "T-shirt - M");
  CHECK(shirt.parent_name == "T-shirt");
  CHECK(shirt.sku.str() == "TSHIRT-M");
  CHECK(shirt.subtotal == dec("318.40"));
  CHECK(shirt.total == dec("286.56"));
  CHECK(shirt.taxes[0].subtotal == dec("79.6"));
  CHECK(shirt.taxes[0].total == dec("71.64"));
  CHECK(find_meta(shirt.meta, "size") == "M");
  CHECK(find_meta(shirt.meta, "_reduced_stock") == "2");
  CHECK(o.lines[1].parent_name.empty());  // null on a simple line
  CHECK(o.lines[1].price == dec("79.553571"));

  REQUIRE(o.coupon_lines.size() == 1);
  const CouponLine& c = o.coupon_lines[0];
  CHECK(c.code == "tenpercent");
  CHECK(c.discount == dec("40.68"));
  CHECK(c.discount_tax == dec("9.02"));
  CHECK(c.discount_type == "percent");
  CHECK(c.nominal == Decimal::from_int(10));
  check_totals_add_up(o);
}

TEST_CASE("Order 26: company, fee line, fixed-cart coupon, meta", "[woo][orders]") {
  const Order o = fetch_order("23-");
  CHECK(o.id == 26);
  CHECK(o.status == "processing");
  CHECK(o.total == dec("2968.00"));
  CHECK(o.total_tax == dec("524.58"));
  CHECK(o.cart_tax == dec("514.78"));
  CHECK(o.billing.company == "Exempelbolaget AB");
  CHECK(o.date_paid.has_value());  // set by "processing" without payment
  CHECK(o.date_paid_local == parse_date("2026-11-24"));
  CHECK(find_meta(o.meta, "_billing_vat") == "SE556677889901");
  CHECK(find_meta(o.meta, "_billing_org_no") == "556677-8899");
  CHECK(find_meta(o.meta, "customer_reference") == "PO-2026-117");

  REQUIRE(o.lines.size() == 3);
  CHECK(o.lines[0].quantity == Decimal::from_int(3));
  CHECK(o.lines[0].subtotal == dec("1557.60"));
  CHECK(o.lines[0].total == dec("1537.59"));
  CHECK(o.lines[0].total_tax == dec("384.40"));
  CHECK(o.lines[0].taxes[0].total == dec("384.398"));
  CHECK(o.lines[0].taxes[0].subtotal == dec("389.4"));
  CHECK(o.lines[0].price == dec("512.530667"));  // 512.5306666666667 rounded
  CHECK(o.lines[1].price == dec("389.336"));
  CHECK(o.lines[2].taxes[0].rate_id == 3);
  CHECK(o.lines[2].taxes[0].total == dec("27.24566"));
  CHECK(o.lines[2].taxes[0].subtotal == dec("28.188679"));

  REQUIRE(o.fee_lines.size() == 1);
  const FeeLine& fee = o.fee_lines[0];
  CHECK(fee.name == "Fakturaavgift");
  CHECK(fee.tax_status == "taxable");
  CHECK(fee.tax_class.empty());
  CHECK(fee.total == dec("23.20"));
  CHECK(fee.total_tax == dec("5.80"));
  REQUIRE(fee.taxes.size() == 1);
  CHECK(fee.taxes[0].rate_id == 1);
  CHECK(fee.taxes[0].total == dec("5.8"));

  REQUIRE(o.coupon_lines.size() == 1);
  const CouponLine& c = o.coupon_lines[0];
  CHECK(c.code == "fifty");
  CHECK(c.discount == dec("42.39"));
  CHECK(c.discount_tax == dec("7.61"));
  CHECK(c.discount_type == "fixed_cart");
  CHECK(c.nominal == dec("50.00"));

  REQUIRE(o.tax_lines.size() == 2);
  CHECK(o.tax_lines[0].tax_total == dec("487.53"));
  CHECK(o.tax_lines[1].rate.percent == Decimal::from_int(6));
  check_totals_add_up(o);
}

TEST_CASE("Order 27: EUR and a zero-rate line", "[woo][orders]") {
  const Order o = fetch_order("24-");
  CHECK(o.id == 27);
  CHECK(o.currency == "EUR");
  CHECK(o.total == dec("32.00"));
  CHECK(o.total_tax == dec("3.70"));
  CHECK(o.billing.country == "FI");
  REQUIRE(o.lines.size() == 2);
  CHECK(o.lines[1].tax_class == "zero-rate");
  CHECK(o.lines[1].total_tax == Decimal());
  CHECK(o.lines[1].taxes[0].rate_id == 4);
  CHECK(o.lines[1].taxes[0].total == Decimal());
  REQUIRE(o.tax_lines.size() == 2);
  CHECK(o.tax_lines[1].rate.percent == Decimal());
  CHECK(o.shipping_lines[0].total == dec("3.60"));
  check_totals_add_up(o);
}

TEST_CASE("Order 28: a line without SKU, on hold, unpaid", "[woo][orders]") {
  const Order o = fetch_order("25-");
  CHECK(o.id == 28);
  CHECK(o.status == "on-hold");
  CHECK_FALSE(o.date_paid.has_value());
  CHECK_FALSE(o.date_paid_local.has_value());
  REQUIRE(o.lines.size() == 2);
  CHECK(o.lines[0].name == "Tygkasse");
  CHECK(o.lines[0].sku.empty());
  CHECK(o.lines[0].quantity == Decimal::from_int(3));
  CHECK(o.lines[1].taxes[0].total == dec("21.214286"));
  CHECK(o.total == dec("364.00"));
  check_totals_add_up(o);
}

TEST_CASE("Order 29: cancelled", "[woo][orders]") {
  const Order o = fetch_order("26-");
  CHECK(o.id == 29);
  CHECK(o.status == "cancelled");
  CHECK(o.total == dec("927.00"));
  CHECK(o.lines[0].variation_id == 20);
  CHECK(o.date_modified == utc("2026-11-24T14:33:53Z"));
  check_totals_add_up(o);
}

TEST_CASE("Order meta values that are not strings stay compact JSON with exact numbers",
          "[woo][orders]") {
  const Transcript t = transcript("23-");
  FakeHttpClient http;
  // The coupon snapshot is an object; put one like it on the order.
  std::string body = t.response.body;
  const std::string marker = "\"meta_data\":[{\"id\":379";
  const auto at = body.find(marker);
  REQUIRE(at != std::string::npos);
  body.insert(at + std::string("\"meta_data\":[").size(),
              "{\"id\":1,\"key\":\"_snapshot\",\"value\":{\"n\":0.10,\"b\":true,\"s\":\"0.10\","
              "\"z\":null}},"
              "{\"id\":2,\"key\":\"_count\",\"value\":5},");
  http.push(200, body, t.response.headers);
  WooClient client(fixture_shop(), http);
  auto order = client.get_order(26);
  REQUIRE(order.has_value());
  REQUIRE(order->has_value());
  CHECK(find_meta((*order)->meta, "_snapshot") == R"({"n":0.10,"b":true,"s":"0.10","z":null})");
  CHECK(find_meta((*order)->meta, "_count") == "5");
  CHECK(find_meta((*order)->meta, "_billing_vat") == "SE556677889901");
}

TEST_CASE("Created and updated orders parse", "[woo][orders]") {
  for (const char* prefix : {"15-", "17-"}) {
    const Transcript t = transcript(prefix);
    FakeHttpClient http;
    http.push(t.response.status, t.response.body, t.response.headers);
    WooClient client(fixture_shop(), http);
    if (std::string(prefix) == "17-") {
      auto order = client.update_order_status(25, "completed");
      REQUIRE(order.has_value());
      CHECK(order->status == "completed");
      const auto r = http.requests().at(0);
      CHECK(r.method == "PUT");
      CHECK(r.url == "https://shop.example.com/wp-json/wc/v3/orders/25");
      CHECK(r.body == R"({"status":"completed"})");
    } else {
      // 15 is the POST that created order 24: the answer is a whole order.
      auto order = client.get_order(24);
      REQUIRE(order.has_value());
      REQUIRE(order->has_value());
      CHECK((*order)->total == dec("695.00"));
      CHECK((*order)->refunds.empty());
    }
  }
}

TEST_CASE("An unknown order is absent, not an error", "[woo][orders]") {
  const Transcript t = transcript("32-");
  FakeHttpClient http;
  http.push(t.response.status, t.response.body, t.response.headers);
  WooClient client(fixture_shop(), http);
  auto order = client.get_order(999999);
  REQUIRE(order.has_value());
  CHECK_FALSE(order->has_value());
}

TEST_CASE("Refunds: list and create (the broken location header is ignored)", "[woo][orders]") {
  FakeHttpClient http;
  const Transcript list = transcript("20-");
  http.push(list.response.status, list.response.body, list.response.headers);
  const Transcript created = transcript("19-");
  http.push(created.response.status, created.response.body, created.response.headers);
  WooClient client(fixture_shop(), http);

  auto refunds = client.list_refunds(24);
  REQUIRE(refunds.has_value());
  REQUIRE(refunds->size() == 1);
  const Refund& r = refunds->front();
  CHECK(r.id == 30);
  CHECK(r.order_id == 24);
  CHECK(r.amount == dec("149.00"));
  CHECK(r.reason == "Muggen kom fram trasig");
  CHECK_FALSE(r.refunded_payment);
  CHECK(r.date_created == utc("2026-11-24T14:33:55Z"));
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].quantity == Decimal::from_int(-1));
  CHECK(r.lines[0].total == dec("-119.20"));
  CHECK(r.lines[0].total_tax == dec("-29.80"));
  CHECK(r.lines[0].taxes[0].total == dec("-29.8"));
  CHECK(find_meta(r.lines[0].meta, "_refunded_item_id") == "1");

  RefundRequest request;
  request.amount = dec("149.00");
  request.reason = "Muggen kom fram trasig";
  request.lines.push_back({1, 1, dec("119.20"), {{1, dec("29.80")}}});
  auto made = client.create_refund(24, request);
  REQUIRE(made.has_value());
  CHECK(made->id == 30);
  CHECK(made->amount == dec("149.00"));

  const auto requests = http.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].url.rfind("https://shop.example.com/wp-json/wc/v3/orders/24/refunds?", 0) == 0);
  CHECK(requests[1].method == "POST");
  CHECK_FALSE(requests[1].idempotent);
  CHECK(requests[1].body ==
        R"({"amount":"149.00","reason":"Muggen kom fram trasig","api_refund":false,)"
        R"("api_restock":true,"line_items":[{"id":1,"quantity":1,"refund_total":119.20,)"
        R"("refund_tax":[{"id":1,"refund_total":29.80}]}]})");
}

TEST_CASE("Order notes and meta updates send what the shop expects", "[woo][orders]") {
  FakeHttpClient http;
  const Transcript note = transcript("18-");
  http.push(note.response.status, note.response.body, note.response.headers);
  const Transcript order = transcript("17-");
  http.push(order.response.status, order.response.body, order.response.headers);
  WooClient client(fixture_shop(), http);

  auto id = client.add_order_note(
      25, "Ditt paket har skickats med PostNord, kolli-id 00370712345678901234.", true);
  REQUIRE(id.has_value());
  CHECK(*id == 17);
  auto saved = client.update_order_meta(25, "_visma_invoice", "1042");
  REQUIRE(saved.has_value());
  CHECK(saved->id == 25);

  const auto requests = http.requests();
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].url == "https://shop.example.com/wp-json/wc/v3/orders/25/notes");
  CHECK(requests[0].body == note.request_body);
  CHECK(requests[1].method == "PUT");
  CHECK(requests[1].body == R"({"meta_data":[{"key":"_visma_invoice","value":"1042"}]})");
}
