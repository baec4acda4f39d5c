#pragma once
// WC_Discounts for an order: how coupons are spread over line items, in cents, with
// WooCommerce's own roundings (percent floors per line and hands out the remainder a cent at a
// time; fixed_cart splits equally per unit and gives what is left to the first lines).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

class Discounts {
 public:
  /// Discount cents per item, keyed by the item's index in Order::items.
  using PerItem = std::vector<std::pair<std::size_t, Decimal>>;

  /// Takes the order's line items with their VAT-inclusive (when prices include tax) subtotal.
  explicit Discounts(const Order& order);
  /// Applies `coupon` on top of what earlier coupons took.
  void apply(const Coupon& coupon);
  /// The message WooCommerce gives when the order is below the coupon's minimum or above its
  /// maximum spend; nullopt when the coupon may be used.
  std::optional<std::string> validate_minimum(const ShopState& shop, const Coupon& coupon) const;

  /// The discounts per coupon, in the order the coupons were applied.
  [[nodiscard]] const std::vector<std::pair<std::string, PerItem>>& by_coupon() const { return coupons_; }
  /// The discount per item over all coupons.
  [[nodiscard]] PerItem by_item() const;

 private:
  struct Item {
    std::size_t index = 0;
    std::int64_t quantity = 0;
    Decimal price;  ///< cents, 4 decimals
    Id product_id = 0;
    Id variation_id = 0;
    bool on_sale = false;
  };
  /// All coupons' discount on the item so far (WC_Discounts::get_discount).
  Decimal discount_of(std::size_t index) const;
  /// absint( round( price - discount ) ): what is left to discount, in whole cents.
  Decimal discounted_price(const Item& item) const;
  void add(std::size_t index, Decimal cents);
  Decimal apply_fixed_product(const std::vector<Item>& items, Decimal amount, const Coupon& c);
  Decimal apply_fixed_cart(std::vector<Item> items, Decimal amount, const Coupon& c);
  Decimal apply_percent(const std::vector<Item>& items, const Coupon& c);
  Decimal apply_remainder(const std::vector<Item>& items, Decimal amount);

  const Order& order_;
  std::vector<Item> items_;  ///< sorted by line price, highest first
  std::vector<std::pair<std::string, PerItem>> coupons_;
  std::size_t slot_ = 0;  ///< the coupon being applied
};

/// The coupon's data as WooCommerce snapshots it into an order's coupon line (`coupon_data`),
/// dates as PHP DateTime dumps.
Json coupon_snapshot(const ShopState& shop, const Coupon& coupon);

}  // namespace wv::sandbox::woo
