#pragma once
// How the emulator totals a sales document (invoice draft, invoice, sales order). Visma does not
// publish its rounding; this is the emulator's stated model, applied exactly (integer
// arithmetic, never a double):
//
//   IncludesVat (read-only)  true when the customer IsPrivatePerson and the company setting
//                            ShowPricesExclVatPC is false; otherwise false.
//   row VAT rate r           VatRatePercent of the account coding of the row's article.
//                            Text rows carry no amount.
//   row amount               round2(Quantity × UnitPrice × (1 − DiscountPercentage)),
//                            halves away from zero. DiscountPercentage is a fraction with at
//                            most 4 decimals (0.125 for 12.5 %), as VatRatePercent is: that is
//                            what production clients send (Wetail's plugin computes
//                            (subtotal − total) / subtotal to 4 decimals).
//   row VAT                  IncludesVat: round2(amount × r / (100 + r));
//                            otherwise:   round2(amount × r / 100).
//   VAT per rate             sum of the row VATs of that rate; TotalVatAmount = their sum.
//   TotalAmount              (IncludesVat ? Σ amounts : Σ amounts + TotalVatAmount) + roundings.
//   VatSpecification         per rate: amount excluding VAT (Σ amounts, less Σ VAT when the
//                            amounts include it) and the VAT.
//   roundings                orders: RoundingsAmount as sent (2 decimals), added.
//                            drafts/invoices: 0 unless the company's DomesticCurrencyRounding is 1
//                            and the document is in the company currency; then the total is
//                            rounded to whole units (kronor), halves away from zero, and the
//                            difference is TotalRoundings.

#include <vector>

#include "core/decimal.hpp"

namespace wv::sandbox::visma {

struct TotalsRowInput {
  bool is_text_row = false;
  Decimal quantity;
  Decimal unit_price;
  Decimal discount_percentage;  ///< a fraction, 0–1 (Visma's DiscountPercentage)
  Decimal vat_percent;
};

struct TotalsRow {
  Decimal amount;       ///< in the document's VAT mode (incl. VAT when IncludesVat)
  Decimal vat;
  Decimal amount_excluding_vat;
};

struct VatSpecLine {
  Decimal vat_percent;
  Decimal amount_excluding_vat;
  Decimal vat_amount;
};

struct DocumentTotals {
  std::vector<TotalsRow> rows;       ///< one per input row (zeros for text rows)
  Decimal amount;                    ///< Σ row amounts (VAT mode of the document)
  Decimal total_vat;
  Decimal roundings;
  Decimal total;                     ///< what the customer pays
  std::vector<VatSpecLine> vat_specification;  ///< by rate, ascending
};

/// Totals of `rows` under the model above. `fixed_roundings` is added as is (orders);
/// `round_to_whole_units` computes the roundings instead (drafts/invoices with domestic rounding).
DocumentTotals compute_totals(const std::vector<TotalsRowInput>& rows, bool includes_vat,
                              Decimal fixed_roundings, bool round_to_whole_units);

/// round2(quantity × unit_price × (1 − discount)), exactly, halves away from zero; `discount` is
/// a fraction (0.125 for 12.5 %).
Decimal row_amount(Decimal quantity, Decimal unit_price, Decimal discount_percentage);

}  // namespace wv::sandbox::visma
