// The documentation cannot drift from the loader: the example config parses to the defaults,
// and the example, woovisma.toml(5) and the loader know the same keys with the same defaults.

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/unit/test_config_support.hpp"

namespace {

const std::filesystem::path kSourceDir = WOOVISMA_SOURCE_DIR;

std::string example_text() {
  return wv::testing::read_file(kSourceDir / "scripts" / "woovisma.example.toml");
}
std::string man_text() { return wv::testing::read_file(kSourceDir / "man" / "woovisma.toml.5"); }

// The example with its settings uncommented: "#key = value" and "#[table]" lines lose their
// "#"; prose comments ("# text") stay.
std::string uncommented(const std::string& text) {
  static const std::regex setting(R"(^#(?=[A-Za-z0-9_"\[]))", std::regex::multiline);
  return std::regex_replace(text, setting, "");
}

// The key a scanned line documents: entries of a free-form table (orders.shipping_articles.25)
// count as their table.
std::string documented_key(const std::string& key, const std::set<std::string>& known) {
  if (known.contains(key)) return key;
  const auto dot = key.rfind('.');
  if (dot != std::string::npos && known.contains(key.substr(0, dot))) return key.substr(0, dot);
  return key;
}

std::string unescape_roff(std::string text) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\\(dq", "\""},
                                 {"\\e", "\\"}, {"\\-", "-"}, {"\\&", ""}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

// Keys the man page documents (".It Cm KEY [No = Li DEFAULT]" in DESCRIPTION), with their
// documented default ("" when the entry gives none).
std::map<std::string, std::string> man_keys() {
  std::map<std::string, std::string> keys;
  std::istringstream in(man_text());
  std::string line;
  bool in_description = false;
  static const std::regex item(R"(^\.It Cm (\S+)(?: No = Li (.*))?$)");
  while (std::getline(in, line)) {
    if (line.rfind(".Sh ", 0) == 0) in_description = line == ".Sh DESCRIPTION";
    std::smatch match;
    if (in_description && std::regex_match(line, match, item)) {
      keys[match[1].str()] = unescape_roff(match[2].str());
    }
  }
  return keys;
}

// The literal blocks of the man page's EXAMPLES section.
std::vector<std::string> man_examples() {
  std::vector<std::string> blocks;
  std::istringstream in(man_text());
  std::string line;
  bool in_examples = false;
  std::optional<std::string> block;
  while (std::getline(in, line)) {
    if (line.rfind(".Sh ", 0) == 0) in_examples = line == ".Sh EXAMPLES";
    if (!in_examples) continue;
    if (line.rfind(".Bd -literal", 0) == 0) {
      block.emplace();
    } else if (line == ".Ed" && block) {
      blocks.push_back(*block);
      block.reset();
    } else if (block) {
      *block += unescape_roff(line) + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("the example config parses, to the defaults", "[config]") {
  // As shipped, everything is commented out.
  auto as_shipped = wv::testing::parse_config(example_text());
  REQUIRE(as_shipped);
  wv::Config defaults;
  defaults.source = "woovisma.toml";
  CHECK(*as_shipped == defaults);

  auto parsed = wv::testing::parse_config(uncommented(example_text()));
  INFO(uncommented(example_text()));
  REQUIRE(parsed);
  wv::Config config = *parsed;
  // Tables without defaults hold examples; everything else is the default.
  REQUIRE(config.shops.size() == 1);
  CHECK(config.shops[0] == wv::ShopConfig{});
  CHECK(config.orders.shipping_articles.at("25") == "FRAKT25");
  CHECK(config.orders.fee_articles.contains("default"));
  CHECK(config.orders.terms_of_payment.contains("bacs"));
  CHECK(config.articles.coding_by_vat.contains("25"));
  CHECK(config.orders.discount_articles.contains("25"));
  CHECK(config.orders.generic_articles.contains("25"));
  CHECK(config.orders.start_date.has_value());
  REQUIRE(config.field_mappings.size() == 1);
  CHECK(config.field_mappings[0].entity == "order");
  config.shops.clear();
  config.orders.shipping_articles.clear();
  config.orders.fee_articles.clear();
  config.orders.terms_of_payment.clear();
  config.orders.discount_articles.clear();
  config.orders.generic_articles.clear();
  config.orders.start_date.reset();
  config.articles.coding_by_vat.clear();
  config.field_mappings.clear();
  CHECK(config == defaults);
}

TEST_CASE("the example, the man page and the loader know the same keys", "[config]") {
  const std::set<std::string> known = wv::config_detail::config_key_names();
  REQUIRE(known.size() > 50);
  const auto documented = man_keys();

  std::set<std::string> in_example;
  for (const auto& line : wv::testing::scan_keys(uncommented(example_text()))) {
    const std::string key = documented_key(line.key, known);
    INFO("example line " << line.line << ": " << line.key);
    CHECK(known.contains(key));
    CHECK(documented.contains(key));
    in_example.insert(key);
  }
  for (const std::string& key : known) {
    INFO(key);
    CHECK(documented.contains(key));
    // Tables of free-form keys appear in the example as [table] headers with example entries.
    CHECK(in_example.contains(key));
  }
  for (const auto& [key, value] : documented) {
    INFO("man page documents " << key);
    CHECK(known.contains(key));
  }
}

TEST_CASE("the man page gives the defaults the example shows", "[config]") {
  const std::set<std::string> known = wv::config_detail::config_key_names();
  const auto documented = man_keys();
  std::size_t compared = 0;
  for (const auto& line : wv::testing::scan_keys(uncommented(example_text()))) {
    if (!known.contains(line.key)) continue;  // entries of free-form tables
    const auto it = documented.find(line.key);
    REQUIRE(it != documented.end());
    if (it->second.empty()) continue;  // no default (field_mapping[].*)
    INFO(line.key);
    CHECK(it->second == line.value);
    ++compared;
  }
  CHECK(compared >= 50);
}

TEST_CASE("the man page's examples load", "[config]") {
  const auto blocks = man_examples();
  REQUIRE(blocks.size() == 3);  // two configs and a secrets file
  auto first = wv::testing::parse_config(blocks[0]);
  REQUIRE(first);
  CHECK(first->orders.target == wv::DocumentTarget::SalesOrder);
  CHECK(first->orders.shipping_articles.at("default") == "FRAKT");

  wv::testing::TempDir dir;
  const auto config_file = wv::testing::write_file(dir.path() / "woovisma.toml", blocks[1], 0644);
  wv::testing::write_file(dir.path() / "secrets.toml", blocks[2], 0600);
  auto second = wv::testing::load_with(config_file, wv::MapEnvironment());
  REQUIRE(second);
  REQUIRE(second->shops.size() == 2);
  CHECK(second->shops[1].name == "outlet");
  CHECK(second->shops[1].consumer_secret == "cs_...");
  CHECK(second->visma.client_secret == "...");
  CHECK(wv::validate_for_remote_use(*second, true, false));
}
