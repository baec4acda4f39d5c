#include "core/sync/orders/visma_math.hpp"

namespace wv {

Decimal row_amount(const PricedRow& row) {
  if (row.is_text_row) return {};
  const Decimal gross = row.quantity.times(row.unit_price, Decimal::kScale);
  if (row.discount_percentage.is_zero()) return gross.rounded(2);
  const Decimal factor = (kHundred - row.discount_percentage).divided_by(kHundred, Decimal::kScale);
  return gross.times(factor, 2);
}

Decimal row_vat(Decimal amount, Decimal vat_percent, bool includes_vat) {
  if (vat_percent.is_zero()) return {};
  const Decimal base = includes_vat ? kHundred + vat_percent : kHundred;
  // amount × r is exact at 6 decimals for 2-decimal amounts and 4-decimal rates.
  return amount.times(vat_percent, Decimal::kScale).divided_by(base, 2);
}

DocumentTotals document_totals(const std::vector<PricedRow>& rows, bool includes_vat) {
  DocumentTotals t;
  Decimal amounts;
  for (const auto& row : rows) {
    if (row.is_text_row) continue;
    const Decimal amount = row_amount(row);
    const Decimal vat = row_vat(amount, row.vat_percent, includes_vat);
    amounts += amount;
    t.total_vat += vat;
    t.vat_by_rate[row.vat_percent] += vat;
    t.amount_by_rate[row.vat_percent] += amount;
  }
  t.total = includes_vat ? amounts : amounts + t.total_vat;
  return t;
}

}  // namespace wv
