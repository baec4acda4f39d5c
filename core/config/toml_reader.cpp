// Typed reads of one table's keys, each recording what is wrong in the shared ReadContext.

#include "core/config/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/redact.hpp"

namespace wv::config_detail {

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

bool TableReader::date(std::string_view key, std::optional<Date>& out) {
  asked_.emplace(key);
  context_.known_key(path_of(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return false;
  if (const auto* d = node->as_date()) {
    const toml::date v = d->get();
    const Date date{std::chrono::year{v.year}, std::chrono::month{v.month}, std::chrono::day{v.day}};
    if (date.ok()) {
      out = date;
      return true;
    }
  } else if (const auto* s = node->as_string()) {
    if (auto parsed = parse_date(s->get()); parsed && s->get().size() == 10) {
      out = *parsed;
      return true;
    }
  }
  problem(key, fmt::format("\"{}\" must be a date such as 2026-11-01", path_of(key)));
  return false;
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
