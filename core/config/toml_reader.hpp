#pragma once

// Typed, checked reading of a parsed TOML document into plain structs. Every key a reader is
// asked about becomes a known key; whatever else a table holds is reported as unknown, with
// a suggestion. Problems carry the line they come from and are reported earliest first.
// Internal to core/config (and its tests).

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "core/config/config_enums.hpp"
#include "core/error.hpp"

namespace wv::config_detail {

/// "a.b" from a table path and a key; keys that are not bare TOML keys are quoted (a.'25').
std::string join_key(std::string_view table_path, std::string_view key);
/// "shop[]" for "shop[3]": the documented form of a path.
std::string schema_path(std::string_view path);
/// "a string", "an integer", ... for messages.
std::string_view type_description(toml::node_type type);
/// Levenshtein distance, for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// What one document's reading found: problems, the keys the schema knows, the secrets seen.
class ReadContext {
 public:
  /// `file_label` starts every message ("/etc/woovisma/woovisma.toml").
  explicit ReadContext(std::string file_label) : file_label_(std::move(file_label)) {}

  /// Records a problem at `where` (a region of the document; line 0 when unknown).
  void problem(const toml::source_region& where, std::string message);
  /// Records a key nobody asked about, resolved into a message with a suggestion at the end.
  void unknown_key(const toml::source_region& where, std::string table_path, std::string key);
  /// Notes that the schema has the key at `path` ("shop[2].url" is noted as "shop[].url").
  void known_key(const std::string& path);
  /// Notes that the schema has a table at `path` (for suggestions only).
  void known_table(const std::string& path) { known_tables_.insert(schema_path(path)); }
  /// Learns the keys and tables `schema` knows, so that suggestions can name keys of tables
  /// this document does not have.
  void learn_schema(const ReadContext& schema) {
    known_keys_.insert(schema.known_keys_.begin(), schema.known_keys_.end());
    known_tables_.insert(schema.known_tables_.begin(), schema.known_tables_.end());
  }
  /// Notes that the document holds a non-empty secret at `path`, at `where`.
  void secret_found(const toml::source_region& where, std::string path) {
    secrets_found_.push_back({where.begin.line, where.begin.column, std::move(path)});
  }

  /// The earliest problem, as "FILE:LINE: message" with kind Config; nullopt when none.
  [[nodiscard]] std::optional<Error> first_problem() const;
  /// Every key the schema asked about, in the documented form ("log.level", "shop[].url").
  [[nodiscard]] const std::set<std::string>& known_keys() const { return known_keys_; }
  /// Paths of the secrets found, in the order of the document ("shop[0].consumer_secret").
  [[nodiscard]] std::vector<std::string> secrets_found() const;
  [[nodiscard]] const std::string& file_label() const { return file_label_; }

 private:
  struct Problem {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string message;
  };
  struct UnknownKey {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string table_path;  ///< as shown, "shop[1]"; empty for the top level
    std::string key;
  };
  [[nodiscard]] std::string describe(const UnknownKey& unknown) const;

  std::string file_label_;
  std::vector<Problem> problems_;
  std::vector<UnknownKey> unknown_keys_;
  std::set<std::string> known_keys_;
  std::set<std::string> known_tables_;
  std::vector<Problem> secrets_found_;  // the message is the secret's path
};

/// Reads one table. Each typed read leaves `out` untouched when the key is absent, records a
/// problem (and leaves `out` untouched) when the value is of the wrong type or out of range,
/// and returns whether a valid value was stored. Call finish() once all keys have been read.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, ReadContext& context)
      : table_(table), path_(std::move(path)), context_(context) {}

  bool text(std::string_view key, std::string& out);
  /// A string that is a secret: registered for redaction and noted when non-empty.
  bool secret(std::string_view key, std::string& out);
  bool flag(std::string_view key, bool& out);
  /// A TOML local date (2026-11-01) or a string holding one.
  bool date(std::string_view key, std::optional<Date>& out);
  bool integer(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max);
  bool integer(std::string_view key, int& out, int min, int max);
  bool seconds(std::string_view key, std::chrono::seconds& out, std::int64_t min,
               std::int64_t max);
  bool milliseconds(std::string_view key, std::chrono::milliseconds& out, std::int64_t min,
                    std::int64_t max);
  /// An array of non-empty strings; `allow_empty` says whether [] is accepted.
  bool text_list(std::string_view key, std::vector<std::string>& out, bool allow_empty);
  /// A path; relative paths are taken relative to `base_dir`. "" stores an empty path.
  bool path(std::string_view key, std::filesystem::path& out,
            const std::filesystem::path& base_dir);
  /// A string that must be one of `valid` (listed in the message otherwise).
  bool one_of(std::string_view key, std::string& out, const std::vector<std::string>& valid);
  /// A string naming an enum value (kebab-case); an invalid name lists the valid ones.
  template <class E>
  bool choice(std::string_view key, E& out) {
    std::string name;
    const toml::node* node = typed(key, toml::node_type::string);
    if (node == nullptr) return false;
    name = node->as_string()->get();
    if (auto value = enum_from_name<E>(name)) {
      out = *value;
      return true;
    }
    invalid_choice(key, name, enum_valid_names<E>());
    return false;
  }
  /// A table of free-form keys to non-empty strings ("25" = "FRAKT25"). `check_key` returns
  /// what is wrong with a key, or nullopt when it is fine.
  bool text_map(std::string_view key, std::map<std::string, std::string>& out,
                const std::function<std::optional<std::string>(std::string_view)>& check_key);
  /// The sub-table at `key`, or nullopt when absent or not a table (a problem then).
  std::optional<TableReader> table(std::string_view key);
  /// The tables of the array of tables at `key` ([[shop]]); empty when absent or invalid.
  std::vector<TableReader> table_array(std::string_view key);

  /// The tables inside the table at `key` whose own keys are free-form names ([shop.main],
  /// [shop.outlet]), with their names; empty when absent or invalid (a problem then).
  std::vector<std::pair<std::string, TableReader>> named_tables(std::string_view key);

  /// Records a problem about the value at `key` (which must be present).
  void problem(std::string_view key, const std::string& message);
  /// Records a problem at this table's own position.
  void problem_here(const std::string& message);
  [[nodiscard]] bool has(std::string_view key) const { return table_.contains(key); }
  /// "orders.target": the full path of `key` in this table.
  [[nodiscard]] std::string path_of(std::string_view key) const { return join_key(path_, key); }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] ReadContext& context() const { return context_; }

  /// Reports every key of the table that no read asked about.
  void finish();

 private:
  /// The node at `key` when present and of `type`; nullptr otherwise (a problem when the type
  /// is wrong). Marks the key as known either way.
  const toml::node* typed(std::string_view key, toml::node_type type);
  void invalid_choice(std::string_view key, const std::string& value, const std::string& valid);
  void out_of_range(std::string_view key, std::int64_t value, std::int64_t min, std::int64_t max);

  const toml::table& table_;
  std::string path_;
  ReadContext& context_;
  std::set<std::string, std::less<>> asked_;
};

}  // namespace wv::config_detail
