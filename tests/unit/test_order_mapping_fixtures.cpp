// Every order in the real WooCommerce 7.9 transcripts maps to a document whose total and VAT per
// rate, as Visma computes them, equal the shop's to the öre: for a private customer (prices
// incl. VAT) and for a company (prices excl. VAT), with row discounts and with discount rows.

#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "core/sync/orders/order_mapping.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

namespace {

using namespace wv;

Order fixture_order(const std::string& prefix) {
  const auto t = testing::transcript(prefix);
  testing::FakeHttpClient http;
  http.push(t.response.status, t.response.body, t.response.headers);
  testing::FixedClock clock;
  WooClient client(testing::fixture_shop(), http, clock);
  auto order = client.get_order(1);
  REQUIRE(order);
  REQUIRE(*order);
  return **order;
}

// The recording shop's catalogue as Visma articles (VAT by tax class).
std::optional<ArticleRef> catalogue(const std::string& number) {
  static const std::map<std::string, int> vat = {
      {"MUG-001", 25}, {"LAMP-3", 25}, {"FOOD-7", 12}, {"BOOK-042", 6}, {"STAMP-10", 0},
      {"TSHIRT-S", 25}, {"TSHIRT-M", 25}, {"TSHIRT-L", 25}, {"SERVICE-INSTALL", 25}, {"TEAPOT-9", 25}};
  auto it = vat.find(number);
  if (it == vat.end()) return std::nullopt;
  return ArticleRef{"id-" + number, number, Decimal::from_int(it->second)};
}

OrderMappingSettings settings(DiscountStyle style) {
  OrderMappingSettings s;
  s.discounts = style;
  s.missing_sku = MissingSkuPolicy::TextRow;
  for (int rate : {25, 12, 6, 0}) {
    const std::string p = std::to_string(rate);
    s.shipping_articles[p] = {"ship-" + p, "FRAKT" + p, Decimal::from_int(rate)};
    s.fee_articles[p] = {"fee-" + p, "AVGIFT" + p, Decimal::from_int(rate)};
    s.discount_articles[p] = {"disc-" + p, "RABATT" + p, Decimal::from_int(rate)};
    s.generic_articles[p] = {"gen-" + p, "OVRIGT" + p, Decimal::from_int(rate)};
  }
  s.rounding_article = ArticleRef{"round", "AVRUNDNING", Decimal{}};
  return s;
}

void check_order(const std::string& prefix) {
  const Order order = fixture_order(prefix);
  auto shop = shop_totals(order);
  REQUIRE(shop);
  for (DiscountStyle style : {DiscountStyle::RowDiscount, DiscountStyle::DiscountRows}) {
    for (bool private_person : {true, false}) {
      INFO("order " << order.number << (private_person ? " private" : " company")
                    << (style == DiscountStyle::RowDiscount ? " row discounts" : " discount rows"));
      OrderMappingInput input;
      input.customer_id = "c";
      input.includes_vat = private_person;
      input.find_article = catalogue;
      auto doc = map_order(order, input, settings(style));
      REQUIRE(doc);
      CHECK(doc->expected.total == order.total);
      CHECK(doc->expected.total.to_string(2) == order.total.to_string(2));
      for (const auto& [rate, vat] : shop->vat_by_rate) {
        INFO("VAT " << rate.to_plain_string() << " %");
        CHECK(doc->expected.vat_by_rate[rate] == vat);
      }
      Decimal vat_sum;
      for (const auto& [rate, vat] : doc->expected.vat_by_rate) vat_sum += vat;
      CHECK(vat_sum == order.total_tax);
      CHECK(doc->document.your_reference == order.number);
    }
  }
}

}  // namespace

TEST_CASE("fixture order 24 (guest, three VAT rates, refunded later) maps exactly", "[mapping][fixtures]") {
  check_order("21-");
}
TEST_CASE("fixture order 25 (variation, percent coupon) maps exactly", "[mapping][fixtures]") {
  check_order("22-");
}
TEST_CASE("fixture order 26 (company, fee, fixed coupon) maps exactly", "[mapping][fixtures]") {
  check_order("23-");
}
TEST_CASE("fixture order 27 (EUR, net totals given) maps exactly", "[mapping][fixtures]") {
  check_order("24-");
}
TEST_CASE("fixture order 28 (line without SKU) maps exactly", "[mapping][fixtures]") {
  check_order("25-");
}
TEST_CASE("fixture order 29 (cancelled) maps exactly", "[mapping][fixtures]") {
  check_order("26-");
}
TEST_CASE("fixture orders from the create and status transcripts map exactly", "[mapping][fixtures]") {
  check_order("15-");
  check_order("17-");
}

TEST_CASE("fixture order 26 as a company document shows the lamp line exactly", "[mapping][fixtures]") {
  const Order order = fixture_order("23-");
  OrderMappingInput input;
  input.customer_id = "c";
  input.includes_vat = false;
  input.find_article = catalogue;
  auto doc = map_order(order, input, settings(DiscountStyle::RowDiscount));
  REQUIRE(doc);
  // The 25 % lines cost 1537.59 + 389.34 + 39.20 + 23.20 excl. VAT, and the shop's VAT on them
  // (computed from the prices incl. VAT) is 497.33; Visma's per-row VAT on those net amounts
  // would be 497.34. So the lamps (the largest line) carry 2 öre less and a VAT-free rounding
  // row the 2 öre, keeping the total, and the lamp rows still move 3 units of stock.
  Decimal lamp;
  Decimal units;
  Decimal rounding;
  for (const auto& row : doc->document.rows) {
    const Decimal amount = row_amount({row.quantity, row.unit_price, row.discount_percentage, {}, false});
    if (row.article_number == "LAMP-3") {
      lamp += amount;
      units += row.quantity;
    }
    if (row.article_number == "AVRUNDNING") rounding += amount;
  }
  CHECK(lamp == Decimal::from_minor(153757));
  CHECK(rounding == Decimal::from_minor(2));
  CHECK(units == Decimal::from_int(3));
  CHECK(doc->expected.vat_by_rate[Decimal::from_int(25)] == Decimal::from_minor(49733));
  // The customer's note and payment method appear as text rows.
  CHECK(doc->document.rows.front().is_text_row);
  CHECK(doc->document.rows.front().text.find("Banköverföring") != std::string::npos);
}
