// Checks of what a command needs beyond a well-formed config: the credentials and addresses of
// the systems it talks to, with messages that say which key or variable to set.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/config/config_detail.hpp"
#include "core/config/toml_reader.hpp"

namespace wv {
namespace {

using config_detail::shop_env_variable;

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// "in /etc/woovisma/woovisma.toml", or how to name a config file when none was read.
std::string in_file(const Config& config) {
  if (config.source.empty()) return "in a config file (none was read: give --config or set WOOVISMA_CONFIG)";
  return "in " + config.source.string();
}

std::string secrets_file_hint(const Config& config, std::string_view table) {
  if (config.secrets_file.empty()) return "";
  return fmt::format(", under [{}] in {}", table, config.secrets_file.string());
}

Status check_shop(const Config& config, std::size_t index) {
  const ShopConfig& shop = config.shops[index];
  const std::string path = fmt::format("shop[{}]", index);
  if (shop.url.empty()) {
    return fail(ErrorKind::Config,
                fmt::format("shop \"{}\" has no URL: set {}.url = \"https://...\" {}", shop.name,
                            path, in_file(config)));
  }
  const std::string secrets_table = config_detail::join_key("shop", shop.name);
  for (const auto& [value, key, what] :
       {std::tuple{&shop.consumer_key, "consumer_key", "CONSUMER_KEY"},
        std::tuple{&shop.consumer_secret, "consumer_secret", "CONSUMER_SECRET"}}) {
    if (!value->empty()) continue;
    const std::string generic =
        config.shops.size() == 1 ? fmt::format(" (or WOOVISMA_{})", what) : std::string();
    return fail(ErrorKind::Config,
                fmt::format("shop \"{}\" has no {}: set {}{}{}, or {}.{} {}", shop.name, key,
                            shop_env_variable(shop.name, what), generic,
                            secrets_file_hint(config, secrets_table), path, key,
                            in_file(config)));
  }
  const bool sends_keys_in_clear = shop.auth == WooAuth::Basic || shop.auth == WooAuth::Query;
  if (sends_keys_in_clear && !config_detail::is_https_url(shop.url) && !shop.assume_https) {
    return fail(ErrorKind::Config,
                fmt::format("shop \"{}\": auth = \"{}\" would send the consumer key and secret "
                            "unencrypted to {}: use an https:// URL, set {}.auth = \"oauth1\" "
                            "(or \"auto\"), or set {}.assume_https = true if a TLS proxy "
                            "in front of the shop protects the connection",
                            shop.name, to_string(shop.auth), shop.url, path, path));
  }
  return {};
}

}  // namespace

Status validate_for_remote_use(const Config& config, bool needs_shop, bool needs_visma) {
  if (needs_shop) {
    if (config.shops.empty()) {
      return fail(ErrorKind::Config,
                  fmt::format("no shop is configured: add a [[shop]] table with url = "
                              "\"https://...\" {}",
                              in_file(config)));
    }
    for (std::size_t i = 0; i < config.shops.size(); ++i) {
      if (auto status = check_shop(config, i); !status) return status;
    }
  }
  if (needs_visma) {
    if (config.visma.client_id.empty()) {
      return fail(ErrorKind::Config,
                  fmt::format("the Visma client id is missing: set WOOVISMA_VISMA_CLIENT_ID{}, "
                              "or visma.client_id {}",
                              secrets_file_hint(config, "visma"), in_file(config)));
    }
    if (config.visma.client_secret.empty()) {
      return fail(ErrorKind::Config,
                  fmt::format("the Visma client secret is missing: set "
                              "WOOVISMA_VISMA_CLIENT_SECRET{}, or visma.client_secret {}",
                              secrets_file_hint(config, "visma"), in_file(config)));
    }
  }
  return {};
}

}  // namespace wv

namespace wv::config_detail {

bool is_https_url(std::string_view url) { return starts_with_nocase(url, "https://"); }

bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (starts_with_nocase(url, "https://")) {
    rest = url.substr(8);
  } else if (starts_with_nocase(url, "http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  const bool blank_or_control = std::any_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isspace(u) != 0 || std::iscntrl(u) != 0;
  });
  if (blank_or_control) return false;
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // Credentials in the URL would end up in logs; a missing host is no URL.
  if (authority.find('@') != std::string_view::npos) return false;
  return !authority.empty() && authority.front() != ':';
}

}  // namespace wv::config_detail
