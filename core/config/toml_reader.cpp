#include "core/config/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <tuple>

#include "core/redact.hpp"

namespace wv::config_detail {
namespace {

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// Splits a documented key ("shop[].url") into its table ("shop[]") and leaf ("url"). Schema
// keys are bare, so the last dot separates them.
std::pair<std::string_view, std::string_view> split_leaf(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return {{}, path};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

// How different a misspelling may be and still be suggested.
std::size_t suggestion_threshold(std::string_view key) {
  if (key.size() <= 4) return 1;
  if (key.size() <= 10) return 2;
  return 3;
}

// "[visma]" or "[[shop]]" for a documented table path; "the top level" for "".
std::string table_header(std::string_view table) {
  if (table.empty()) return "the top level (before the first [table])";
  if (table.size() > 2 && table.ends_with("[]")) {
    return fmt::format("[[{}]]", table.substr(0, table.size() - 2));
  }
  return fmt::format("[{}]", table);
}

}  // namespace

std::string join_key(std::string_view table_path, std::string_view key) {
  // Keys that are not bare are written as TOML literal strings ('25'), which read well inside
  // the double quotes of messages; a key that holds a ' needs a basic string.
  std::string quoted;
  if (is_bare_key(key)) {
    quoted = key;
  } else if (key.find('\'') == std::string_view::npos) {
    quoted = fmt::format("'{}'", key);
  } else {
    quoted = "\"";
    for (char c : key) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
  }
  if (table_path.empty()) return quoted;
  return fmt::format("{}.{}", table_path, quoted);
}

std::string schema_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] == '[') {
      std::size_t j = i + 1;
      while (j < path.size() && std::isdigit(static_cast<unsigned char>(path[j]))) ++j;
      if (j > i + 1 && j < path.size() && path[j] == ']') i = j - 1;
    }
  }
  return out;
}

std::string_view type_description(toml::node_type type) {
  switch (type) {
    case toml::node_type::none: return "nothing";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean (true or false)";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
  }
  return "a value";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// ---- ReadContext ----

void ReadContext::problem(const toml::source_region& where, std::string message) {
  problems_.push_back({where.begin.line, where.begin.column, std::move(message)});
}

void ReadContext::unknown_key(const toml::source_region& where, std::string table_path,
                              std::string key) {
  unknown_keys_.push_back(
      {where.begin.line, where.begin.column, std::move(table_path), std::move(key)});
}

void ReadContext::known_key(const std::string& path) { known_keys_.insert(schema_path(path)); }

std::string ReadContext::describe(const UnknownKey& unknown) const {
  std::string message =
      fmt::format("unknown key \"{}\"", join_key(unknown.table_path, unknown.key));
  const std::string table = schema_path(unknown.table_path);

  // A misspelling of a key of the same table?
  std::string_view best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto* names : {&known_keys_, &known_tables_}) {
    for (const std::string& known : *names) {
      auto [known_table, leaf] = split_leaf(known);
      if (leaf.ends_with("[]")) leaf.remove_suffix(2);
      if (known_table != table) continue;
      const std::size_t distance = edit_distance(unknown.key, leaf);
      if (distance < best_distance) {
        best_distance = distance;
        best = leaf;
      }
    }
  }
  if (!best.empty() && best_distance <= suggestion_threshold(unknown.key)) {
    return fmt::format("{} (did you mean \"{}\"?)", message, join_key(unknown.table_path, best));
  }
  // A key of another table, written in the wrong place?
  for (const std::string& known : known_keys_) {
    const auto [known_table, leaf] = split_leaf(known);
    if (leaf == unknown.key && known_table != table) {
      return fmt::format("{} (\"{}\" belongs in {})", message, leaf, table_header(known_table));
    }
  }
  return message;
}

std::vector<std::string> ReadContext::secrets_found() const {
  std::vector<Problem> found = secrets_found_;
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::vector<std::string> paths;
  for (Problem& secret : found) paths.push_back(std::move(secret.message));
  return paths;
}

std::optional<Error> ReadContext::first_problem() const {
  std::vector<Problem> all = problems_;
  for (const UnknownKey& unknown : unknown_keys_) {
    all.push_back({unknown.line, unknown.column, describe(unknown)});
  }
  if (all.empty()) return std::nullopt;
  const auto earliest = std::min_element(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  const std::string where =
      earliest->line == 0 ? file_label_ : fmt::format("{}:{}", file_label_, earliest->line);
  return Error(ErrorKind::Config, fmt::format("{}: {}", where, earliest->message));
}

// ---- TableReader ----

const toml::node* TableReader::typed(std::string_view key, toml::node_type type) {
  asked_.emplace(key);
  const std::string full = path_of(key);
  context_.known_key(full);
  const toml::node* node = table_.get(key);
  if (node == nullptr) return nullptr;
  if (node->type() != type) {
    problem(key, fmt::format("\"{}\" must be {}, not {}", full, type_description(type),
                             type_description(node->type())));
    return nullptr;
  }
  return node;
}

void TableReader::problem(std::string_view key, const std::string& message) {
  const toml::node* node = table_.get(key);
  context_.problem(node != nullptr ? node->source() : table_.source(), message);
}

void TableReader::problem_here(const std::string& message) {
  context_.problem(table_.source(), message);
}

void TableReader::invalid_choice(std::string_view key, const std::string& value,
                                 const std::string& valid) {
  problem(key, fmt::format("\"{}\" = \"{}\" is not valid; valid values: {}", path_of(key), value,
                           valid));
}

void TableReader::out_of_range(std::string_view key, std::int64_t value, std::int64_t min,
                               std::int64_t max) {
  problem(key, fmt::format("\"{}\" must be between {} and {}, not {}", path_of(key), min, max,
                           value));
}

bool TableReader::text(std::string_view key, std::string& out) {
  const toml::node* node = typed(key, toml::node_type::string);
  if (node == nullptr) return false;
  out = node->as_string()->get();
  return true;
}

bool TableReader::secret(std::string_view key, std::string& out) {
  const toml::node* node = typed(key, toml::node_type::string);
  if (node == nullptr) return false;
  out = node->as_string()->get();
  register_secret(out);
  if (!out.empty()) context_.secret_found(node->source(), path_of(key));
  return true;
}

bool TableReader::flag(std::string_view key, bool& out) {
  const toml::node* node = typed(key, toml::node_type::boolean);
  if (node == nullptr) return false;
  out = node->as_boolean()->get();
  return true;
}

bool TableReader::integer(std::string_view key, std::int64_t& out, std::int64_t min,
                          std::int64_t max) {
  const toml::node* node = typed(key, toml::node_type::integer);
  if (node == nullptr) return false;
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) {
    out_of_range(key, value, min, max);
    return false;
  }
  out = value;
  return true;
}

bool TableReader::integer(std::string_view key, int& out, int min, int max) {
  std::int64_t value = 0;
  if (!integer(key, value, min, max)) return false;
  out = static_cast<int>(value);
  return true;
}

bool TableReader::seconds(std::string_view key, std::chrono::seconds& out, std::int64_t min,
                          std::int64_t max) {
  std::int64_t value = 0;
  if (!integer(key, value, min, max)) return false;
  out = std::chrono::seconds(value);
  return true;
}

bool TableReader::milliseconds(std::string_view key, std::chrono::milliseconds& out,
                               std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  if (!integer(key, value, min, max)) return false;
  out = std::chrono::milliseconds(value);
  return true;
}

bool TableReader::text_list(std::string_view key, std::vector<std::string>& out,
                            bool allow_empty) {
  const toml::node* node = typed(key, toml::node_type::array);
  if (node == nullptr) return false;
  const toml::array& array = *node->as_array();
  if (array.empty() && !allow_empty) {
    problem(key, fmt::format("\"{}\" must not be empty", path_of(key)));
    return false;
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const toml::node& element = array[i];
    const std::string element_path = fmt::format("{}[{}]", path_of(key), i);
    if (!element.is_string()) {
      context_.problem(element.source(),
                       fmt::format("\"{}\" must be a string, not {}", element_path,
                                   type_description(element.type())));
      return false;
    }
    const std::string& value = element.as_string()->get();
    if (value.empty()) {
      context_.problem(element.source(), fmt::format("\"{}\" must not be empty", element_path));
      return false;
    }
    values.push_back(value);
  }
  out = std::move(values);
  return true;
}

bool TableReader::path(std::string_view key, std::filesystem::path& out,
                       const std::filesystem::path& base_dir) {
  std::string value;
  if (!text(key, value)) return false;
  std::filesystem::path path = value;
  if (!value.empty() && path.is_relative() && !base_dir.empty()) path = base_dir / path;
  out = value.empty() ? std::filesystem::path() : path.lexically_normal();
  return true;
}

bool TableReader::one_of(std::string_view key, std::string& out,
                         const std::vector<std::string>& valid) {
  std::string value;
  if (!text(key, value)) return false;
  if (std::find(valid.begin(), valid.end(), value) == valid.end()) {
    std::string names;
    for (const std::string& name : valid) names += (names.empty() ? "" : ", ") + name;
    invalid_choice(key, value, names);
    return false;
  }
  out = value;
  return true;
}

bool TableReader::text_map(
    std::string_view key, std::map<std::string, std::string>& out,
    const std::function<std::optional<std::string>(std::string_view)>& check_key) {
  const toml::node* node = typed(key, toml::node_type::table);
  if (node == nullptr) return false;
  const std::string map_path = path_of(key);
  std::map<std::string, std::string> values;
  bool ok = true;
  for (const auto& [entry_key, entry_value] : *node->as_table()) {
    const std::string entry_path = join_key(map_path, entry_key.str());
    if (auto wrong = check_key(entry_key.str())) {
      context_.problem(entry_key.source(), fmt::format("\"{}\": {}", entry_path, *wrong));
      ok = false;
      continue;
    }
    if (!entry_value.is_string()) {
      context_.problem(entry_value.source(),
                       fmt::format("\"{}\" must be a string, not {}", entry_path,
                                   type_description(entry_value.type())));
      ok = false;
      continue;
    }
    const std::string& value = entry_value.as_string()->get();
    if (value.empty()) {
      context_.problem(entry_value.source(), fmt::format("\"{}\" must not be empty", entry_path));
      ok = false;
      continue;
    }
    values.emplace(std::string(entry_key.str()), value);
  }
  if (ok) out = std::move(values);
  return ok;
}

std::optional<TableReader> TableReader::table(std::string_view key) {
  asked_.emplace(key);
  context_.known_table(path_of(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_table()) {
    problem(key, fmt::format("\"{}\" must be a table ([{}]), not {}", path_of(key),
                             path_of(key), type_description(node->type())));
    return std::nullopt;
  }
  return TableReader(*node->as_table(), path_of(key), context_);
}

std::vector<TableReader> TableReader::table_array(std::string_view key) {
  asked_.emplace(key);
  context_.known_table(path_of(key) + "[]");
  const toml::node* node = table_.get(key);
  if (node == nullptr) return {};
  const toml::array* array = node->as_array();
  const bool all_tables =
      array != nullptr && std::all_of(array->begin(), array->end(),
                                      [](const toml::node& element) { return element.is_table(); });
  if (!all_tables) {
    problem(key, fmt::format("\"{}\" must be an array of tables (written [[{}]]), not {}",
                             path_of(key), path_of(key),
                             array != nullptr ? "an array of other values"
                                              : type_description(node->type())));
    return {};
  }
  std::vector<TableReader> tables;
  for (std::size_t i = 0; i < array->size(); ++i) {
    tables.emplace_back(*(*array)[i].as_table(), fmt::format("{}[{}]", path_of(key), i),
                        context_);
  }
  return tables;
}

std::vector<std::pair<std::string, TableReader>> TableReader::named_tables(std::string_view key) {
  asked_.emplace(key);
  context_.known_table(path_of(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return {};
  if (!node->is_table()) {
    problem(key, fmt::format("\"{}\" must be a table ([{}.NAME]), not {}", path_of(key),
                             path_of(key), type_description(node->type())));
    return {};
  }
  std::vector<std::pair<std::string, TableReader>> tables;
  for (const auto& [name, value] : *node->as_table()) {
    const std::string table_path = join_key(path_of(key), name.str());
    if (!value.is_table()) {
      context_.problem(value.source(), fmt::format("\"{}\" must be a table ([{}]), not {}",
                                                   table_path, table_path,
                                                   type_description(value.type())));
      continue;
    }
    tables.emplace_back(std::string(name.str()),
                        TableReader(*value.as_table(), table_path, context_));
  }
  return tables;
}

void TableReader::finish() {
  for (const auto& [key, value] : table_) {
    if (!asked_.contains(key.str())) context_.unknown_key(key.source(), path_, std::string(key.str()));
  }
}

}  // namespace wv::config_detail
