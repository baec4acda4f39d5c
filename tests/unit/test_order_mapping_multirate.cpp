// Fee and shipping lines taxed at several VAT rates (issue 9, item 1): WooCommerce spreads the tax
// of a negative fee over the cart's tax classes, so the fee line's `taxes` has one entry per rate.
// The mapping makes one row per rate on that rate's fee (or shipping) article. The numbers are
// worked out here with integer arithmetic of this file's own, and the document's totals are
// recomputed from its rows the same way (not through the mapping's `expected`).

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <string>

#include "core/sync/orders/order_mapping.hpp"
#include "core/sync/orders/refund_mapping.hpp"

namespace {

using namespace wv;
__extension__ using i128 = __int128;

// Money in millionths ("micro"), as integers.
std::int64_t div_round(i128 n, i128 d) {  // half away from zero
  const bool negative = (n < 0) != (d < 0);
  if (n < 0) n = -n;
  if (d < 0) d = -d;
  i128 q = n / d;
  if (2 * (n % d) >= d) ++q;
  return static_cast<std::int64_t>(negative ? -q : q);
}
std::int64_t micro(std::int64_t ore) { return ore * 10'000; }
std::int64_t round_ore(std::int64_t m) { return div_round(m, 10'000); }  // micro → öre
Decimal money(std::int64_t m) { return Decimal::from_micros(m); }

const std::map<std::int64_t, int> kRateOfId = {{1, 25}, {2, 12}, {3, 6}, {4, 0}};

TaxLine tax_line(std::int64_t rate_id, std::int64_t items_ore, std::int64_t shipping_ore) {
  TaxLine t;
  t.id = 100 + rate_id;
  t.rate_id = rate_id;
  t.rate = VatRate{Decimal::from_int(kRateOfId.at(rate_id))};
  t.label = "Moms";
  t.tax_total = Decimal::from_minor(items_ore);
  t.shipping_tax_total = Decimal::from_minor(shipping_ore);
  return t;
}

OrderLine line(const std::string& sku, std::int64_t rate_id, int quantity, std::int64_t net_ore) {
  static std::int64_t next_id = 10;
  OrderLine l;
  l.id = next_id++;
  l.name = "Vara " + sku;
  l.sku = Sku(sku);
  l.quantity = Decimal::from_int(quantity);
  l.total = l.subtotal = Decimal::from_minor(net_ore);
  const std::int64_t tax = div_round(static_cast<i128>(micro(net_ore)) * kRateOfId.at(rate_id), 100);
  l.total_tax = l.subtotal_tax = money(micro(round_ore(tax)));
  l.taxes.push_back({rate_id, money(tax), money(tax)});
  return l;
}

Order base_order() {
  Order o;
  o.id = 4711;
  o.number = "4711";
  o.status = "processing";
  o.currency = "SEK";
  o.billing.first_name = "Test";
  o.billing.last_name = "Kund";
  o.billing.city = "Stockholm";
  o.billing.postcode = "111 22";
  o.billing.country = "SE";
  return o;
}

OrderMappingSettings settings() {
  OrderMappingSettings s;
  for (int rate : {25, 12, 6, 0}) {
    const std::string p = std::to_string(rate);
    s.shipping_articles[p] = {"ship-" + p, "FRAKT" + p, Decimal::from_int(rate)};
    s.fee_articles[p] = {"fee-" + p, "AVGIFT" + p, Decimal::from_int(rate)};
  }
  s.rounding_article = ArticleRef{"round", "AVRUNDNING", Decimal{}};
  return s;
}

OrderMappingInput input(bool includes_vat) {
  OrderMappingInput in;
  in.customer_id = "c";
  in.includes_vat = includes_vat;
  in.find_article = [](const std::string& number) -> std::optional<ArticleRef> {
    static const std::map<std::string, int> vat = {{"A25", 25}, {"B12", 12}, {"C6", 6}};
    auto it = vat.find(number);
    if (it == vat.end()) return std::nullopt;
    return ArticleRef{"id-" + number, number, Decimal::from_int(it->second)};
  };
  return in;
}

// The VAT percent of a row's article, from the articles above.
int rate_of(const std::string& article_number) {
  if (article_number == "AVRUNDNING") return 0;
  std::string digits;
  for (char c : article_number) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return std::stoi(digits);
}

// A document's total and VAT per rate, recomputed from its rows: a row's amount is quantity ×
// unit price × (1 − discount %) rounded to öre, its VAT amount × r / (100 + r) (prices incl.
// VAT) or amount × r / 100 (excl.), rounded per row; everything half away from zero.
struct Recomputed {
  std::int64_t total_ore = 0;
  std::map<int, std::int64_t> vat_ore;
  std::map<std::string, std::int64_t> amount_ore_by_article;
};
Recomputed recompute(const SalesDocument& doc) {
  Recomputed r;
  for (const auto& row : doc.rows) {
    if (row.is_text_row) continue;
    const i128 gross = static_cast<i128>(row.quantity.micros()) * row.unit_price.micros();  // 12 decimals
    const i128 kept = gross * (100'000'000 - row.discount_percentage.micros());             // × (100 − d) in micro
    const std::int64_t amount = div_round(kept, static_cast<i128>(100'000'000) * 10'000'000'000);  // öre
    const int rate = rate_of(row.article_number);
    const std::int64_t vat = doc.includes_vat ? div_round(static_cast<i128>(amount) * rate, 100 + rate)
                                              : div_round(static_cast<i128>(amount) * rate, 100);
    r.vat_ore[rate] += vat;
    r.total_ore += doc.includes_vat ? amount : amount + vat;
    r.amount_ore_by_article[row.article_number] += amount;
  }
  return r;
}

// The cart of the tests: two units at 25 % for 400.00, 200.00 at 12 %, 100.00 at 6 % (excl. VAT),
// shipping 49.00 at 25 %, and a loyalty discount of −50.00 added as a fee.
struct Cart {
  Order order;
  std::map<int, std::int64_t> fee_tax_micro;  // WooCommerce's unrounded fee tax per rate
};

Cart cart_with_negative_fee() {
  Cart c;
  Order& o = c.order;
  o = base_order();
  o.lines = {line("A25", 1, 2, 40000), line("B12", 2, 1, 20000), line("C6", 3, 1, 10000)};
  ShippingLine s;
  s.id = 20;
  s.method_title = "Frakt";
  s.method_id = "flat_rate";
  s.total = Decimal::from_minor(4900);
  s.total_tax = Decimal::from_minor(1225);
  s.taxes.push_back({1, Decimal::from_minor(1225), {}});
  o.shipping_lines.push_back(s);

  // WooCommerce 7.9: the classes' positive costs are 25 %: 400.00 + 49.00 (shipping) = 449.00,
  // 12 %: 200.00, 6 %: 100.00, of 749.00 in all. Each class's share of the −50.00 is taxed excl.
  // VAT and kept to 6 decimals: −50 × 449 / 749 × 25 % = −7.493324 (…2433), −50 × 200 / 749 ×
  // 12 % = −1.602136 (…1816), −50 × 100 / 749 × 6 % = −0.400534 (…0454).
  const std::int64_t fee_micro = micro(-5000);
  const std::map<int, std::int64_t> cost_ore = {{25, 44900}, {12, 20000}, {6, 10000}};
  for (const auto& [rate, cost] : cost_ore) {
    c.fee_tax_micro[rate] = div_round(static_cast<i128>(fee_micro) * cost * rate, static_cast<i128>(74900) * 100);
  }
  REQUIRE(c.fee_tax_micro[25] == -7'493'324);
  REQUIRE(c.fee_tax_micro[12] == -1'602'136);
  REQUIRE(c.fee_tax_micro[6] == -400'534);

  FeeLine f;
  f.id = 30;
  f.name = "Lojalitetsrabatt";
  f.tax_status = "taxable";
  f.total = Decimal::from_minor(-5000);
  const std::map<int, std::int64_t> id_of = {{25, 1}, {12, 2}, {6, 3}};
  std::int64_t fee_tax_ore = 0;
  for (int rate : {25, 12, 6}) {
    f.taxes.push_back({id_of.at(rate), money(c.fee_tax_micro[rate]), {}});
    fee_tax_ore += round_ore(c.fee_tax_micro[rate]);  // −7.49 − 1.60 − 0.40
  }
  REQUIRE(fee_tax_ore == -949);
  f.total_tax = Decimal::from_minor(fee_tax_ore);
  o.fee_lines.push_back(f);

  // Tax lines: the lines' VAT plus the fee's rounded VAT per rate; shipping apart.
  o.tax_lines = {tax_line(1, 10000 + round_ore(c.fee_tax_micro[25]), 1225),  // 92.51 + 12.25
                 tax_line(2, 2400 + round_ore(c.fee_tax_micro[12]), 0),      // 22.40
                 tax_line(3, 600 + round_ore(c.fee_tax_micro[6]), 0)};       // 5.60
  o.shipping_total = s.total;
  o.shipping_tax = s.total_tax;
  o.cart_tax = Decimal::from_minor(9251 + 2240 + 560);
  o.total_tax = o.cart_tax + o.shipping_tax;
  // 400 + 200 + 100 + 49 − 50 = 699.00 net, 132.76 VAT.
  o.total = Decimal::from_minor(69900) + o.total_tax;
  REQUIRE(o.total == Decimal::from_minor(83176));
  return c;
}

}  // namespace

TEST_CASE("a negative fee taxed at three rates becomes one row per rate, exact to the öre",
          "[mapping][multirate]") {
  const Cart cart = cart_with_negative_fee();
  const Order& order = cart.order;
  // Each rate's part of the fee is the amount its VAT was charged on, in öre, adding up to −50.00:
  // −7.493324 / 25 % = −29.973296, −1.602136 / 12 % = −13.351133, −0.400534 / 6 % = −6.675567;
  // cut to −29.97, −13.35, −6.67 (−49.99), the missing öre to the largest remainder (6 %).
  const std::map<int, std::int64_t> fee_net_ore = {{25, -2997}, {12, -1335}, {6, -668}};
  for (bool private_person : {true, false}) {
    INFO(std::string(private_person ? "private (prices incl. VAT)" : "company (prices excl. VAT)"));
    auto doc = map_order(order, input(private_person), settings());
    REQUIRE(doc);
    Recomputed r = recompute(doc->document);
    CHECK(r.total_ore == 83176);
    CHECK(r.vat_ore[25] == 9251 + 1225);
    CHECK(r.vat_ore[12] == 2240);
    CHECK(r.vat_ore[6] == 560);
    CHECK(r.vat_ore.size() == 3);
    // One row per rate, each on the fee article of its rate.
    for (const auto& [rate, net] : fee_net_ore) {
      const std::string article = "AVGIFT" + std::to_string(rate);
      int rows = 0;
      for (const auto& row : doc->document.rows) {
        if (row.article_number != article) continue;
        ++rows;
        CHECK(row.quantity == Decimal::from_int(1));
        CHECK(row.text.find("Lojalitetsrabatt") != std::string::npos);
      }
      CHECK(rows == 1);
      const std::int64_t amount = private_person ? net + round_ore(cart.fee_tax_micro.at(rate)) : net;
      CHECK(r.amount_ore_by_article.at(article) == amount);
    }
    CHECK_FALSE(r.amount_ore_by_article.contains("AVRUNDNING"));
  }
}

TEST_CASE("a multi-rate fee on an order with a 0 % class puts the untaxed part on the 0 % fee article",
          "[mapping][multirate]") {
  Cart cart = cart_with_negative_fee();
  Order& order = cart.order;
  // Add stamps at 0 % for 51.00: costs are now 449 + 200 + 100 + 51 = 800.00. The fee's taxes:
  // −50 × 449 / 800 × 25 % = −7.015625, × 200 / 800 × 12 % = −1.5, × 100 / 800 × 6 % = −0.375,
  // and 0.00 at 0 % for the stamps' share of −3.1875.
  order.lines.push_back(line("D0", 4, 3, 5100));
  FeeLine& fee = order.fee_lines.front();
  fee.taxes = {{1, money(div_round(static_cast<i128>(micro(-5000)) * 44900 * 25, 80000 * 100)), {}},
               {2, money(div_round(static_cast<i128>(micro(-5000)) * 20000 * 12, 80000 * 100)), {}},
               {3, money(div_round(static_cast<i128>(micro(-5000)) * 10000 * 6, 80000 * 100)), {}},
               {4, Decimal{}, {}}};
  REQUIRE(fee.taxes[0].total == money(-7'015'625));
  REQUIRE(fee.taxes[1].total == money(-1'500'000));
  REQUIRE(fee.taxes[2].total == money(-375'000));
  // Rounded per rate: −7.02, −1.50, −0.38 (half away from zero).
  fee.total_tax = Decimal::from_minor(-702 - 150 - 38);
  order.tax_lines = {tax_line(1, 10000 - 702, 1225), tax_line(2, 2400 - 150, 0), tax_line(3, 600 - 38, 0),
                     tax_line(4, 0, 0)};
  order.cart_tax = Decimal::from_minor(9298 + 2250 + 562);
  order.total_tax = order.cart_tax + order.shipping_tax;
  order.total = Decimal::from_minor(69900 + 5100) + order.total_tax;
  // Nets: −28.0625, −12.5, −6.25 taxed, and −3.1875 untaxed; in öre −28.06, −12.50, −6.25, −3.19.
  const std::map<int, std::int64_t> fee_net_ore = {{25, -2806}, {12, -1250}, {6, -625}, {0, -319}};
  const std::map<int, std::int64_t> fee_tax_ore = {{25, -702}, {12, -150}, {6, -38}, {0, 0}};
  auto in = input(false);
  const auto base = in.find_article;
  in.find_article = [base](const std::string& number) -> std::optional<ArticleRef> {
    if (number == "D0") return ArticleRef{"id-D0", "D0", Decimal{}};
    return base(number);
  };
  for (bool private_person : {true, false}) {
    in.includes_vat = private_person;
    auto doc = map_order(order, in, settings());
    REQUIRE(doc);
    Recomputed r = recompute(doc->document);
    CHECK(r.total_ore == order.total.to_minor());
    CHECK(r.vat_ore[25] == 9298 + 1225);
    CHECK(r.vat_ore[12] == 2250);
    CHECK(r.vat_ore[6] == 562);
    CHECK(r.vat_ore[0] == 0);
    for (const auto& [rate, net] : fee_net_ore) {
      const std::string article = "AVGIFT" + std::to_string(rate);
      INFO(article);
      REQUIRE(r.amount_ore_by_article.contains(article));
      CHECK(r.amount_ore_by_article.at(article) == (private_person ? net + fee_tax_ore.at(rate) : net));
    }
  }
}

TEST_CASE("a shipping line taxed at two rates becomes a shipping row per rate", "[mapping][multirate]") {
  Order order = base_order();
  order.lines = {line("A25", 1, 1, 60000), line("B12", 2, 1, 40000)};
  // A shipping plugin that taxes shipping by the cart's mix: 60.00 at 25 % (15.00) and 40.00 at
  // 12 % (4.80).
  ShippingLine s;
  s.id = 20;
  s.method_title = "Hemleverans";
  s.total = Decimal::from_minor(10000);
  s.total_tax = Decimal::from_minor(1980);
  s.taxes = {{1, Decimal::from_minor(1500), {}}, {2, Decimal::from_minor(480), {}}};
  order.shipping_lines.push_back(s);
  order.tax_lines = {tax_line(1, 15000, 1500), tax_line(2, 4800, 480)};
  order.shipping_total = s.total;
  order.shipping_tax = s.total_tax;
  order.cart_tax = Decimal::from_minor(19800);
  order.total_tax = order.cart_tax + order.shipping_tax;
  order.total = Decimal::from_minor(110000) + order.total_tax;
  for (bool private_person : {true, false}) {
    auto doc = map_order(order, input(private_person), settings());
    REQUIRE(doc);
    Recomputed r = recompute(doc->document);
    CHECK(r.total_ore == 110000 + 19800 + 1980);
    CHECK(r.vat_ore[25] == 15000 + 1500);
    CHECK(r.vat_ore[12] == 4800 + 480);
    CHECK(r.amount_ore_by_article.at("FRAKT25") == (private_person ? 7500 : 6000));
    CHECK(r.amount_ore_by_article.at("FRAKT12") == (private_person ? 4480 : 4000));
  }
}

TEST_CASE("a multi-rate fee without a fee article for one of its rates names the config key",
          "[mapping][multirate]") {
  const Cart cart = cart_with_negative_fee();
  auto s = settings();
  s.fee_articles.erase("12");
  auto doc = map_order(cart.order, input(true), s);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().kind == ErrorKind::Rejected);
  CHECK(doc.error().message.find("orders.fee_articles") != std::string::npos);
  CHECK(doc.error().message.find("12 %") != std::string::npos);
  CHECK(doc.error().message.find("Lojalitetsrabatt") != std::string::npos);
}

TEST_CASE("a refund of a multi-rate fee credits each rate's VAT", "[mapping][multirate][refunds]") {
  const Cart cart = cart_with_negative_fee();
  // The 25 % line (−400.00, VAT −100.00) and the discount given back (+50.00, VAT +9.49 spread as
  // on the order): 500.00 − 59.49 = 440.51 refunded.
  Refund refund;
  refund.id = 9001;
  refund.order_id = cart.order.id;
  refund.amount = Decimal::from_minor(44051);
  OrderLine l = cart.order.lines.front();
  l.quantity = -l.quantity;
  l.total = l.subtotal = -l.total;
  l.total_tax = l.subtotal_tax = -l.total_tax;
  for (auto& t : l.taxes) t.total = t.subtotal = -t.total;
  refund.lines.push_back(l);
  FeeLine f = cart.order.fee_lines.front();
  f.total = -f.total;
  f.total_tax = -f.total_tax;
  for (auto& t : f.taxes) t.total = -t.total;
  refund.fee_lines.push_back(f);

  auto credit = refund_as_order(cart.order, refund);
  REQUIRE(credit);
  std::map<int, std::int64_t> credit_vat;
  for (const auto& t : credit->tax_lines) {
    credit_vat[static_cast<int>(t.rate.percent.micros() / 1'000'000)] += (t.tax_total + t.shipping_tax_total).to_minor();
  }
  CHECK(credit_vat[25] == -10000 + 749);
  CHECK(credit_vat[12] == 160);
  CHECK(credit_vat[6] == 40);
  for (bool private_person : {true, false}) {
    auto doc = map_order(*credit, input(private_person), settings());
    REQUIRE(doc);
    Recomputed r = recompute(doc->document);
    CHECK(r.total_ore == -44051);
    CHECK(r.vat_ore[25] == -10000 + 749);
    CHECK(r.vat_ore[12] == 160);
    CHECK(r.vat_ore[6] == 40);
  }
}
