#include "core/decimal.hpp"

#include <limits>

#include "core/int128.hpp"

namespace wv {
namespace {

constexpr std::int64_t pow10(int n) {
  std::int64_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

bool fits(int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text, bool round_excess) {
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') {
    negative = text[i] == '-';
    ++i;
  }
  int128 whole = 0;
  std::size_t whole_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    ++i;
    ++whole_digits;
  }
  int128 frac = 0;
  int frac_digits = 0;
  bool round_up = false;
  std::size_t all_frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      int digit = text[i] - '0';
      if (frac_digits < kScale) {
        frac = frac * 10 + digit;
        ++frac_digits;
      } else if (frac_digits == kScale && all_frac_digits == kScale) {
        if (!round_excess && digit != 0) return std::nullopt;
        round_up = digit >= 5;
      } else if (!round_excess && digit != 0) {
        return std::nullopt;
      }
      ++all_frac_digits;
      ++i;
    }
    if (all_frac_digits == 0) return std::nullopt;
  }
  if (i != text.size() || whole_digits + all_frac_digits == 0) return std::nullopt;
  while (frac_digits < kScale) {
    frac *= 10;
    ++frac_digits;
  }
  int128 units = whole * kOne + frac + (round_up ? 1 : 0);
  if (negative) units = -units;
  if (!fits(units)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(units));
}

Decimal Decimal::rounded(int dp) const {
  if (dp >= kScale) return *this;
  const std::int64_t step = pow10(kScale - dp);
  return Decimal(static_cast<std::int64_t>(divide_half_away(units_, step) * step));
}

std::int64_t Decimal::to_minor(int dp) const {
  if (dp >= kScale) return units_ * pow10(dp - kScale);
  return static_cast<std::int64_t>(divide_half_away(units_, pow10(kScale - dp)));
}

bool Decimal::has_at_most_decimals(int dp) const {
  if (dp >= kScale) return true;
  return units_ % pow10(kScale - dp) == 0;
}

std::string Decimal::to_string(int dp) const {
  const std::int64_t minor = to_minor(dp);
  const bool negative = minor < 0;
  // Work in unsigned to keep INT64_MIN well defined; build the text backwards in a buffer.
  unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(minor) : static_cast<unsigned long long>(minor);
  char buffer[48];
  char* end = buffer + sizeof buffer;
  char* p = end;
  int written = 0;
  do {
    if (dp > 0 && written == dp) *--p = '.';
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++written;
  } while (magnitude != 0 || written <= dp);
  if (negative) *--p = '-';
  return std::string(p, end);
}

std::string Decimal::to_plain_string(int min_dp) const {
  int dp = kScale;
  while (dp > min_dp && has_at_most_decimals(dp - 1)) --dp;
  return to_string(dp);
}

Decimal Decimal::times(Decimal other, int dp) const {
  // One rounding only: a double rounding (to 6, then to dp) can move a half the wrong way.
  const int128 product = static_cast<int128>(units_) * other.units_;  // 12 decimals
  const int128 at_dp = divide_half_away(product, static_cast<int128>(pow10(kScale)) * pow10(kScale - dp));
  return Decimal(static_cast<std::int64_t>(at_dp * pow10(kScale - dp)));
}

Decimal Decimal::times_divided_by(Decimal multiplier, Decimal divisor, int dp) const {
  // this·multiplier/divisor in units of 10^-dp: the 12-decimal product over divisor·10^(6−dp).
  const int128 product = static_cast<int128>(units_) * multiplier.units_;
  const int128 at_dp = divide_half_away(product, static_cast<int128>(divisor.units_) * pow10(kScale - dp));
  return Decimal(static_cast<std::int64_t>(at_dp * pow10(kScale - dp)));
}

Decimal Decimal::divided_by(Decimal other, int dp) const {
  const int128 at_dp = divide_half_away(static_cast<int128>(units_) * pow10(dp), other.units_);
  return Decimal(static_cast<std::int64_t>(at_dp * pow10(kScale - dp)));
}

}  // namespace wv
