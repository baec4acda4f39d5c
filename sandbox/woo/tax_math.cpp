#include "sandbox/woo/tax_math.hpp"

#include <algorithm>
#include <cctype>

#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {
namespace {

std::string class_slug(const std::string& tax_class) {
  return tax_class.empty() ? "standard" : tax_class;
}

bool matches_postcode(const std::string& pattern, const std::string& postcode) {
  if (pattern.empty()) return true;
  auto norm = [](std::string s) {
    std::string out;
    for (char c : s) {
      if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
  };
  for (const auto& part : wp_parse_list(pattern)) {
    std::string p = norm(part);
    std::string code = norm(postcode);
    if (!p.empty() && p.back() == '*') {
      if (code.rfind(p.substr(0, p.size() - 1), 0) == 0) return true;
    } else if (p == code) {
      return true;
    }
  }
  return false;
}

}  // namespace

TaxLocation base_location(const ShopSettings& s) {
  return {s.base_country, s.base_state, s.base_postcode, s.base_city};
}

std::vector<const TaxRate*> find_rates(const ShopState& shop, const std::string& tax_class,
                                       const TaxLocation& location, bool shipping_only) {
  std::vector<const TaxRate*> candidates;
  const std::string slug = class_slug(tax_class);
  for (const auto& rate : shop.tax_rates) {
    if (rate.tax_class != slug) continue;
    if (!rate.country.empty() && rate.country != location.country) continue;
    if (!rate.state.empty() && rate.state != location.state) continue;
    if (!matches_postcode(rate.postcode, location.postcode)) continue;
    if (!rate.city.empty() && lowercase(rate.city) != lowercase(location.city)) continue;
    if (shipping_only && !rate.shipping) continue;
    candidates.push_back(&rate);
  }
  // The most specific rate first, then by priority and order; one rate per priority.
  std::stable_sort(candidates.begin(), candidates.end(), [](const TaxRate* a, const TaxRate* b) {
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->order < b->order;
  });
  std::vector<const TaxRate*> out;
  std::vector<std::int64_t> seen;
  for (const TaxRate* r : candidates) {
    if (std::find(seen.begin(), seen.end(), r->priority) != seen.end()) continue;
    seen.push_back(r->priority);
    out.push_back(r);
  }
  return out;
}

Decimal rate_value(const TaxRate& rate) { return Decimal::parse(rate.rate, true).value_or(Decimal()); }

RateAmounts calc_exclusive_tax(Decimal price, const std::vector<const TaxRate*>& rates) {
  RateAmounts taxes;
  const Decimal hundred = Decimal::from_int(100);
  for (const TaxRate* r : rates) {
    if (r->compound) continue;
    taxes.emplace_back(r->id, price.times_divided_by(rate_value(*r), hundred));
  }
  Decimal pre_compound = price + sum(taxes);
  for (const TaxRate* r : rates) {
    if (!r->compound) continue;
    const Decimal t = pre_compound.times_divided_by(rate_value(*r), hundred);
    taxes.emplace_back(r->id, t);
    pre_compound += t;
  }
  return taxes;
}

RateAmounts calc_exclusive_tax_of_share(Decimal price, Decimal part, Decimal whole,
                                        const std::vector<const TaxRate*>& rates) {
  const bool compound = std::any_of(rates.begin(), rates.end(), [](const TaxRate* r) { return r->compound; });
  // Compound rates tax the taxes before them; they need the share itself (rounded to 6 decimals).
  if (compound) return calc_exclusive_tax(price.times_divided_by(part, whole), rates);
  RateAmounts taxes;
  const Decimal hundred = Decimal::from_int(100);
  for (const TaxRate* r : rates) {
    // price × part × rate / (whole × 100): the product fits in 128 bits, rounded once.
    taxes.emplace_back(r->id, price.times_divided_by(part.times(rate_value(*r)), whole.times(hundred)));
  }
  return taxes;
}

RateAmounts calc_inclusive_tax(Decimal price, const std::vector<const TaxRate*>& rates) {
  RateAmounts taxes;
  for (const TaxRate* r : rates) taxes.emplace_back(r->id, Decimal());
  const Decimal hundred = Decimal::from_int(100);
  // Compound rates work backwards from the gross price.
  Decimal non_compound = price;
  for (auto it = rates.rbegin(); it != rates.rend(); ++it) {
    if (!(*it)->compound) continue;
    const Decimal net = non_compound.times_divided_by(hundred, hundred + rate_value(**it));
    const Decimal t = non_compound - net;
    for (auto& [id, amount] : taxes) {
      if (id == (*it)->id) amount += t;
    }
    non_compound -= t;
  }
  Decimal regular_sum;
  for (const TaxRate* r : rates) {
    if (!r->compound) regular_sum += rate_value(*r);
  }
  for (const TaxRate* r : rates) {
    if (r->compound) continue;
    // (rate / 100) / (1 + sum / 100) × price = price × rate / (100 + sum), rounded once.
    const Decimal t = non_compound.times_divided_by(rate_value(*r), hundred + regular_sum);
    for (auto& [id, amount] : taxes) {
      if (id == r->id) amount += t;
    }
  }
  return taxes;
}

Decimal sum(const RateAmounts& amounts) {
  Decimal total;
  for (const auto& [id, amount] : amounts) total += amount;
  return total;
}

Decimal sum_rounded(const RateAmounts& amounts, int dp) {
  Decimal total;
  for (const auto& [id, amount] : amounts) total += amount.rounded(dp);
  return total;
}

Decimal round_half_down(Decimal value, int dp) {
  std::int64_t step = 1;
  for (int i = 0; i < Decimal::kScale - dp; ++i) step *= 10;
  const std::int64_t units = value.micros();
  std::int64_t q = units / step;
  std::int64_t r = units % step;
  if (r < 0) r = -r;
  if (2 * r > step) q += units < 0 ? -1 : 1;
  return Decimal::from_micros(q * step);
}

Decimal floor_whole(Decimal value) {
  std::int64_t units = value.micros();
  std::int64_t q = units / Decimal::kOne;
  if (units % Decimal::kOne != 0 && units < 0) --q;
  return Decimal::from_int(q);
}

std::string rate_code(const TaxRate& rate) {
  std::string out;
  const std::string name = rate.name.empty() ? "TAX" : rate.name;
  const std::string priority = rate.priority > 0 ? std::to_string(rate.priority) : "";
  for (const std::string& part : {rate.country, rate.state, name, priority}) {
    if (part.empty()) continue;
    if (!out.empty()) out += '-';
    for (char c : part) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace wv::sandbox::woo
