#pragma once
// Helpers the order engine's files share (order_engine.cpp, order_totals.cpp, refunds.cpp).

#include <string>
#include <vector>

#include "core/time.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo::detail {

/// The first meta entry named `key`, or nullptr.
Meta* find_meta(std::vector<Meta>& meta, const std::string& key);
/// Removes every meta entry named `key`.
void erase_meta(std::vector<Meta>& meta, const std::string& key);
/// Sets `key` to the string `value`, adding the entry when absent.
void set_meta(std::vector<Meta>& meta, const std::string& key, const std::string& value);
/// wc_update_coupon_usage_counts: counts the order's coupons once (and uncounts a cancelled order).
void update_coupon_usage(ShopState& shop, Order& order);
/// WC_Abstract_Order::update_taxes: one tax line per rate used by items, fees and shipping,
/// each line's tax rounded first; sets cart_tax and shipping_tax; saves the order.
void update_taxes(ShopState& shop, Order& order, Timestamp now);

}  // namespace wv::sandbox::woo::detail
