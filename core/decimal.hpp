#pragma once
// Exact decimal numbers for money, VAT rates and quantities.
//
// A Decimal holds an integer count of millionths (6 fractional digits). That is finer than any
// amount either API sends that matters (WooCommerce line taxes carry up to 6 decimals, Visma
// foreign-currency unit prices 4) and still covers ±9.2 trillion, so no amount a shop can see
// overflows. Binary floating point is never used: 0.1 + 0.2 is exactly 0.3 here.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wv {

class Decimal {
 public:
  static constexpr int kScale = 6;
  static constexpr std::int64_t kOne = 1'000'000;

  constexpr Decimal() = default;

  /// The decimal whose value is `units` millionths.
  static constexpr Decimal from_micros(std::int64_t units) { return Decimal(units); }
  /// The whole number `n`.
  static constexpr Decimal from_int(std::int64_t n) { return Decimal(n * kOne); }
  /// `minor` units of 10^-dp (from_minor(69500, 2) is 695.00). dp must be 0..6.
  static constexpr Decimal from_minor(std::int64_t minor, int dp = 2) {
    std::int64_t factor = kOne;
    for (int i = 0; i < dp; ++i) factor /= 10;
    return Decimal(minor * factor);
  }

  /// Parses "695.00", "-1.5", "10.607143", "+3", "0". Digits beyond the 6th decimal are rounded
  /// half away from zero when `round_excess` is set (WooCommerce's float-noise `price` field),
  /// otherwise they make the text invalid. Returns nullopt for anything that is not a plain
  /// decimal number (no exponent, no thousands separator, no comma) or that overflows.
  static std::optional<Decimal> parse(std::string_view text, bool round_excess = false);

  [[nodiscard]] constexpr std::int64_t micros() const { return units_; }

  /// Rounded to `dp` decimals, halves away from zero (as PHP's round() and Visma both do).
  [[nodiscard]] Decimal rounded(int dp) const;
  /// Rounded to `dp` decimals, then expressed in units of 10^-dp (öre for dp = 2).
  [[nodiscard]] std::int64_t to_minor(int dp = 2) const;
  /// True when the value needs no more than `dp` decimals.
  [[nodiscard]] bool has_at_most_decimals(int dp) const;

  /// Fixed notation with exactly `dp` decimals, rounding half away from zero: "695.00".
  [[nodiscard]] std::string to_string(int dp) const;
  /// Shortest exact notation, at least `min_dp` decimals: "25", "10.607143", "0.5".
  [[nodiscard]] std::string to_plain_string(int min_dp = 0) const;

  /// this × other, rounded to `dp` decimals (dp ≤ 6).
  [[nodiscard]] Decimal times(Decimal other, int dp = kScale) const;
  /// this ÷ other, rounded to `dp` decimals (dp ≤ 6). other must not be zero.
  [[nodiscard]] Decimal divided_by(Decimal other, int dp = kScale) const;
  /// this × multiplier ÷ divisor with one rounding, to `dp` decimals (dp ≤ 6): exact where
  /// times() then divided_by() would round twice. divisor must not be zero.
  [[nodiscard]] Decimal times_divided_by(Decimal multiplier, Decimal divisor, int dp = kScale) const;

  [[nodiscard]] constexpr bool is_zero() const { return units_ == 0; }
  [[nodiscard]] constexpr bool is_negative() const { return units_ < 0; }
  [[nodiscard]] constexpr Decimal abs() const { return Decimal(units_ < 0 ? -units_ : units_); }

  constexpr Decimal operator-() const { return Decimal(-units_); }
  constexpr Decimal& operator+=(Decimal o) { units_ += o.units_; return *this; }
  constexpr Decimal& operator-=(Decimal o) { units_ -= o.units_; return *this; }
  friend constexpr Decimal operator+(Decimal a, Decimal b) { return a += b; }
  friend constexpr Decimal operator-(Decimal a, Decimal b) { return a -= b; }
  /// Exact multiplication by a whole count (a quantity).
  friend constexpr Decimal operator*(Decimal a, std::int64_t n) { return Decimal(a.units_ * n); }
  friend constexpr Decimal operator*(std::int64_t n, Decimal a) { return Decimal(a.units_ * n); }
  friend constexpr auto operator<=>(Decimal, Decimal) = default;

 private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace wv
