#pragma once
// Private to the Visma connector: reading and writing Visma's JSON without ever passing an
// amount through a double, and without crashing on a malformed answer.
//
// Reading: bodies are parsed with kParseNumbersAsStringsFlag, so every number arrives as its
// exact text. FieldReader reads fields leniently (absent or null gives the default) and notes the
// FIRST problem (wrong type, bad number, missing required field) with the field's path
// ("Data[3].NetPrice") in a WireProblems; the caller turns that into one error naming the
// endpoint and the field.
//
// Writing: BodyWriter writes numbers as the exact decimal text (RapidJSON 1.1's
// Writer::RawNumber quotes its text, so RawValue is used), checks maxLength (in UTF-16 code
// units, as .NET counts) and the allowed number of decimals, and notes the first violation.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv::visma_wire {

/// Decimal from JSON number text: "12.5", "-0.25", "1E-05", "1.5e3". Digits beyond the 6th
/// decimal (binary float noise) are rounded half away from zero. nullopt when not a number or
/// out of range.
std::optional<Decimal> parse_number_text(std::string_view text);

/// Length of UTF-8 `text` in UTF-16 code units (how Visma's maxLength counts); nullopt when the
/// text is not valid UTF-8.
std::optional<std::size_t> utf16_length(std::string_view text);

/// Text from the remote side made fit for a message: redacted (a server echoing a token or the
/// client secret back does not leak it), on one line (control characters and runs of blanks
/// become one space), and cut with "..." after `max` bytes.
std::string remote_text(std::string_view s, std::size_t max = 300);

/// The first problem found while reading a response.
struct WireProblems {
  std::optional<std::string> first;
  void note(const std::string& path, const std::string& what) {
    if (!first) first = path + " " + what;
  }
  [[nodiscard]] bool ok() const { return !first; }
};

/// Parses `body` keeping numbers as text. Fails with a description when it is not JSON.
Result<rapidjson::Document> parse_json(std::string_view body);

/// Reads the fields of one JSON object (or of nothing, when the object is absent).
class FieldReader {
 public:
  /// `object` may be null or a non-object (noted as a problem unless null).
  FieldReader(const rapidjson::Value* object, WireProblems& problems, std::string path);

  [[nodiscard]] bool present() const { return object_ != nullptr; }
  [[nodiscard]] bool has(std::string_view name) const { return find(name) != nullptr; }

  /// Text; "" when absent or null. A required field that is absent or empty is a problem.
  std::string text(std::string_view name, bool required = false);
  /// Boolean; `fallback` when absent or null.
  bool flag(std::string_view name, bool fallback = false);
  /// Exact amount; zero when absent or null.
  Decimal amount(std::string_view name, bool required = false);
  /// Exact amount; nullopt when absent or null.
  std::optional<Decimal> optional_amount(std::string_view name);
  /// Whole number; `fallback` when absent or null.
  std::int64_t integer(std::string_view name, bool required = false, std::int64_t fallback = 0);
  std::optional<std::int64_t> optional_integer(std::string_view name);
  /// UTC instant ("2024-05-01T10:00:00.1234567", with or without zone); nullopt when absent.
  std::optional<Timestamp> timestamp(std::string_view name, bool required = false);
  /// Calendar date (a date-time keeps its date part); nullopt when absent.
  std::optional<Date> date(std::string_view name);
  /// Array of strings; empty when absent.
  std::vector<std::string> texts(std::string_view name);
  /// A nested object (a reader over nothing when absent or null).
  FieldReader child(std::string_view name);
  /// The elements of an array of objects, each with its path ("Rows[2]"). Empty when absent;
  /// a non-array is a problem. `required` notes an absent array as a problem.
  std::vector<FieldReader> objects(std::string_view name, bool required = false);

  [[nodiscard]] std::string path_of(std::string_view name) const;
  [[nodiscard]] WireProblems& problems() { return *problems_; }

 private:
  const rapidjson::Value* find(std::string_view name) const;
  /// The member's text when it is a string (or a number, which arrives as text); nullptr and
  /// a noted problem for other types; nullptr without problem when absent/null.
  const rapidjson::Value* scalar(std::string_view name, bool required, const char* expected);

  const rapidjson::Value* object_;
  WireProblems* problems_;
  std::string path_;
};

/// The first problem found while building a request body: "invoice draft row 2: UnitPrice ...".
struct WriteProblems {
  std::optional<std::string> first;
  void note(const std::string& subject, const std::string& what) {
    if (!first) first = subject.empty() ? what : subject + ": " + what;
  }
  [[nodiscard]] bool ok() const { return !first; }
};

/// Writes a JSON request body, checking Visma's limits on the way.
class BodyWriter {
 public:
  explicit BodyWriter(WriteProblems& problems);

  /// What the following fields belong to, for problem messages ("invoice draft row 2").
  void subject(std::string s) { subject_ = std::move(s); }

  void begin_object() { w_.StartObject(); }
  void end_object() { w_.EndObject(); }
  void begin_object(std::string_view name);
  void begin_array(std::string_view name);
  void end_array() { w_.EndArray(); }

  /// Always written (an empty value as ""). `max_len` 0 means no limit; callers take limits from core/domain/field_limits.hpp.
  void text(std::string_view name, std::string_view value, std::size_t max_len = 0);
  /// Written only when not empty.
  void text_if_set(std::string_view name, std::string_view value, std::size_t max_len = 0);
  /// A value Visma requires: an empty one is a problem.
  void required_text(std::string_view name, std::string_view value, std::size_t max_len = 0);
  /// Written as null when empty (clears the field on update).
  void text_or_null(std::string_view name, std::string_view value, std::size_t max_len = 0);
  void flag(std::string_view name, bool value);
  void integer(std::string_view name, std::int64_t value);
  /// Exact decimal text; more than `max_decimals` decimals is a problem explained by `rule`
  /// ("Visma allows 2 for SEK").
  void number(std::string_view name, Decimal value, int max_decimals, std::string_view rule = {});
  /// Like number(), also requiring min ≤ value ≤ max.
  void bounded_number(std::string_view name, Decimal value, int max_decimals, Decimal min, Decimal max,
                      std::string_view rule = {});
  /// "2026-11-24".
  void date(std::string_view name, const Date& value);
  void null(std::string_view name);

  /// Notes a problem about `field` in the current subject.
  void problem(std::string_view field, const std::string& what);

  /// The JSON text written so far.
  [[nodiscard]] std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  void key(std::string_view name) { w_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())); }
  bool check_text(std::string_view name, std::string_view value, std::size_t max_len);

  WriteProblems* problems_;
  std::string subject_;
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> w_;
};

/// The body for a PUT that changes only some fields: every top-level member of `current`
/// (Visma's object as fetched) except `drop` and those `ours` sets, then all of `ours`.
/// Numbers are copied as their exact text. Fails when either is not a JSON object.
Result<std::string> merge_for_update(std::string_view current, std::string_view ours,
                                     const std::set<std::string, std::less<>>& drop);

}  // namespace wv::visma_wire
