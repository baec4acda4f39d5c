#include "tests/support/order_generator.hpp"

#include <algorithm>
#include <map>

namespace wv::testing {
namespace {

const int kRates[] = {25, 12, 6, 0};
const std::int64_t kRateIds[] = {1, 2, 3, 4};

Decimal pct(int p) { return Decimal::from_int(p); }

// WooCommerce's tax of an amount: incl. → amount × r / (100 + r), excl. → amount × r / 100,
// kept to 6 decimals as the shop stores the unrounded value.
Decimal tax_of(Decimal amount, int rate, bool inclusive) {
  const Decimal r = pct(rate);
  const Decimal base = inclusive ? Decimal::from_int(100) + r : Decimal::from_int(100);
  return amount.times(r, 6).divided_by(base, 6);
}

// What the order costs so far excl. VAT: its lines, shipping and fees.
Decimal cart_cost(const Order& o) {
  Decimal sum;
  for (const auto& l : o.lines) sum += l.total;
  for (const auto& s : o.shipping_lines) sum += s.total;
  for (const auto& f : o.fee_lines) sum += f.total;
  return sum;
}

// WooCommerce 7.9's tax of a negative fee (WC_Order_Item_Fee::calculate_taxes, as the cart's
// WC_Cart_Totals): the positive totals of lines, shipping (standard class, 25 %) and fees per tax
// class (here one class per rate), each class taking its share of the fee, taxed excl. VAT with
// one rounding to 6 decimals. Per rate, in the order the classes appear on the line items.
std::vector<std::pair<int, Decimal>> spread_negative_fee(const Order& o, std::vector<int> class_order,
                                                         Decimal fee) {
  std::map<int, Decimal> cost;
  for (const auto& l : o.lines) {
    if (l.total.is_negative()) continue;
    const std::int64_t id = l.taxes.front().rate_id;
    cost[id == 1 ? 25 : id == 2 ? 12 : id == 3 ? 6 : 0] += l.total;
  }
  for (const auto& s : o.shipping_lines) {
    if (!s.total.is_negative()) cost[25] += s.total;
  }
  for (const auto& f : o.fee_lines) {
    if (!f.total.is_negative()) cost[25] += f.total;
  }
  if (cost[25].is_zero() == false && std::find(class_order.begin(), class_order.end(), 25) == class_order.end()) {
    class_order.push_back(25);
  }
  Decimal all;
  for (const auto& [rate, c] : cost) all += c;
  std::vector<std::pair<int, Decimal>> taxes;
  if (all.is_zero()) return taxes;
  for (int rate : class_order) {
    if (cost[rate].is_zero()) continue;
    taxes.emplace_back(rate, fee.times_divided_by(cost[rate] * rate, all * 100));
  }
  return taxes;
}

}  // namespace

std::string OrderGenerator::sku_for(int percent, int index) {
  return "ART" + std::to_string(percent) + "-" + std::to_string(index);
}

Order OrderGenerator::next(const OrderGeneratorOptions& options) {
  Order o;
  o.id = next_id_++;
  o.number = std::to_string(o.id);
  o.status = "processing";
  o.currency = options.currency;
  o.prices_include_tax = options.prices_include_tax;
  o.date_created = Timestamp{std::chrono::seconds{1'795'530'000 + o.id}};
  o.date_modified = o.date_created;
  o.billing.first_name = "Test";
  o.billing.last_name = "Kund";
  o.billing.city = "Stockholm";
  o.billing.postcode = "111 22";
  o.billing.country = "SE";

  const bool incl = options.prices_include_tax;
  const int line_count = uniform(1, 8);
  // Coupons: percent off every line, or a fixed amount spread per unit in öre.
  const int coupon = uniform(0, 3);  // 0 none, 1 percent, 2 fixed_cart, 3 both
  const int percent_off = uniform(1, 50);

  struct Draft {
    int rate;
    Decimal quantity;
    Decimal list;  // list line amount in the shop's price mode, 2 dp
    Decimal paid;  // after coupons
  };
  std::vector<Draft> drafts;
  std::int64_t units = 0;
  for (int i = 0; i < line_count; ++i) {
    Draft d;
    d.rate = kRates[uniform(0, 3)];
    const int q = uniform(1, 12) > 9 ? uniform(2, 40) : uniform(1, 4);
    d.quantity = Decimal::from_int(q);
    d.list = Decimal::from_minor(uniform(100, 150000)) * q;
    d.paid = d.list;
    if (coupon == 1 || coupon == 3) {
      d.paid = d.list - d.list.times(pct(percent_off), 6).divided_by(Decimal::from_int(100), 2);
    }
    units += q;
    drafts.push_back(d);
  }
  if (coupon >= 2) {
    // fixed_cart: equal share per unit in öre, the remainder to the first line.
    Decimal total_paid;
    for (auto& d : drafts) total_paid += d.paid;
    Decimal fixed = Decimal::from_minor(uniform(100, 20000));
    if (fixed > total_paid) fixed = total_paid;
    const std::int64_t per_unit = fixed.to_minor() / units;
    std::int64_t remainder = fixed.to_minor() - per_unit * units;
    for (auto& d : drafts) {
      Decimal share = Decimal::from_minor(per_unit) * d.quantity.to_minor(0);
      if (remainder > 0) {
        share += Decimal::from_minor(remainder);
        remainder = 0;
      }
      if (share > d.paid) share = d.paid;
      d.paid -= share;
    }
  }

  std::map<int, Decimal> unrounded_tax;  // per rate, for rounding at the subtotal
  std::map<int, Decimal> line_tax;       // per rate, rounded per line
  std::int64_t item_id = 1;
  int index = 0;
  for (const auto& d : drafts) {
    OrderLine line;
    line.id = item_id++;
    line.name = "Produkt " + std::to_string(++index);
    line.sku = Sku(sku_for(d.rate, index));
    line.quantity = d.quantity;
    const Decimal list_tax = tax_of(d.list, d.rate, incl);
    const Decimal paid_tax = tax_of(d.paid, d.rate, incl);
    line.subtotal = (incl ? d.list - list_tax : d.list).rounded(2);
    line.subtotal_tax = list_tax.rounded(2);
    line.total = (incl ? d.paid - paid_tax : d.paid).rounded(2);
    line.total_tax = paid_tax.rounded(2);
    line.taxes.push_back({kRateIds[d.rate == 25 ? 0 : d.rate == 12 ? 1 : d.rate == 6 ? 2 : 3],
                          paid_tax, list_tax});
    unrounded_tax[d.rate] += paid_tax;
    line_tax[d.rate] += line.total_tax;
    o.lines.push_back(std::move(line));
  }
  // Shipping: always excl. VAT in WooCommerce, taxed at the standard rate.
  Decimal shipping_tax_unrounded;
  if (uniform(0, 3) > 0) {
    ShippingLine s;
    s.id = item_id++;
    s.method_title = "Frakt";
    s.method_id = "flat_rate";
    s.total = Decimal::from_minor(uniform(0, 20000));
    shipping_tax_unrounded = tax_of(s.total, 25, false);
    s.total_tax = shipping_tax_unrounded.rounded(2);
    s.taxes.push_back({1, shipping_tax_unrounded, {}});
    o.shipping_total = s.total;
    o.shipping_tax = s.total_tax;
    o.shipping_lines.push_back(std::move(s));
  }
  // Fees: a positive fee (a charge) is taxed at the standard rate; a negative one (a discount a
  // payment or loyalty plugin adds as a fee) has its tax spread over the cart's tax classes.
  std::vector<int> class_order;  // the rates' classes as the line items first show them
  for (const auto& d : drafts) {
    if (std::find(class_order.begin(), class_order.end(), d.rate) == class_order.end()) class_order.push_back(d.rate);
  }
  auto add_fee = [&](const std::string& name, Decimal total) {
    FeeLine f;
    f.id = item_id++;
    f.name = name;
    f.tax_status = "taxable";
    f.total = total;
    if (!total.is_negative()) {
      const Decimal tax = tax_of(f.total, 25, false);
      f.taxes.push_back({1, tax, {}});
    } else {
      for (const auto& [rate, tax] : spread_negative_fee(o, class_order, total)) {
        f.taxes.push_back({kRateIds[rate == 25 ? 0 : rate == 12 ? 1 : rate == 6 ? 2 : 3], tax, {}});
      }
    }
    for (const auto& t : f.taxes) {
      const int rate = t.rate_id == 1 ? 25 : t.rate_id == 2 ? 12 : t.rate_id == 3 ? 6 : 0;
      unrounded_tax[rate] += t.total;
      line_tax[rate] += t.total.rounded(2);
      f.total_tax += t.total.rounded(2);
    }
    o.fee_lines.push_back(std::move(f));
  };
  if (uniform(0, 4) == 0) {
    const Decimal total = Decimal::from_minor(uniform(-2000, 5000));
    if (total + cart_cost(o) >= Decimal{}) add_fee("Avgift", total);
  }
  if (uniform(0, 2) == 0) {
    // A discount of up to a third of what the order costs so far (WooCommerce caps a negative
    // fee at the cart's total).
    const std::int64_t cap = std::min<std::int64_t>(50000, cart_cost(o).to_minor() / 3);
    if (cap >= 1) add_fee("Lojalitetsrabatt", -Decimal::from_minor(uniform(1, static_cast<int>(cap))));
  }

  Decimal nets;
  for (const auto& l : o.lines) nets += l.total;
  for (const auto& f : o.fee_lines) nets += f.total;
  Decimal cart_tax;
  for (int rate : kRates) {
    const bool used = line_tax.contains(rate) || (rate == 25 && !o.shipping_lines.empty());
    if (!used) continue;
    TaxLine t;
    t.id = item_id++;
    t.rate_id = kRateIds[rate == 25 ? 0 : rate == 12 ? 1 : rate == 6 ? 2 : 3];
    t.rate = VatRate{pct(rate)};
    t.label = "Moms " + std::to_string(rate) + "%";
    t.tax_total = options.round_tax_at_subtotal ? unrounded_tax[rate].rounded(2) : line_tax[rate];
    if (rate == 25 && !o.shipping_lines.empty()) t.shipping_tax_total = o.shipping_tax;
    cart_tax += t.tax_total;
    o.tax_lines.push_back(std::move(t));
  }
  o.cart_tax = cart_tax;
  o.total_tax = cart_tax + o.shipping_tax;
  o.total = nets + o.shipping_total + o.total_tax;
  return o;
}

}  // namespace wv::testing
