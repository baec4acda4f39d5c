// Order maths on generated carts, checked against a separate integer implementation of how
// WooCommerce 7.9 prices an order created with prices including VAT: per-line VAT, tax based on
// the shop address, shipping excluding VAT at 25 %, percent and fixed_cart coupons in öre.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

// Amounts below are integers in millionths of a krona ("micro") unless named *_ore / *_cents.
__extension__ using i128 = __int128;

std::int64_t div_round(i128 n, i128 d) {  // half away from zero
  const bool neg = (n < 0) != (d < 0);
  if (n < 0) n = -n;
  if (d < 0) d = -d;
  i128 q = n / d;
  if (2 * (n % d) >= d) ++q;
  return static_cast<std::int64_t>(neg ? -q : q);
}
std::int64_t round2(std::int64_t micro) { return div_round(micro, 10'000) * 10'000; }
std::string money(std::int64_t micro) {
  const std::int64_t ore = div_round(micro, 10'000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", ore < 0 ? "-" : "", static_cast<long long>(std::llabs(ore) / 100),
                static_cast<long long>(std::llabs(ore) % 100));
  return buf;
}

struct CatalogueItem {
  int id;
  std::int64_t price_ore;
  int rate;  // 25, 12, 6, 0
};

struct Line {
  CatalogueItem item;
  std::int64_t qty;
  // computed
  std::int64_t subtotal = 0, subtotal_tax6 = 0, total = 0, total_tax6 = 0;
};

struct Expected {
  std::vector<Line> lines;
  std::map<int, std::int64_t> cart_tax_by_rate;  // rounded
  std::int64_t shipping = 39'200'000, shipping_tax = 9'800'000;
  std::int64_t total = 0, cart_tax = 0, discount_total = 0, discount_tax = 0;
  std::int64_t coupon_discount = 0, coupon_discount_tax = 0;
};

std::int64_t inclusive_tax(std::int64_t gross, int rate) { return div_round(static_cast<i128>(gross) * rate, 100 + rate); }
std::int64_t exclusive_tax(std::int64_t net, int rate) { return div_round(static_cast<i128>(net) * rate, 100); }

// How WooCommerce spreads a coupon, in cents (öre): returns the discount per line.
std::vector<std::int64_t> coupon_cents(const std::vector<Line>& lines, const std::string& type, std::int64_t amount) {
  struct Item {
    std::size_t index;
    std::int64_t qty;
    std::int64_t price4;  // cents × 10^4 (WooCommerce keeps 4 decimals of a cent)
  };
  std::vector<Item> items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::int64_t price4 = lines[i].subtotal + round2(lines[i].subtotal_tax6);  // micro = cents × 10^4
    items.push_back({i, lines[i].qty, price4});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.price4 * a.qty > b.price4 * b.qty; });
  std::vector<std::int64_t> given(lines.size(), 0);
  auto left = [&](const Item& it) -> std::int64_t {
    return static_cast<std::int64_t>(std::llabs(div_round(it.price4 - given[it.index] * 10'000, 10'000)));
  };
  auto remainder = [&](std::int64_t amount_cents) {
    std::int64_t total = 0;
    for (const auto& it : items) {
      for (std::int64_t u = 0; u < it.qty; ++u) {
        const std::int64_t d = std::min<std::int64_t>(left(it), 1);
        given[it.index] += d;
        total += d;
        if (total >= amount_cents) return total;
      }
    }
    return total;
  };
  if (type == "percent") {
    std::int64_t total = 0, cart = 0;
    for (const auto& it : items) {
      const std::int64_t price = div_round(it.price4, 10'000);
      const std::int64_t d = std::min(left(it), price * amount / 100);  // floor for positive values
      given[it.index] += d;
      total += d;
      cart += price;
    }
    // round half down of cart × p / 100
    const i128 n = static_cast<i128>(cart) * amount;
    std::int64_t cart_discount = static_cast<std::int64_t>(n / 100);
    if ((n % 100) * 2 > 100) ++cart_discount;
    if (total < cart_discount) remainder(cart_discount - total);
  } else {
    std::function<std::int64_t(std::int64_t)> fixed_cart = [&](std::int64_t amount_cents) -> std::int64_t {
      std::int64_t units = 0;
      for (const auto& it : items) {
        if (left(it) > 0) units += it.qty;
      }
      if (units == 0) return 0;
      const std::int64_t per_unit = amount_cents / units;
      std::int64_t total = 0;
      if (per_unit > 0) {
        for (const auto& it : items) {
          if (left(it) == 0) continue;
          const std::int64_t d = std::min(left(it), per_unit * it.qty);
          given[it.index] += d;
          total += d;
        }
        if (total > 0 && total < amount_cents) total += fixed_cart(amount_cents - total);
      } else if (amount_cents > 0) {
        total += remainder(amount_cents);
      }
      return total;
    };
    fixed_cart(amount);
  }
  return given;
}

Expected expect(std::vector<Line> lines, const std::string& coupon_type, std::int64_t coupon_amount) {
  Expected e;
  for (auto& l : lines) {
    const std::int64_t gross = l.item.price_ore * l.qty * 10'000;
    l.subtotal = gross - inclusive_tax(gross, l.item.rate);
    l.subtotal_tax6 = exclusive_tax(l.subtotal, l.item.rate);
    l.total = l.subtotal;
  }
  if (!coupon_type.empty()) {
    const auto cents = coupon_cents(lines, coupon_type, coupon_amount);
    std::int64_t all = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::int64_t incl = cents[i] * 10'000;
      const std::int64_t tax = inclusive_tax(incl, lines[i].item.rate);
      lines[i].total = std::max<std::int64_t>(0, lines[i].total - (incl - tax));
      e.coupon_discount_tax += round2(tax);
      all += incl;
    }
    e.coupon_discount = all - e.coupon_discount_tax;
  }
  std::int64_t sub = 0, tot = 0, sub_tax = 0, tot_tax = 0;
  for (auto& l : lines) {
    l.total_tax6 = exclusive_tax(l.total, l.item.rate);
    l.subtotal_tax6 = std::max(l.subtotal_tax6, l.total_tax6);
    e.cart_tax_by_rate[l.item.rate] += round2(l.total_tax6);
    sub += round2(l.subtotal);
    tot += round2(l.total);
    sub_tax += l.subtotal_tax6;
    tot_tax += l.total_tax6;
  }
  for (const auto& [rate, tax] : e.cart_tax_by_rate) e.cart_tax += tax;
  e.discount_total = round2(sub - tot);
  e.discount_tax = round2(sub_tax - tot_tax);
  e.total = round2(tot + e.shipping + e.cart_tax + e.shipping_tax);
  e.lines = std::move(lines);
  return e;
}

}  // namespace

TEST_CASE("Generated carts are priced like WooCommerce prices them", "[woo][tax][orders]") {
  ManualClock clock(wv::parse_timestamp("2026-11-24T10:00:00Z").value());
  WooEmulator shop(WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture});
  shop.seed_fixture();
  std::mt19937 random(20261124);
  // A catalogue of awkward prices across the four classes.
  std::vector<CatalogueItem> catalogue;
  const std::pair<int, const char*> classes[] = {{25, ""}, {12, "reduced-rate"}, {6, "low-rate"}, {0, "zero-rate"}};
  for (int i = 0; i < 24; ++i) {
    const auto& [rate, cls] = classes[i % 4];
    const std::int64_t price = 100 + static_cast<std::int64_t>(random() % 250'000);  // 1.00 – 2501.00
    char body[256];
    std::snprintf(body, sizeof body, R"({"name":"Vara %d","sku":"GEN-%d","regular_price":"%lld.%02lld","tax_class":"%s"})",
                  i, i, static_cast<long long>(price / 100), static_cast<long long>(price % 100), cls);
    auto r = send(shop, basic(make_request("POST", "/wp-json/wc/v3/products", body)));
    REQUIRE(r.status == 201);
    catalogue.push_back({std::stoi(at(body_of(r), {"id"}).text()), price, rate});
  }
  for (int n = 0; n < 240; ++n) {
    std::vector<Line> lines;
    std::string items;
    const int count = 1 + static_cast<int>(random() % 4);
    std::vector<int> used;
    for (int k = 0; k < count; ++k) {
      const auto& item = catalogue[random() % catalogue.size()];
      if (std::find(used.begin(), used.end(), item.id) != used.end()) continue;
      used.push_back(item.id);
      const std::int64_t qty = 1 + static_cast<std::int64_t>(random() % 5);
      lines.push_back({item, qty});
      items += std::string(items.empty() ? "" : ",") + R"({"product_id":)" + std::to_string(item.id) +
               R"(,"quantity":)" + std::to_string(qty) + "}";
    }
    std::string coupon_type, coupon_code;
    std::int64_t coupon_amount = 0;
    if (n % 3 == 1) {
      coupon_type = "percent";
      coupon_code = "tenpercent";
      coupon_amount = 10;
    } else if (n % 3 == 2) {
      coupon_type = "fixed_cart";
      coupon_code = "fifty";
      coupon_amount = 5000;  // öre
    }
    std::string body = R"({"line_items":[)" + items +
                       R"(],"shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}])";
    if (!coupon_code.empty()) body += R"(,"coupon_lines":[{"code":")" + coupon_code + R"("}])";
    body += "}";
    auto r = send(shop, basic(make_request("POST", "/wp-json/wc/v3/orders", body)));
    REQUIRE(r.status == 201);
    const Json order = body_of(r);
    const Expected e = expect(lines, coupon_type, coupon_amount);
    INFO("cart " << n << ": " << body);
    CHECK(at(order, {"total"}).text() == money(e.total));
    CHECK(at(order, {"cart_tax"}).text() == money(e.cart_tax));
    CHECK(at(order, {"total_tax"}).text() == money(e.cart_tax + e.shipping_tax));
    CHECK(at(order, {"discount_total"}).text() == money(e.discount_total));
    CHECK(at(order, {"discount_tax"}).text() == money(e.discount_tax));
    CHECK(at(order, {"shipping_tax"}).text() == "9.80");
    for (std::size_t i = 0; i < e.lines.size(); ++i) {
      const Json& line = at(order, {"line_items", std::to_string(i)});
      CHECK(at(line, {"subtotal"}).text() == money(e.lines[i].subtotal));
      CHECK(at(line, {"total"}).text() == money(e.lines[i].total));
      CHECK(at(line, {"total_tax"}).text() == money(round2(e.lines[i].total_tax6)));
    }
    if (!coupon_code.empty()) {
      CHECK(at(order, {"coupon_lines", "0", "discount"}).text() == money(e.coupon_discount));
      CHECK(at(order, {"coupon_lines", "0", "discount_tax"}).text() == money(e.coupon_discount_tax));
    }
    // Every rate used gets a tax line with its own rounded sum.
    for (const auto& tax : at(order, {"tax_lines"}).items()) {
      const int rate = std::stoi(tax.find("rate_percent")->text());
      if (rate == 25) continue;  // shipping shares the 25 % line
      CHECK(tax.find("tax_total")->text() == money(e.cart_tax_by_rate.at(rate)));
    }
    // Without coupons the customer pays the shelf prices plus 49.00 shipping, give or take an
    // öre per line from the per-line VAT rounding.
    if (coupon_code.empty()) {
      std::int64_t shelf = 4900;
      for (const auto& l : lines) shelf += l.item.price_ore * l.qty;
      const std::int64_t paid = div_round(e.total, 10'000);
      CHECK(std::llabs(paid - shelf) <= static_cast<std::int64_t>(lines.size()));
    }
  }
}
