#pragma once
// The steps load_config() is made of, one file each: reading a file with its permissions,
// mapping the config document onto Config, the secrets file, the environment and the checks
// of values. Internal to core/config (and its tests).

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"

namespace wv::config_detail {

// ---- config_file.cpp ----

struct FileText {
  std::string text;
  mode_t mode = 0;  ///< permission bits of the file as opened
};
/// The whole text of the regular file at `path` and its permission bits. Fails with Config,
/// naming the file as `role` ("config file", "secrets file"), when it is missing, not a
/// regular file or unreadable.
Result<FileText> read_file_with_mode(const std::filesystem::path& path, std::string_view role);
/// True when group or others may read a file of this mode.
bool readable_by_others(mode_t mode);
/// "0644".
std::string octal_mode(mode_t mode);

// ---- config_parse.cpp ----

struct ParsedConfig {
  Config config;
  /// Dotted paths of the non-empty secrets the file holds ("shop[0].consumer_secret").
  std::vector<std::string> secrets;
};
/// The config document `text` read from `file` mapped onto defaults; relative paths in it are
/// resolved against the file's directory. Every secret read is registered for redaction.
/// Fails with Config: "FILE:LINE:COLUMN: <parser's words>" for a syntax error, else
/// "FILE:LINE: <what is wrong>" for the earliest unknown key, wrong type or invalid value.
Result<ParsedConfig> parse_config_text(std::string_view text, const std::filesystem::path& file);
/// Every key the config file may hold, in the documented form: "flow", "log.level",
/// "shop[].url", "orders.shipping_articles", "field_mapping[].entity".
std::set<std::string> config_key_names();

// ---- config_secrets.cpp ----

/// Reads config.secrets_file (when set) and puts the secrets it holds into `config`, over the
/// config file's. Fails with Config when the file is missing, unreadable, readable by group or
/// others, malformed, or names a shop the config does not have.
Status apply_secrets_file(Config& config);

// ---- config_env.cpp ----

/// "SE_SHOP" for "se-shop": how a shop name appears in environment variable names.
std::string shop_env_name(std::string_view shop_name);
/// "WOOVISMA_SHOP_SE_SHOP_CONSUMER_KEY" for ("se-shop", "CONSUMER_KEY").
std::string shop_env_variable(std::string_view shop_name, std::string_view what);
/// Applies the WOOVISMA_* variables (empty ones count as unset) to `config`: store, log
/// level and format, dry run, Visma client id and secret, each shop's keys. Fails with Config,
/// naming the variable, for an invalid value or a variable that is ambiguous.
Status apply_environment(Config& config, const Environment& env);
/// The value of `name` in `env`, nullopt when unset or empty.
std::optional<std::string> env_value(const Environment& env, const std::string& name);

// ---- config_validate.cpp ----

/// True for an absolute http:// or https:// URL with a host and no whitespace.
bool is_http_url(std::string_view url);
/// True for "https://..." (case-insensitive scheme).
bool is_https_url(std::string_view url);

}  // namespace wv::config_detail
