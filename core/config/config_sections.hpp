#pragma once
// Readers of the config file's sections, one per table. Each reads every key its table may
// hold into the struct given (keeping defaults for absent keys), records problems in the
// reader's context, and reports the table's unknown keys. Internal to core/config.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/toml_reader.hpp"

namespace wv::config_detail {

void read_log(TableReader& log, Config& config);
void read_http(TableReader& http, HttpSettings& out, const std::filesystem::path& base_dir);
void read_visma(TableReader& visma, VismaConfig& out);
/// Reads the [[shop]] tables of the document `root`.
void read_shops(TableReader& root, std::vector<ShopConfig>& out);
void read_orders(TableReader& orders, OrdersConfig& out);
void read_articles(TableReader& articles, ArticlesConfig& out);
/// Reads the [[field_mapping]] tables of the document `root`.
void read_field_mappings(TableReader& root, std::vector<FieldMapping>& out);

/// What is wrong with `key` as a VAT percent map key ("25", "12", "6", "0", "default"), or
/// nullopt when it is fine. Percents must be written in their shortest form ("25", not "25.0")
/// so that lookups find them.
std::optional<std::string> check_vat_key(std::string_view key);

}  // namespace wv::config_detail
