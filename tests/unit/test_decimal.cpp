#include <catch2/catch.hpp>

#include "core/decimal.hpp"
#include "core/money.hpp"

using wv::Decimal;

namespace {
Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  REQUIRE(v.has_value());
  return *v;
}
}  // namespace

TEST_CASE("Decimal parses the API's amount strings exactly", "[core][decimal]") {
  CHECK(d("695.00").micros() == 695'000'000);
  CHECK(d("-119.20").micros() == -119'200'000);
  CHECK(d("10.607143").micros() == 10'607'143);
  CHECK(d("0").micros() == 0);
  CHECK(d("+3").micros() == 3'000'000);
  CHECK(d(".5").micros() == 500'000);
  CHECK(d("0.1") + d("0.2") == d("0.3"));
}

TEST_CASE("Decimal rejects text that is not a plain decimal", "[core][decimal]") {
  for (const char* bad : {"", "-", ".", "1,5", "1e3", "12a", "1 000", "1.2.3", "0x10", "--1"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::parse(bad).has_value());
  }
  CHECK_FALSE(Decimal::parse("99999999999999999999").has_value());
}

TEST_CASE("Decimal rounds excess digits only when asked", "[core][decimal]") {
  CHECK_FALSE(Decimal::parse("512.5306666666667").has_value());
  CHECK(Decimal::parse("512.5306666666667", true)->micros() == 512'530'667);
  CHECK(Decimal::parse("1.0000000", false)->micros() == 1'000'000);
  CHECK(Decimal::parse("-0.0000005", true)->micros() == -1);
}

TEST_CASE("Decimal rounds halves away from zero", "[core][decimal]") {
  CHECK(d("100.45").rounded(1) == d("100.5"));
  CHECK(d("-100.45").rounded(1) == d("-100.5"));
  CHECK(d("384.398").rounded(2) == d("384.40"));
  CHECK(d("0.005").to_minor(2) == 1);
  CHECK(d("0.004999").to_minor(2) == 0);
  CHECK(d("-0.005").to_minor(2) == -1);
}

TEST_CASE("Decimal formats with fixed or shortest decimals", "[core][decimal]") {
  CHECK(d("695").to_string(2) == "695.00");
  CHECK(d("-0.5").to_string(2) == "-0.50");
  CHECK(d("0.001").to_string(2) == "0.00");
  CHECK(d("25").to_plain_string() == "25");
  CHECK(d("10.607143").to_plain_string() == "10.607143");
  CHECK(d("59.6").to_plain_string(2) == "59.60");
  CHECK(Decimal::from_minor(69500).to_string(2) == "695.00");
}

TEST_CASE("Decimal multiplies and divides with a single rounding", "[core][decimal]") {
  CHECK(d("149.00").times(d("0.2"), 2) == d("29.80"));
  CHECK(d("249").times(d("6"), 6).divided_by(d("106"), 2) == d("14.09"));
  CHECK(d("0.070707").times(d("0.070711"), 2) == d("0.00"));  // 0.0049997..., not 0.01
  CHECK(d("50").divided_by(d("6"), 2) == d("8.33"));
  CHECK(d("-50").divided_by(d("6"), 2) == d("-8.33"));
  CHECK(d("1").divided_by(d("8"), 2) == d("0.13"));
  CHECK(d("149") * 2 == d("298"));
}

TEST_CASE("Decimal multiplies then divides with one rounding at the end", "[core][decimal]") {
  CHECK(d("249").times_divided_by(d("6"), d("106"), 2) == d("14.09"));
  CHECK(d("-249").times_divided_by(d("6"), d("106"), 2) == d("-14.09"));
  // 0.111110888889 / 0.000003 = 37036.962963; rounding the product first would give 37037.
  CHECK(d("0.333333").times_divided_by(d("0.333333"), d("0.000003"), 2) == d("37036.96"));
  CHECK(d("0.333333").times(d("0.333333")).divided_by(d("0.000003"), 2) == d("37037"));
  CHECK(d("1").times_divided_by(d("1"), d("8"), 2) == d("0.13"));
  CHECK(d("1").times_divided_by(d("1"), d("-8"), 2) == d("-0.13"));
  CHECK(d("10").times_divided_by(d("1"), d("3")) == d("3.333333"));
  CHECK(d("100").times_divided_by(d("25"), d("125"), 0) == d("20"));
}

TEST_CASE("Money refuses to mix currencies", "[core][money]") {
  wv::Money sek{d("10"), "SEK"};
  wv::Money eur{d("10"), "EUR"};
  CHECK((sek + sek).to_string() == "20.00 SEK");
  CHECK_THROWS_AS(sek + eur, std::logic_error);
}
