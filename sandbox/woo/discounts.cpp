#include "sandbox/woo/discounts.hpp"

#include <algorithm>

#include "sandbox/woo/php.hpp"
#include "sandbox/woo/tax_math.hpp"

namespace wv::sandbox::woo {
namespace {

const Decimal kHundred = Decimal::from_int(100);

Decimal to_cents(Decimal amount) { return amount.times(kHundred).rounded(4); }

// absint( round( x ) ): cents as a whole number, never negative.
Decimal whole_cents(Decimal v) {
  Decimal r = v.rounded(0);
  return r.is_negative() ? -r : r;
}

bool valid_for_product(const Coupon& c, Id product_id, Id variation_id, bool on_sale) {
  if (c.discount_type == "fixed_cart") return true;  // a cart coupon applies to every line
  auto listed = [&](const std::vector<Id>& ids) {
    return std::find(ids.begin(), ids.end(), product_id) != ids.end() ||
           (variation_id && std::find(ids.begin(), ids.end(), variation_id) != ids.end());
  };
  if (!c.product_ids.empty() && !listed(c.product_ids)) return false;
  if (listed(c.excluded_product_ids)) return false;
  if (c.exclude_sale_items && on_sale) return false;
  return true;
}

Json php_date(const ShopState& shop, Timestamp t) {
  return Json::object()
      .add("date", php_datetime_local(shop.settings.zone, t))
      .add("timezone_type", 3)
      .add("timezone", shop.settings.zone.name);
}

Json id_list(const std::vector<Id>& ids) {
  Json out = Json::array();
  for (Id id : ids) out.push(Json::integer(id));
  return out;
}

}  // namespace

Discounts::Discounts(const Order& order) : order_(order) {
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    const OrderItem& line = order.items[i];
    if (line.type != ItemType::Line) continue;
    Item item;
    item.index = i;
    item.quantity = line.quantity;
    item.price = to_cents(line.subtotal);
    if (order.prices_include_tax) item.price += to_cents(line.subtotal_tax);
    item.product_id = line.product_id;
    item.variation_id = line.variation_id;
    items_.push_back(item);
  }
  // sort_by_price compares price × quantity; uasort is stable in PHP 8.
  std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    return a.price * a.quantity > b.price * b.quantity;
  });
}

Decimal Discounts::discount_of(std::size_t index) const {
  Decimal total;
  for (const auto& [code, per_item] : coupons_) {
    for (const auto& [i, cents] : per_item) {
      if (i == index) total += cents;
    }
  }
  return total;
}

Decimal Discounts::discounted_price(const Item& item) const { return whole_cents(item.price - discount_of(item.index)); }

void Discounts::add(std::size_t index, Decimal cents) {
  for (auto& [i, amount] : coupons_[slot_].second) {
    if (i == index) {
      amount += cents;
      return;
    }
  }
  coupons_[slot_].second.emplace_back(index, cents);
}

Discounts::PerItem Discounts::by_item() const {
  PerItem out;
  for (const auto& [code, per_item] : coupons_) {
    for (const auto& [i, cents] : per_item) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == i; });
      if (it == out.end()) {
        out.emplace_back(i, cents);
      } else {
        it->second += cents;
      }
    }
  }
  return out;
}

std::optional<std::string> Discounts::validate_minimum(const ShopState& shop, const Coupon& coupon) const {
  Decimal subtotal;
  for (const auto& item : order_.items) {
    if (item.type == ItemType::Line) subtotal += item.subtotal.rounded(2);
  }
  PriceFormat format;
  format.decimal_separator = shop.settings.decimal_separator;
  format.thousand_separator = shop.settings.thousand_separator;
  format.currency_symbol_html = shop.settings.currency_symbol_html;
  format.position = shop.settings.currency_position;
  if (auto min = Decimal::parse(coupon.minimum_amount, true); min && !min->is_zero() && subtotal < *min) {
    return "The minimum spend for this coupon is " + wc_price_html(*min, format) + ".";
  }
  if (auto max = Decimal::parse(coupon.maximum_amount, true); max && !max->is_zero() && subtotal > *max) {
    return "The maximum spend for this coupon is " + wc_price_html(*max, format) + ".";
  }
  return std::nullopt;
}

void Discounts::apply(const Coupon& coupon) {
  auto existing = std::find_if(coupons_.begin(), coupons_.end(), [&](const auto& c) { return c.first == coupon.code; });
  if (existing == coupons_.end()) {
    PerItem zeros;
    for (const auto& item : items_) zeros.emplace_back(item.index, Decimal());
    coupons_.emplace_back(coupon.code, std::move(zeros));
    existing = coupons_.end() - 1;
  }
  slot_ = static_cast<std::size_t>(existing - coupons_.begin());
  std::vector<Item> to_apply;
  for (const auto& item : items_) {
    if (discounted_price(item).is_zero() || item.quantity <= 0) continue;
    if (!valid_for_product(coupon, item.product_id, item.variation_id, item.on_sale)) continue;
    to_apply.push_back(item);
  }
  if (coupon.discount_type == "percent") {
    apply_percent(to_apply, coupon);
  } else if (coupon.discount_type == "fixed_product") {
    apply_fixed_product(to_apply, Decimal(), coupon);
  } else {
    apply_fixed_cart(to_apply, Decimal(), coupon);
  }
}

Decimal Discounts::apply_fixed_product(const std::vector<Item>& items, Decimal amount, const Coupon& c) {
  Decimal total;
  if (amount.is_zero()) amount = to_cents(Decimal::parse(c.amount, true).value_or(Decimal()));
  std::int64_t applied = 0;
  const std::int64_t limit = c.limit_usage_to_x_items.value_or(0);
  for (const auto& item : items) {
    const Decimal discounted = discounted_price(item);
    Decimal discount;
    std::int64_t apply_quantity = item.quantity;
    if (limit) {
      apply_quantity = std::max<std::int64_t>(0, std::min(limit - applied, item.quantity));
      const Decimal unit = item.price.divided_by(Decimal::from_int(item.quantity));
      discount = std::min(amount, unit) * apply_quantity;
    } else {
      discount = amount * apply_quantity;
    }
    discount = std::min(discounted, discount);
    total += discount;
    applied += apply_quantity;
    add(item.index, discount);
  }
  return total;
}

Decimal Discounts::apply_fixed_cart(std::vector<Item> items, Decimal amount, const Coupon& c) {
  Decimal total;
  if (amount.is_zero()) amount = to_cents(Decimal::parse(c.amount, true).value_or(Decimal()));
  items.erase(std::remove_if(items.begin(), items.end(), [&](const Item& i) { return discounted_price(i).is_zero(); }),
              items.end());
  std::int64_t count = 0;
  for (const auto& item : items) count += item.quantity;
  if (count == 0) return total;
  if (amount.is_zero()) return apply_fixed_product(items, Decimal(), c);
  // absint( $amount / $item_count ): whole cents, rounded down.
  const Decimal per_unit = floor_whole(amount.divided_by(Decimal::from_int(count)));
  if (per_unit > Decimal()) {
    total = apply_fixed_product(items, per_unit, c);
    if (total > Decimal() && total < amount) total += apply_fixed_cart(items, amount - total, c);
  } else if (amount > Decimal()) {
    total += apply_remainder(items, amount);
  }
  return total;
}

Decimal Discounts::apply_percent(const std::vector<Item>& items, const Coupon& c) {
  Decimal total, cart_total;
  const Decimal percent = Decimal::parse(c.amount, true).value_or(Decimal());
  const std::int64_t limit = c.limit_usage_to_x_items.value_or(0);
  std::int64_t applied = 0;
  for (const auto& item : items) {
    const Decimal discounted = discounted_price(item);
    std::int64_t apply_quantity = item.quantity;
    if (limit && limit - applied < item.quantity) apply_quantity = limit - applied;
    apply_quantity = std::max<std::int64_t>(0, apply_quantity);
    const Decimal to_discount =
        item.price.rounded(0).times_divided_by(Decimal::from_int(apply_quantity), Decimal::from_int(item.quantity));
    Decimal discount = floor_whole(to_discount.times_divided_by(percent, kHundred));
    discount = round_half_down(std::min(discounted, discount), 0);
    cart_total += to_discount;
    total += discount;
    applied += apply_quantity;
    add(item.index, discount);
  }
  const Decimal cart_discount = round_half_down(cart_total.times_divided_by(percent, kHundred), 0);
  if (total < cart_discount) total += apply_remainder(items, cart_discount - total);
  return total;
}

Decimal Discounts::apply_remainder(const std::vector<Item>& items, Decimal amount) {
  Decimal total;
  const Decimal one = Decimal::from_int(1);
  for (const auto& item : items) {
    for (std::int64_t i = 0; i < item.quantity; ++i) {
      const Decimal discount = std::min(discounted_price(item), one);
      total += discount;
      add(item.index, discount);
      if (total >= amount) return total;
    }
  }
  return total;
}

Json coupon_snapshot(const ShopState& shop, const Coupon& c) {
  Json data = Json::object();
  data.add("id", c.id)
      .add("code", c.code)
      .add("amount", c.amount)
      .add("status", c.status)
      .add("date_created", php_date(shop, c.date_created))
      .add("date_modified", php_date(shop, c.date_modified))
      .add("date_expires", c.date_expires ? php_date(shop, *c.date_expires) : Json::null())
      .add("discount_type", c.discount_type)
      .add("description", c.description)
      .add("usage_count", c.usage_count)
      .add("individual_use", c.individual_use)
      .add("product_ids", id_list(c.product_ids))
      .add("excluded_product_ids", id_list(c.excluded_product_ids))
      .add("usage_limit", c.usage_limit)
      .add("usage_limit_per_user", c.usage_limit_per_user)
      .add("limit_usage_to_x_items",
           c.limit_usage_to_x_items ? Json::integer(*c.limit_usage_to_x_items) : Json::null())
      .add("free_shipping", c.free_shipping)
      .add("product_categories", Json::array())
      .add("excluded_product_categories", Json::array())
      .add("exclude_sale_items", c.exclude_sale_items)
      .add("minimum_amount", c.minimum_amount)
      .add("maximum_amount", c.maximum_amount)
      .add("email_restrictions", Json::array())
      .add("virtual", false)
      .add("meta_data", Json::array());
  return data;
}

}  // namespace wv::sandbox::woo
