#include "core/sync/orders/exact_rows.hpp"

#include <algorithm>
#include <cstdlib>

namespace wv {
namespace {

const Decimal kOre = Decimal::from_minor(1, 2);
// Decimals of a row's discount in percent (Visma: a fraction with 4 decimals).
constexpr int kDiscountDecimals = 2;

// How far a split's first price may stray from the even price while looking for VAT balance.
constexpr int kMaxSplitSteps = 60;
// The largest change of a rate's amount tried when splits alone cannot reach its VAT: at 6 %
// excl. VAT, 17 öre of amount make one öre of VAT.
constexpr int kMaxShiftOre = 60;

Decimal unit_step(int decimals) { return Decimal::from_minor(1, decimals); }

PricedRow make_row(const RowGroup& g, Decimal quantity, Decimal price, Decimal discount = {}) {
  return PricedRow{quantity, price, discount, g.vat_percent, false};
}

Decimal amount_of(const std::vector<PricedRow>& rows) {
  Decimal sum;
  for (const auto& r : rows) sum += row_amount(r);
  return sum;
}

// One row at the list price with a discount percentage (4 decimals), if one hits the amount.
std::optional<std::vector<PricedRow>> discounted_row(const RowGroup& g) {
  if (!g.list_unit_price) return std::nullopt;
  const Decimal base = g.quantity.times(*g.list_unit_price, Decimal::kScale);
  if (base == g.target_amount) return std::vector{make_row(g, g.quantity, *g.list_unit_price)};
  if (base.is_zero() || base.is_negative() != g.target_amount.is_negative() ||
      g.target_amount.abs() > base.abs()) {
    return std::nullopt;
  }
  // (1 − target / base) × 100, then the discounts around it that Visma can take: it wants a
  // fraction with 4 decimals, i.e. a percentage with 2.
  const Decimal exact = kHundred - g.target_amount.times(kHundred, Decimal::kScale)
                                        .divided_by(base, Decimal::kScale);
  const Decimal center = exact.rounded(kDiscountDecimals);
  const Decimal step = unit_step(kDiscountDecimals);
  for (int i = 0; i <= 6; ++i) {
    for (int sign : {1, -1}) {
      const Decimal d = center + step * (sign * i);
      if (d.is_negative() || d >= kHundred) continue;
      PricedRow row = make_row(g, g.quantity, *g.list_unit_price, d);
      if (row_amount(row) == g.target_amount) return std::vector{row};
      if (i == 0) break;
    }
  }
  return std::nullopt;
}

// One row at a plain unit price, if one hits the amount.
std::optional<std::vector<PricedRow>> single_row(const RowGroup& g, int decimals) {
  const Decimal center = g.target_amount.divided_by(g.quantity, decimals);
  const Decimal step = unit_step(decimals);
  for (Decimal p : {center, center + step, center - step}) {
    PricedRow row = make_row(g, g.quantity, p);
    if (row_amount(row) == g.target_amount) return std::vector{row};
  }
  return std::nullopt;
}

// Quantity − 1 (sign kept) at `first_price`, and 1 at whatever makes the amount exact.
std::vector<PricedRow> split_rows(const RowGroup& g, Decimal first_price) {
  const Decimal sign = g.quantity.is_negative() ? Decimal::from_int(-1) : Decimal::from_int(1);
  const Decimal rest_quantity = g.quantity - sign;
  PricedRow first = make_row(g, rest_quantity, first_price);
  const Decimal remainder = g.target_amount - row_amount(first);
  PricedRow last = make_row(g, sign, sign.is_negative() ? -remainder : remainder);
  return {first, last};
}

bool is_whole(Decimal q) { return q.has_at_most_decimals(0); }

// Every way of realising the group, the preferred one first, then splits further and further
// from the even price.
std::vector<std::vector<PricedRow>> realisations(const RowGroup& g, const RowPricing& pricing,
                                                 int max_steps) {
  std::vector<std::vector<PricedRow>> out;
  if (auto d = discounted_row(g)) out.push_back(std::move(*d));
  if (auto s = single_row(g, pricing.unit_price_decimals)) out.push_back(std::move(*s));
  if (is_whole(g.quantity) && g.quantity.abs() >= Decimal::from_int(2)) {
    // Truncate toward zero so that the last unit's price is the larger one.
    const Decimal even = g.target_amount.divided_by(g.quantity, 6);
    const Decimal step = unit_step(pricing.unit_price_decimals);
    Decimal base = even.rounded(pricing.unit_price_decimals);
    if (base > even) base -= step;
    for (int i = 0; i <= max_steps; ++i) {
      out.push_back(split_rows(g, base - step * i));
      if (i > 0) out.push_back(split_rows(g, base + step * i));
    }
  }
  return out;
}

Decimal rows_vat(const std::vector<PricedRow>& rows, bool includes_vat) {
  Decimal vat;
  for (const auto& r : rows) vat += row_vat(row_amount(r), r.vat_percent, includes_vat);
  return vat;
}

// Picks the realisation of `g` whose VAT comes closest to `wanted` (the first such), keeping
// the current rows when nothing is closer.
void choose_closest(RowGroup& g, Decimal wanted, const RowPricing& pricing) {
  Decimal best_gap = (group_vat(g, pricing.includes_vat) - wanted).abs();
  for (auto& rows : realisations(g, pricing, kMaxSplitSteps)) {
    if (best_gap.is_zero()) return;
    const Decimal gap = (rows_vat(rows, pricing.includes_vat) - wanted).abs();
    if (gap < best_gap) {
      best_gap = gap;
      g.rows = std::move(rows);
    }
  }
}

Decimal total_vat(const std::vector<RowGroup*>& groups, bool includes_vat) {
  Decimal vat;
  for (const auto* g : groups) vat += group_vat(*g, includes_vat);
  return vat;
}

}  // namespace

Decimal group_vat(const RowGroup& group, bool includes_vat) {
  return rows_vat(group.rows, includes_vat);
}

Status realise(RowGroup& group, const RowPricing& pricing) {
  if (group.quantity.is_zero()) {
    return fail(ErrorKind::Internal, "a row group for \"" + group.text + "\" has quantity 0");
  }
  auto options = realisations(group, pricing, 0);
  if (options.empty()) {
    return fail(ErrorKind::Internal, "cannot express " + group.target_amount.to_string(2) +
                                         " as a row for \"" + group.text + "\"");
  }
  group.rows = std::move(options.front());
  if (amount_of(group.rows) != group.target_amount) {
    return fail(ErrorKind::Internal, "row amounts for \"" + group.text + "\" miss the target");
  }
  return {};
}

Decimal balance_vat(std::vector<RowGroup*>& groups, Decimal target_vat, const RowPricing& pricing) {
  const bool incl = pricing.includes_vat;
  Decimal gap = target_vat - total_vat(groups, incl);
  if (gap.is_zero()) return gap;
  // Other splits of the same amounts: each group of two or more units can move its VAT by
  // about an öre without changing its amount.
  std::vector<RowGroup*> by_size = groups;
  // Groups already split for an exact amount first: another split of them shows no more rows.
  std::stable_sort(by_size.begin(), by_size.end(), [](const RowGroup* a, const RowGroup* b) {
    if ((a->rows.size() > 1) != (b->rows.size() > 1)) return a->rows.size() > 1;
    return a->target_amount.abs() > b->target_amount.abs();
  });
  for (RowGroup* g : by_size) {
    if (gap.is_zero()) break;
    choose_closest(*g, group_vat(*g, incl) + gap, pricing);
    gap = target_vat - total_vat(groups, incl);
  }
  return gap;
}

std::optional<Decimal> shift_for_vat(std::vector<RowGroup*>& groups, Decimal target_vat,
                                     const RowPricing& pricing) {
  RowGroup* largest = nullptr;
  for (RowGroup* g : groups) {
    if (g->adjustable && (largest == nullptr || g->target_amount.abs() > largest->target_amount.abs())) {
      largest = g;
    }
  }
  if (largest == nullptr) return std::nullopt;
  const std::vector<RowGroup> saved = [&] {
    std::vector<RowGroup> copy;
    for (const RowGroup* g : groups) copy.push_back(*g);
    return copy;
  }();
  auto restore = [&] {
    for (std::size_t i = 0; i < groups.size(); ++i) *groups[i] = saved[i];
  };
  for (int ore = 1; ore <= kMaxShiftOre; ++ore) {
    for (int sign : {1, -1}) {
      const Decimal delta = kOre * (sign * ore);
      largest->target_amount += delta;
      if (realise(*largest, pricing) && balance_vat(groups, target_vat, pricing).is_zero()) {
        return delta;
      }
      restore();
    }
  }
  return std::nullopt;
}

}  // namespace wv
