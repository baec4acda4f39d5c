// load_config(): defaults, then the config file, then the secrets file (secrets only), then
// the environment, then the command line; each later source wins.

#include <fmt/format.h>

#include "core/config/config_detail.hpp"

namespace wv {
namespace {

using namespace config_detail;

// The environment variable that could hold the secret at `path` instead of the file.
std::string env_variable_for(const Config& config, const std::string& path) {
  if (path == "visma.client_secret") return "WOOVISMA_VISMA_CLIENT_SECRET";
  for (std::size_t i = 0; i < config.shops.size(); ++i) {
    const std::string shop = fmt::format("shop[{}].", i);
    if (path == shop + "consumer_key") return shop_env_variable(config.shops[i].name, "CONSUMER_KEY");
    if (path == shop + "consumer_secret") {
      return shop_env_variable(config.shops[i].name, "CONSUMER_SECRET");
    }
  }
  return "WOOVISMA_*";
}

std::unexpected<Error> refuse_exposed_secrets(const std::filesystem::path& file, mode_t mode,
                                              const ParsedConfig& parsed) {
  std::string keys;
  std::string variables;
  for (const std::string& path : parsed.secrets) {
    keys += (keys.empty() ? "" : ", ") + path;
    variables += (variables.empty() ? "" : ", ") + env_variable_for(parsed.config, path);
  }
  return fail(ErrorKind::Config,
              fmt::format("{} holds secrets ({}) and can be read by group or others (mode {}): "
                          "run \"chmod 600 {}\", or move the secrets to the environment ({}) "
                          "or to a secrets file (secrets_file = \"...\")",
                          file.string(), keys, octal_mode(mode), file.string(), variables));
}

Status load_file(Config& config, const std::filesystem::path& file, std::string_view origin) {
  auto text = read_file_with_mode(file, "config file");
  if (!text) {
    return fail(ErrorKind::Config, fmt::format("{} (named by {})", text.error().message, origin));
  }
  auto parsed = parse_config_text(text->text, file);
  if (!parsed) return fail(parsed.error());
  if (!parsed->secrets.empty() && readable_by_others(text->mode)) {
    return refuse_exposed_secrets(file, text->mode, *parsed);
  }
  config = std::move(parsed->config);
  return apply_secrets_file(config);
}

}  // namespace

Result<Config> load_config(const CommandLineOverrides& cli, const Environment& env) {
  Config config;
  if (cli.config_file) {
    if (auto status = load_file(config, *cli.config_file, "--config"); !status) {
      return fail(status.error());
    }
  } else if (auto file = env_value(env, "WOOVISMA_CONFIG")) {
    if (auto status = load_file(config, *file, "WOOVISMA_CONFIG"); !status) {
      return fail(status.error());
    }
  }
  if (auto status = apply_environment(config, env); !status) return fail(status.error());
  if (cli.store_dir) config.store_dir = *cli.store_dir;
  if (cli.dry_run) config.dry_run = *cli.dry_run;
  if (cli.log_level) config.log_level = *cli.log_level;
  if (cli.log_format) config.log_format = *cli.log_format;
  return config;
}

}  // namespace wv
