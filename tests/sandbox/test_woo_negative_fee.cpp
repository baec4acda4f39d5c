// A negative fee (a discount a payment or loyalty plugin adds as a fee) on an order whose cart has
// several tax classes: WooCommerce 7.9 (WC_Order_Item_Fee::calculate_taxes, like the cart's
// WC_Cart_Totals) spreads its tax over the classes in proportion to their positive costs (lines,
// shipping, fees; a non-taxable item's cost counts but is taxed nothing), whatever the fee's own
// tax status. The expected numbers are worked out here with integer arithmetic.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <map>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

__extension__ using i128 = __int128;

std::int64_t div_round(i128 n, i128 d) {  // half away from zero
  const bool negative = (n < 0) != (d < 0);
  if (n < 0) n = -n;
  if (d < 0) d = -d;
  i128 q = n / d;
  if (2 * (n % d) >= d) ++q;
  return static_cast<std::int64_t>(negative ? -q : q);
}

// Amounts in millionths as WooCommerce prints them: no trailing zeros ("-4.384164", "-0.88").
std::string plain(std::int64_t micro) {
  const bool negative = micro < 0;
  const std::int64_t a = negative ? -micro : micro;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%lld.%06lld", negative ? "-" : "", static_cast<long long>(a / 1'000'000),
                static_cast<long long>(a % 1'000'000));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}
std::string money(std::int64_t ore) {
  char buf[40];
  const std::int64_t a = ore < 0 ? -ore : ore;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", ore < 0 ? "-" : "", static_cast<long long>(a / 100),
                static_cast<long long>(a % 100));
  return buf;
}

int create_product(WooEmulator& shop, const char* sku, const char* price, const char* tax_class) {
  const std::string body = std::string(R"({"name":"Vara )") + sku + R"(","sku":")" + sku + R"(","regular_price":")" +
                           price + R"(","tax_class":")" + tax_class + R"("})";
  auto r = send(shop, basic(make_request("POST", "/wp-json/wc/v3/products", body)));
  REQUIRE(r.status == 201);
  return std::stoi(at(body_of(r), {"id"}).text());
}

}  // namespace

TEST_CASE("A negative fee's tax is spread over the cart's tax classes as WooCommerce 7.9 does",
          "[woo][tax][orders][fees]") {
  ManualClock clock(wv::parse_timestamp("2026-12-01T10:00:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  shop.seed_fixture();
  // Prices include VAT: 125.00 at 25 % is 100.00 net, 112.00 at 12 % 100.00, 53.00 at 6 % 50.00.
  const int a = create_product(shop, "NF-25", "125.00", "");
  const int b = create_product(shop, "NF-12", "112.00", "reduced-rate");
  const int c = create_product(shop, "NF-6", "53.00", "low-rate");
  const std::string body =
      R"({"line_items":[{"product_id":)" + std::to_string(a) + R"(,"quantity":2},{"product_id":)" + std::to_string(b) +
      R"(,"quantity":1},{"product_id":)" + std::to_string(c) +
      R"(,"quantity":1}],"shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}],)"
      R"("fee_lines":[{"name":"Tillägg","total":"20.00","tax_status":"none"},)"
      R"({"name":"Lojalitetsrabatt","total":"-30.00","tax_status":"none"}]})";
  auto r = send(shop, basic(make_request("POST", "/wp-json/wc/v3/orders", body)));
  REQUIRE(r.status == 201);
  const auto order = body_of(r);

  // Positive costs per class, in öre: standard 200.00 + shipping 39.20, reduced 100.00, low
  // 50.00, non-taxable 20.00 (the untaxed fee); 409.20 in all. The discount's share of each
  // taxable class, taxed excl. VAT, to 6 decimals: −30 × 239.20 / 409.20 × 25 % = −4.384164,
  // −30 × 100 / 409.20 × 12 % = −0.879765, −30 × 50 / 409.20 × 6 % = −0.219941.
  const std::int64_t all = 20000 + 3920 + 10000 + 5000 + 2000;
  const std::map<std::int64_t, std::pair<std::int64_t, int>> cost_by_rate_id = {
      {1, {23920, 25}}, {2, {10000, 12}}, {3, {5000, 6}}};
  std::map<std::int64_t, std::int64_t> fee_tax;  // micro, per rate id
  for (const auto& [id, cost_rate] : cost_by_rate_id) {
    fee_tax[id] = div_round(static_cast<i128>(-30'000'000) * cost_rate.first * cost_rate.second, static_cast<i128>(all) * 100);
  }
  REQUIRE(fee_tax[1] == -4'384'164);
  REQUIRE(fee_tax[2] == -879'765);
  REQUIRE(fee_tax[3] == -219'941);

  const auto& fee = at(order, {"fee_lines", "1"});
  CHECK(at(fee, {"name"}).text() == "Lojalitetsrabatt");
  CHECK(at(fee, {"total"}).text() == "-30.00");
  REQUIRE(at(fee, {"taxes"}).items().size() == 3);
  std::int64_t fee_total_tax = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& t = at(fee, {"taxes", std::to_string(i)});
    const std::int64_t id = std::stoll(at(t, {"id"}).text());
    CHECK(id == static_cast<std::int64_t>(i) + 1);  // the classes in the order the lines show them
    CHECK(at(t, {"total"}).text() == plain(fee_tax[id]));
    fee_total_tax += div_round(fee_tax[id], 10'000);
  }
  CHECK(fee_total_tax == -438 - 88 - 22);
  CHECK(at(fee, {"total_tax"}).text() == money(fee_total_tax));
  // The untaxed positive fee stays untaxed.
  CHECK(at(order, {"fee_lines", "0", "taxes"}).items().empty());

  // Tax lines: the lines' VAT (50.00, 12.00, 3.00) with the discount's rounded VAT per rate.
  std::map<std::string, std::string> tax_total;
  for (const auto& t : at(order, {"tax_lines"}).items()) tax_total[t.find("rate_id")->text()] = t.find("tax_total")->text();
  CHECK(tax_total["1"] == money(5000 - 438));
  CHECK(tax_total["2"] == money(1200 - 88));
  CHECK(tax_total["3"] == money(300 - 22));
  // Nets 200 + 100 + 50 + 39.20 + 20 − 30 = 379.20; VAT 45.62 + 9.80 + 11.12 + 2.78 = 69.32.
  CHECK(at(order, {"total_tax"}).text() == money(4562 + 980 + 1112 + 278));
  CHECK(at(order, {"total"}).text() == money(37920 + 4562 + 980 + 1112 + 278));
}

TEST_CASE("A VAT-exempt order's negative fee carries no tax", "[woo][tax][orders][fees]") {
  ManualClock clock(wv::parse_timestamp("2026-12-01T10:00:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  shop.seed_fixture();
  const int a = create_product(shop, "NX-25", "125.00", "");
  const int b = create_product(shop, "NX-12", "112.00", "reduced-rate");
  const std::string body = R"({"meta_data":[{"key":"is_vat_exempt","value":"yes"}],"line_items":[{"product_id":)" +
                           std::to_string(a) + R"(,"quantity":1},{"product_id":)" + std::to_string(b) +
                           R"(,"quantity":1}],"fee_lines":[{"name":"Rabatt","total":"-10.00"}]})";
  auto r = send(shop, basic(make_request("POST", "/wp-json/wc/v3/orders", body)));
  REQUIRE(r.status == 201);
  CHECK(at(body_of(r), {"fee_lines", "0", "taxes"}).items().empty());
  CHECK(at(body_of(r), {"fee_lines", "0", "total_tax"}).text() == "0.00");
}
