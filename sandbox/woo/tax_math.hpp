#pragma once
// WooCommerce's tax arithmetic (WC_Tax), exact: tax per rate rounded to 6 decimals half up, as
// WC_Tax::round does, and the 2-decimal and discount roundings WooCommerce applies on top.

#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

/// Where tax is calculated for (WooCommerce's tax location).
struct TaxLocation {
  std::string country;
  std::string state;
  std::string postcode;
  std::string city;
};

/// WC_Tax::find_rates: the rates of `tax_class` ("" or "standard" for the standard class) that
/// match `location`, one per priority. `shipping_only` keeps rates marked for shipping.
std::vector<const TaxRate*> find_rates(const ShopState& shop, const std::string& tax_class,
                                       const TaxLocation& location, bool shipping_only = false);
/// The shop's base address as a tax location.
TaxLocation base_location(const ShopSettings& settings);

/// WC_Tax::calc_exclusive_tax: the tax each rate adds on top of `price`.
RateAmounts calc_exclusive_tax(Decimal price, const std::vector<const TaxRate*>& rates);
/// WC_Tax::calc_exclusive_tax of `price` × `part` / `whole` (a share of a negative fee): each
/// rate's tax rounded once to 6 decimals, as PHP's floats, which never round the share itself,
/// give it. `whole` must not be zero.
RateAmounts calc_exclusive_tax_of_share(Decimal price, Decimal part, Decimal whole,
                                        const std::vector<const TaxRate*>& rates);
/// WC_Tax::calc_inclusive_tax: the tax each rate holds inside `price`.
RateAmounts calc_inclusive_tax(Decimal price, const std::vector<const TaxRate*>& rates);
/// The sum of the amounts.
Decimal sum(const RateAmounts& amounts);
/// The sum of the amounts, each rounded to 2 decimals first (wc_round_tax_total per rate).
Decimal sum_rounded(const RateAmounts& amounts, int dp = 2);

/// Rounds half towards zero (PHP_ROUND_HALF_DOWN, WooCommerce's discount rounding).
Decimal round_half_down(Decimal value, int dp);
/// Rounds towards minus infinity to a whole number.
Decimal floor_whole(Decimal value);
/// The rate of a tax rate as a decimal ("25.0000" → 25).
Decimal rate_value(const TaxRate& rate);
/// WC_Tax::get_rate_code: "SE-MOMS 25%-1".
std::string rate_code(const TaxRate& rate);

}  // namespace wv::sandbox::woo
