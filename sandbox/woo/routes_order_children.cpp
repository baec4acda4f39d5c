// An order's notes and refunds: /orders/{order_id}/notes and /orders/{order_id}/refunds.
#include <algorithm>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {

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
  if (const Json* meta = body.find("meta_data"); meta && !meta->is_null()) update_meta_list(request.meta_data, *meta, false);
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
