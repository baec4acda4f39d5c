#pragma once
// Random WooCommerce-like orders for property tests: lines, coupons, shipping and fees whose
// net amounts and VAT are computed the way WooCommerce computes them (prices incl. or excl.
// VAT, tax rounded per line or at the subtotal), so the mapping meets the shapes the shop makes.

#include <cstdint>
#include <random>

#include "core/domain/shop.hpp"

namespace wv::testing {

struct OrderGeneratorOptions {
  bool prices_include_tax = true;
  bool round_tax_at_subtotal = false;
  std::string currency = "SEK";
};

class OrderGenerator {
 public:
  explicit OrderGenerator(std::uint64_t seed) : rng_(seed) {}
  /// A new order with 1–8 lines over the four Swedish rates, maybe coupons, shipping and fees.
  Order next(const OrderGeneratorOptions& options);
  /// The SKU of the generated line products at `percent` ("ART25-3").
  static std::string sku_for(int percent, int index);

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::mt19937_64 rng_;
  std::int64_t next_id_ = 1000;
};

}  // namespace wv::testing
