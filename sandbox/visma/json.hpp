#pragma once
// A small JSON tree for the emulator: numbers keep the exact text they were written with (money
// never passes through a double), objects keep their member order, and member lookup can ignore
// ASCII case the way ASP.NET's model binding does. Parsing and writing use RapidJSON.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace wv::sandbox::visma {

class Json {
 public:
  enum class Kind { Null, Bool, Number, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b);
  /// A number from its JSON text ("12.50", "-3", "1e2" is kept as written).
  static Json number_text(std::string text);
  /// `d` written with at least `min_dp` decimals: 100 → "100.0" when min_dp is 1, the way
  /// .NET writes a double.
  static Json number(Decimal d, int min_dp = 1);
  static Json integer(long long n);
  static Json string(std::string s);
  static Json array(std::vector<Json> items = {});
  static Json object();

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::Null; }
  [[nodiscard]] bool is_object() const { return kind_ == Kind::Object; }
  [[nodiscard]] bool is_array() const { return kind_ == Kind::Array; }
  [[nodiscard]] bool is_string() const { return kind_ == Kind::String; }
  [[nodiscard]] bool is_number() const { return kind_ == Kind::Number; }
  [[nodiscard]] bool is_bool() const { return kind_ == Kind::Bool; }

  /// The boolean value (false unless a Bool).
  [[nodiscard]] bool as_bool() const { return kind_ == Kind::Bool && bool_; }
  /// The string's text or the number's JSON text; empty for other kinds.
  [[nodiscard]] const std::string& text() const { return text_; }
  /// The number as a Decimal, or nullopt when not a number or not exactly representable.
  [[nodiscard]] std::optional<Decimal> as_decimal() const;

  [[nodiscard]] const std::vector<Json>& items() const { return items_; }
  std::vector<Json>& items() { return items_; }
  [[nodiscard]] const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  /// The member `key` (exact match first, then ignoring ASCII case), or nullptr.
  [[nodiscard]] const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  /// The member `key`, or a shared null value when absent.
  [[nodiscard]] const Json& operator[](std::string_view key) const;
  /// Sets member `key` (replacing an existing one with the same exact name).
  Json& set(std::string_view key, Json value);
  /// Removes member `key` (exact name); no-op when absent.
  void erase(std::string_view key);
  void push_back(Json item) { items_.push_back(std::move(item)); }

  /// The string member `key`, or "" when absent or not a string.
  [[nodiscard]] std::string str(std::string_view key) const;
  /// The boolean member `key`, or `fallback` when absent or not a boolean.
  [[nodiscard]] bool flag(std::string_view key, bool fallback = false) const;
  /// The number member `key` as a Decimal, or `fallback` when absent, null or not a number.
  [[nodiscard]] Decimal dec(std::string_view key, Decimal fallback = {}) const;
  /// The integer member `key`, or `fallback`.
  [[nodiscard]] long long integer_or(std::string_view key, long long fallback) const;

  /// Compact JSON text.
  [[nodiscard]] std::string dump() const;

  friend bool operator==(const Json&, const Json&) = default;

 private:
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

/// Parses JSON text. Fails with Rejected naming the offset of the first syntax error.
Result<Json> parse_json(std::string_view text);

/// True when `a` equals `b` ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);
/// `s` in ASCII lower case.
std::string to_lower(std::string_view s);

}  // namespace wv::sandbox::visma
