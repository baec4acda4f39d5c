#pragma once
// How Visma eAccounting computes the amounts of a sales document from its rows, as this
// program assumes it (Visma does not publish its rounding; see README "Exactness"):
//   row amount = round2(quantity × unit price × (1 − discount % / 100)), halves away from zero;
//   row VAT    = round2(amount × r / (100 + r)) when the document's prices include VAT,
//                round2(amount × r / 100) when they do not, r = the VAT % of the row's article;
//   VAT of a rate = the sum of its rows' VAT; total = amounts (+ VAT when prices exclude it).
// The mapping builds rows whose totals under this model equal WooCommerce's to the öre, and the
// sandbox's Visma emulator implements the same model independently.

#include <map>
#include <vector>

#include "core/decimal.hpp"

namespace wv {

/// 100: percentages are per hundred.
inline const Decimal kHundred = Decimal::from_int(100);

/// The parts of a row that decide its amount.
struct PricedRow {
  Decimal quantity;
  Decimal unit_price;
  Decimal discount_percentage;
  Decimal vat_percent;
  bool is_text_row = false;
};

struct DocumentTotals {
  Decimal total;      ///< including VAT
  Decimal total_vat;
  std::map<Decimal, Decimal> vat_by_rate;     ///< VAT % → VAT
  std::map<Decimal, Decimal> amount_by_rate;  ///< VAT % → sum of row amounts as entered
};

/// round2(quantity × unit price × (1 − discount / 100)).
Decimal row_amount(const PricedRow& row);
/// The VAT of a row amount at `vat_percent`.
Decimal row_vat(Decimal amount, Decimal vat_percent, bool includes_vat);
/// The document's totals from its rows.
DocumentTotals document_totals(const std::vector<PricedRow>& rows, bool includes_vat);

}  // namespace wv
