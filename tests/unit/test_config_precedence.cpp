// Where each setting comes from: command line > environment > file > defaults, for every
// setting that can be overridden, and environment > secrets file > config file for secrets.

#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/redact.hpp"
#include "tests/unit/test_config_support.hpp"

using wv::CommandLineOverrides;
using wv::MapEnvironment;
using wv::testing::load_with;
using wv::testing::TempDir;
using wv::testing::write_file;

TEST_CASE("no config file anywhere gives the defaults", "[config]") {
  auto config = wv::load_config({}, MapEnvironment());
  REQUIRE(config);
  CHECK(*config == wv::Config{});
  CHECK(config->source.empty());
}

TEST_CASE("the config file comes from --config, else WOOVISMA_CONFIG", "[config]") {
  TempDir dir;
  const auto from_env = write_file(dir.path() / "env.toml", "flow = \"erp\"\n");
  const auto from_cli = write_file(dir.path() / "cli.toml", "flow = \"combo\"\n");
  MapEnvironment env({{"WOOVISMA_CONFIG", from_env.string()}});

  auto env_only = wv::load_config({}, env);
  REQUIRE(env_only);
  CHECK(env_only->flow == wv::Flow::Erp);
  CHECK(env_only->source == from_env);

  auto both = load_with(from_cli, env);
  REQUIRE(both);
  CHECK(both->flow == wv::Flow::Combo);
  CHECK(both->source == from_cli);

  // An empty variable counts as unset.
  auto empty = wv::load_config({}, MapEnvironment({{"WOOVISMA_CONFIG", ""}}));
  REQUIRE(empty);
  CHECK(empty->source.empty());
}

TEST_CASE("a missing or unreadable config file is one line naming it and its origin", "[config]") {
  TempDir dir;
  const auto missing = dir.path() / "nope.toml";
  auto from_cli = load_with(missing, MapEnvironment());
  REQUIRE_FALSE(from_cli);
  CHECK(from_cli.error().kind == wv::ErrorKind::Config);
  CHECK(from_cli.error().message == "cannot read config file " + missing.string() +
                                        ": No such file or directory (named by --config)");

  auto from_env = wv::load_config({}, MapEnvironment({{"WOOVISMA_CONFIG", missing.string()}}));
  REQUIRE_FALSE(from_env);
  CHECK(from_env.error().message == "cannot read config file " + missing.string() +
                                        ": No such file or directory (named by WOOVISMA_CONFIG)");

  auto directory = load_with(dir.path(), MapEnvironment());
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message ==
        "cannot read config file " + dir.path().string() + ": not a regular file (named by --config)");
}

TEST_CASE("store: command line > environment > file > default", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml", "store = \"/file/store\"\n");
  MapEnvironment env({{"WOOVISMA_STORE", "/env/store"}});
  CommandLineOverrides cli;
  cli.store_dir = "/cli/store";

  CHECK(wv::load_config({}, MapEnvironment())->store_dir == "/var/lib/woovisma");
  CHECK(load_with(file, MapEnvironment())->store_dir == "/file/store");
  CHECK(load_with(file, env)->store_dir == "/env/store");
  CHECK(load_with(file, env, cli)->store_dir == "/cli/store");
  CHECK(wv::load_config({}, env)->store_dir == "/env/store");
  CHECK(wv::load_config(cli, MapEnvironment())->store_dir == "/cli/store");
}

TEST_CASE("relative paths in the file are relative to the file's directory", "[config]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "etc");
  const auto file = write_file(dir.path() / "etc" / "woovisma.toml",
                               "store = \"../state\"\n[http]\nca_bundle = \"ca.pem\"\n");
  auto config = load_with(file, MapEnvironment());
  REQUIRE(config);
  CHECK(config->store_dir == (dir.path() / "state").lexically_normal());
  CHECK(config->http.ca_bundle == (dir.path() / "etc" / "ca.pem").string());
  // The environment's paths are the caller's business.
  CHECK(load_with(file, MapEnvironment({{"WOOVISMA_STORE", "rel/store"}}))->store_dir ==
        "rel/store");
}

TEST_CASE("log level: command line > environment > file > default", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml", "[log]\nlevel = \"warn\"\n");
  MapEnvironment env({{"WOOVISMA_LOG_LEVEL", "debug"}});
  CommandLineOverrides cli;
  cli.log_level = wv::LogLevel::Trace;

  CHECK(wv::load_config({}, MapEnvironment())->log_level == wv::LogLevel::Info);
  CHECK(load_with(file, MapEnvironment())->log_level == wv::LogLevel::Warn);
  CHECK(load_with(file, env)->log_level == wv::LogLevel::Debug);
  CHECK(load_with(file, env, cli)->log_level == wv::LogLevel::Trace);

  auto bad = load_with(file, MapEnvironment({{"WOOVISMA_LOG_LEVEL", "verbose"}}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message ==
        "WOOVISMA_LOG_LEVEL=\"verbose\" is not valid; valid values: error, warn, info, debug, trace");
}

TEST_CASE("log format: command line > environment > file > default", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml", "[log]\nformat = \"json\"\n");
  MapEnvironment env({{"WOOVISMA_LOG_FORMAT", "text"}});
  CommandLineOverrides cli;
  cli.log_format = wv::LogFormat::Json;

  CHECK(wv::load_config({}, MapEnvironment())->log_format == wv::LogFormat::Text);
  CHECK(load_with(file, MapEnvironment())->log_format == wv::LogFormat::Json);
  CHECK(load_with(file, env)->log_format == wv::LogFormat::Text);
  CHECK(load_with(file, env, cli)->log_format == wv::LogFormat::Json);
  CHECK(wv::load_config({}, MapEnvironment({{"WOOVISMA_LOG_FORMAT", "json"}}))->log_format ==
        wv::LogFormat::Json);

  auto bad = wv::load_config({}, MapEnvironment({{"WOOVISMA_LOG_FORMAT", "xml"}}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "WOOVISMA_LOG_FORMAT=\"xml\" is not valid; valid values: text, json");
}

TEST_CASE("dry run: command line > environment > file > default", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml", "dry_run = true\n");
  MapEnvironment env({{"WOOVISMA_DRY_RUN", "0"}});
  CommandLineOverrides cli;
  cli.dry_run = true;

  CHECK_FALSE(wv::load_config({}, MapEnvironment())->dry_run);
  CHECK(load_with(file, MapEnvironment())->dry_run);
  CHECK_FALSE(load_with(file, env)->dry_run);
  CHECK(load_with(file, env, cli)->dry_run);
  cli.dry_run = false;
  CHECK_FALSE(load_with(file, MapEnvironment(), cli)->dry_run);

  for (const char* yes : {"1", "true", "YES", "on"}) {
    INFO(yes);
    CHECK(wv::load_config({}, MapEnvironment({{"WOOVISMA_DRY_RUN", yes}}))->dry_run);
  }
  for (const char* no : {"0", "false", "No", "off", ""}) {
    INFO(no);
    CHECK_FALSE(load_with(write_file(dir.path() / "off.toml", "dry_run = false\n"),
                          MapEnvironment({{"WOOVISMA_DRY_RUN", no}}))
                    ->dry_run);
  }
  auto bad = wv::load_config({}, MapEnvironment({{"WOOVISMA_DRY_RUN", "maybe"}}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message ==
        "WOOVISMA_DRY_RUN=\"maybe\" is not valid; valid values: 1, true, yes, on, 0, false, no, off");
}

TEST_CASE("secrets: environment > secrets file > config file", "[config]") {
  wv::clear_registered_secrets_for_tests();
  TempDir dir;
  const std::string shop_and_visma =
      "[visma]\nclient_id = \"id_file\"\nclient_secret = \"vs_file\"\n"
      "[[shop]]\nconsumer_key = \"ck_file\"\nconsumer_secret = \"cs_file\"\n";
  const auto plain = write_file(dir.path() / "plain.toml", shop_and_visma);
  const auto with_secrets_file =
      write_file(dir.path() / "with.toml", "secrets_file = \"secrets.toml\"\n" + shop_and_visma);
  write_file(dir.path() / "secrets.toml",
             "[visma]\nclient_id = \"id_sfile\"\nclient_secret = \"vs_sfile\"\n"
             "[shop.main]\nconsumer_key = \"ck_sfile\"\nconsumer_secret = \"cs_sfile\"\n");
  MapEnvironment env({{"WOOVISMA_VISMA_CLIENT_ID", "id_env"},
                      {"WOOVISMA_VISMA_CLIENT_SECRET", "vs_env"},
                      {"WOOVISMA_SHOP_MAIN_CONSUMER_KEY", "ck_env"},
                      {"WOOVISMA_SHOP_MAIN_CONSUMER_SECRET", "cs_env"}});

  auto file_only = load_with(plain, MapEnvironment());
  REQUIRE(file_only);
  CHECK(file_only->visma.client_id == "id_file");
  CHECK(file_only->visma.client_secret == "vs_file");
  CHECK(file_only->shops.at(0).consumer_key == "ck_file");
  CHECK(file_only->shops.at(0).consumer_secret == "cs_file");

  auto secrets_file = load_with(with_secrets_file, MapEnvironment());
  REQUIRE(secrets_file);
  CHECK(secrets_file->secrets_file == dir.path() / "secrets.toml");
  CHECK(secrets_file->visma.client_id == "id_sfile");
  CHECK(secrets_file->visma.client_secret == "vs_sfile");
  CHECK(secrets_file->shops.at(0).consumer_key == "ck_sfile");
  CHECK(secrets_file->shops.at(0).consumer_secret == "cs_sfile");

  auto all = load_with(with_secrets_file, env);
  REQUIRE(all);
  CHECK(all->visma.client_id == "id_env");
  CHECK(all->visma.client_secret == "vs_env");
  CHECK(all->shops.at(0).consumer_key == "ck_env");
  CHECK(all->shops.at(0).consumer_secret == "cs_env");

  // Every secret from every source was registered for redaction as it was read.
  CHECK(wv::redact("vs_file cs_file vs_sfile ck_sfile cs_env ck_env vs_env") ==
        "*** *** *** *** *** *** ***");
  CHECK(wv::redact("id_env") == "id_env");  // a client id is no secret
  wv::clear_registered_secrets_for_tests();
}

TEST_CASE("a secret missing from a higher source keeps the lower one", "[config]") {
  TempDir dir;
  const auto file = write_file(dir.path() / "woovisma.toml",
                               "secrets_file = \"s.toml\"\n[[shop]]\nconsumer_key = \"ck_file\"\n"
                               "consumer_secret = \"cs_file\"\n");
  write_file(dir.path() / "s.toml", "[shop.main]\nconsumer_secret = \"cs_sfile\"\nconsumer_key = \"\"\n");
  auto config = load_with(file, MapEnvironment({{"WOOVISMA_SHOP_MAIN_CONSUMER_KEY", ""}}));
  REQUIRE(config);
  CHECK(config->shops.at(0).consumer_key == "ck_file");
  CHECK(config->shops.at(0).consumer_secret == "cs_sfile");
}

TEST_CASE("each shop finds its secrets in variables named after it", "[config]") {
  using wv::config_detail::shop_env_name;
  using wv::config_detail::shop_env_variable;
  CHECK(shop_env_name("main") == "MAIN");
  CHECK(shop_env_name("se-shop") == "SE_SHOP");
  CHECK(shop_env_name("Outlet 2") == "OUTLET_2");
  CHECK(shop_env_name("\xc3\x85re") == "__RE");  // "Åre": each byte of a non-ASCII letter
  CHECK(shop_env_variable("se-shop", "CONSUMER_SECRET") == "WOOVISMA_SHOP_SE_SHOP_CONSUMER_SECRET");

  TempDir dir;
  const auto two = write_file(dir.path() / "two.toml",
                              "[[shop]]\nname = \"se-shop\"\n[[shop]]\nname = \"Outlet 2\"\n");
  auto config = load_with(two, MapEnvironment({{"WOOVISMA_SHOP_SE_SHOP_CONSUMER_KEY", "ck_se"},
                                              {"WOOVISMA_SHOP_SE_SHOP_CONSUMER_SECRET", "cs_se"},
                                              {"WOOVISMA_SHOP_OUTLET_2_CONSUMER_KEY", "ck_out"},
                                              {"WOOVISMA_SHOP_OUTLET_2_CONSUMER_SECRET", "cs_out"}}));
  REQUIRE(config);
  CHECK(config->shops.at(0).consumer_key == "ck_se");
  CHECK(config->shops.at(0).consumer_secret == "cs_se");
  CHECK(config->shops.at(1).consumer_key == "ck_out");
  CHECK(config->shops.at(1).consumer_secret == "cs_out");

  // With several shops the short names would be ambiguous.
  auto ambiguous = load_with(two, MapEnvironment({{"WOOVISMA_CONSUMER_SECRET", "cs_x"}}));
  REQUIRE_FALSE(ambiguous);
  CHECK(ambiguous.error().message ==
        "WOOVISMA_CONSUMER_SECRET is set but there are 2 shops: set "
        "WOOVISMA_SHOP_SE_SHOP_CONSUMER_SECRET (and the like for each shop) instead");

  // With one shop they apply, and the variables naming the shop win.
  const auto one = write_file(dir.path() / "one.toml", "[[shop]]\nurl = \"https://a.example\"\n");
  auto generic = load_with(one, MapEnvironment({{"WOOVISMA_CONSUMER_KEY", "ck_generic"},
                                               {"WOOVISMA_CONSUMER_SECRET", "cs_generic"},
                                               {"WOOVISMA_SHOP_MAIN_CONSUMER_SECRET", "cs_main"}}));
  REQUIRE(generic);
  CHECK(generic->shops.at(0).consumer_key == "ck_generic");
  CHECK(generic->shops.at(0).consumer_secret == "cs_main");
  wv::clear_registered_secrets_for_tests();
}

TEST_CASE("the process environment reads the real variables", "[config]") {
  const std::string name = "WOOVISMA_TEST_CONFIG_ENV_PROBE";
  ::unsetenv(name.c_str());
  CHECK_FALSE(wv::process_environment().get(name).has_value());
  ::setenv(name.c_str(), "probe value", 1);
  CHECK(wv::process_environment().get(name) == "probe value");
  ::unsetenv(name.c_str());
}
