#include "sandbox/visma/document_totals.hpp"

#include <map>
#include <stdexcept>

namespace wv::sandbox::visma {
namespace {

__extension__ using int128 = __int128;

constexpr int128 kMicro = 1'000'000;

int128 divide_half_away(int128 numerator, int128 denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  int128 q = numerator / denominator;
  int128 r = numerator % denominator;
  if (r < 0) r = -r;
  if (2 * r >= denominator) q += numerator < 0 ? -1 : 1;
  return q;
}

// A value given as numerator/denominator in micros, rounded to 2 decimals.
Decimal round2(int128 numerator_micros, int128 denominator) {
  // numerator/denominator is in micros; öre = micros / 10^4.
  const int128 ore = divide_half_away(numerator_micros, denominator * 10'000);
  return Decimal::from_minor(static_cast<std::int64_t>(ore), 2);
}

}  // namespace

Decimal row_amount(Decimal quantity, Decimal unit_price, Decimal discount_percentage) {
  // q·p·(1 − d) with every factor in micros: q·p is 10^12, (1 − d) is 10^6; back to micros.
  const int128 product = static_cast<int128>(quantity.micros()) * unit_price.micros();
  const int128 keep = kMicro - discount_percentage.micros();
  const int128 numerator = product * keep;
  const int128 denominator = kMicro * kMicro;
  if (product != 0 && numerator / product != keep) throw std::overflow_error("row amount overflows");
  return round2(numerator, denominator);
}

DocumentTotals compute_totals(const std::vector<TotalsRowInput>& rows, bool includes_vat,
                              Decimal fixed_roundings, bool round_to_whole_units) {
  DocumentTotals t;
  std::map<Decimal, VatSpecLine> by_rate;
  for (const auto& in : rows) {
    TotalsRow out;
    if (!in.is_text_row) {
      out.amount = row_amount(in.quantity, in.unit_price, in.discount_percentage);
      const int128 r = in.vat_percent.micros();
      const int128 amount = out.amount.micros();
      if (includes_vat) {
        out.vat = round2(amount * r, 100 * kMicro + r);
      } else {
        out.vat = round2(amount * r, 100 * kMicro);
      }
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
