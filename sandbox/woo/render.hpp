#pragma once
// The JSON WooCommerce 7.9 sends for each resource, field for field and in its order.

#include <string>

#include "sandbox/json.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

/// How a response is rendered: the site URL as the client reached it ("https://shop.example.com"),
/// the REST context ("view", or "edit" after a write) and the decimals of order amounts (dp).
struct RenderOptions {
  std::string site_url;
  bool edit = false;
  int dp = 2;
};

Json render_product(const ShopState& shop, const Product& product, const RenderOptions& options);
Json render_variation(const ShopState& shop, const Product& variation, const RenderOptions& options);
Json render_order(const ShopState& shop, const Order& order, const RenderOptions& options);
Json render_refund(const ShopState& shop, const Order& refund, const RenderOptions& options);
Json render_customer(const ShopState& shop, const Customer& customer, const RenderOptions& options);
Json render_note(const ShopState& shop, const OrderNote& note, const RenderOptions& options);
Json render_tax_rate(const TaxRate& rate, const RenderOptions& options);
Json render_tax_class(const TaxClass& tax_class, const RenderOptions& options);
Json render_coupon(const ShopState& shop, const Coupon& coupon, const RenderOptions& options);
Json render_system_status(const ShopState& shop, const RenderOptions& options);

/// The currency symbol WooCommerce shows in an order's currency_symbol ("kr", "€").
std::string currency_symbol(const std::string& currency);
/// `amount` with exactly `dp` decimals (wc_format_decimal( $amount, $dp )).
std::string format_amount(Decimal amount, int dp);

}  // namespace wv::sandbox::woo
