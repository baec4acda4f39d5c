#include "sandbox/woo/control.hpp"

#include <algorithm>
#include <cctype>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"

namespace wv::sandbox::woo {
namespace {

const std::string kPrefix = "/_sandbox/woo";

Response json_reply(int status, const Json& body) { return Response::json(status, to_plain_json(body)); }

Response fail_reply(int status, const std::string& message) {
  return json_reply(status, Json::object().add("error", message));
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool numeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

Json keys_summary(const ShopState& shop) {
  Json keys = Json::array();
  for (const auto& k : shop.keys) {
    keys.push(Json::object().add("consumer_key", k.consumer_key).add("permissions", k.permissions));
  }
  return keys;
}

Json render_product_any(const ShopState& shop, const Product& p, const std::string& site) {
  RenderOptions o{site, true, 2};
  return p.is_variation ? render_variation(shop, p, o) : render_product(shop, p, o);
}

Response refund(ControlContext& ctx, Order& order, const Json& body) {
  RefundRequest request;
  request.reason = body.find("reason") ? php_string(*body.find("reason")) : "";
  request.restock = body.find("restock") ? php_bool(*body.find("restock")) : true;
  request.refund_payment = false;
  request.refunded_by = 1;
  Decimal from_lines;
  if (const Json* lines = body.find("lines")) {
    for (const auto& l : php_values(*lines)) {
      const Id item_id = l.find("item_id") ? php_int(*l.find("item_id")) : 0;
      const std::int64_t qty = l.find("quantity") ? php_int(*l.find("quantity")) : 0;
      auto it = std::find_if(order.items.begin(), order.items.end(), [&](const OrderItem& i) { return i.id == item_id; });
      if (it == order.items.end() || it->type == ItemType::Tax || it->type == ItemType::Coupon) {
        return fail_reply(400, "order " + std::to_string(order.id) + " has no refundable item " + std::to_string(item_id));
      }
      RefundLine line;
      line.item_id = item_id;
      line.quantity = qty;
      // wp-admin fills in the line's net amount and tax per rate for the units refunded.
      const std::int64_t units = it->type == ItemType::Line ? std::max<std::int64_t>(1, it->quantity) : 1;
      const std::int64_t refunded = it->type == ItemType::Line ? qty : 1;
      line.refund_total = it->total.times_divided_by(Decimal::from_int(refunded), Decimal::from_int(units)).rounded(2);
      for (const auto& [rate, amount] : it->taxes_total) {
        line.refund_tax.emplace_back(rate, amount.times_divided_by(Decimal::from_int(refunded), Decimal::from_int(units)).rounded(2));
      }
      from_lines += line.refund_total + sum(line.refund_tax);
      request.lines.push_back(std::move(line));
    }
  }
  request.amount = from_lines;
  if (const Json* amount = body.find("amount"); amount && !amount->is_null()) {
    auto parsed = Decimal::parse(php_string(*amount), true);
    if (!parsed) return fail_reply(400, "amount must be a decimal number such as \"149.00\"");
    request.amount = *parsed;
  }
  auto result = create_refund(ctx.shop, order, request, ctx.now);
  if (!result) return fail_reply(400, result.error().message);
  return json_reply(201, render_refund(ctx.shop, ctx.shop.orders.at(*result), RenderOptions{ctx.site_url, true, 2}));
}

Json state_summary(const ControlContext& ctx) {
  const ShopState& shop = ctx.shop;
  std::int64_t products = 0, variations = 0, refunds = 0;
  Json by_status = Json::object();
  for (const auto& [id, p] : shop.products) (p.is_variation ? variations : products) += 1;
  for (const auto& [id, o] : shop.orders) {
    if (o.is_refund) {
      ++refunds;
      continue;
    }
    const Json* current = by_status.find(o.status);
    by_status.set(o.status, Json::integer((current ? std::atoll(current->text().c_str()) : 0) + 1));
  }
  Json stock = Json::array();
  for (const auto& [id, p] : shop.products) {
    if (!p.manage_stock) continue;
    stock.push(Json::object().add("id", id).add("sku", p.sku).add("stock_quantity", p.stock_quantity.value_or(0)));
  }
  return Json::object()
      .add("now", format_timestamp(ctx.now))
      .add("offset_seconds", static_cast<std::int64_t>(ctx.clock_offset.count() / 1000))
      .add("products", products)
      .add("variations", variations)
      .add("customers", static_cast<std::int64_t>(shop.customers.size()))
      .add("orders", by_status)
      .add("refunds", refunds)
      .add("notes", static_cast<std::int64_t>(shop.notes.size()))
      .add("keys", keys_summary(shop))
      .add("stock", stock)
      .add("next_ids", Json::object()
                           .add("post", shop.next_post_id)
                           .add("user", shop.next_user_id)
                           .add("order_item", shop.next_item_id)
                           .add("comment", shop.next_comment_id));
}

}  // namespace

std::optional<Response> handle_control(ControlContext& ctx, const Request& request, std::string& reset_to) {
  if (request.path.rfind(kPrefix, 0) != 0) return std::nullopt;
  const auto parts = segments(request.path.substr(kPrefix.size()));
  Json body = Json::object();
  if (!request.body.empty()) {
    auto parsed = parse_json(request.body);
    if (!parsed || !parsed->is_object()) return fail_reply(400, "the body must be a JSON object");
    body = std::move(*parsed);
  }
  const bool post = request.method == "POST";
  const RenderOptions render{ctx.site_url, false, 2};

  if (parts.size() == 1 && parts[0] == "state" && request.method == "GET") return json_reply(200, state_summary(ctx));
  if (parts.size() == 1 && parts[0] == "reset" && post) {
    const std::string seed = body.find("seed") ? php_string(*body.find("seed")) : "demo";
    if (seed != "demo" && seed != "fixture" && seed != "empty") {
      return fail_reply(400, "seed must be \"demo\", \"fixture\" or \"empty\"");
    }
    reset_to = seed;
    return json_reply(200, Json::object().add("seed", seed));
  }
  if (parts.size() == 1 && parts[0] == "clock" && post) {
    if (const Json* now = body.find("now")) {
      auto t = parse_timestamp(php_string(*now));
      if (!t) return fail_reply(400, "now must be an ISO-8601 time such as 2026-11-24T14:33:56Z");
      ctx.clock_offset = std::chrono::duration_cast<std::chrono::milliseconds>(*t - ctx.clock_now);
    } else if (const Json* offset = body.find("offset_seconds")) {
      ctx.clock_offset += std::chrono::seconds(php_int(*offset));
    } else {
      return fail_reply(400, "give \"offset_seconds\" or \"now\"");
    }
    return json_reply(200, Json::object()
                               .add("now", format_timestamp(ctx.clock_now + ctx.clock_offset))
                               .add("offset_seconds", static_cast<std::int64_t>(ctx.clock_offset.count() / 1000)));
  }
  if (parts.size() == 1 && parts[0] == "credentials" && post) {
    ApiKey key;
    key.consumer_key = body.find("consumer_key") ? php_string(*body.find("consumer_key")) : "";
    key.consumer_secret = body.find("consumer_secret") ? php_string(*body.find("consumer_secret")) : "";
    key.permissions = body.find("permissions") ? php_string(*body.find("permissions")) : "read_write";
    if (key.consumer_key.empty() || key.consumer_secret.empty()) {
      return fail_reply(400, "consumer_key and consumer_secret are required");
    }
    if (key.permissions != "read" && key.permissions != "write" && key.permissions != "read_write") {
      return fail_reply(400, "permissions must be read, write or read_write");
    }
    if (body.find("replace") && php_bool(*body.find("replace"))) ctx.shop.keys.clear();
    ctx.shop.keys.erase(std::remove_if(ctx.shop.keys.begin(), ctx.shop.keys.end(),
                                       [&](const ApiKey& k) { return k.consumer_key == key.consumer_key; }),
                        ctx.shop.keys.end());
    ctx.shop.keys.push_back(key);
    return json_reply(200, Json::object().add("keys", keys_summary(ctx.shop)));
  }
  if (!parts.empty() && parts[0] == "orders" && post) {
    if (parts.size() == 1) {
      auto saved = save_order_from_request(ctx.shop, with_route_defaults(body, "/orders POST"), 0, ctx.now);
      if (!saved) return fail_reply(400, saved.error().message);
      return json_reply(201, render_order(ctx.shop, ctx.shop.orders.at(*saved), render));
    }
    if (parts.size() != 3 || !numeric(parts[1])) return fail_reply(404, "no such control route: " + request.path);
    Order* order = find_order(ctx.shop, std::atoll(parts[1].c_str()));
    if (order == nullptr) return fail_reply(404, "no order " + parts[1]);
    const std::string& action = parts[2];
    if (action == "status" || action == "complete" || action == "cancel") {
      std::string status = action == "complete" ? "completed" : action == "cancel" ? "cancelled" : "";
      if (status.empty()) status = body.find("status") ? php_string(*body.find("status")) : "";
      if (status.rfind("wc-", 0) == 0) status = status.substr(3);
      static const char* kStatuses[] = {"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"};
      if (std::none_of(std::begin(kStatuses), std::end(kStatuses), [&](const char* s) { return status == s; })) {
        return fail_reply(400, "status must be one of pending, processing, on-hold, completed, cancelled, refunded, failed");
      }
      const std::string note = body.find("note") ? php_string(*body.find("note")) : "";
      set_order_status(ctx.shop, *order, status, ctx.now, note);
      return json_reply(200, render_order(ctx.shop, *order, render));
    }
    if (action == "refund") return refund(ctx, *order, body);
    if (action == "note") {
      const std::string text = body.find("note") ? php_string(*body.find("note")) : "";
      if (text.empty()) return fail_reply(400, "note is required");
      const Id id = add_order_note(ctx.shop, order->id, text,
                                   body.find("customer_note") && php_bool(*body.find("customer_note")), ctx.now,
                                   ctx.shop.settings.admin_display_name);
      return json_reply(201, render_note(ctx.shop, ctx.shop.notes.at(id), render));
    }
    return fail_reply(404, "no such control route: " + request.path);
  }
  if (parts.size() == 3 && parts[0] == "products" && numeric(parts[1]) && post) {
    Product* product = find_product(ctx.shop, std::atoll(parts[1].c_str()));
    if (product == nullptr) return fail_reply(404, "no product or variation " + parts[1]);
    if (parts[2] == "stock") {
      if (const Json* q = body.find("stock_quantity")) {
        product->manage_stock = true;
        set_stock(ctx.shop, *product, php_int(*q), ctx.now);
      } else if (const Json* d = body.find("delta")) {
        product->manage_stock = true;
        change_stock(ctx.shop, *product, php_int(*d), ctx.now);
      } else {
        return fail_reply(400, "give \"stock_quantity\" or \"delta\"");
      }
      return json_reply(200, render_product_any(ctx.shop, *product, ctx.site_url));
    }
    if (parts[2] == "price") {
      if (const Json* r = body.find("regular_price")) product->regular_price = format_price_input(*r);
      if (const Json* s = body.find("sale_price")) product->sale_price = format_price_input(*s);
      touch_product(ctx.shop, *product, ctx.now);
      return json_reply(200, render_product_any(ctx.shop, *product, ctx.site_url));
    }
  }
  return fail_reply(404, "no such control route: " + request.method + " " + request.path);
}

}  // namespace wv::sandbox::woo
