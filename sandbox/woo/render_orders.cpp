// Orders, refunds and order notes as WooCommerce renders them (see render.hpp).
#include "sandbox/woo/render.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/php_float.hpp"
#include "sandbox/woo/render_parts.hpp"
#include "sandbox/woo/tax_math.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
using namespace parts;

namespace {

Json tax_amounts(const RateAmounts& total, const RateAmounts* subtotal) {
  Json out = Json::array();
  for (const auto& [rate, amount] : total) {
    Json sub = Json::string("");
    if (subtotal) {
      for (const auto& [srate, samount] : *subtotal) {
        if (srate == rate) sub = Json::string(samount.to_plain_string());
      }
    }
    out.push(Json::object().add("id", rate).add("total", amount.to_plain_string()).add("subtotal", sub));
  }
  return out;
}

Json line_item(const ShopState& shop, const OrderItem& item, int dp) {
  const Product* product = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
  const Product* parent = item.variation_id ? find_product(shop, item.product_id) : nullptr;
  Json o = Json::object();
  o.add("id", item.id).add("name", item.name).add("product_id", item.product_id).add("variation_id", item.variation_id);
  o.add("quantity", item.quantity).add("tax_class", item.tax_class);
  o.add("subtotal", format_amount(item.subtotal, dp)).add("subtotal_tax", format_amount(item.subtotal_tax, dp));
  o.add("total", format_amount(item.total, dp)).add("total_tax", format_amount(item.total_tax, dp));
  o.add("taxes", tax_amounts(item.taxes_total, &item.taxes_subtotal));
  o.add("meta_data", item_meta_list(item.meta_data));
  o.add("sku", product ? Json::string(product->sku) : Json::null());
  const double price = item.quantity != 0 ? std::strtod(item.total.to_plain_string().c_str(), nullptr) /
                                                static_cast<double>(item.quantity)
                                          : 0.0;
  o.add("price", Json::number_text(php_float_text(price)));
  o.add("image", Json::object()
                     .add("id", item.variation_id ? Json::integer(0) : Json::string(""))
                     .add("src", ""));
  o.add("parent_name", parent ? Json::string(parent->name) : Json::null());
  return o;
}

Json tax_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("rate_code", item.rate_code)
      .add("rate_id", item.rate_id)
      .add("label", item.label)
      .add("compound", item.compound)
      .add("tax_total", format_amount(item.tax_total, dp))
      .add("shipping_tax_total", format_amount(item.shipping_tax_total, dp))
      .add("rate_percent", Json::number_text(item.rate_percent.to_plain_string()))
      .add("meta_data", meta_list({}));
}

Json shipping_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("method_title", item.method_title)
      .add("method_id", item.method_id)
      .add("instance_id", item.instance_id)
      .add("total", format_amount(item.total, dp))
      .add("total_tax", format_amount(item.total_tax, dp))
      .add("taxes", tax_amounts(item.taxes_total, nullptr))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json fee_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("name", item.name)
      .add("tax_class", item.tax_class)
      .add("tax_status", item.tax_status)
      .add("amount", "")
      .add("total", format_amount(item.total, dp))
      .add("total_tax", format_amount(item.total_tax, dp))
      .add("taxes", tax_amounts(item.taxes_total, nullptr))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json coupon_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("code", item.code)
      .add("discount", format_amount(item.discount, dp))
      .add("discount_tax", format_amount(item.discount_tax, dp))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json items_of_type(const ShopState& shop, const Order& order, ItemType type, int dp) {
  Json out = Json::array();
  for (const auto& item : order.items) {
    if (item.type != type) continue;
    switch (type) {
      case ItemType::Line: out.push(line_item(shop, item, dp)); break;
      case ItemType::Tax: out.push(tax_line(item, dp)); break;
      case ItemType::Shipping: out.push(shipping_line(item, dp)); break;
      case ItemType::Fee: out.push(fee_line(item, dp)); break;
      case ItemType::Coupon: out.push(coupon_line(item, dp)); break;
    }
  }
  return out;
}

}  // namespace

Json render_order(const ShopState& shop, const Order& order, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const int dp = options.dp;
  Json o = Json::object();
  o.add("id", order.id).add("parent_id", order.parent_id).add("status", order.status);
  o.add("currency", order.currency).add("version", order.version).add("prices_include_tax", order.prices_include_tax);
  o.add("date_created", local_date(shop, order.date_created)).add("date_modified", local_date(shop, order.date_modified));
  o.add("discount_total", format_amount(order.discount_total, dp)).add("discount_tax", format_amount(order.discount_tax, dp));
  o.add("shipping_total", format_amount(order.shipping_total, dp)).add("shipping_tax", format_amount(order.shipping_tax, dp));
  o.add("cart_tax", format_amount(order.cart_tax, dp)).add("total", format_amount(order.total, dp));
  o.add("total_tax", format_amount(order.total_tax, dp)).add("customer_id", order.customer_id);
  o.add("order_key", order.order_key);
  o.add("billing", address(order.billing, true, true)).add("shipping", address(order.shipping, true, false));
  o.add("payment_method", order.payment_method).add("payment_method_title", order.payment_method_title);
  o.add("transaction_id", order.transaction_id).add("customer_ip_address", order.customer_ip_address);
  o.add("customer_user_agent", order.customer_user_agent).add("created_via", order.created_via);
  o.add("customer_note", order.customer_note);
  o.add("date_completed", local_date(shop, order.date_completed)).add("date_paid", local_date(shop, order.date_paid));
  o.add("cart_hash", order.cart_hash).add("number", std::to_string(order.id));
  o.add("meta_data", meta_list(order.meta_data));
  o.add("line_items", items_of_type(shop, order, ItemType::Line, dp));
  o.add("tax_lines", items_of_type(shop, order, ItemType::Tax, dp));
  o.add("shipping_lines", items_of_type(shop, order, ItemType::Shipping, dp));
  o.add("fee_lines", items_of_type(shop, order, ItemType::Fee, dp));
  o.add("coupon_lines", items_of_type(shop, order, ItemType::Coupon, dp));
  Json refunds = Json::array();
  for (Id id : order.refund_ids) {
    auto it = shop.orders.find(id);
    if (it == shop.orders.end()) continue;
    refunds.push(Json::object()
                     .add("id", id)
                     .add("reason", it->second.reason)
                     .add("total", "-" + format_amount(it->second.amount, dp)));
  }
  o.add("refunds", refunds);
  o.add("payment_url", site + "/checkout/order-pay/" + std::to_string(order.id) +
                           "/?pay_for_order=true&key=" + order.order_key);
  o.add("is_editable", order.status == "pending" || order.status == "on-hold" || order.status == "auto-draft");
  o.add("needs_payment", order_needs_payment(order)).add("needs_processing", order_needs_processing(shop, order));
  o.add("date_created_gmt", gmt_date(order.date_created)).add("date_modified_gmt", gmt_date(order.date_modified));
  o.add("date_completed_gmt", gmt_date(order.date_completed)).add("date_paid_gmt", gmt_date(order.date_paid));
  o.add("currency_symbol", currency_symbol(order.currency));
  Json l = links(site + kApi + "/orders/" + std::to_string(order.id), site + kApi + "/orders");
  if (order.customer_id > 0) {
    l.add("customer", Json::array().push(Json::object().add(
                          "href", site + kApi + "/customers/" + std::to_string(order.customer_id))));
  }
  o.add("_links", l);
  return o;
}

Json render_refund(const ShopState& shop, const Order& refund, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const int dp = options.dp;
  const std::string base = site + kApi + "/orders/" + std::to_string(refund.parent_id) + "/refunds";
  Json o = Json::object();
  o.add("id", refund.id);
  o.add("date_created", local_date(shop, refund.date_created)).add("date_created_gmt", gmt_date(refund.date_created));
  o.add("amount", format_amount(refund.amount, dp)).add("reason", refund.reason);
  o.add("refunded_by", refund.refunded_by).add("refunded_payment", refund.refunded_payment);
  o.add("meta_data", meta_list(refund.meta_data));
  o.add("line_items", items_of_type(shop, refund, ItemType::Line, dp));
  o.add("shipping_lines", items_of_type(shop, refund, ItemType::Shipping, dp));
  o.add("tax_lines", items_of_type(shop, refund, ItemType::Tax, dp));
  o.add("fee_lines", items_of_type(shop, refund, ItemType::Fee, dp));
  Json l = links(base + "/" + std::to_string(refund.id), base);
  l.add("up", Json::array().push(Json::object().add("href", site + kApi + "/orders/" + std::to_string(refund.parent_id))));
  o.add("_links", l);
  return o;
}

Json render_note(const ShopState& shop, const OrderNote& n, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const std::string base = site + kApi + "/orders/" + std::to_string(n.order_id) + "/notes";
  Json o = Json::object();
  o.add("id", n.id).add("author", n.author);
  o.add("date_created", local_date(shop, n.date_created)).add("date_created_gmt", gmt_date(n.date_created));
  o.add("note", n.note).add("customer_note", n.customer_note);
  Json l = links(base + "/" + std::to_string(n.id), base);
  l.add("up", Json::array().push(Json::object().add("href", site + kApi + "/orders/" + std::to_string(n.order_id))));
  o.add("_links", l);
  return o;
}

}  // namespace wv::sandbox::woo
