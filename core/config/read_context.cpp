// Problems and suggestions: what ReadContext makes of what the readers found, and the naming
// helpers both share.

#include "core/config/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <tuple>

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

}  // namespace wv::config_detail
