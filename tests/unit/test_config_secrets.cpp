// Files that hold secrets must be private to their owner; the secrets file is checked like a
// config file.

#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "tests/unit/test_config_support.hpp"

using wv::MapEnvironment;
using wv::testing::load_with;
using wv::testing::TempDir;
using wv::testing::write_file;

TEST_CASE("a config file with secrets that group or others can read is refused", "[config]") {
  TempDir dir;
  const std::string text =
      "[[shop]]\nurl = \"https://a.example\"\nconsumer_secret = \"cs_0123456789\"\n"
      "[visma]\nclient_secret = \"vs_0123456789\"\n";
  for (mode_t mode : {0644, 0640, 0604}) {
    INFO(mode);
    const auto file = write_file(dir.path() / "woovisma.toml", text, mode);
    auto config = load_with(file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK(config.error().kind == wv::ErrorKind::Config);
    CHECK(config.error().message ==
          fmt::format("{0} holds secrets (shop[0].consumer_secret, visma.client_secret) and can "
                      "be read by group or others (mode {1:04o}): run \"chmod 600 {0}\", or move "
                      "the secrets to the environment (WOOVISMA_SHOP_MAIN_CONSUMER_SECRET, "
                      "WOOVISMA_VISMA_CLIENT_SECRET) or to a secrets file (secrets_file = \"...\")",
                      file.string(), mode));
  }
  for (mode_t mode : {0600, 0400, 0620}) {
    INFO(mode);
    CHECK(load_with(write_file(dir.path() / "woovisma.toml", text, mode), MapEnvironment()));
  }
  wv::clear_registered_secrets_for_tests();
}

TEST_CASE("a config file without secrets may be readable by all", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml",
                               "secrets_file = \"secrets.toml\"\n[[shop]]\nurl = "
                               "\"https://a.example\"\nconsumer_key = \"\"\n[visma]\nclient_id = "
                               "\"my-client\"\n",
                               0644);
  write_file(dir.path() / "secrets.toml", "[shop.main]\nconsumer_key = \"ck_abcdef\"\n", 0600);
  auto config = load_with(file, MapEnvironment({{"WOOVISMA_VISMA_CLIENT_SECRET", "vs_abcdef"}}));
  REQUIRE(config);
  CHECK(config->shops.at(0).consumer_key == "ck_abcdef");
  CHECK(config->visma.client_secret == "vs_abcdef");
  wv::clear_registered_secrets_for_tests();
}

TEST_CASE("the secrets file must be private, present and well-formed", "[config]") {
  TempDir dir;
  const auto config_file = write_file(dir.path() / "woovisma.toml",
                                      "secrets_file = \"secrets.toml\"\n[[shop]]\nname = \"se\"\n",
                                      0644);
  const auto secrets = dir.path() / "secrets.toml";

  SECTION("readable by group or others") {
    for (mode_t mode : {0640, 0644, 0604}) {
      INFO(mode);
      write_file(secrets, "[shop.se]\nconsumer_secret = \"cs_abcdef\"\n", mode);
      auto config = load_with(config_file, MapEnvironment());
      REQUIRE_FALSE(config);
      CHECK(config.error().message ==
            fmt::format("secrets file {0} can be read by group or others (mode {1:04o}): run "
                        "\"chmod 600 {0}\" (and make it owned by the user woovisma runs as)",
                        secrets.string(), mode));
    }
    write_file(secrets, "[shop.se]\nconsumer_secret = \"cs_abcdef\"\n", 0400);
    CHECK(load_with(config_file, MapEnvironment()));
  }
  SECTION("missing") {
    auto config = load_with(config_file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK(config.error().message ==
          fmt::format("cannot read secrets file {}: No such file or directory (set by "
                      "secrets_file in {})",
                      secrets.string(), config_file.string()));
  }
  SECTION("a shop the config does not have") {
    write_file(secrets, "[shop.se]\nconsumer_key = \"ck_x\"\n\n[shop.outlet]\nconsumer_key = \"ck_y\"\n");
    auto config = load_with(config_file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK(config.error().message ==
          secrets.string() + ":4: [shop.outlet] names no configured shop (shops: \"se\")");
  }
  SECTION("an unknown key") {
    write_file(secrets, "[visma]\nclient_secrte = \"vs_x\"\n");
    auto config = load_with(config_file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK(config.error().message == secrets.string() +
                                        ":2: unknown key \"visma.client_secrte\" (did you mean "
                                        "\"visma.client_secret\"?)");
  }
  SECTION("a wrong type") {
    write_file(secrets, "[shop.se]\nconsumer_key = 12345\n");
    auto config = load_with(config_file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK(config.error().message ==
          secrets.string() + ":2: \"shop.se.consumer_key\" must be a string, not an integer");
  }
  SECTION("a syntax error") {
    write_file(secrets, "[shop.se\n");
    auto config = load_with(config_file, MapEnvironment());
    REQUIRE_FALSE(config);
    CHECK_THAT(config.error().message, Catch::StartsWith(secrets.string() + ":1:"));
  }
  SECTION("a shop name that needs quoting") {
    const auto quoted = write_file(dir.path() / "quoted.toml",
                                   "secrets_file = \"secrets.toml\"\n[[shop]]\nname = \"my shop\"\n");
    write_file(secrets, "[shop.'my shop']\nconsumer_key = \"ck_quoted\"\n");
    auto config = load_with(quoted, MapEnvironment());
    REQUIRE(config);
    CHECK(config->shops.at(0).consumer_key == "ck_quoted");
  }
  wv::clear_registered_secrets_for_tests();
}
