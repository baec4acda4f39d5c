// The WOOVISMA_* environment variables: settings a cron line or a systemd unit can override,
// and the secrets that are better kept out of files.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/config/config_detail.hpp"
#include "core/config/config_enums.hpp"
#include "core/redact.hpp"

namespace wv {
namespace {

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(const std::string& name) const override {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  }
};

}  // namespace

const Environment& process_environment() {
  static const ProcessEnvironment environment;
  return environment;
}

}  // namespace wv

namespace wv::config_detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<bool> parse_switch(const std::string& variable, const std::string& value) {
  const std::string word = lower(value);
  if (word == "1" || word == "true" || word == "yes" || word == "on") return true;
  if (word == "0" || word == "false" || word == "no" || word == "off") return false;
  return fail(ErrorKind::Config,
              fmt::format("{}=\"{}\" is not valid; valid values: 1, true, yes, on, 0, false, no, "
                          "off",
                          variable, value));
}

template <class E>
Status apply_choice(const Environment& env, const std::string& variable, E& out) {
  const auto value = env_value(env, variable);
  if (!value) return {};
  const auto parsed = enum_from_name<E>(*value);
  if (!parsed) {
    return fail(ErrorKind::Config, fmt::format("{}=\"{}\" is not valid; valid values: {}",
                                               variable, *value, enum_valid_names<E>()));
  }
  out = *parsed;
  return {};
}

// Stores the variable's value in `out` when set, registering it first when it is a secret.
void apply_text(const Environment& env, const std::string& variable, std::string& out,
                bool is_secret) {
  if (auto value = env_value(env, variable)) {
    if (is_secret) register_secret(*value);
    out = std::move(*value);
  }
}

Status apply_shop_secrets(std::vector<ShopConfig>& shops, const Environment& env) {
  // The short names serve the common single-shop case; with several shops they would be
  // ambiguous, so they are refused rather than silently applied to one.
  for (const char* generic : {"WOOVISMA_CONSUMER_KEY", "WOOVISMA_CONSUMER_SECRET"}) {
    const auto value = env_value(env, generic);
    if (!value) continue;
    register_secret(*value);
    if (shops.size() > 1) {
      return fail(ErrorKind::Config,
                  fmt::format("{} is set but there are {} shops: set {} (and the like for each "
                              "shop) instead",
                              generic, shops.size(),
                              shop_env_variable(shops.front().name,
                                                std::string_view(generic).substr(9))));
    }
  }
  if (shops.size() == 1) {
    apply_text(env, "WOOVISMA_CONSUMER_KEY", shops.front().consumer_key, true);
    apply_text(env, "WOOVISMA_CONSUMER_SECRET", shops.front().consumer_secret, true);
  }
  for (ShopConfig& shop : shops) {
    apply_text(env, shop_env_variable(shop.name, "CONSUMER_KEY"), shop.consumer_key, true);
    apply_text(env, shop_env_variable(shop.name, "CONSUMER_SECRET"), shop.consumer_secret, true);
  }
  return {};
}

}  // namespace

std::string shop_env_name(std::string_view shop_name) {
  std::string out;
  out.reserve(shop_name.size());
  for (unsigned char c : shop_name) {
    out += std::isalnum(c) != 0 && c < 0x80 ? static_cast<char>(std::toupper(c)) : '_';
  }
  return out;
}

std::string shop_env_variable(std::string_view shop_name, std::string_view what) {
  return fmt::format("WOOVISMA_SHOP_{}_{}", shop_env_name(shop_name), what);
}

std::optional<std::string> env_value(const Environment& env, const std::string& name) {
  auto value = env.get(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

Status apply_environment(Config& config, const Environment& env) {
  if (auto store = env_value(env, "WOOVISMA_STORE")) config.store_dir = *store;
  if (auto status = apply_choice(env, "WOOVISMA_LOG_LEVEL", config.log_level); !status) {
    return status;
  }
  if (auto status = apply_choice(env, "WOOVISMA_LOG_FORMAT", config.log_format); !status) {
    return status;
  }
  if (auto dry_run = env_value(env, "WOOVISMA_DRY_RUN")) {
    auto parsed = parse_switch("WOOVISMA_DRY_RUN", *dry_run);
    if (!parsed) return fail(parsed.error());
    config.dry_run = *parsed;
  }
  apply_text(env, "WOOVISMA_VISMA_CLIENT_ID", config.visma.client_id, false);
  apply_text(env, "WOOVISMA_VISMA_CLIENT_SECRET", config.visma.client_secret, true);
  return apply_shop_secrets(config.shops, env);
}

}  // namespace wv::config_detail
