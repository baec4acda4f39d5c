#include "sandbox/visma/document_totals.hpp"

#include <map>
#include <stdexcept>

#include "core/int128.hpp"

namespace wv::sandbox::visma {

Decimal row_amount(Decimal quantity, Decimal unit_price, Decimal discount_percentage) {
  // q·p·(1 − d) with every factor in micros (10^18 in all), rounded once, to öre (10^16).
  constexpr int128 kMicro = 1'000'000;
  const int128 product = static_cast<int128>(quantity.micros()) * unit_price.micros();
  const int128 keep = kMicro - discount_percentage.micros();
  const int128 numerator = product * keep;
  if (product != 0 && numerator / product != keep) throw std::overflow_error("row amount overflows");
  const int128 ore = divide_half_away(numerator, kMicro * kMicro * 10'000);
  return Decimal::from_minor(static_cast<std::int64_t>(ore), 2);
}

DocumentTotals compute_totals(const std::vector<TotalsRowInput>& rows, bool includes_vat,
                              Decimal fixed_roundings, bool round_to_whole_units) {
  DocumentTotals t;
  std::map<Decimal, VatSpecLine> by_rate;
  const Decimal hundred = Decimal::from_int(100);
  for (const auto& in : rows) {
    TotalsRow out;
    if (!in.is_text_row) {
      out.amount = row_amount(in.quantity, in.unit_price, in.discount_percentage);
      const Decimal r = in.vat_percent;
      out.vat = out.amount.times_divided_by(r, includes_vat ? hundred + r : hundred, 2);
      out.amount_excluding_vat = includes_vat ? out.amount - out.vat : out.amount;
      auto& line = by_rate[in.vat_percent];
      line.vat_percent = in.vat_percent;
      line.amount_excluding_vat += out.amount_excluding_vat;
      line.vat_amount += out.vat;
      t.amount += out.amount;
      t.total_vat += out.vat;
    }
    t.rows.push_back(out);
  }
  for (auto& [_, line] : by_rate) t.vat_specification.push_back(line);
  const Decimal before_roundings = includes_vat ? t.amount : t.amount + t.total_vat;
  if (round_to_whole_units) {
    t.roundings = before_roundings.rounded(0) - before_roundings;
  } else {
    t.roundings = fixed_roundings;
  }
  t.total = before_roundings + t.roundings;
  return t;
}

}  // namespace wv::sandbox::visma
