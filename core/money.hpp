#pragma once
// An amount in a named currency. Arithmetic between different currencies is a programming
// error, so it is checked rather than converted.

#include <stdexcept>
#include <string>
#include <utility>

#include "core/decimal.hpp"

namespace wv {

/// ISO 4217 code such as "SEK" or "EUR".
using CurrencyCode = std::string;

struct Money {
  Decimal amount;
  CurrencyCode currency = "SEK";

  Money() = default;
  Money(Decimal a, CurrencyCode c) : amount(a), currency(std::move(c)) {}

  [[nodiscard]] Money rounded(int dp = 2) const { return {amount.rounded(dp), currency}; }
  /// Two decimals and the code: "695.00 SEK".
  [[nodiscard]] std::string to_string() const { return amount.to_string(2) + " " + currency; }

  Money& operator+=(const Money& o) {
    require_same(o);
    amount += o.amount;
    return *this;
  }
  Money& operator-=(const Money& o) {
    require_same(o);
    amount -= o.amount;
    return *this;
  }
  friend Money operator+(Money a, const Money& b) { return a += b; }
  friend Money operator-(Money a, const Money& b) { return a -= b; }
  friend bool operator==(const Money&, const Money&) = default;

 private:
  void require_same(const Money& o) const {
    if (o.currency != currency) {
      throw std::logic_error("money arithmetic across currencies: " + currency + " and " + o.currency);
    }
  }
};

}  // namespace wv
