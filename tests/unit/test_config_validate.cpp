// validate_for_remote_use(): what a command that talks to the shop or to Visma needs, and
// messages that say what to set.

#include <catch2/catch.hpp>

#include "tests/unit/test_config_support.hpp"

namespace {

wv::Config ready_config() {
  wv::Config config;
  config.source = "/etc/woovisma/woovisma.toml";
  wv::ShopConfig shop;
  shop.url = "https://shop.example.com";
  shop.consumer_key = "ck_1";
  shop.consumer_secret = "cs_1";
  config.shops.push_back(shop);
  config.visma.client_id = "client";
  config.visma.client_secret = "secret";
  return config;
}

std::string error_of(const wv::Config& config, bool needs_shop, bool needs_visma) {
  auto status = wv::validate_for_remote_use(config, needs_shop, needs_visma);
  REQUIRE_FALSE(status);
  CHECK(status.error().kind == wv::ErrorKind::Config);
  return status.error().message;
}

}  // namespace

TEST_CASE("a complete config is fit for both sides", "[config]") {
  CHECK(wv::validate_for_remote_use(ready_config(), true, true));
  CHECK(wv::validate_for_remote_use(wv::Config{}, false, false));
}

TEST_CASE("a command that talks to the shop needs a shop with URL and keys", "[config]") {
  wv::Config config = ready_config();
  config.shops.clear();
  CHECK(error_of(config, true, false) ==
        "no shop is configured: add a [[shop]] table with url = \"https://...\" in "
        "/etc/woovisma/woovisma.toml");
  CHECK(wv::validate_for_remote_use(config, false, true));
  CHECK(error_of(wv::Config{}, true, false) ==
        "no shop is configured: add a [[shop]] table with url = \"https://...\" in a config file "
        "(none was read: give --config or set WOOVISMA_CONFIG)");

  config = ready_config();
  config.shops[0].url.clear();
  CHECK(error_of(config, true, false) ==
        "shop \"main\" has no URL: set shop[0].url = \"https://...\" in "
        "/etc/woovisma/woovisma.toml");

  config = ready_config();
  config.shops[0].consumer_key.clear();
  CHECK(error_of(config, true, false) ==
        "shop \"main\" has no consumer_key: set WOOVISMA_SHOP_MAIN_CONSUMER_KEY (or "
        "WOOVISMA_CONSUMER_KEY), or shop[0].consumer_key in /etc/woovisma/woovisma.toml");
  config.secrets_file = "/etc/woovisma/secrets.toml";
  CHECK(error_of(config, true, false) ==
        "shop \"main\" has no consumer_key: set WOOVISMA_SHOP_MAIN_CONSUMER_KEY (or "
        "WOOVISMA_CONSUMER_KEY), under [shop.main] in /etc/woovisma/secrets.toml, or "
        "shop[0].consumer_key in /etc/woovisma/woovisma.toml");

  config = ready_config();
  wv::ShopConfig outlet = config.shops[0];
  outlet.name = "outlet 2";
  outlet.consumer_secret.clear();
  config.shops[0].name = "se";
  config.shops.push_back(outlet);
  CHECK(error_of(config, true, false) ==
        "shop \"outlet 2\" has no consumer_secret: set WOOVISMA_SHOP_OUTLET_2_CONSUMER_SECRET, or "
        "shop[1].consumer_secret in /etc/woovisma/woovisma.toml");
  config.secrets_file = "/etc/woovisma/secrets.toml";
  CHECK_THAT(error_of(config, true, false),
             Catch::Contains("under [shop.'outlet 2'] in /etc/woovisma/secrets.toml"));
}

TEST_CASE("keys are not sent in clear over plain http", "[config]") {
  wv::Config config = ready_config();
  config.shops[0].url = "http://shop.example.com";
  for (wv::WooAuth auth : {wv::WooAuth::Basic, wv::WooAuth::Query}) {
    config.shops[0].auth = auth;
    config.shops[0].assume_https = false;
    INFO(wv::to_string(auth));
    CHECK(error_of(config, true, false) ==
          fmt::format("shop \"main\": auth = \"{}\" would send the consumer key and secret "
                      "unencrypted to http://shop.example.com: use an https:// URL, set "
                      "shop[0].auth = \"oauth1\" (or \"auto\"), or set shop[0].assume_https = "
                      "true if a TLS proxy in front of the shop protects the connection",
                      wv::to_string(auth)));
    CHECK(wv::validate_for_remote_use(config, false, true));
    config.shops[0].assume_https = true;
    CHECK(wv::validate_for_remote_use(config, true, false));
  }
  config.shops[0].assume_https = false;
  for (wv::WooAuth auth : {wv::WooAuth::Auto, wv::WooAuth::OAuth1}) {
    config.shops[0].auth = auth;
    CHECK(wv::validate_for_remote_use(config, true, false));
  }
  config.shops[0].url = "HTTPS://shop.example.com";
  config.shops[0].auth = wv::WooAuth::Basic;
  CHECK(wv::validate_for_remote_use(config, true, false));
}

TEST_CASE("a command that talks to Visma needs the client id and secret", "[config]") {
  wv::Config config = ready_config();
  config.visma.client_id.clear();
  CHECK(error_of(config, false, true) ==
        "the Visma client id is missing: set WOOVISMA_VISMA_CLIENT_ID, or visma.client_id in "
        "/etc/woovisma/woovisma.toml");
  CHECK(wv::validate_for_remote_use(config, true, false));

  config = ready_config();
  config.visma.client_secret.clear();
  config.secrets_file = "/etc/woovisma/secrets.toml";
  CHECK(error_of(config, false, true) ==
        "the Visma client secret is missing: set WOOVISMA_VISMA_CLIENT_SECRET, under [visma] in "
        "/etc/woovisma/secrets.toml, or visma.client_secret in /etc/woovisma/woovisma.toml");
}

TEST_CASE("URLs must be absolute http or https URLs", "[config]") {
  using wv::config_detail::is_http_url;
  for (const char* good : {"https://shop.example.com", "http://127.0.0.1:8080/wp", "HTTPS://A.SE",
                           "https://shop.example.com/sub/dir?x=1"}) {
    INFO(good);
    CHECK(is_http_url(good));
  }
  for (const char* bad : {"", "shop.example.com", "ftp://shop.example.com", "https://",
                          "https:///path", "https://:80", "https://user:pw@shop.example.com",
                          "https://shop example.com", "file:///etc/passwd"}) {
    INFO(bad);
    CHECK_FALSE(is_http_url(bad));
  }
}
