// The emulator's document totals model, computed by hand.

#include <catch2/catch.hpp>

#include "sandbox/visma/document_totals.hpp"

using wv::Decimal;
using namespace wv::sandbox::visma;

namespace {
Decimal d(const char* text) { return *Decimal::parse(text); }
TotalsRowInput row(const char* q, const char* price, const char* discount, const char* vat) {
  return TotalsRowInput{false, d(q), d(price), d(discount), d(vat)};
}
}  // namespace

TEST_CASE("row amounts round once, halves away from zero; discounts are fractions", "[visma][totals]") {
  CHECK(row_amount(d("3"), d("99"), d("0")) == d("297"));
  CHECK(row_amount(d("2"), d("99"), d("0.1")) == d("178.2"));
  CHECK(row_amount(d("1"), d("79.99"), d("0.3333")) == d("53.33"));       // 53.329333
  CHECK(row_amount(d("10"), d("12.3456"), d("0")) == d("123.46"));        // 123.456
  CHECK(row_amount(d("1"), d("0.125"), d("0")) == d("0.13"));             // exactly half
  CHECK(row_amount(d("-1"), d("0.125"), d("0")) == d("-0.13"));
  CHECK(row_amount(d("1.5"), d("600"), d("0")) == d("900"));
  CHECK(row_amount(d("3"), d("33.3333"), d("0.1235")) == d("87.65"));    // 87.649912: one rounding, at the end
  CHECK(row_amount(d("1"), d("100"), d("1")) == Decimal());
}

TEST_CASE("prices including VAT: VAT is taken out of each row", "[visma][totals]") {
  const auto t = compute_totals({row("3", "99", "0", "25"), row("2", "99", "0.1", "12"), row("1", "249", "0", "6"),
                                 TotalsRowInput{true, {}, {}, {}, {}}, row("1", "150", "0", "0"), row("1", "49", "0", "25")},
                                true, Decimal(), false);
  CHECK(t.amount == d("923.2"));
  CHECK(t.total_vat == d("102.38"));  // 59.40 + 19.09 + 14.09 + 0 + 9.80
  CHECK(t.total == d("923.2"));
  CHECK(t.roundings == Decimal());
  REQUIRE(t.rows.size() == 6);
  CHECK(t.rows[1].vat == d("19.09"));  // 178.20 × 12/112 = 19.0929
  CHECK(t.rows[3].amount == Decimal());
  REQUIRE(t.vat_specification.size() == 4);
  CHECK(t.vat_specification[0].vat_percent == d("0"));
  CHECK(t.vat_specification[0].amount_excluding_vat == d("150"));
  CHECK(t.vat_specification[1].amount_excluding_vat == d("234.91"));
  CHECK(t.vat_specification[2].amount_excluding_vat == d("159.11"));
  CHECK(t.vat_specification[3].vat_percent == d("25"));
  CHECK(t.vat_specification[3].amount_excluding_vat == d("276.8"));
  CHECK(t.vat_specification[3].vat_amount == d("69.2"));
}

TEST_CASE("prices excluding VAT: VAT is added per row", "[visma][totals]") {
  const auto t = compute_totals({row("2", "399.2", "0.125", "25"), row("1.5", "600", "0", "25"), row("3", "52.68", "0", "12"),
                                 row("1", "79.99", "0.3333", "25")},
                                false, Decimal(), false);
  CHECK(t.amount == d("1809.97"));
  CHECK(t.total_vat == d("431.94"));  // 174.65 + 225.00 + 18.96 + 13.33
  CHECK(t.total == d("2241.91"));
  CHECK(t.rows[2].vat == d("18.96"));  // 18.9648
}

TEST_CASE("domestic rounding to whole kronor, and fixed roundings", "[visma][totals]") {
  const auto up = compute_totals({row("2", "399.2", "0.125", "25"), row("1.5", "600", "0", "25"), row("3", "52.68", "0", "12"),
                                  row("1", "79.99", "0.3333", "25")},
                                 false, Decimal(), true);
  CHECK(up.roundings == d("0.09"));
  CHECK(up.total == d("2242"));
  const auto half = compute_totals({row("1", "100.5", "0", "25")}, true, Decimal(), true);
  CHECK(half.roundings == d("0.5"));
  CHECK(half.total == d("101"));
  const auto down = compute_totals({row("1", "100.49", "0", "25")}, true, Decimal(), true);
  CHECK(down.roundings == d("-0.49"));
  const auto fixed = compute_totals({row("2", "99", "0", "25"), row("1", "199", "0", "25")}, true, d("0.2"), false);
  CHECK(fixed.amount == d("397"));
  CHECK(fixed.total_vat == d("79.4"));
  CHECK(fixed.total == d("397.2"));
}
