// /orders, /orders/{id} and /orders/batch.
#include <algorithm>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/batch.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"
#include "sandbox/woo/wc_schemas.hpp"

namespace wv::sandbox::woo {
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
  return batch_items(call, {
      [&](const Json& item) {
        return write_order(call, with_route_defaults(item, "/orders POST"), 0);
      },
      [&](const Json& item, Id id) {
        Reply r = write_order(call, item, id);
        if (r.status >= 400 && id == 0) r = error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 400);
        return r;
      },
      [&](Id id) { return delete_order(call, id, true); }});
}

}  // namespace wv::sandbox::woo
