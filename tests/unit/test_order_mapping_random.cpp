#include <catch2/catch.hpp>

#include "core/sync/orders/order_mapping.hpp"
#include "tests/support/order_generator.hpp"

namespace {

using namespace wv;

OrderMappingSettings settings_for_tests() {
  OrderMappingSettings s;
  for (int rate : {25, 12, 6, 0}) {
    const std::string p = std::to_string(rate);
    s.shipping_articles[p] = {"ship-" + p, "FRAKT" + p, Decimal::from_int(rate)};
    s.fee_articles[p] = {"fee-" + p, "AVGIFT" + p, Decimal::from_int(rate)};
    s.discount_articles[p] = {"disc-" + p, "RABATT" + p, Decimal::from_int(rate)};
  }
  s.rounding_article = ArticleRef{"round", "AVRUNDNING", Decimal{}};
  return s;
}

OrderMappingInput input_for(bool includes_vat) {
  OrderMappingInput in;
  in.customer_id = "cust";
  in.includes_vat = includes_vat;
  in.find_article = [](const std::string& number) -> std::optional<ArticleRef> {
    // "ART25-3" → 25 %
    const auto dash = number.find('-');
    const int rate = std::stoi(number.substr(3, dash - 3));
    return ArticleRef{"id-" + number, number, Decimal::from_int(rate)};
  };
  return in;
}

void check_exact(const Order& order, const MappedDocument& doc) {
  INFO("order " << order.number << " total " << order.total.to_string(2));
  CHECK(doc.expected.total == order.total);
  for (const auto& t : order.tax_lines) {
    const auto it = doc.expected.vat_by_rate.find(t.rate.percent);
    const Decimal mapped = it == doc.expected.vat_by_rate.end() ? Decimal{} : it->second;
    CHECK(mapped == t.tax_total + t.shipping_tax_total);
  }
  for (const auto& row : doc.document.rows) {
    if (row.is_text_row) continue;
    CHECK(row.discount_percentage.has_at_most_decimals(2));
    CHECK(row.unit_price.has_at_most_decimals(2));
  }
}

}  // namespace

TEST_CASE("2,000+ random orders map to documents exact to the öre", "[mapping][random]") {
  testing::OrderGenerator gen(20261124);
  const auto settings = settings_for_tests();
  auto discount_rows = settings;
  discount_rows.discounts = DiscountStyle::DiscountRows;
  int mapped = 0;
  struct Variant {
    testing::OrderGeneratorOptions shop;
    bool private_customer;
    const OrderMappingSettings* settings;
  };
  const std::vector<Variant> variants = {
      {{true, false, "SEK"}, true, &settings},    {{true, false, "SEK"}, false, &settings},
      {{false, false, "SEK"}, true, &settings},   {{false, false, "SEK"}, false, &settings},
      {{true, true, "SEK"}, true, &settings},     {{false, true, "SEK"}, false, &settings},
      {{true, false, "EUR"}, true, &settings},    {{false, false, "EUR"}, false, &settings},
      {{true, false, "SEK"}, true, &discount_rows}, {{false, false, "SEK"}, false, &discount_rows},
  };
  for (const auto& v : variants) {
    for (int i = 0; i < 250; ++i) {
      const Order order = gen.next(v.shop);
      auto doc = map_order(order, input_for(v.private_customer), *v.settings);
      if (!doc) FAIL("order " << order.number << ": " << doc.error().message);
      check_exact(order, *doc);
      ++mapped;
    }
  }
  CHECK(mapped >= 2000);
}
