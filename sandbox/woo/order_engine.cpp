#include "sandbox/woo/order_engine.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/discounts.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace {

// Post meta rows WordPress writes for the internal fields of a new order or refund; only the ids
// of the meta_data that follow are visible, and this keeps them advancing like a real shop's.
constexpr Id kOrderInternalPostMeta = 40;
constexpr Id kRefundInternalPostMeta = 12;

// Order item meta rows written for an item's own fields (_qty, _line_total, …) before its
// meta_data: line items 9, shipping 5 (method_id, instance_id, cost, total_tax, taxes), fees 6,
// tax lines 6, coupons 2 (discount_amount, discount_amount_tax).
Id internal_item_meta(ItemType type) {
  switch (type) {
    case ItemType::Line: return 9;
    case ItemType::Shipping: return 5;
    case ItemType::Fee: return 6;
    case ItemType::Tax: return 6;
    case ItemType::Coupon: return 2;
  }
  return 0;
}

std::uint64_t next_random(ShopState& shop) {
  // splitmix64: deterministic, so a seeded shop hands out the same keys on every run.
  std::uint64_t z = (shop.random_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string generate_order_key(ShopState& shop) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string key = "wc_order_";
  for (int i = 0; i < 13; ++i) key += kChars[next_random(shop) % 62];
  return key;
}

Meta* find_meta(std::vector<Meta>& meta, const std::string& key) {
  for (auto& m : meta) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

void erase_meta(std::vector<Meta>& meta, const std::string& key) {
  meta.erase(std::remove_if(meta.begin(), meta.end(), [&](const Meta& m) { return m.key == key; }), meta.end());
}

void set_meta(std::vector<Meta>& meta, const std::string& key, const std::string& value) {
  if (Meta* m = find_meta(meta, key)) {
    m->value = Json::string(value);
  } else {
    meta.push_back(Meta{0, key, Json::string(value), key});
  }
}

std::string formatted_name(const ShopState& shop, const Product& p) {
  std::string identifier = p.sku.empty() ? "#" + std::to_string(p.id) : p.sku;
  (void)shop;
  return p.name + " (" + identifier + ")";
}

// The item's tax class as WooCommerce reads it ("parent" on a variation means its parent's).
std::string product_tax_class(const ShopState& shop, const Product& p) {
  if (p.is_variation && p.tax_class == "parent") {
    if (const Product* parent = find_product(shop, p.parent_id)) return parent->tax_class;
    return "";
  }
  return p.tax_class;
}

void record_sales(ShopState& shop, Order& order) {
  if (order.recorded_sales) return;
  for (auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    if (Product* p = find_product(shop, item.product_id)) p->total_sales += item.quantity;
  }
  order.recorded_sales = true;
}

void update_coupon_usage(ShopState& shop, Order& order) {
  const bool cancelled = order.status == "cancelled";
  int delta = 0;
  if (cancelled && order.coupon_usage_recorded) {
    delta = -1;
    order.coupon_usage_recorded = false;
  } else if (!cancelled && !order.coupon_usage_recorded) {
    delta = 1;
    order.coupon_usage_recorded = true;
  }
  if (delta == 0) return;
  for (const auto& item : order.items) {
    if (item.type != ItemType::Coupon) continue;
    for (auto& [id, coupon] : shop.coupons) {
      if (coupon.code == item.code) coupon.usage_count = std::max<std::int64_t>(0, coupon.usage_count + delta);
    }
  }
}

void reduce_stock_levels(ShopState& shop, Order& order, Timestamp now) {
  if (order.stock_reduced || !shop.settings.manage_stock) {
    order.stock_reduced = true;
    return;
  }
  std::vector<std::string> changes;
  for (auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    Product* product = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
    if (find_meta(item.meta_data, "_reduced_stock") || product == nullptr || !product->manage_stock) continue;
    const std::int64_t to = change_stock(shop, *product, -item.quantity, now);
    item.meta_data.push_back(Meta{0, "_reduced_stock", Json::string(std::to_string(item.quantity)), "_reduced_stock"});
    changes.push_back(formatted_name(shop, *product) + " " + std::to_string(to + item.quantity) + "&rarr;" +
                      std::to_string(to));
    save_order(shop, order, now);
  }
  if (!changes.empty()) {
    std::string note = "Stock levels reduced:";
    for (std::size_t i = 0; i < changes.size(); ++i) note += (i ? ", " : " ") + changes[i];
    add_order_note(shop, order.id, note, false, now);
  }
  order.stock_reduced = true;
}

void increase_stock_levels(ShopState& shop, Order& order, Timestamp now) {
  if (!order.stock_reduced) return;
  std::vector<std::string> changes;
  for (auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    Product* product = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
    Meta* reduced = find_meta(item.meta_data, "_reduced_stock");
    if (reduced == nullptr || product == nullptr || !product->manage_stock) continue;
    const std::int64_t qty = std::atoll(reduced->value.text().c_str());
    if (qty == 0) continue;
    const std::int64_t to = change_stock(shop, *product, qty, now);
    erase_meta(item.meta_data, "_reduced_stock");
    changes.push_back(formatted_name(shop, *product) + " " + std::to_string(to - qty) + "&rarr;" +
                      std::to_string(to));
    save_order(shop, order, now);
  }
  if (!changes.empty()) {
    std::string note = "Stock levels increased:";
    for (std::size_t i = 0; i < changes.size(); ++i) note += (i ? ", " : " ") + changes[i];
    add_order_note(shop, order.id, note, false, now);
  }
  order.stock_reduced = false;
}

void mark_paying_customer(ShopState& shop, const Order& order, Timestamp now) {
  if (order.customer_id <= 0 || order.status == "refunded") return;
  auto it = shop.customers.find(order.customer_id);
  if (it == shop.customers.end()) return;
  if (!it->second.is_paying_customer) {
    it->second.is_paying_customer = true;
    it->second.date_modified = whole_seconds(now);
  }
}

}  // namespace

std::string order_status_name(const std::string& status) {
  if (status == "pending") return "Pending payment";
  if (status == "processing") return "Processing";
  if (status == "on-hold") return "On hold";
  if (status == "completed") return "Completed";
  if (status == "cancelled") return "Cancelled";
  if (status == "refunded") return "Refunded";
  if (status == "failed") return "Failed";
  if (status == "checkout-draft") return "Draft";
  return status;
}

const Product* find_product(const ShopState& shop, Id id) {
  auto it = shop.products.find(id);
  return it == shop.products.end() ? nullptr : &it->second;
}

Product* find_product(ShopState& shop, Id id) {
  auto it = shop.products.find(id);
  return it == shop.products.end() ? nullptr : &it->second;
}

TaxLocation order_tax_location(const ShopState& shop, const Order& order) {
  std::string based_on = shop.settings.tax_based_on;
  if (based_on == "shipping" && order.shipping.country.empty()) based_on = "billing";
  TaxLocation loc;
  if (based_on == "billing") {
    loc = {order.billing.country, order.billing.state, order.billing.postcode, order.billing.city};
  } else {
    loc = {order.shipping.country, order.shipping.state, order.shipping.postcode, order.shipping.city};
  }
  for (const auto& item : order.items) {
    if (item.type == ItemType::Shipping && (item.method_id == "local_pickup" || item.method_id == "legacy_local_pickup")) {
      based_on = "base";
    }
  }
  if (based_on == "base" || loc.country.empty()) loc = base_location(shop.settings);
  return loc;
}

Decimal price_excluding_tax(const ShopState& shop, const Product& product, std::int64_t quantity) {
  const auto price = Decimal::parse(product.price, true);
  if (!price) return Decimal();
  const Decimal line_price = *price * quantity;
  if (product.tax_status == "taxable" && shop.settings.prices_include_tax) {
    const auto rates = find_rates(shop, product_tax_class(shop, product), base_location(shop.settings));
    return line_price - sum(calc_inclusive_tax(line_price, rates));
  }
  return line_price;
}

OrderItem make_line_item(const ShopState& shop, const Product& product, std::int64_t quantity) {
  OrderItem item;
  item.type = ItemType::Line;
  item.name = product.name;
  item.product_id = product.is_variation ? product.parent_id : product.id;
  item.variation_id = product.is_variation ? product.id : 0;
  item.quantity = quantity;
  item.tax_class = product_tax_class(shop, product);
  if (product.is_variation) {
    const Product* parent = find_product(shop, product.parent_id);
    for (const auto& attr : product.variation_attributes) {
      const std::string key = lowercase(attr.name);
      std::string label = attr.name;
      if (parent) {
        for (const auto& pa : parent->attributes) {
          if (lowercase(pa.name) == key) label = pa.name;
        }
      }
      item.meta_data.push_back(Meta{0, key, Json::string(attr.option), label});
    }
  }
  const Decimal net = price_excluding_tax(shop, product, quantity);
  item.subtotal = net;
  item.total = net;
  return item;
}

// --- Products and stock -------------------------------------------------------------------

void sync_product(ShopState& shop, Product& p) {
  if (p.type == "variable") {
    std::optional<Decimal> lowest;
    bool any_in = false, any_backorder = false;
    for (const auto& [id, child] : shop.products) {
      if (!child.is_variation || child.parent_id != p.id || child.status != "publish") continue;
      if (auto price = Decimal::parse(child.price, true); price && !child.price.empty()) {
        if (!lowest || *price < *lowest) lowest = *price;
      }
      any_in = any_in || child.stock_status == "instock";
      any_backorder = any_backorder || child.stock_status == "onbackorder";
    }
    p.price = lowest ? lowest->to_string(shop.settings.price_decimals) : "";
    p.stock_status = any_in ? "instock" : any_backorder ? "onbackorder" : "outofstock";
    return;
  }
  const bool on_sale = !p.sale_price.empty() &&
                       (p.regular_price.empty() ||
                        Decimal::parse(p.sale_price, true).value_or(Decimal()) <
                            Decimal::parse(p.regular_price, true).value_or(Decimal()));
  p.price = on_sale ? p.sale_price : p.regular_price;
  if (p.manage_stock) {
    const std::int64_t qty = p.stock_quantity.value_or(0);
    if (qty > 0) {
      p.stock_status = "instock";
    } else {
      p.stock_status = p.backorders != "no" ? "onbackorder" : "outofstock";
    }
  }
}

void touch_product(ShopState& shop, Product& product, Timestamp now) {
  product.date_modified = whole_seconds(now);
  sync_product(shop, product);
  if (product.is_variation) {
    if (Product* parent = find_product(shop, product.parent_id)) {
      parent->date_modified = whole_seconds(now);
      sync_product(shop, *parent);
    }
  }
}

std::int64_t change_stock(ShopState& shop, Product& product, std::int64_t delta, Timestamp now) {
  product.stock_quantity = product.stock_quantity.value_or(0) + delta;
  touch_product(shop, product, now);
  return *product.stock_quantity;
}

void set_stock(ShopState& shop, Product& product, std::int64_t quantity, Timestamp now) {
  product.stock_quantity = quantity;
  touch_product(shop, product, now);
}

// --- Saving, notes, statuses ----------------------------------------------------------------

void save_order(ShopState& shop, Order& order, Timestamp now) {
  if (order.id == 0) {
    order.id = shop.next_post_id++;
    order.date_created = whole_seconds(now);
    if (!order.is_refund && order.order_key.empty()) order.order_key = generate_order_key(shop);
    if (order.currency.empty()) order.currency = shop.settings.currency;
    shop.next_post_meta_id += order.is_refund ? kRefundInternalPostMeta : kOrderInternalPostMeta;
  }
  for (auto& m : order.meta_data) {
    if (m.id == 0) m.id = shop.next_post_meta_id++;
  }
  for (auto& item : order.items) {
    if (item.id == 0) {
      item.id = shop.next_item_id++;
      shop.next_item_meta_id += internal_item_meta(item.type);
    }
    for (auto& m : item.meta_data) {
      if (m.id == 0) m.id = shop.next_item_meta_id++;
    }
  }
  const std::string columns = order.status + '\x1f' + order.customer_note + '\x1f' + std::to_string(order.parent_id);
  if (columns != order.stored_post_columns) {
    order.stored_post_columns = columns;
    order.date_modified = whole_seconds(now);
  }
}

void touch_order(Order& order, Timestamp now) { order.date_modified = whole_seconds(now); }

Id add_order_note(ShopState& shop, Id order_id, const std::string& text, bool customer_note, Timestamp now,
                  const std::string& author) {
  OrderNote note;
  note.id = shop.next_comment_id++;
  note.order_id = order_id;
  note.author = author;
  note.date_created = whole_seconds(now);
  note.note = text;
  note.customer_note = customer_note;
  shop.notes[note.id] = note;
  return note.id;
}

bool order_needs_payment(const Order& order) {
  return (order.status == "pending" || order.status == "failed") && order.total > Decimal();
}

bool order_needs_processing(const ShopState& shop, const Order& order) {
  for (const auto& item : order.items) {
    if (item.type != ItemType::Line) continue;
    const Product* p = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
    if (p == nullptr) continue;
    if (!(p->is_virtual && p->downloadable)) return true;
  }
  return false;
}

void set_order_status(ShopState& shop, Order& order, const std::string& status, Timestamp now,
                      const std::string& note) {
  const std::string from = order.status;
  if (from == status) {
    save_order(shop, order, now);
    return;
  }
  order.status = status;
  if (!order.date_paid && (status == "processing" || status == "completed")) order.date_paid = whole_seconds(now);
  if (status == "completed") order.date_completed = whole_seconds(now);
  save_order(shop, order, now);
  // do_action( 'woocommerce_order_status_' . $to ) runs before the transition note is written.
  if (status == "processing" || status == "completed" || status == "on-hold") {
    reduce_stock_levels(shop, order, now);
    record_sales(shop, order);
  }
  if (status == "cancelled" || status == "pending") increase_stock_levels(shop, order, now);
  if (status == "pending" || status == "processing" || status == "completed" || status == "on-hold" ||
      status == "cancelled") {
    update_coupon_usage(shop, order);
  }
  if (status == "completed") mark_paying_customer(shop, order, now);
  std::string text = "Order status changed from " + order_status_name(from) + " to " + order_status_name(status) + ".";
  if (!note.empty()) text = note + " " + text;
  add_order_note(shop, order.id, text, false, now);
  save_order(shop, order, now);
}

void payment_complete(ShopState& shop, Order& order, const std::string& transaction_id, Timestamp now) {
  if (order.id == 0) return;
  const std::string& s = order.status;
  if (s == "on-hold" || s == "pending" || s == "failed" || s == "cancelled") {
    if (!transaction_id.empty()) order.transaction_id = transaction_id;
    if (!order.date_paid) order.date_paid = whole_seconds(now);
    set_order_status(shop, order, order_needs_processing(shop, order) ? "processing" : "completed", now);
    // do_action( 'woocommerce_payment_complete' ): stock (already reduced by the status hook)
    // and the paying-customer flag.
    reduce_stock_levels(shop, order, now);
    mark_paying_customer(shop, order, now);
  }
}

// --- Totals and taxes ------------------------------------------------------------------------

namespace {

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
      if (vat_exempt || item.tax_class == "0" || item.tax_status != "taxable") {
        item.taxes_total.clear();
        item.taxes_subtotal.clear();
      } else if (item.type == ItemType::Fee && item.total.is_negative()) {
        // A negative fee carries tax split over the order's taxable lines by tax class.
        std::vector<std::pair<std::string, Decimal>> class_costs;
        Decimal all;
        for (const auto& line : order.items) {
          if (line.type != ItemType::Line || line.tax_status != "taxable") continue;
          auto it = std::find_if(class_costs.begin(), class_costs.end(),
                                 [&](const auto& p) { return p.first == line.tax_class; });
          if (it == class_costs.end()) {
            class_costs.emplace_back(line.tax_class, line.total);
          } else {
            it->second += line.total;
          }
          all += line.total;
        }
        item.taxes_total.clear();
        if (!all.is_zero()) {
          for (const auto& [tax_class, cost] : class_costs) {
            const Decimal part = mul_div(item.total, cost, all);
            for (const auto& [rate_id, amount] : calc_exclusive_tax(part, find_rates(shop, tax_class, location))) {
              auto it = std::find_if(item.taxes_total.begin(), item.taxes_total.end(),
                                     [&](const auto& p) { return p.first == rate_id; });
              if (it == item.taxes_total.end()) {
                item.taxes_total.emplace_back(rate_id, amount);
              } else {
                it->second += amount;
              }
            }
          }
        }
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

}  // namespace

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

// --- Coupons ----------------------------------------------------------------------------------

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

// --- Refunds ------------------------------------------------------------------------------

Decimal remaining_refund_amount(const ShopState& shop, const Order& order) {
  Decimal refunded;
  for (Id id : order.refund_ids) {
    auto it = shop.orders.find(id);
    if (it != shop.orders.end()) refunded += it->second.amount;
  }
  return order.total - refunded;
}

std::expected<Id, WcError> create_refund(ShopState& shop, Order& order, const RefundRequest& request,
                                         Timestamp now) {
  const Decimal remaining = remaining_refund_amount(shop, order);
  if (request.amount.is_negative() || request.amount > remaining) {
    return std::unexpected(WcError{"woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.", 500});
  }
  Order refund;
  refund.is_refund = true;
  refund.parent_id = order.id;
  refund.status = "completed";
  refund.currency = order.currency;
  refund.amount = request.amount;
  refund.reason = request.reason;
  refund.refunded_by = request.refunded_by;
  refund.prices_include_tax = order.prices_include_tax;
  refund.created_via = "";
  std::int64_t refunded_units = 0;
  for (const auto& original : order.items) {
    if (original.type != ItemType::Line && original.type != ItemType::Fee && original.type != ItemType::Shipping) {
      continue;
    }
    const auto line = std::find_if(request.lines.begin(), request.lines.end(),
                                   [&](const RefundLine& l) { return l.item_id == original.id; });
    if (line == request.lines.end()) continue;
    OrderItem item = original;
    item.id = 0;
    item.meta_data.clear();
    item.meta_data.push_back(
        Meta{0, "_refunded_item_id", Json::string(std::to_string(original.id)), "_refunded_item_id"});
    item.total = -line->refund_total;
    item.taxes_total.clear();
    for (const auto& [rate, amount] : line->refund_tax) item.taxes_total.emplace_back(rate, -amount);
    item.total_tax = sum_rounded(item.taxes_total);
    if (item.type == ItemType::Line) {
      item.subtotal = -line->refund_total;
      item.taxes_subtotal = item.taxes_total;
      item.subtotal_tax = item.total_tax;
      item.quantity = -line->quantity;
    }
    refunded_units += line->quantity;
    refund.items.push_back(std::move(item));
  }
  for (const auto& m : request.meta_data) refund.meta_data.push_back(m);
  // update_taxes() saves the refund (its post id, items and meta), then calculate_totals(false).
  calculate_totals(shop, refund, now, false);
  {
    RateAmounts cart, shipping;
    auto add = [](RateAmounts& into, Id rate, Decimal amount) {
      auto it = std::find_if(into.begin(), into.end(), [&](const auto& p) { return p.first == rate; });
      if (it == into.end()) {
        into.emplace_back(rate, amount);
      } else {
        it->second += amount;
      }
    };
    for (const auto& item : refund.items) {
      for (const auto& [rate, amount] : item.taxes_total) {
        add(item.type == ItemType::Shipping ? shipping : cart, rate, amount.rounded(2));
      }
    }
    std::vector<Id> rates;
    for (const auto& [id, a] : cart) rates.push_back(id);
    for (const auto& [id, a] : shipping) {
      if (std::find(rates.begin(), rates.end(), id) == rates.end()) rates.push_back(id);
    }
    for (Id rate_id : rates) {
      const auto rate = std::find_if(shop.tax_rates.begin(), shop.tax_rates.end(),
                                     [&](const TaxRate& r) { return r.id == rate_id; });
      OrderItem tax;
      tax.type = ItemType::Tax;
      tax.rate_id = rate_id;
      if (rate != shop.tax_rates.end()) {
        tax.rate_code = rate_code(*rate);
        tax.label = rate->name;
        tax.compound = rate->compound;
        tax.rate_percent = rate_value(*rate);
      }
      for (const auto& [id, a] : cart) {
        if (id == rate_id) tax.tax_total = a;
      }
      for (const auto& [id, a] : shipping) {
        if (id == rate_id) tax.shipping_tax_total = a;
      }
      refund.items.push_back(std::move(tax));
    }
    refund.cart_tax = sum(cart);
    refund.shipping_tax = sum(shipping);
  }
  refund.total = -request.amount;
  save_order(shop, refund, now);
  const Id refund_id = refund.id;
  if (request.refund_payment) {
    const auto gateway = std::find_if(shop.settings.payment_gateways.begin(), shop.settings.payment_gateways.end(),
                                      [&](const auto& g) { return g.first == order.payment_method; });
    const std::string message = gateway == shop.settings.payment_gateways.end()
                                    ? "The payment gateway for this order does not exist."
                                    : "The payment gateway for this order does not support automatic refunds.";
    // The refund was saved and is deleted again: its ids stay used, as in WordPress.
    return std::unexpected(WcError{"woocommerce_rest_cannot_create_order_refund", message, 500});
  }
  shop.orders[refund_id] = std::move(refund);
  order.refund_ids.insert(order.refund_ids.begin(), refund_id);
  touch_order(order, now);
  if (request.restock) {
    for (auto& item : order.items) {
      if (item.type != ItemType::Line) continue;
      const auto line = std::find_if(request.lines.begin(), request.lines.end(),
                                     [&](const RefundLine& l) { return l.item_id == item.id; });
      if (line == request.lines.end() || line->quantity == 0) continue;
      Product* product = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
      Meta* reduced = find_meta(item.meta_data, "_reduced_stock");
      if (reduced == nullptr || product == nullptr || !product->manage_stock) continue;
      const std::int64_t old_stock = product->stock_quantity.value_or(0);
      const std::int64_t new_stock = change_stock(shop, *product, line->quantity, now);
      const std::int64_t still_reduced = std::atoll(reduced->value.text().c_str()) - line->quantity;
      if (still_reduced > 0) {
        const Meta* restocked = find_meta(item.meta_data, "_restock_refunded_items");
        const std::int64_t before = restocked ? std::atoll(restocked->value.text().c_str()) : 0;
        set_meta(item.meta_data, "_reduced_stock", std::to_string(still_reduced));
        set_meta(item.meta_data, "_restock_refunded_items", std::to_string(line->quantity + before));
      } else {
        erase_meta(item.meta_data, "_reduced_stock");
        erase_meta(item.meta_data, "_restock_refunded_items");
      }
      add_order_note(shop, order.id,
                     "Item #" + std::to_string(product->id) + " stock increased from " + std::to_string(old_stock) +
                         " to " + std::to_string(new_stock) + ".",
                     false, now);
      save_order(shop, order, now);
    }
  }
  if (remaining - request.amount <= Decimal()) {
    set_order_status(shop, order, "refunded", now);
  }
  (void)refunded_units;
  return refund_id;
}

}  // namespace wv::sandbox::woo
