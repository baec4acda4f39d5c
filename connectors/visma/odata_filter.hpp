#pragma once
// OData $filter expressions for Visma list endpoints, built so that no value can change the
// meaning of the filter: strings are single-quoted with every ' doubled (a SKU "A'B" stays one
// literal, "x' or 1 eq 1" cannot add a condition), date-times are ISO-8601 UTC with Z and
// unquoted, numbers are exact decimal text, booleans true/false. Field names must match
// [A-Za-z][A-Za-z0-9/]* ("Number", "Rows/Text"); any other name is a programming error and
// throws std::invalid_argument. URL-encoding happens once, when the query is built
// (visma_query()).
//
//   using namespace wv::odata;
//   auto f = eq("Number", sku) && gt("ChangedUtc", since);
//   // Number eq 'A''B' and ChangedUtc gt 2024-05-01T10:00:00Z

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"

namespace wv {

/// One literal of a filter, already in OData notation.
class ODataValue {
 public:
  ODataValue(std::string_view text);  // NOLINT: implicit on purpose, so eq("Number", sku) reads well
  ODataValue(const char* text) : ODataValue(std::string_view(text)) {}
  ODataValue(const std::string& text) : ODataValue(std::string_view(text)) {}
  ODataValue(Timestamp t);
  ODataValue(Decimal d);
  template <class B>
    requires std::same_as<B, bool>
  ODataValue(B b) : literal_(b ? "true" : "false") {}
  template <class I>
    requires(std::integral<I> && !std::same_as<I, bool>)
  ODataValue(I n) : literal_(std::to_string(n)) {}

  /// The literal as it appears in the filter: 'A''B', 2024-05-01T10:00:00Z, 12.5, true.
  [[nodiscard]] const std::string& literal() const { return literal_; }

 private:
  std::string literal_;
};

/// A whole $filter expression; empty means "no filter".
class ODataFilter {
 public:
  ODataFilter() = default;

  [[nodiscard]] bool empty() const { return text_.empty(); }
  /// The expression, not URL-encoded: "Number eq 'A''B'".
  [[nodiscard]] const std::string& text() const { return text_; }

  /// Both conditions. An empty side is ignored.
  friend ODataFilter operator&&(const ODataFilter& a, const ODataFilter& b) { return combine(a, b, Op::And); }
  /// Either condition. An empty side is ignored.
  friend ODataFilter operator||(const ODataFilter& a, const ODataFilter& b) { return combine(a, b, Op::Or); }

  /// A single comparison or function call (used by the odata:: builders).
  static ODataFilter leaf(std::string text) { return ODataFilter(std::move(text), Op::Leaf); }

 private:
  enum class Op { Leaf, And, Or };
  ODataFilter(std::string text, Op op) : text_(std::move(text)), op_(op) {}
  static ODataFilter combine(const ODataFilter& a, const ODataFilter& b, Op op);

  std::string text_;
  Op op_ = Op::Leaf;
};

namespace odata {

/// True when `field` may appear in a filter: [A-Za-z][A-Za-z0-9/]*.
bool is_valid_field(std::string_view field);

ODataFilter eq(std::string_view field, const ODataValue& value);
ODataFilter ne(std::string_view field, const ODataValue& value);
ODataFilter gt(std::string_view field, const ODataValue& value);
ODataFilter lt(std::string_view field, const ODataValue& value);
ODataFilter ge(std::string_view field, const ODataValue& value);
ODataFilter le(std::string_view field, const ODataValue& value);
/// contains(Field,'text'): the field's text includes `text`.
ODataFilter contains(std::string_view field, std::string_view text);

}  // namespace odata

/// The encoded query string of a Visma request: `$filter` and the paging names are written as
/// Visma spells them, every value is percent-encoded (RFC 3986), parameters in the order
/// given. "" when `params` is empty.
std::string visma_query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace wv
