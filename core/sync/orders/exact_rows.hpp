#pragma once
// Turning amounts into document rows that Visma will total exactly.
//
// A row can only say "quantity × unit price (− discount %)", with the unit price limited to 2
// decimals and the discount to 2 decimals of a percent (Visma takes a fraction with 4). A WooCommerce line, after coupons,
// often costs an amount that no single such row hits: 3 lamps for 1921.99 is 640.663… each.
// A RowGroup is one order line realised as one row, or as two rows of the same article
// (quantity − 1 at one price and 1 at another) that add up to the exact amount and keep the
// quantity, and so the stock movement, right.
//
// Visma then computes VAT per row (core/sync/orders/visma_math.hpp), which need not give WooCommerce's
// VAT: the shop computes VAT from prices incl. VAT and rounds per line, while Visma, for a
// company customer, computes it from the net amounts. Where the two differ by an öre,
// balance_vat() picks other splits of the same amounts; when no split can do it, shift_for_vat()
// finds the smallest change of the rate's amount that can, for a visible VAT-free rounding row.

#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/sync/orders/visma_math.hpp"

namespace wv {

struct RowGroup {
  // What the rows are about (copied onto every row of the group).
  std::string article_id;
  std::string article_number;
  std::string text;
  Decimal vat_percent;
  // What they must add up to.
  Decimal quantity;       ///< a whole number, negative on a credit
  Decimal target_amount;  ///< incl. VAT when the document's prices include VAT, else excl.
  /// The undiscounted unit price, when the line is shown at its list price with a discount %.
  std::optional<Decimal> list_unit_price;
  /// May take or give an öre of amount to another group of its rate (order lines may, a
  /// discount row may not).
  bool adjustable = true;
  // The result.
  std::vector<PricedRow> rows;
};

struct RowPricing {
  /// Visma allows 4 for foreign customers on invoices but 2 on sales orders; 2 always fits.
  int unit_price_decimals = 2;
  bool includes_vat = true;
};

/// Fills `group.rows` so that their amounts add up to `group.target_amount` exactly, preferring
/// one row (at the list price with a discount when the group has one), else a split. Fails with
/// Internal only when the amount cannot be represented at all, which a quantity of 1 always can.
Status realise(RowGroup& group, const RowPricing& pricing);

/// Re-realises the groups of one VAT rate, keeping every group's amount, so that their VAT under
/// Visma's model comes as close as it can to `target_vat`. Returns what is still missing (zero
/// when balanced).
Decimal balance_vat(std::vector<RowGroup*>& groups_of_rate, Decimal target_vat,
                    const RowPricing& pricing);

/// When no split reaches the VAT: changes the amount of the rate's largest adjustable group by
/// the smallest number of öre that, with balance_vat(), makes the VAT exact, and returns that
/// change (which the caller balances with a VAT-free rounding row). nullopt when none within
/// 60 öre does; the groups are then as they were.
std::optional<Decimal> shift_for_vat(std::vector<RowGroup*>& groups_of_rate, Decimal target_vat,
                                     const RowPricing& pricing);

/// The VAT of a group's current rows under Visma's model.
Decimal group_vat(const RowGroup& group, bool includes_vat);

}  // namespace wv
