// The secrets file: the shops' consumer keys and the Visma client secret kept apart from the
// config, so that the config can be world-readable (and kept in version control) while the
// secrets stay in one 0600 file.

#include <fmt/format.h>

#include "core/config/config_detail.hpp"
#include "core/config/toml_reader.hpp"

namespace wv::config_detail {
namespace {

struct ShopSecrets {
  std::string consumer_key;
  std::string consumer_secret;
};

struct FileSecrets {
  std::string client_id;
  std::string client_secret;
  std::map<std::string, ShopSecrets> shops;
};

std::string shop_names(const std::vector<ShopConfig>& shops) {
  std::string names;
  for (const ShopConfig& shop : shops) {
    names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", shop.name);
  }
  return names.empty() ? "none" : names;
}

Result<FileSecrets> parse_secrets(std::string_view text, const std::filesystem::path& file,
                                  const std::vector<ShopConfig>& shops) {
  const std::string label = file.string();
  toml::table document;
  try {
    document = toml::parse(text, label);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return fail(ErrorKind::Config,
                fmt::format("{}:{}:{}: {}", label, where.line, where.column, error.description()));
  }
  FileSecrets secrets;
  ReadContext context(label);
  TableReader root(document, "", context);
  if (auto visma = root.table("visma")) {
    visma->text("client_id", secrets.client_id);
    visma->secret("client_secret", secrets.client_secret);
    visma->finish();
  }
  for (auto& [name, table] : root.named_tables("shop")) {
    ShopSecrets shop;
    table.secret("consumer_key", shop.consumer_key);
    table.secret("consumer_secret", shop.consumer_secret);
    table.finish();
    const bool configured = std::any_of(shops.begin(), shops.end(),
                                        [&](const ShopConfig& s) { return s.name == name; });
    if (!configured) {
      table.problem_here(fmt::format("[{}] names no configured shop (shops: {})", table.path(),
                                     shop_names(shops)));
    }
    secrets.shops.emplace(name, std::move(shop));
  }
  root.finish();
  if (auto problem = context.first_problem()) return fail(*problem);
  return secrets;
}

// Empty values mean "not set here", so they never blank out a value from the config file.
void take(std::string& out, const std::string& value) {
  if (!value.empty()) out = value;
}

}  // namespace

Status apply_secrets_file(Config& config) {
  if (config.secrets_file.empty()) return {};
  const std::filesystem::path& path = config.secrets_file;
  auto file = read_file_with_mode(path, "secrets file");
  if (!file) {
    return fail(ErrorKind::Config, fmt::format("{} (set by secrets_file in {})",
                                               file.error().message, config.source.string()));
  }
  if (readable_by_others(file->mode)) {
    return fail(ErrorKind::Config,
                fmt::format("secrets file {} can be read by group or others (mode {}): run "
                            "\"chmod 600 {}\" (and make it owned by the user woovisma runs as)",
                            path.string(), octal_mode(file->mode), path.string()));
  }
  auto secrets = parse_secrets(file->text, path, config.shops);
  if (!secrets) return fail(secrets.error());
  take(config.visma.client_id, secrets->client_id);
  take(config.visma.client_secret, secrets->client_secret);
  for (ShopConfig& shop : config.shops) {
    auto it = secrets->shops.find(shop.name);
    if (it == secrets->shops.end()) continue;
    take(shop.consumer_key, it->second.consumer_key);
    take(shop.consumer_secret, it->second.consumer_secret);
  }
  return {};
}

}  // namespace wv::config_detail
