#pragma once
// Reading WooCommerce's JSON without losing exactness or context (private to the connector).
//
// WireDocument keeps every JSON number as its exact source text, so amounts never pass through a
// double, yet still knows which values were numbers (for meta values kept as compact JSON).
// Node reads fields with their path and records the first problem in a Problems sink, so a parse
// function reads everything straight through and reports one precise message at the end:
// `order 24: line_items[1].total "abc" is not an amount`.

#include <cstdint>
#include <memory>
#include <optional>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/decimal.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv::woo {

using JsonValue = rapidjson::Value;

class WireDocument {
 public:
  /// Parses `body`. Fails with Rejected ("<what> is not valid JSON: ...") on malformed input.
  static Result<std::unique_ptr<WireDocument>> parse(std::string_view body, std::string_view what);

  WireDocument(const WireDocument&) = delete;
  WireDocument& operator=(const WireDocument&) = delete;

  [[nodiscard]] const JsonValue& root() const { return doc_; }
  /// True when `v` was a JSON number (its GetString() is the number's source text).
  [[nodiscard]] bool is_number(const JsonValue& v) const;
  /// Compact JSON of `v`, numbers written exactly as received.
  [[nodiscard]] std::string compact(const JsonValue& v) const;

 private:
  WireDocument() = default;
  rapidjson::Document doc_;
  std::unique_ptr<char[]> numbers_;  // number texts, NUL-separated; never reallocated
  std::size_t numbers_size_ = 0;
  friend struct NumberKeepingHandler;
};

/// Collects the first problem met while reading one object.
class Problems {
 public:
  explicit Problems(std::string subject) : subject_(std::move(subject)) {}
  /// Names the object in the message ("order 24"); may be set after reading the id.
  void set_subject(std::string subject) { subject_ = std::move(subject); }
  void report(const std::string& path, const std::string& what);
  [[nodiscard]] bool any() const { return first_.has_value(); }
  /// The first problem as a Rejected error: "<subject>: <path> <what>".
  [[nodiscard]] Error error() const;

 private:
  std::string subject_;
  std::optional<std::string> first_;
};

/// A value inside a WireDocument with its path from the object root ("line_items[1]").
class Node {
 public:
  Node(const WireDocument& doc, const JsonValue* value, std::string path, Problems& problems)
      : doc_(&doc), value_(value), path_(std::move(path)), problems_(&problems) {}

  [[nodiscard]] bool present() const { return value_ != nullptr && !value_->IsNull(); }
  [[nodiscard]] bool is_object() const { return value_ != nullptr && value_->IsObject(); }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const JsonValue* raw() const { return value_; }
  [[nodiscard]] const WireDocument& doc() const { return *doc_; }
  [[nodiscard]] Problems& problems() const { return *problems_; }

  /// The member `key`; absent (not present()) when missing.
  [[nodiscard]] Node operator[](const char* key) const;
  /// The elements of the array member `key`; empty when missing or null, a problem when not an
  /// array.
  [[nodiscard]] std::vector<Node> array(const char* key) const;

  /// This value as a whole number (an element of an id list); 0 and a problem otherwise.
  [[nodiscard]] std::int64_t integer() const;
  /// This value as text (an element of a list of names); "" and a problem when not text.
  [[nodiscard]] std::string string_value() const;

  /// Required whole number (ids). 0 and a problem when missing or not an integer.
  [[nodiscard]] std::int64_t id(const char* key) const;
  /// Optional whole number: nullopt when missing, null or "".
  [[nodiscard]] std::optional<std::int64_t> optional_int(const char* key) const;
  /// Text; "" when missing or null; numbers as their text; a problem for objects and booleans.
  [[nodiscard]] std::string text(const char* key) const;
  /// Text that must be present and non-empty.
  [[nodiscard]] std::string required_text(const char* key) const;
  /// Boolean; `fallback` when missing or null.
  [[nodiscard]] bool flag(const char* key, bool fallback = false) const;
  /// Boolean that must be present.
  [[nodiscard]] bool required_flag(const char* key) const;

  /// Required exact amount from a string or number ("695.00", "10.607143", 25).
  [[nodiscard]] Decimal amount(const char* key) const;
  /// Amount that may be absent: nullopt when missing, null or "".
  [[nodiscard]] std::optional<Decimal> optional_amount(const char* key) const;
  /// A float-noise number (`price`: 512.5306666666667, 1.0e-5) rounded to 6 decimals.
  [[nodiscard]] Decimal float_amount(const char* key) const;

  /// UTC instant from a *_gmt field; nullopt when missing, null or "".
  [[nodiscard]] std::optional<Timestamp> time(const char* key) const;
  /// UTC instant that must be present.
  [[nodiscard]] Timestamp required_time(const char* key) const;
  /// The calendar date of a local date-time field; nullopt when missing, null or "".
  [[nodiscard]] std::optional<Date> local_date(const char* key) const;

  /// meta_data entries: string values as they are, others as compact JSON.
  [[nodiscard]] std::vector<MetaItem> meta(const char* key = "meta_data") const;

 private:
  [[nodiscard]] std::string child_path(const char* key) const;
  [[nodiscard]] std::optional<Decimal> decimal_of(const JsonValue& v, const std::string& path,
                                                  bool round_excess) const;

  const WireDocument* doc_;
  const JsonValue* value_;
  std::string path_;
  Problems* problems_;
};

/// Parses `body` as one object and reads it with `read(const Node& root)`, which may rename the
/// subject once it knows the id. Fails with the first problem, or when the body is not an object.
template <class T, class Read>
Result<T> read_object(std::string_view body, const std::string& noun, Read read) {
  auto doc = WireDocument::parse(body, "WooCommerce's " + noun);
  if (!doc) return std::unexpected(doc.error());
  if (!(*doc)->root().IsObject()) {
    return std::unexpected(
        Error(ErrorKind::Rejected, "WooCommerce's " + noun + " is not a JSON object"));
  }
  Problems problems(noun);
  const Node root(**doc, &(*doc)->root(), "", problems);
  T out = read(root);
  if (problems.any()) return std::unexpected(problems.error());
  return out;
}

/// Parses `body` as a list and reads each element with `read`, one result per element (subject
/// "<noun> #3 of the list" until `read` names it). Fails only when the body is not a JSON list.
template <class T, class Read>
Result<std::vector<Result<T>>> read_list(std::string_view body, const std::string& noun,
                                         Read read) {
  auto doc = WireDocument::parse(body, "WooCommerce's list of " + noun + "s");
  if (!doc) return std::unexpected(doc.error());
  if (!(*doc)->root().IsArray()) {
    return std::unexpected(
        Error(ErrorKind::Rejected, "WooCommerce's list of " + noun + "s is not a JSON list"));
  }
  std::vector<Result<T>> out;
  std::size_t position = 0;
  for (const auto& element : (*doc)->root().GetArray()) {
    Problems problems(noun + " #" + std::to_string(++position) + " of the list");
    const Node node(**doc, &element, "", problems);
    if (!element.IsObject()) {
      out.push_back(
          std::unexpected(Error(ErrorKind::Rejected, noun + " #" + std::to_string(position) +
                                                         " of the list is not an object")));
      continue;
    }
    T item = read(node);
    if (problems.any()) {
      Error e = problems.error();
      // Numbers are kept as their text (kParseNumbersAsStringsFlag): read the id from it.
      const auto id = element.FindMember("id");
      if (id != element.MemberEnd() && (*doc)->is_number(id->value)) {
        const std::string_view text(id->value.GetString(), id->value.GetStringLength());
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size() && value > 0)
          e.subject_id = std::to_string(value);
      }
      out.push_back(std::unexpected(std::move(e)));
    } else {
      out.push_back(std::move(item));
    }
  }
  return out;
}

/// A billing or shipping address ("" for missing parts).
Address read_address(const Node& n);

/// `text` shortened to one line of at most 40 characters, for quoting bad values.
std::string quote_value(std::string_view text);

/// Exact decimal from JSON number text, also in exponent form ("1.0e-5"); nullopt when not a
/// number. Digits beyond the 6th decimal are rounded when `round_excess`.
std::optional<Decimal> decimal_from_number_text(std::string_view text, bool round_excess);

}  // namespace wv::woo
