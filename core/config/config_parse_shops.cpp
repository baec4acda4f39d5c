// The [[shop]] tables: one per WooCommerce shop, named so that each keeps its own state and
// finds its own secrets in the environment and the secrets file.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/config/config_detail.hpp"
#include "core/config/config_sections.hpp"

namespace wv::config_detail {
namespace {

// Names end up in environment variable names, store keys and log lines: no blanks around
// them and no control characters in them.
bool is_usable_name(std::string_view name) {
  if (name.empty()) return false;
  if (std::isspace(static_cast<unsigned char>(name.front())) ||
      std::isspace(static_cast<unsigned char>(name.back()))) {
    return false;
  }
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return std::iscntrl(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

void read_shops(TableReader& root, std::vector<ShopConfig>& out) {
  std::vector<TableReader> tables = root.table_array("shop");
  std::map<std::string, std::string> path_by_name;      // "main" -> "shop[0]"
  std::map<std::string, std::string> name_by_env_name;  // "SE_SHOP" -> "se-shop"
  std::vector<ShopConfig> shops;
  for (TableReader& table : tables) {
    ShopConfig shop;
    const bool named = table.text("name", shop.name);
    if (named && !is_usable_name(shop.name)) {
      table.problem("name", fmt::format("\"{}\" = \"{}\" is not a usable name: it must not be "
                                        "empty or start or end with blanks",
                                        table.path_of("name"), shop.name));
    } else if (!named && tables.size() > 1) {
      table.problem_here(fmt::format(
          "{} has no name: when there are several [[shop]] tables, each must set name = \"...\"",
          table.path()));
    } else if (auto [it, inserted] = path_by_name.emplace(shop.name, table.path()); !inserted) {
      table.problem("name", fmt::format("shop name \"{}\" is used by both {} and {}; names must "
                                        "be unique",
                                        shop.name, it->second, table.path()));
    } else if (auto [env_it, fresh] = name_by_env_name.emplace(shop_env_name(shop.name), shop.name);
               !fresh) {
      table.problem("name",
                    fmt::format("shop names \"{}\" and \"{}\" give the same environment variable "
                                "names ({}); rename one",
                                env_it->second, shop.name,
                                shop_env_variable(shop.name, "CONSUMER_KEY")));
    }
    if (table.text("url", shop.url) && !shop.url.empty() && !is_http_url(shop.url)) {
      table.problem("url", fmt::format("\"{}\" must be an http:// or https:// URL such as "
                                       "\"https://shop.example.com\", not \"{}\"",
                                       table.path_of("url"), shop.url));
    }
    table.secret("consumer_key", shop.consumer_key);
    table.secret("consumer_secret", shop.consumer_secret);
    table.choice("auth", shop.auth);
    table.text("cost_center_item_id", shop.cost_center_item_id);
    table.flag("assume_https", shop.assume_https);
    table.finish();
    shops.push_back(std::move(shop));
  }
  out = std::move(shops);
}

}  // namespace wv::config_detail
