#pragma once
// What WooCommerce core does to orders, whoever asks (the REST API or the control API): totals
// and taxes (WC_Abstract_Order::calculate_totals), coupons (WC_Discounts), saving with the id
// counters, status transitions and what hangs on them (stock, sales counts, paid and completed
// dates, order notes), payment, and refunds (wc_create_refund).

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "sandbox/woo/model.hpp"
#include "sandbox/woo/tax_math.hpp"

namespace wv::sandbox::woo {

/// A failure WooCommerce reports as a WP_Error: `code`, `message`, HTTP `status`.
struct WcError {
  std::string code;
  std::string message;
  int status = 400;
};

/// The order's tax location (the shop base unless tax is based on the customer's address).
TaxLocation order_tax_location(const ShopState& shop, const Order& order);

/// The net price of `quantity` units of `product` (wc_get_price_excluding_tax): the tax the
/// base location's rates hold in the shop price is taken out when prices include tax.
Decimal price_excluding_tax(const ShopState& shop, const Product& product, std::int64_t quantity);
/// The product a line refers to (a variation's parent for parent data); nullptr when gone.
const Product* find_product(const ShopState& shop, Id id);
Product* find_product(ShopState& shop, Id id);
/// A line item for `product` as WC_Order_Item_Product::set_product fills it (name, ids, tax
/// class, variation attributes as meta) with net subtotal and total for `quantity`.
OrderItem make_line_item(const ShopState& shop, const Product& product, std::int64_t quantity);

/// Recomputes item taxes, tax lines, and the order totals; saves the order.
void calculate_totals(ShopState& shop, Order& order, Timestamp now, bool and_taxes = true);
/// Applies coupon `code` (lower-cased) and recalculates; fails as WC_Order::apply_coupon does.
std::optional<WcError> apply_coupon(ShopState& shop, Order& order, const std::string& code, Timestamp now);
/// Removes every coupon line and recalculates.
void remove_coupons(ShopState& shop, Order& order, Timestamp now);

/// Stores the order: a new one gets its post id, order key and creation date; new items and
/// meta get ids from the shared counters. date_modified becomes `now` only when the status,
/// customer note or parent changed (WordPress updates the post row only then).
void save_order(ShopState& shop, Order& order, Timestamp now);
/// Sets the order's date_modified to `now` (a refund touches its order).
void touch_order(Order& order, Timestamp now);
/// Changes the status and runs what WooCommerce hangs on the transition (stock, sales counts,
/// coupon usage, paid/completed dates, the "Order status changed" note), then saves.
void set_order_status(ShopState& shop, Order& order, const std::string& status, Timestamp now,
                      const std::string& note = "");
/// WC_Order::payment_complete: pending/on-hold/failed/cancelled orders become processing (or
/// completed when nothing needs processing), with date_paid and transaction id.
void payment_complete(ShopState& shop, Order& order, const std::string& transaction_id, Timestamp now);
/// True when the order is pending or failed and its total is above zero.
bool order_needs_payment(const Order& order);
/// True when some line's product is not both virtual and downloadable.
bool order_needs_processing(const ShopState& shop, const Order& order);
/// Adds an order note (a comment) and returns its id.
Id add_order_note(ShopState& shop, Id order_id, const std::string& text, bool customer_note, Timestamp now,
                  const std::string& author = "WooCommerce");

/// Changes a product's stock by `delta` the way wc_update_product_stock does (saving the product,
/// which moves its date_modified, and syncing a variation's parent). Returns the new stock.
std::int64_t change_stock(ShopState& shop, Product& product, std::int64_t delta, Timestamp now);
/// Sets a product's stock to `quantity` (same side effects as change_stock).
void set_stock(ShopState& shop, Product& product, std::int64_t quantity, Timestamp now);
/// Recomputes the derived product fields: active price, on-sale state, stock status; for a
/// variable product the price and stock status from its variations.
void sync_product(ShopState& shop, Product& product);
/// Marks a product saved at `now`; a variation also touches its parent (WooCommerce's deferred
/// sync saves the parent).
void touch_product(ShopState& shop, Product& product, Timestamp now);

/// One refunded line: the order item, how many units, the net amount and tax per rate id.
struct RefundLine {
  Id item_id = 0;
  std::int64_t quantity = 0;
  Decimal refund_total;
  RateAmounts refund_tax;
};
struct RefundRequest {
  Decimal amount;
  std::string reason;
  std::vector<RefundLine> lines;
  bool refund_payment = false;
  bool restock = true;
  Id refunded_by = 1;
  std::vector<Meta> meta_data;
};
/// wc_create_refund: the refund's post id, or the error WooCommerce gives (amount above what
/// is left to refund, gateway without refunds when refund_payment is set).
std::expected<Id, WcError> create_refund(ShopState& shop, Order& order, const RefundRequest& request,
                                         Timestamp now);
/// The amount that can still be refunded (total minus refunds).
Decimal remaining_refund_amount(const ShopState& shop, const Order& order);

/// The human name of an order status ("Pending payment").
std::string order_status_name(const std::string& status);

}  // namespace wv::sandbox::woo
