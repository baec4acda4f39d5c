// WC_Abstract_Order's arithmetic: item taxes, tax lines, totals, and coupons (see order_engine.hpp).
#include <algorithm>

#include "sandbox/woo/discounts.hpp"
#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/order_internal.hpp"
#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {
using namespace detail;

namespace {

// WC_Order_Item_Fee::get_tax_class_costs: the order's positive line, fee and shipping totals per
// tax class, in WooCommerce's key order (the taxable line items' classes as they first appear,
// "non-taxable", then classes met only on fees or shipping), zero costs dropped. A non-taxable
// item counts under "non-taxable"; shipping is taxable at the shop's shipping tax class, and
// "inherit" means the first taxable line item's class.
std::vector<std::pair<std::string, Decimal>> tax_class_costs(const ShopState& shop, const Order& order) {
  constexpr const char* kNonTaxable = "non-taxable";
  std::vector<std::pair<std::string, Decimal>> costs;
  auto slot = [&](const std::string& key) -> Decimal& {
    auto it = std::find_if(costs.begin(), costs.end(), [&](const auto& p) { return p.first == key; });
    if (it != costs.end()) return it->second;
    costs.emplace_back(key, Decimal());
    return costs.back().second;
  };
  std::vector<std::string> item_classes;  // WC_Abstract_Order::get_items_tax_classes
  for (const auto& line : order.items) {
    if (line.type != ItemType::Line || line.tax_status != "taxable") continue;
    if (std::find(item_classes.begin(), item_classes.end(), line.tax_class) == item_classes.end()) {
      item_classes.push_back(line.tax_class);
    }
  }
  for (const auto& c : item_classes) slot(c);
  slot(kNonTaxable);
  const std::string first_class = item_classes.empty() ? std::string() : item_classes.front();
  for (ItemType type : {ItemType::Line, ItemType::Fee, ItemType::Shipping}) {
    for (const auto& item : order.items) {
      if (item.type != type || item.total.is_negative()) continue;
      const bool taxable = type == ItemType::Shipping || item.tax_status == "taxable";
      const std::string tax_class = type == ItemType::Shipping ? shop.settings.shipping_tax_class : item.tax_class;
      if (!taxable) {
        slot(kNonTaxable) += item.total;
      } else if (tax_class == "inherit") {
        slot(first_class) += item.total;
      } else {
        slot(tax_class) += item.total;
      }
    }
  }
  std::erase_if(costs, [](const auto& p) { return p.second.is_zero(); });
  return costs;
}

// WC_Order_Item_Fee::calculate_taxes for a fee below zero (a discount): whatever the fee's own
// class and status, each taxable class's share of the costs takes that share of the fee, taxed
// excluding tax at the class's rates; the shares merge per rate id. The non-taxable share
// carries no tax.
RateAmounts negative_fee_taxes(const ShopState& shop, const Order& order, const OrderItem& fee,
                               const TaxLocation& location) {
  const auto costs = tax_class_costs(shop, order);
  Decimal all;
  for (const auto& [tax_class, cost] : costs) all += cost;
  RateAmounts taxes;
  if (all.is_zero()) return taxes;
  for (const auto& [tax_class, cost] : costs) {
    if (tax_class == "non-taxable") continue;
    const auto share = calc_exclusive_tax_of_share(fee.total, cost, all, find_rates(shop, tax_class, location));
    for (const auto& [rate_id, amount] : share) {
      auto it = std::find_if(taxes.begin(), taxes.end(), [&](const auto& p) { return p.first == rate_id; });
      if (it == taxes.end()) {
        taxes.emplace_back(rate_id, amount);
      } else {
        it->second += amount;
      }
    }
  }
  return taxes;
}

void calculate_item_taxes(ShopState& shop, Order& order) {
  const TaxLocation location = order_tax_location(shop, order);
  const bool vat_exempt = [&] {
    for (const auto& m : order.meta_data) {
      if (m.key == "is_vat_exempt" && m.value.text() == "yes") return true;
    }
    return false;
  }();
  std::optional<std::string> shipping_class = shop.settings.shipping_tax_class;
  if (*shipping_class == "inherit") {
    shipping_class.reset();
    std::vector<std::string> slugs{""};
    for (const auto& c : shop.tax_classes) {
      if (c.slug != "standard") slugs.push_back(c.slug);
    }
    for (const auto& slug : slugs) {
      const bool used = std::any_of(order.items.begin(), order.items.end(), [&](const OrderItem& i) {
        return (i.type == ItemType::Line || i.type == ItemType::Fee) && i.tax_status == "taxable" && i.tax_class == slug;
      });
      if (used) {
        shipping_class = slug;
        break;
      }
    }
  }
  for (auto& item : order.items) {
    if (item.type == ItemType::Line || item.type == ItemType::Fee) {
      const bool negative_fee = item.type == ItemType::Fee && item.total.is_negative();
      if (vat_exempt || (!negative_fee && (item.tax_class == "0" || item.tax_status != "taxable"))) {
        item.taxes_total.clear();
        item.taxes_subtotal.clear();
      } else if (negative_fee) {
        item.taxes_total = negative_fee_taxes(shop, order, item, location);
        item.taxes_subtotal.clear();
      } else {
        const auto rates = find_rates(shop, item.tax_class, location);
        item.taxes_total = calc_exclusive_tax(item.total, rates);
        item.taxes_subtotal =
            item.type == ItemType::Line ? calc_exclusive_tax(item.subtotal, rates) : RateAmounts{};
        if (item.type == ItemType::Line && sum(item.taxes_subtotal) < sum(item.taxes_total)) {
          item.taxes_subtotal = item.taxes_total;
        }
      }
      item.total_tax = sum_rounded(item.taxes_total);
      item.subtotal_tax = sum_rounded(item.taxes_subtotal);
    } else if (item.type == ItemType::Shipping) {
      if (shipping_class && !vat_exempt) {
        item.taxes_total = calc_exclusive_tax(item.total, find_rates(shop, *shipping_class, location, true));
      } else {
        item.taxes_total.clear();
      }
      item.total_tax = sum_rounded(item.taxes_total);
    }
  }
}

}  // namespace

namespace detail {

void update_taxes(ShopState& shop, Order& order, Timestamp now) {
  RateAmounts cart, shipping;
  auto add = [](RateAmounts& into, Id rate, Decimal amount) {
    auto it = std::find_if(into.begin(), into.end(), [&](const auto& p) { return p.first == rate; });
    if (it == into.end()) {
      into.emplace_back(rate, amount);
    } else {
      it->second += amount;
    }
  };
  for (const auto& item : order.items) {
    if (item.type == ItemType::Line || item.type == ItemType::Fee) {
      for (const auto& [rate, amount] : item.taxes_total) add(cart, rate, amount.rounded(2));
    } else if (item.type == ItemType::Shipping) {
      for (const auto& [rate, amount] : item.taxes_total) add(shipping, rate, amount.rounded(2));
    }
  }
  auto find_amount = [](const RateAmounts& in, Id rate) -> std::optional<Decimal> {
    for (const auto& [id, amount] : in) {
      if (id == rate) return amount;
    }
    return std::nullopt;
  };
  std::vector<Id> saved;
  std::vector<OrderItem> kept;
  for (auto& item : order.items) {
    if (item.type != ItemType::Tax) {
      kept.push_back(std::move(item));
      continue;
    }
    const bool used = find_amount(cart, item.rate_id) || find_amount(shipping, item.rate_id);
    if (!used || std::find(saved.begin(), saved.end(), item.rate_id) != saved.end()) continue;  // removed
    saved.push_back(item.rate_id);
    item.tax_total = find_amount(cart, item.rate_id).value_or(Decimal());
    item.shipping_tax_total = find_amount(shipping, item.rate_id).value_or(Decimal());
    kept.push_back(std::move(item));
  }
  order.items = std::move(kept);
  std::vector<Id> all_rates;
  for (const auto& [id, amount] : cart) all_rates.push_back(id);
  for (const auto& [id, amount] : shipping) {
    if (std::find(all_rates.begin(), all_rates.end(), id) == all_rates.end()) all_rates.push_back(id);
  }
  for (Id rate_id : all_rates) {
    if (std::find(saved.begin(), saved.end(), rate_id) != saved.end()) continue;
    const auto rate = std::find_if(shop.tax_rates.begin(), shop.tax_rates.end(),
                                   [&](const TaxRate& r) { return r.id == rate_id; });
    OrderItem tax;
    tax.type = ItemType::Tax;
    tax.rate_id = rate_id;
    if (rate != shop.tax_rates.end()) {
      tax.rate_code = rate_code(*rate);
      tax.label = rate->name.empty() ? "Tax" : rate->name;
      tax.compound = rate->compound;
      tax.rate_percent = rate_value(*rate);
      tax.name = tax.rate_code;
    }
    tax.tax_total = find_amount(cart, rate_id).value_or(Decimal());
    tax.shipping_tax_total = find_amount(shipping, rate_id).value_or(Decimal());
    order.items.push_back(std::move(tax));
  }
  order.shipping_tax = sum(shipping);
  order.cart_tax = sum(cart);
  save_order(shop, order, now);
}

}  // namespace detail

void calculate_totals(ShopState& shop, Order& order, Timestamp now, bool and_taxes) {
  Decimal cart_subtotal, cart_total, shipping_total, fees_total;
  for (const auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    cart_subtotal += item.subtotal.rounded(2);
    cart_total += item.total.rounded(2);
  }
  for (const auto& item : order.items) {
    if (item.type == ItemType::Shipping) shipping_total += item.total.rounded(2);
  }
  order.shipping_total = shipping_total;
  for (auto& item : order.items) {
    if (item.type != ItemType::Fee) continue;
    if (item.total.is_negative()) {
      const Decimal max_discount = -(cart_total + fees_total + shipping_total).rounded(2);
      if (item.total < max_discount && max_discount.is_negative()) item.total = max_discount;
    }
    fees_total += item.total;
  }
  if (and_taxes) {
    calculate_item_taxes(shop, order);
    update_taxes(shop, order, now);
  }
  Decimal cart_total_tax, cart_subtotal_tax;
  for (const auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    cart_total_tax += sum(item.taxes_total);
    cart_subtotal_tax += sum(item.taxes_subtotal);
  }
  order.discount_total = (cart_subtotal - cart_total).rounded(2);
  order.discount_tax = (cart_subtotal_tax - cart_total_tax).rounded(2);
  order.total = (cart_total + fees_total + order.shipping_total + order.cart_tax + order.shipping_tax).rounded(2);
  order.total_tax = (order.cart_tax + order.shipping_tax).rounded(2);
  save_order(shop, order, now);
}

namespace {

const Coupon* coupon_by_code(const ShopState& shop, const std::string& code) {
  for (const auto& [id, c] : shop.coupons) {
    if (c.code == code && c.status != "trash") return &c;
  }
  return nullptr;
}

void set_coupon_discount_amounts(ShopState& shop, Order& order, const Discounts& discounts) {
  const TaxLocation location = order_tax_location(shop, order);
  for (const auto& [code, per_item] : discounts.by_coupon()) {
    OrderItem* coupon_item = nullptr;
    for (auto& item : order.items) {
      if (item.type == ItemType::Coupon && item.code == code) coupon_item = &item;
    }
    OrderItem fresh;
    if (coupon_item == nullptr) {
      fresh.type = ItemType::Coupon;
      fresh.code = code;
      fresh.name = code;
      if (const Coupon* c = coupon_by_code(shop, code)) {
        fresh.meta_data.push_back(Meta{0, "coupon_data", coupon_snapshot(shop, *c), "coupon_data"});
      }
      coupon_item = &fresh;
    }
    Decimal amount;
    for (const auto& [index, cents] : per_item) amount += cents.divided_by(Decimal::from_int(100));
    Decimal discount_tax;
    for (const auto& [index, cents] : per_item) {
      const OrderItem& line = order.items[index];
      if (line.tax_status != "taxable") continue;
      const Decimal item_amount = cents.divided_by(Decimal::from_int(100));
      const auto rates = find_rates(shop, line.tax_class, location);
      const Decimal taxes = (order.prices_include_tax ? sum(calc_inclusive_tax(item_amount, rates))
                                                      : sum(calc_exclusive_tax(item_amount, rates)))
                                .rounded(2);
      discount_tax += taxes;
      if (order.prices_include_tax) amount -= taxes;
    }
    coupon_item->discount = amount;
    coupon_item->discount_tax = discount_tax;
    if (coupon_item == &fresh) order.items.push_back(std::move(fresh));
  }
}

void set_item_discount_amounts(ShopState& shop, Order& order, const Discounts& discounts) {
  const TaxLocation location = order_tax_location(shop, order);
  for (const auto& [index, cents] : discounts.by_item()) {
    OrderItem& item = order.items[index];
    Decimal amount = cents.divided_by(Decimal::from_int(100));
    if (order.prices_include_tax && item.tax_status == "taxable") {
      amount -= sum(calc_inclusive_tax(amount, find_rates(shop, item.tax_class, location)));
    }
    item.total = std::max(Decimal(), item.total - amount);
  }
}

void recalculate_coupons(ShopState& shop, Order& order, Timestamp now) {
  for (auto& item : order.items) {
    if (item.type == ItemType::Line) {
      item.total = item.subtotal;
      item.total_tax = item.subtotal_tax;
    }
  }
  Discounts discounts(order);
  for (const auto& item : order.items) {
    if (item.type != ItemType::Coupon) continue;
    Coupon temporary;
    const Coupon* coupon = coupon_by_code(shop, item.code);
    if (coupon == nullptr) {
      // A deleted coupon is re-applied as the fixed amount it gave.
      temporary.code = item.code;
      temporary.discount_type = "fixed_cart";
      temporary.amount = (order.prices_include_tax ? item.discount + item.discount_tax : item.discount).to_plain_string();
      coupon = &temporary;
    }
    discounts.apply(*coupon);
  }
  set_coupon_discount_amounts(shop, order, discounts);
  set_item_discount_amounts(shop, order, discounts);
  calculate_totals(shop, order, now, true);
}

}  // namespace

std::optional<WcError> apply_coupon(ShopState& shop, Order& order, const std::string& raw_code, Timestamp now) {
  const std::string code = lowercase(raw_code);
  for (const auto& item : order.items) {
    if (item.type == ItemType::Coupon && item.code == code) {
      return WcError{"invalid_coupon", "Coupon code already applied!", 400};
    }
  }
  const Coupon* coupon = coupon_by_code(shop, code);
  if (coupon == nullptr) return WcError{"invalid_coupon", "Coupon \"" + code + "\" does not exist!", 400};
  if (coupon->date_expires && *coupon->date_expires < now) {
    return WcError{"invalid_coupon", "This coupon has expired.", 400};
  }
  if (coupon->usage_limit > 0 && coupon->usage_count >= coupon->usage_limit) {
    return WcError{"invalid_coupon", "Coupon usage limit has been reached.", 400};
  }
  Discounts discounts(order);
  if (auto error = discounts.validate_minimum(shop, *coupon)) return WcError{"invalid_coupon", *error, 400};
  discounts.apply(*coupon);
  set_coupon_discount_amounts(shop, order, discounts);
  save_order(shop, order, now);
  recalculate_coupons(shop, order, now);
  if (order.coupon_usage_recorded) {
    for (auto& [id, c] : shop.coupons) {
      if (c.code == code) ++c.usage_count;
    }
  }
  update_coupon_usage(shop, order);
  return std::nullopt;
}

void remove_coupons(ShopState& shop, Order& order, Timestamp now) {
  const bool had = std::any_of(order.items.begin(), order.items.end(),
                               [](const OrderItem& i) { return i.type == ItemType::Coupon; });
  if (!had) return;
  for (const auto& item : order.items) {
    if (item.type != ItemType::Coupon) continue;
    for (auto& [id, c] : shop.coupons) {
      if (c.code == item.code && c.usage_count > 0) --c.usage_count;
    }
  }
  order.items.erase(std::remove_if(order.items.begin(), order.items.end(),
                                   [](const OrderItem& i) { return i.type == ItemType::Coupon; }),
                    order.items.end());
  recalculate_coupons(shop, order, now);
}

}  // namespace wv::sandbox::woo
