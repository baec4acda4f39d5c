#pragma once
// The emulators' JSON value. Objects keep their member order (both APIs' field order is part of
// what is emulated); numbers keep the text they were written with, so an amount never passes
// through binary floating point and a number stays distinguishable from a numeric string (which
// WordPress's type checks need). Member lookup is exact (PHP arrays); find_ignoring_case and the
// record readers match names the way ASP.NET's model binding does, for the Visma emulator.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace wv::sandbox {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b);
  /// A number written exactly as `text` (which must be valid JSON number text: "12.50", "1e2").
  static Json number_text(std::string text);
  static Json integer(std::int64_t n);
  static Json string(std::string s);
  static Json array(std::vector<Json> items = {});
  static Json object();

  [[nodiscard]] Type type() const { return type_; }
  [[nodiscard]] bool is_null() const { return type_ == Type::Null; }
  [[nodiscard]] bool is_bool() const { return type_ == Type::Bool; }
  [[nodiscard]] bool is_number() const { return type_ == Type::Number; }
  [[nodiscard]] bool is_string() const { return type_ == Type::String; }
  [[nodiscard]] bool is_array() const { return type_ == Type::Array; }
  [[nodiscard]] bool is_object() const { return type_ == Type::Object; }

  /// The boolean (false unless a Bool).
  [[nodiscard]] bool bool_value() const { return type_ == Type::Bool && bool_; }
  /// The string's value or the number's source text; empty for other types.
  [[nodiscard]] const std::string& text() const { return text_; }
  /// The number as a Decimal, or nullopt when not a number or not exactly representable.
  [[nodiscard]] std::optional<Decimal> as_decimal() const;

  /// Array elements (empty for non-arrays).
  [[nodiscard]] const std::vector<Json>& items() const { return items_; }
  std::vector<Json>& items() { return items_; }
  /// Object members in order (empty for non-objects).
  [[nodiscard]] const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  /// The first member named exactly `key`, or nullptr when absent or when this is not an object.
  [[nodiscard]] const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  /// The member `key` as ASP.NET's model binding matches it: exact name first, then ignoring
  /// ASCII case; nullptr when neither matches or when this is not an object.
  [[nodiscard]] const Json* find_ignoring_case(std::string_view key) const;
  Json* find_ignoring_case(std::string_view key);
  /// True when this is an object with a member named exactly `key`.
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }

  // Readers for records bound the ASP.NET way (the Visma emulator): each finds `key` as
  // find_ignoring_case does.
  /// The member `key`, or a shared null value when absent.
  [[nodiscard]] const Json& operator[](std::string_view key) const;
  /// The string member `key`, or "" when absent or not a string.
  [[nodiscard]] std::string str(std::string_view key) const;
  /// The boolean member `key`, or `fallback` when absent or not a boolean.
  [[nodiscard]] bool flag(std::string_view key, bool fallback = false) const;
  /// The number member `key` as a Decimal, or `fallback` when absent, null or not a number.
  [[nodiscard]] Decimal dec(std::string_view key, Decimal fallback = {}) const;
  /// The whole-number member `key`, or `fallback` when absent, not a number or not whole.
  [[nodiscard]] long long integer_or(std::string_view key, long long fallback) const;

  /// Appends member `key` without looking for an existing one (building objects whose member
  /// names are known to differ); returns *this.
  Json& add(std::string key, Json value);
  Json& add(std::string key, std::string value) { return add(std::move(key), string(std::move(value))); }
  Json& add(std::string key, const char* value) { return add(std::move(key), string(value)); }
  Json& add(std::string key, std::int64_t value) { return add(std::move(key), integer(value)); }
  Json& add(std::string key, int value) { return add(std::move(key), integer(value)); }
  Json& add(std::string key, bool value) { return add(std::move(key), boolean(value)); }
  /// Replaces the member named exactly `key`, or appends it; returns *this.
  Json& set(std::string_view key, Json value);
  /// Removes the member find(key) finds; no-op when absent.
  void erase(std::string_view key);
  /// Appends an array element; returns *this.
  Json& push(Json value);

  /// Compact JSON with UTF-8 kept as it is: to_plain_json(*this).
  [[nodiscard]] std::string dump() const;

  friend bool operator==(const Json&, const Json&) = default;

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

/// Where JSON readers differ, whose reader parse_json imitates.
enum class JsonDialect {
  /// RFC 8259 as PHP's json_decode reads it: the text must be UTF-8, and only JSON white space
  /// (space, tab, CR, LF) may follow the value.
  Strict,
  /// Json.NET behind ASP.NET: bytes that are not UTF-8 pass through as they are, and any white
  /// space (also vertical tab and form feed) may follow the value.
  DotNet,
};

/// Parses one JSON value (a repeated object key keeps its last value, as both json_decode and
/// Json.NET do). Fails with Rejected naming the offset when the text is not JSON.
Result<Json> parse_json(std::string_view text, JsonDialect dialect = JsonDialect::Strict);

/// The bytes PHP's json_encode($value) writes with WordPress's default flags: no white space,
/// "/" written as "\/", every non-ASCII character as a lower-case \uXXXX escape.
std::string to_php_json(const Json& value);
/// Compact JSON with UTF-8 kept as it is: only '"', '\\' and control characters are escaped
/// (\uXXXX in lower case, as Json.NET writes them).
std::string to_plain_json(const Json& value);

}  // namespace wv::sandbox
