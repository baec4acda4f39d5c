// /orders, /orders/{id}, /orders/batch, and an order's notes and refunds.
#include <algorithm>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"
#include "sandbox/woo/wc_schemas.hpp"

namespace wv::sandbox::woo {
namespace {

std::string str(const Json& v) { return php_string(v); }

Decimal decimal_input(const Json& v) {
  return Decimal::parse(format_price_input(v), true).value_or(Decimal());
}

void update_address(Address& a, const Json& posted) {
  auto field = [&](const char* name, std::string& out) {
    if (const Json* v = posted.find(name); v && !v->is_null()) out = str(*v);
  };
  field("first_name", a.first_name);
  field("last_name", a.last_name);
  field("company", a.company);
  field("address_1", a.address_1);
  field("address_2", a.address_2);
  field("city", a.city);
  field("state", a.state);
  field("postcode", a.postcode);
  field("country", a.country);
  field("email", a.email);
  field("phone", a.phone);
}

void update_meta(std::vector<Meta>& meta, const Json& list, bool item_meta) {
  for (const auto& m : php_values(list)) {
    const Json* key = m.find("key");
    if (key == nullptr) continue;
    const Json value = m.find("value") ? *m.find("value") : Json::string("");
    const Id id = m.find("id") ? php_int(*m.find("id")) : 0;
    auto existing = std::find_if(meta.begin(), meta.end(), [&](const Meta& x) {
      return id ? x.id == id : x.key == str(*key);
    });
    const Json stored = value.is_object() || value.is_array() ? value : Json::string(str(value));
    if (existing != meta.end()) {
      existing->value = stored;
    } else {
      meta.push_back(Meta{0, str(*key), stored, item_meta ? str(*key) : ""});
    }
  }
}

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
    return v != nullptr && !v->is_null() && !str(*v).empty() && str(*v) != "0";
  };
  if (non_empty("sku")) return product_id_by_sku(shop, str(*posted.find("sku")));
  if (non_empty("product_id") && !non_empty("variation_id")) return php_int(*posted.find("product_id"));
  if (non_empty("variation_id")) return php_int(*posted.find("variation_id"));
  return std::unexpected(WcError{"woocommerce_rest_required_product_reference", "Product ID or SKU is required.", 400});
}

std::optional<WcError> set_line_item(ShopState& shop, Order& order, const Json& posted) {
  const Id item_id = posted.find("id") ? php_int(*posted.find("id")) : 0;
  OrderItem* item = nullptr;
  OrderItem fresh;
  if (item_id) {
    auto it = std::find_if(order.items.begin(), order.items.end(),
                           [&](const OrderItem& i) { return i.id == item_id && i.type == ItemType::Line; });
    if (it == order.items.end()) {
      return WcError{"woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400};
    }
    item = &*it;
  } else {
    fresh.type = ItemType::Line;
    item = &fresh;
  }
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
  if (const Json* v = posted.find("name"); v && !v->is_null()) item->name = str(*v);
  if (const Json* v = posted.find("quantity"); v && !v->is_null()) item->quantity = php_int(*v);
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("subtotal"); v && !v->is_null()) item->subtotal = decimal_input(*v);
  if (const Json* v = posted.find("tax_class"); v && !v->is_null()) item->tax_class = valid_tax_class(shop, str(*v));
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta(item->meta_data, *v, true);
  if (!item_id) order.items.push_back(std::move(fresh));
  return std::nullopt;
}

std::optional<WcError> set_shipping_line(Order& order, const Json& posted) {
  const Id item_id = posted.find("id") ? php_int(*posted.find("id")) : 0;
  OrderItem fresh;
  OrderItem* item = &fresh;
  if (item_id) {
    auto it = std::find_if(order.items.begin(), order.items.end(),
                           [&](const OrderItem& i) { return i.id == item_id && i.type == ItemType::Shipping; });
    if (it == order.items.end()) {
      return WcError{"woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400};
    }
    item = &*it;
  } else {
    const Json* method = posted.find("method_id");
    if (method == nullptr || method->is_null() || str(*method).empty()) {
      return WcError{"woocommerce_rest_invalid_shipping_item", "Shipping method ID is required.", 400};
    }
    fresh.type = ItemType::Shipping;
  }
  if (const Json* v = posted.find("method_id"); v && !v->is_null()) item->method_id = str(*v);
  if (const Json* v = posted.find("method_title"); v && !v->is_null()) {
    item->method_title = str(*v);
    item->name = item->method_title;
  }
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("instance_id"); v && !v->is_null()) item->instance_id = str(*v);
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta(item->meta_data, *v, true);
  if (!item_id) order.items.push_back(std::move(fresh));
  return std::nullopt;
}

std::optional<WcError> set_fee_line(ShopState& shop, Order& order, const Json& posted) {
  const Id item_id = posted.find("id") ? php_int(*posted.find("id")) : 0;
  OrderItem fresh;
  OrderItem* item = &fresh;
  if (item_id) {
    auto it = std::find_if(order.items.begin(), order.items.end(),
                           [&](const OrderItem& i) { return i.id == item_id && i.type == ItemType::Fee; });
    if (it == order.items.end()) {
      return WcError{"woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400};
    }
    item = &*it;
  } else {
    const Json* name = posted.find("name");
    if (name == nullptr || name->is_null() || str(*name).empty()) {
      return WcError{"woocommerce_rest_invalid_fee_item", "Fee name is required.", 400};
    }
    fresh.type = ItemType::Fee;
  }
  if (const Json* v = posted.find("name"); v && !v->is_null()) item->name = str(*v);
  if (const Json* v = posted.find("tax_class"); v && !v->is_null()) item->tax_class = valid_tax_class(shop, str(*v));
  if (const Json* v = posted.find("tax_status"); v && !v->is_null()) item->tax_status = str(*v);
  if (const Json* v = posted.find("total"); v && !v->is_null()) item->total = decimal_input(*v);
  if (const Json* v = posted.find("meta_data"); v && !v->is_null()) update_meta(item->meta_data, *v, true);
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
    if (const Json* v = body.find(name); v && !v->is_null()) field = str(*v);
  };
  if (const Json* v = body.find("parent_id"); v && !v->is_null()) order.parent_id = php_int(*v);
  text("currency", order.currency);
  if (const Json* v = body.find("customer_id"); v && !v->is_null()) order.customer_id = php_int(*v);
  text("customer_note", order.customer_note);
  if (const Json* v = body.find("billing"); v && v->is_object()) update_address(order.billing, *v);
  if (const Json* v = body.find("shipping"); v && v->is_object()) update_address(order.shipping, *v);
  text("payment_method", order.payment_method);
  text("payment_method_title", order.payment_method_title);
  text("transaction_id", order.transaction_id);
  if (const Json* v = body.find("meta_data"); v && !v->is_null()) update_meta(order.meta_data, *v, false);
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
    if (code == nullptr || str(*code).empty()) {
      return WcError{"woocommerce_rest_invalid_coupon", "Coupon code is required.", 400};
    }
    if (auto err = apply_coupon(shop, order, str(*code), now)) {
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
  if (const Json* status = body.find("status"); status && !str(*status).empty()) {
    set_order_status(shop, order, str(*status), now);
  }
  save_order(shop, order, now);
  if (const Json* paid = body.find("set_paid"); paid && php_bool(*paid)) {
    if (creating || order_needs_payment(order)) {
      payment_complete(shop, order, body.find("transaction_id") ? str(*body.find("transaction_id")) : "", now);
    }
  }
  return order_id;
}

namespace {

Reply write_order(Call& call, const Json& body, Id id) {
  if (id == 0) {
    if (const Json* v = body.find("id"); v && php_int(*v) != 0) {
      return error("woocommerce_rest_shop_order_exists", "Cannot create existing order.", 400);
    }
  }
  auto saved = save_order_from_request(call.shop, body, id, call.now);
  if (!saved) return error(saved.error());
  Json rendered = render_order(call.shop, call.shop.orders.at(*saved), call.edit());
  if (id == 0) return created(std::move(rendered), call.site_url + "/wp-json/wc/v3/orders/" + std::to_string(*saved));
  return ok(std::move(rendered));
}

Reply delete_order(Call& call, Id id, bool force) {
  Order* order = find_order(call.shop, id);
  if (order == nullptr) return error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404);
  Json rendered = render_order(call.shop, *order, call.edit());
  if (force) {
    for (Id refund : order->refund_ids) call.shop.orders.erase(refund);
    call.shop.orders.erase(id);
    return ok(std::move(rendered));
  }
  if (order->status == "trash") return error("woocommerce_rest_already_trashed", "The order has already been deleted.", 410);
  order->status = "trash";
  save_order(call.shop, *order, call.now);
  return ok(render_order(call.shop, *order, call.edit()));
}

bool order_matches_search(const Order& o, const std::string& term) {
  const std::string t = lowercase(term);
  for (const std::string* field : {&o.billing.first_name, &o.billing.last_name, &o.billing.company, &o.billing.email,
                                   &o.billing.address_1, &o.billing.city, &o.billing.postcode, &o.billing.phone,
                                   &o.shipping.first_name, &o.shipping.last_name, &o.shipping.address_1}) {
    if (lowercase(*field).find(t) != std::string::npos) return true;
  }
  for (const auto& item : o.items) {
    if (item.type == ItemType::Line && lowercase(item.name).find(t) != std::string::npos) return true;
  }
  return std::to_string(o.id) == term;
}

Json error_item(Id id, const Reply& reply) {
  const Json* data = reply.body.find("data");
  return Json::object().add("id", id).add("error", Json::object()
                                                       .add("code", *reply.body.find("code"))
                                                       .add("message", *reply.body.find("message"))
                                                       .add("data", data ? *data : Json::null()));
}

}  // namespace

Reply orders_list(Call& call) {
  RestParams& params = call.params;
  std::vector<std::string> statuses = params.list("status");
  if (statuses.empty()) statuses.push_back("any");
  const bool any = std::find(statuses.begin(), statuses.end(), "any") != statuses.end();
  std::vector<const Order*> matching;
  for (const auto& [id, o] : call.shop.orders) {
    if (o.is_refund) continue;
    if (any) {
      if (o.status == "trash" || o.status == "auto-draft" || o.status == "checkout-draft") continue;
    } else if (std::find(statuses.begin(), statuses.end(), o.status) == statuses.end()) {
      continue;
    }
    if (!id_filters_pass(params, o.id)) continue;
    if (!date_filters_pass(call.shop, params, o.date_created, o.date_modified)) continue;
    if (params.get("customer") != nullptr && o.customer_id != params.integer("customer")) continue;
    if (params.get("product") != nullptr) {
      const Id product = params.integer("product");
      if (std::none_of(o.items.begin(), o.items.end(), [&](const OrderItem& i) {
            return i.type == ItemType::Line && (i.product_id == product || i.variation_id == product);
          })) {
        continue;
      }
    }
    if (const auto parents = params.list("parent"); !parents.empty()) {
      if (std::none_of(parents.begin(), parents.end(), [&](const auto& p) { return std::atoll(p.c_str()) == o.parent_id; })) {
        continue;
      }
    }
    if (const auto search = params.string("search"); !search.empty() && !order_matches_search(o, search)) continue;
    matching.push_back(&o);
  }
  const std::string orderby = params.string("orderby").empty() ? "date" : params.string("orderby");
  const bool desc = params.string("order") != "asc";
  const auto include = params.list("include");
  std::stable_sort(matching.begin(), matching.end(), [&](const Order* a, const Order* b) {
    auto cmp = [](auto x, auto y) -> int { return x < y ? -1 : (y < x ? 1 : 0); };
    int c = 0;
    if (orderby == "modified") {
      c = cmp(a->date_modified, b->date_modified);
    } else if (orderby == "include") {
      auto pos = [&](Id id) {
        for (std::size_t i = 0; i < include.size(); ++i) {
          if (std::atoll(include[i].c_str()) == id) return i;
        }
        return include.size();
      };
      return pos(a->id) < pos(b->id);
    } else if (orderby == "date") {
      c = cmp(a->date_created, b->date_created);
    }
    if (c == 0) c = cmp(a->id, b->id);
    return desc ? c > 0 : c < 0;
  });
  const ListWindow window = list_window(params);
  const auto [first, last] = window_slice(window, matching.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) items.push(render_order(call.shop, *matching[i], call.view()));
  // The next/prev links carry the query as WooCommerce leaves it: sanitized, the statuses
  // re-added at the end, and dp and context set while the orders were rendered.
  Json query = sanitized_query(params.query(), route_args("/orders GET"));
  Json sanitized_statuses = Json::array();
  for (const auto& s : statuses) sanitized_statuses.push(Json::string(s));
  query.erase("status");
  query.add("status", sanitized_statuses);
  if (first < last) {
    query.set("dp", Json::integer(call.dp()));
    query.set("context", Json::string(params.string("context").empty() ? "view" : params.string("context")));
  }
  call.params.replace_query(std::move(query));
  return paged(call, std::move(items), static_cast<std::int64_t>(matching.size()), window.per_page, window.page,
               "/orders");
}

Reply orders_create(Call& call) { return write_order(call, with_route_defaults(call.params.body(), "/orders POST"), 0); }

Reply order_get(Call& call) {
  const Order* o = find_order(call.shop, call.ids[0]);
  if (o == nullptr) return error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404);
  return ok(render_order(call.shop, *o, call.view()));
}

Reply order_update(Call& call) { return write_order(call, call.params.body(), call.ids[0]); }

Reply order_delete(Call& call) { return delete_order(call, call.ids[0], call.params.boolean("force")); }

Reply orders_batch(Call& call) {
  const Json& body = call.params.body();
  std::int64_t total = 0;
  for (const char* key : {"create", "update", "delete"}) {
    if (const Json* list = body.find(key); list && (list->is_array() || list->is_object())) {
      total += static_cast<std::int64_t>(php_values(*list).size());
    }
  }
  if (total > 100) {
    return error("woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.", 413);
  }
  Json out = Json::object();
  if (const Json* list = body.find("create"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) {
      Reply r = write_order(call, with_route_defaults(item.is_object() ? item : Json::object(), "/orders POST"), 0);
      results.push(r.status >= 400 ? error_item(0, r) : r.body);
    }
    out.add("create", results);
  }
  if (const Json* list = body.find("update"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) {
      const Id id = item.find("id") ? php_int(*item.find("id")) : 0;
      Reply r = write_order(call, item.is_object() ? item : Json::object(), id);
      if (r.status >= 400 && id == 0) r = error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 400);
      results.push(r.status >= 400 ? error_item(id, r) : r.body);
    }
    out.add("update", results);
  }
  if (const Json* list = body.find("delete"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) {
      const Id id = php_int(item);
      Reply r = delete_order(call, id, true);
      results.push(r.status >= 400 ? error_item(id, r) : r.body);
    }
    out.add("delete", results);
  }
  return ok(std::move(out));
}

// --- Notes --------------------------------------------------------------------------------

Reply notes_list(Call& call) {
  if (find_order(call.shop, call.ids[0]) == nullptr) {
    return error("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
  }
  const std::string type = call.params.string("type");
  std::vector<const OrderNote*> notes;
  for (const auto& [id, n] : call.shop.notes) {
    if (n.order_id != call.ids[0]) continue;
    if (type == "customer" && !n.customer_note) continue;
    if (type == "internal" && n.customer_note) continue;
    notes.push_back(&n);
  }
  std::sort(notes.begin(), notes.end(), [](const OrderNote* a, const OrderNote* b) {
    return a->date_created != b->date_created ? a->date_created > b->date_created : a->id > b->id;
  });
  Json items = Json::array();
  for (const OrderNote* n : notes) items.push(render_note(call.shop, *n, call.view()));
  return ok(std::move(items));
}

Reply notes_create(Call& call) {
  if (const Json* v = call.params.body().find("id"); v && php_int(*v) != 0) {
    return error("woocommerce_rest_order_note_exists", "Cannot create existing order note.", 400);
  }
  Order* order = find_order(call.shop, call.ids[0]);
  if (order == nullptr) return error("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
  const bool by_user = call.params.boolean("added_by_user");
  const Id id = add_order_note(call.shop, order->id, call.params.string("note"), call.params.boolean("customer_note"),
                               call.now, by_user ? call.shop.settings.admin_display_name : "WooCommerce");
  const OrderNote& note = call.shop.notes.at(id);
  return created(render_note(call.shop, note, call.edit()),
                 call.site_url + "/wp-json/wc/v3/orders/" + std::to_string(order->id) + "/notes/" + std::to_string(id));
}

Reply note_get(Call& call) {
  if (find_order(call.shop, call.ids[0]) == nullptr) {
    return error("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
  }
  auto it = call.shop.notes.find(call.ids[1]);
  if (it == call.shop.notes.end() || it->second.order_id != call.ids[0]) {
    return error("woocommerce_rest_invalid_id", "Invalid resource ID.", 404);
  }
  return ok(render_note(call.shop, it->second, call.view()));
}

Reply note_delete(Call& call) {
  if (!call.params.boolean("force")) {
    return error("woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.", 501);
  }
  if (find_order(call.shop, call.ids[0]) == nullptr) {
    return error("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
  }
  auto it = call.shop.notes.find(call.ids[1]);
  if (it == call.shop.notes.end() || it->second.order_id != call.ids[0]) {
    return error("woocommerce_rest_invalid_id", "Invalid resource ID.", 404);
  }
  Json rendered = render_note(call.shop, it->second, call.edit());
  call.shop.notes.erase(it);
  return ok(std::move(rendered));
}

// --- Refunds ------------------------------------------------------------------------------

Reply refunds_list(Call& call) {
  const Order* order = find_order(call.shop, call.ids[0]);
  std::vector<const Order*> refunds;
  if (order) {
    for (Id id : order->refund_ids) {
      auto it = call.shop.orders.find(id);
      if (it == call.shop.orders.end()) continue;
      if (!id_filters_pass(call.params, id)) continue;
      if (!date_filters_pass(call.shop, call.params, it->second.date_created, it->second.date_modified)) continue;
      refunds.push_back(&it->second);
    }
  }
  const bool desc = call.params.string("order") != "asc";
  std::stable_sort(refunds.begin(), refunds.end(), [&](const Order* a, const Order* b) {
    if (a->date_created != b->date_created) return desc ? a->date_created > b->date_created : a->date_created < b->date_created;
    return desc ? a->id > b->id : a->id < b->id;
  });
  const ListWindow window = list_window(call.params);
  const auto [first, last] = window_slice(window, refunds.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) items.push(render_refund(call.shop, *refunds[i], call.view()));
  if (first < last) {
    call.params.set_query("dp", Json::integer(call.dp()));
    call.params.set_query("context", Json::string(call.params.string("context").empty() ? "view" : call.params.string("context")));
  }
  return paged(call, std::move(items), static_cast<std::int64_t>(refunds.size()), window.per_page, window.page,
               "/orders/" + std::to_string(call.ids[0]) + "/refunds");
}

Reply refunds_create(Call& call) {
  const Json& body = call.params.body();
  Order* order = find_order(call.shop, call.ids[0]);
  if (order == nullptr) {
    RestError e{"woocommerce_rest_invalid_order_id", "Invalid order ID.", 500, Json::object()};
    e.data_override = Json::integer(404);
    return error(e);
  }
  RefundRequest request;
  const Json* amount = body.find("amount");
  if (amount && !amount->is_null()) request.amount = Decimal::parse(php_string(*amount), true).value_or(Decimal());
  if (request.amount.is_negative()) {
    RestError e{"woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.", 500, Json::object()};
    e.data_override = Json::integer(400);
    return error(e);
  }
  request.reason = call.params.string("reason");
  request.refund_payment = call.params.boolean("api_refund", true);
  request.restock = call.params.boolean("api_restock", true);
  request.refunded_by = call.key ? call.key->user_id : 1;
  if (const Json* lines = body.find("line_items"); lines && !lines->is_null()) {
    for (const auto& l : php_values(*lines)) {
      RefundLine line;
      if (const Json* v = l.find("id")) line.item_id = php_int(*v);
      if (const Json* v = l.find("quantity")) line.quantity = php_int(*v);
      if (const Json* v = l.find("refund_total")) line.refund_total = Decimal::parse(php_string(*v), true).value_or(Decimal());
      if (const Json* taxes = l.find("refund_tax")) {
        for (const auto& t : php_values(*taxes)) {
          const Id rate = t.find("id") ? php_int(*t.find("id")) : 0;
          const Decimal value = t.find("refund_total") ? Decimal::parse(php_string(*t.find("refund_total")), true).value_or(Decimal())
                                                       : Decimal();
          line.refund_tax.emplace_back(rate, value);
        }
      }
      request.lines.push_back(std::move(line));
    }
  }
  if (amount == nullptr || amount->is_null()) {
    for (const auto& line : request.lines) request.amount += line.refund_total + sum(line.refund_tax);
    request.amount = request.amount.rounded(2);
  }
  if (const Json* meta = body.find("meta_data"); meta && !meta->is_null()) update_meta(request.meta_data, *meta, false);
  auto refund = create_refund(call.shop, *order, request, call.now);
  if (!refund) {
    RestError e{refund.error().code, refund.error().message, 500, Json::object()};
    e.data_override = Json::integer(500);
    return error(e);
  }
  const Order& stored = call.shop.orders.at(*refund);
  // WooCommerce's refunds controller leaves the route pattern in the Location header.
  return created(render_refund(call.shop, stored, call.edit()),
                 call.site_url + "/wp-json/wc/v3/orders/(?P<order_id>[\\d]+)/refunds/" + std::to_string(*refund));
}

Reply refund_get(Call& call) {
  auto it = call.shop.orders.find(call.ids[1]);
  if (it == call.shop.orders.end() || !it->second.is_refund || it->second.parent_id != call.ids[0]) {
    return error("woocommerce_rest_invalid_id", "Invalid ID.", 404);
  }
  return ok(render_refund(call.shop, it->second, call.view()));
}

Reply refund_delete(Call& call) {
  auto it = call.shop.orders.find(call.ids[1]);
  if (it == call.shop.orders.end() || !it->second.is_refund || it->second.parent_id != call.ids[0]) {
    return error("woocommerce_rest_shop_order_refund_invalid_id", "Invalid ID.", 404);
  }
  Json rendered = render_refund(call.shop, it->second, call.edit());
  if (Order* order = find_order(call.shop, call.ids[0])) {
    order->refund_ids.erase(std::remove(order->refund_ids.begin(), order->refund_ids.end(), call.ids[1]),
                            order->refund_ids.end());
  }
  call.shop.orders.erase(it);
  return ok(std::move(rendered));
}

}  // namespace wv::sandbox::woo
