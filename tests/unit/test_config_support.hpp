#pragma once
// Helpers shared by the [config] tests: files with chosen permissions, and loading a config
// text through the real loader.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/config_detail.hpp"
#include "tests/support/fixtures.hpp"

namespace wv::testing {

/// Writes `text` to `path` with permission bits `mode` and returns the path.
inline std::filesystem::path write_file(const std::filesystem::path& path,
                                        const std::string& text, mode_t mode = 0600) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
  }
  REQUIRE(::chmod(path.c_str(), mode) == 0);
  return path;
}

/// The config `text` read through parse_config_text() as if from "woovisma.toml".
inline Result<Config> parse_config(const std::string& text) {
  auto parsed = config_detail::parse_config_text(text, "woovisma.toml");
  if (!parsed) return std::unexpected(parsed.error());
  return parsed->config;
}

/// The message of the error parsing `text` gives; fails the test when it parses.
inline std::string parse_error(const std::string& text) {
  auto parsed = parse_config(text);
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().kind == ErrorKind::Config);
  return parsed.error().message;
}

struct KeyLine {
  std::string key;    ///< documented form: "log.level", "shop[].url", "orders.shipping_articles"
  std::string value;  ///< the value's text as written
  int line = 0;
};

/// The "key = value" lines of a simple TOML text (one key per line, [table] and [[array]]
/// headers, no multi-line values), with their full keys in documented form.
inline std::vector<KeyLine> scan_keys(const std::string& text) {
  std::vector<KeyLine> keys;
  std::string table;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("[[", 0) == 0) {
      table = line.substr(2, line.find("]]") - 2) + "[]";
    } else if (line[0] == '[') {
      table = line.substr(1, line.find(']') - 1);
    } else if (auto eq = line.find(" = "); eq != std::string::npos) {
      const std::string key = line.substr(0, eq);
      keys.push_back({table.empty() ? key : table + "." + key, line.substr(eq + 3), number});
    }
  }
  return keys;
}

/// load_config() with the config file `path` on the command line and `env`.
inline Result<Config> load_with(const std::filesystem::path& path, const Environment& env,
                                CommandLineOverrides cli = {}) {
  cli.config_file = path;
  return load_config(cli, env);
}

}  // namespace wv::testing
