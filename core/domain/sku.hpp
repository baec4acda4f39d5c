#pragma once
// An article number: WooCommerce's SKU and Visma's article Number are the same key.

#include <compare>
#include <string>
#include <utility>

namespace wv {

class Sku {
 public:
  Sku() = default;
  explicit Sku(std::string value) : value_(std::move(value)) {}

  [[nodiscard]] const std::string& str() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }
  /// Visma's article Number allows at most 40 characters.
  static constexpr std::size_t kMaxVismaLength = 40;
  [[nodiscard]] bool fits_visma() const { return !value_.empty() && value_.size() <= kMaxVismaLength; }

  friend auto operator<=>(const Sku&, const Sku&) = default;

 private:
  std::string value_;
};

}  // namespace wv
