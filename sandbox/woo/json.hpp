#pragma once
// The emulator's JSON value: keeps member order (WooCommerce's field order is part of what it
// emulates), keeps numbers as their source text (amounts never pass through binary floating
// point, and a number stays distinguishable from a numeric string, which WordPress's type checks
// need), and writes the bytes PHP's json_encode writes ("\/" and "\u00f6" escapes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace wv::sandbox::woo {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b);
  /// A number written exactly as `text` (which must be valid JSON number text).
  static Json number_text(std::string text);
  static Json integer(std::int64_t n);
  static Json string(std::string s);
  static Json array();
  static Json object();

  [[nodiscard]] Type type() const { return type_; }
  [[nodiscard]] bool is_null() const { return type_ == Type::Null; }
  [[nodiscard]] bool is_bool() const { return type_ == Type::Bool; }
  [[nodiscard]] bool is_number() const { return type_ == Type::Number; }
  [[nodiscard]] bool is_string() const { return type_ == Type::String; }
  [[nodiscard]] bool is_array() const { return type_ == Type::Array; }
  [[nodiscard]] bool is_object() const { return type_ == Type::Object; }

  /// The boolean (false unless a Bool).
  [[nodiscard]] bool bool_value() const { return bool_; }
  /// The string's value or the number's source text; empty for other types.
  [[nodiscard]] const std::string& text() const { return text_; }

  /// Array elements (empty for non-arrays).
  [[nodiscard]] const std::vector<Json>& items() const { return items_; }
  std::vector<Json>& items() { return items_; }
  /// Object members in order (empty for non-objects).
  [[nodiscard]] const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  /// The member `key`, or nullptr when absent or when this is not an object.
  [[nodiscard]] const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  /// True when this is an object with member `key`.
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }

  /// Appends member `key` (objects) without looking for an existing one; returns *this.
  Json& add(std::string key, Json value);
  Json& add(std::string key, std::string value) { return add(std::move(key), string(std::move(value))); }
  Json& add(std::string key, const char* value) { return add(std::move(key), string(value)); }
  Json& add(std::string key, std::int64_t value) { return add(std::move(key), integer(value)); }
  Json& add(std::string key, int value) { return add(std::move(key), integer(value)); }
  Json& add(std::string key, bool value) { return add(std::move(key), boolean(value)); }
  /// Replaces member `key` or appends it; returns *this.
  Json& set(std::string key, Json value);
  /// Removes member `key` if present.
  void erase(std::string_view key);
  /// Appends an array element; returns *this.
  Json& push(Json value);

  friend bool operator==(const Json& a, const Json& b);

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

/// Parses JSON text the way PHP's json_decode does (a repeated key keeps its last value).
/// Fails with Rejected naming the position when the text is not JSON.
Result<Json> parse_json(std::string_view text);

/// The bytes PHP's json_encode($value) writes with WordPress's default flags: no whitespace,
/// "/" written as "\/", every non-ASCII character as a lower-case \uXXXX escape.
std::string to_php_json(const Json& value);
/// Compact JSON with UTF-8 kept as it is (for the control API and logs).
std::string to_plain_json(const Json& value);

/// JSON number text for PHP's float output of `value` (shortest text that reads back as the
/// same double, like json_encode with serialize_precision = -1): 119.2, 512.5306666666667, 150.
std::string php_float_text(double value);

}  // namespace wv::sandbox::woo
