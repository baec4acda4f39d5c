// wc_create_refund and what it does to the order (see order_engine.hpp).
#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/order_internal.hpp"

namespace wv::sandbox::woo {
using namespace detail;

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
  update_taxes(shop, refund, now);
  calculate_totals(shop, refund, now, false);
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
