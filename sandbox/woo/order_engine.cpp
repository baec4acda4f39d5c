#include "sandbox/woo/order_engine.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_internal.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
using namespace detail;

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

// What decides whether a save changed the order: the columns of the order's post row, then
// (after '\x1e') everything else the API shows.
std::string order_fingerprint(const Order& o) {
  std::string f = o.status + '\x1f' + o.customer_note + '\x1f' + std::to_string(o.parent_id) + '\x1e';
  auto add = [&f](const std::string& s) {
    f += '\x1f';
    f += s;
  };
  auto address = [&](const Address& a) {
    for (const std::string* s : {&a.first_name, &a.last_name, &a.company, &a.address_1, &a.address_2, &a.city, &a.state,
                                 &a.postcode, &a.country, &a.email, &a.phone}) {
      add(*s);
    }
  };
  address(o.billing);
  address(o.shipping);
  for (const std::string* s : {&o.currency, &o.payment_method, &o.payment_method_title, &o.transaction_id}) add(*s);
  add(std::to_string(o.customer_id));
  for (Decimal d : {o.total, o.total_tax, o.shipping_total, o.discount_total, o.cart_tax}) add(d.to_plain_string());
  add(o.date_paid ? format_timestamp(*o.date_paid) : "");
  add(o.date_completed ? format_timestamp(*o.date_completed) : "");
  for (const auto& m : o.meta_data) add(m.key + "=" + to_plain_json(m.value));
  for (const auto& i : o.items) {
    add(std::to_string(i.id) + ":" + i.name + ":" + std::to_string(i.quantity) + ":" + i.total.to_plain_string() + ":" +
        i.subtotal.to_plain_string() + ":" + i.discount.to_plain_string() + ":" + i.tax_total.to_plain_string());
    for (const auto& m : i.meta_data) add(m.key + "=" + to_plain_json(m.value));
  }
  return f;
}

}  // namespace

namespace detail {

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

}  // namespace detail

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
  const std::string fingerprint = order_fingerprint(order);
  const auto post_row = [](const std::string& f) { return f.substr(0, f.find('\x1e')); };
  const bool changed = shop.settings.order_modified_on_any_change
                           ? fingerprint != order.stored_fingerprint
                           : post_row(fingerprint) != post_row(order.stored_fingerprint);
  if (changed) {
    order.date_modified = whole_seconds(now);
  }
  order.stored_fingerprint = fingerprint;
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

}  // namespace wv::sandbox::woo
