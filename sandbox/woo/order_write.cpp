// Orders written from a request body: WC_REST_Orders_Controller's prepare_object_for_database
// and save_object (see api.hpp).
#include <algorithm>
#include <expected>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"

namespace wv::sandbox::woo {
namespace {

Decimal decimal_input(const Json& v) {
  return Decimal::parse(format_price_input(v), true).value_or(Decimal());
}

}  // namespace

void update_meta_list(std::vector<Meta>& meta, const Json& list, bool item_meta) {
  for (const auto& m : php_values(list)) {
    const Json* key = m.find("key");
    if (key == nullptr) continue;
    const Json value = m.find("value") ? *m.find("value") : Json::string("");
    const Id id = m.find("id") ? php_int(*m.find("id")) : 0;
    auto existing = std::find_if(meta.begin(), meta.end(), [&](const Meta& x) {
      return id ? x.id == id : x.key == php_string(*key);
    });
    const Json stored = value.is_object() || value.is_array() ? value : Json::string(php_string(value));
    if (existing != meta.end()) {
      existing->value = stored;
    } else {
      meta.push_back(Meta{0, php_string(*key), stored, item_meta ? php_string(*key) : ""});
    }
  }
}

namespace {

std::string valid_tax_class(const ShopState& shop, const std::string& raw) {
  const std::string slug = sanitize_title(raw);
  for (const auto& c : shop.tax_classes) {
    if (c.slug == slug && slug != "standard") return slug;
  }
  return "";
}

// WC_REST_Orders_Controller::item_is_null: every value of the posted item is null.
bool item_is_null(const Json& item) {
  return std::all_of(item.members().begin(), item.members().end(), [](const auto& m) { return m.second.is_null(); });
}

// get_product_id(): by SKU, else product_id, else variation_id.
std::expected<Id, WcError> posted_product_id(const ShopState& shop, const Json& posted) {
  auto non_empty = [&](const char* name) {
    const Json* v = posted.find(name);
    return v != nullptr && !v->is_null() && !php_string(*v).empty() && php_string(*v) != "0";
  };
  if (non_empty("sku")) return product_id_by_sku(shop, php_string(*posted.find("sku")));
  if (non_empty("product_id") && !non_empty("variation_id")) return php_int(*posted.find("product_id"));
  if (non_empty("variation_id")) return php_int(*posted.find("variation_id"));
  return std::unexpected(WcError{"woocommerce_rest_required_product_reference", "Product ID or SKU is required.", 400});
}

/// The "id" of a posted order line; 0 for a new line.
Id posted_item_id(const Json& posted) { return posted.find("id") ? php_int(*posted.find("id")) : 0; }

/// The order's line of `type` with `item_id`, or nullptr for a new line (id 0); the shop's
/// error when the order has no such line.
std::expected<OrderItem*, WcError> existing_item(Order& order, Id item_id, ItemType type) {
  if (!item_id) return nullptr;
  auto it = std::find_if(order.items.begin(), order.items.end(),
                         [&](const OrderItem& i) { return i.id == item_id && i.type == type; });
  if (it == order.items.end()) {
    return std::unexpected(
        WcError{"woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400});
  }
  return &*it;
}

std::optional<WcError> set_line_item(ShopState& shop, Order& order, const Json& posted) {
  const Id item_id = posted_item_id(posted);
  auto existing = existing_item(order, item_id, ItemType::Line);
  if (!existing) return existing.error();
  OrderItem fresh;
  fresh.type = ItemType::Line;
  OrderItem* item = *existing ? *existing : &fresh;
  auto product_id = posted_product_id(shop, posted);
  if (!product_id) return product_id.error();
  const Product* product = find_product(shop, *product_id);
  const Id current = item->variation_id ? item->variation_id : item->product_id;
  if (product && (product->id != current || !item_id)) {
    const std::int64_t quantity = posted.find("quantity") ? php_int(*posted.find("quantity")) : 1;
    OrderItem made = make_line_item(shop, *product, quantity);
    if (item_id) {
      // Updating: the product changes, the amounts stay until set below.
      item->name = made.name;
      item->product_id = made.product_id;
      item->variation_id = made.variation_id;
      item->tax_class = made.tax_class;
    } else {
      *item = std::move(made);
    }
  }
  if (const Json* v = posted.find("name"); v && !v->is_null()) item->name = php_string(*v);
  if (const Json* v = posted.find("quantity"); v && !v->is_null()) item->quantity = php_int(*v);
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("subtotal"); v && !v->is_null()) item->subtotal = decimal_input(*v);
  if (const Json* v = posted.find("tax_class"); v && !v->is_null()) item->tax_class = valid_tax_class(shop, php_string(*v));
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta_list(item->meta_data, *v, true);
  if (!item_id) order.items.push_back(std::move(fresh));
  return std::nullopt;
}

std::optional<WcError> set_shipping_line(Order& order, const Json& posted) {
  const Id item_id = posted_item_id(posted);
  auto existing = existing_item(order, item_id, ItemType::Shipping);
  if (!existing) return existing.error();
  OrderItem fresh;
  fresh.type = ItemType::Shipping;
  OrderItem* item = *existing ? *existing : &fresh;
  if (!*existing) {
    const Json* method = posted.find("method_id");
    if (method == nullptr || method->is_null() || php_string(*method).empty()) {
      return WcError{"woocommerce_rest_invalid_shipping_item", "Shipping method ID is required.", 400};
    }
  }
  if (const Json* v = posted.find("method_id"); v && !v->is_null()) item->method_id = php_string(*v);
  if (const Json* v = posted.find("method_title"); v && !v->is_null()) {
    item->method_title = php_string(*v);
    item->name = item->method_title;
  }
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("instance_id"); v && !v->is_null()) item->instance_id = php_string(*v);
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta_list(item->meta_data, *v, true);
  if (!item_id) order.items.push_back(std::move(fresh));
  return std::nullopt;
}

std::optional<WcError> set_fee_line(ShopState& shop, Order& order, const Json& posted) {
  const Id item_id = posted_item_id(posted);
  auto existing = existing_item(order, item_id, ItemType::Fee);
  if (!existing) return existing.error();
  OrderItem fresh;
  fresh.type = ItemType::Fee;
  OrderItem* item = *existing ? *existing : &fresh;
  if (!*existing) {
    const Json* name = posted.find("name");
    if (name == nullptr || name->is_null() || php_string(*name).empty()) {
      return WcError{"woocommerce_rest_invalid_fee_item", "Fee name is required.", 400};
    }
  }
  if (const Json* v = posted.find("name"); v && !v->is_null()) item->name = php_string(*v);
  if (const Json* v = posted.find("tax_class"); v && !v->is_null()) item->tax_class = valid_tax_class(shop, php_string(*v));
  if (const Json* v = posted.find("tax_status"); v && !v->is_null()) item->tax_status = php_string(*v);
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta_list(item->meta_data, *v, true);
  if (!item_id) order.items.push_back(std::move(fresh));
  return std::nullopt;
}

void remove_item(Order& order, Id id) {
  order.items.erase(std::remove_if(order.items.begin(), order.items.end(), [&](const OrderItem& i) { return i.id == id; }),
                    order.items.end());
}

// prepare_object_for_database: the writable fields in the schema's order; status and coupons
// wait until the items are in.
std::optional<WcError> prepare_order(ShopState& shop, Order& order, const Json& body) {
  for (const auto& [key, value] : body.members()) (void)key, (void)value;
  auto text = [&](const char* name, std::string& field) {
    if (const Json* v = body.find(name); v && !v->is_null()) field = php_string(*v);
  };
  if (const Json* v = body.find("parent_id"); v && !v->is_null()) order.parent_id = php_int(*v);
  text("currency", order.currency);
  if (const Json* v = body.find("customer_id"); v && !v->is_null()) order.customer_id = php_int(*v);
  text("customer_note", order.customer_note);
  if (const Json* v = body.find("billing"); v && v->is_object()) update_address(order.billing, *v, true);
  if (const Json* v = body.find("shipping"); v && v->is_object()) update_address(order.shipping, *v, false);
  text("payment_method", order.payment_method);
  text("payment_method_title", order.payment_method_title);
  text("transaction_id", order.transaction_id);
  if (const Json* v = body.find("meta_data"); v && !v->is_null()) update_meta_list(order.meta_data, *v, false);
  for (const char* kind : {"line_items", "shipping_lines", "fee_lines"}) {
    const Json* list = body.find(kind);
    if (list == nullptr || list->is_null()) continue;
    for (const auto& posted : php_values(*list)) {
      if (!posted.is_object()) continue;
      const Json* qty = posted.find("quantity");
      if (item_is_null(posted) || (qty && qty->is_number() && php_int(*qty) == 0 && std::string(kind) == "line_items")) {
        if (const Json* id = posted.find("id")) remove_item(order, php_int(*id));
        continue;
      }
      std::optional<WcError> err;
      if (std::string(kind) == "line_items") {
        err = set_line_item(shop, order, posted);
      } else if (std::string(kind) == "shipping_lines") {
        err = set_shipping_line(order, posted);
      } else {
        err = set_fee_line(shop, order, posted);
      }
      if (err) return err;
    }
  }
  return std::nullopt;
}

std::optional<WcError> calculate_coupons(ShopState& shop, Order& order, const Json& body, Timestamp now) {
  const Json* list = body.find("coupon_lines");
  if (list == nullptr || !(list->is_array() || list->is_object())) return std::nullopt;
  remove_coupons(shop, order, now);
  for (const auto& item : php_values(*list)) {
    if (!item.is_object()) continue;
    if (const Json* id = item.find("id"); id && php_int(*id) != 0) continue;
    const Json* code = item.find("code");
    if (code == nullptr || php_string(*code).empty()) {
      return WcError{"woocommerce_rest_invalid_coupon", "Coupon code is required.", 400};
    }
    if (auto err = apply_coupon(shop, order, php_string(*code), now)) {
      return WcError{"woocommerce_rest_" + err->code, err->message, 400};
    }
  }
  return std::nullopt;
}

}  // namespace

// save_object(): used by the REST routes and by the control API's "place an order".
std::expected<Id, WcError> save_order_from_request(ShopState& shop, const Json& body, Id id, Timestamp now) {
  const bool creating = id == 0;
  Order working;
  if (!creating) {
    Order* existing = find_order(shop, id);
    if (existing == nullptr) return std::unexpected(WcError{"woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 400});
    working = *existing;
  } else {
    working.currency = "";
  }
  if (auto err = prepare_order(shop, working, body)) return std::unexpected(*err);
  if (working.customer_id != 0 && !shop.customers.count(working.customer_id)) {
    return std::unexpected(WcError{"woocommerce_rest_invalid_customer_id", "Customer ID is invalid.", 400});
  }
  if (creating) {
    working.created_via = "rest-api";
    working.prices_include_tax = shop.settings.prices_include_tax;
    if (working.currency.empty()) working.currency = shop.settings.currency;
    calculate_totals(shop, working, now, true);
  } else if (body.has("billing") || body.has("shipping") || body.has("line_items") || body.has("shipping_lines") ||
             body.has("fee_lines") || body.has("coupon_lines")) {
    calculate_totals(shop, working, now, true);
  }
  const Id order_id = working.id;
  shop.orders[order_id] = working;
  Order& order = shop.orders[order_id];
  if (auto err = calculate_coupons(shop, order, body, now)) return std::unexpected(*err);
  if (const Json* status = body.find("status"); status && !php_string(*status).empty()) {
    set_order_status(shop, order, php_string(*status), now);
  }
  save_order(shop, order, now);
  if (const Json* paid = body.find("set_paid"); paid && php_bool(*paid)) {
    if (creating || order_needs_payment(order)) {
      payment_complete(shop, order, body.find("transaction_id") ? php_string(*body.find("transaction_id")) : "", now);
    }
  }
  return order_id;
}

}  // namespace wv::sandbox::woo
