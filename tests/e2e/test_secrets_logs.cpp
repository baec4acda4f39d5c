// No secret in anything woovisma prints, even at -v -v (HTTP traces): check, sync-orders with a
// token refresh in the middle, and auth visma, run as real programs against the sandbox. The
// secrets are read back from where they live: the config, the stores (before and after the
// runs), the redirect's code and the sandbox's request log (OAuth 1.0a signatures). Also the
// modes of the config and store files.

#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <sys/stat.h>

#include "core/crypto.hpp"
#include "core/http/http.hpp"
#include "tests/e2e/test_sandbox_support.hpp"

namespace {

using namespace wv;
using testing::SandboxProcess;

void add_tokens(std::vector<std::string>& secrets, const std::optional<OAuthTokens>& tokens) {
  REQUIRE(tokens.has_value());
  secrets.push_back(tokens->access_token);
  secrets.push_back(tokens->refresh_token);
}

// Every oauth_signature the shop received, as sent (percent-encoded) and decoded.
std::vector<std::string> oauth_signatures(SandboxProcess& sandbox) {
  const std::string log = sandbox.control_ok("GET", "/_sandbox/log", "");
  rapidjson::Document doc;
  doc.Parse(log.c_str());
  REQUIRE(doc.IsObject());
  std::vector<std::string> out;
  for (const auto& r : doc["requests"].GetArray()) {
    const std::string query = r["query"].GetString();
    const auto at = query.find("oauth_signature=");
    if (at == std::string::npos) continue;
    const auto start = at + std::string_view("oauth_signature=").size();
    const std::string raw = query.substr(start, query.find('&', start) - start);
    out.push_back(raw);
    out.push_back(url_decode(raw, true));
  }
  return out;
}

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

void check_store_modes(const std::filesystem::path& store) {
  INFO(store);
  CHECK(mode_of(store) == 0700);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(store)) {
    if (!entry.is_regular_file()) continue;
    INFO(entry.path());
    CHECK(mode_of(entry.path()) == 0600);
    ++files;
  }
  CHECK(files >= 2);  // data.mdb and lock.mdb at least
}

}  // namespace

TEST_CASE("no secret appears in what woovisma prints at -v -v", "[e2e][secrets][sandbox]") {
  SandboxProcess sandbox;
  const Config config = testing::load_config_file(sandbox.config());
  REQUIRE(config.shops.size() == 1);
  std::vector<std::string> secrets = {config.shops[0].consumer_key, config.shops[0].consumer_secret,
                                      config.visma.client_secret,
                                      base64_encode(config.visma.client_id + ":" + config.visma.client_secret),
                                      base64_encode(config.shops[0].consumer_key + ":" + config.shops[0].consumer_secret)};
  const auto written = testing::stored_tokens(sandbox.store());
  add_tokens(secrets, written);

  struct Run {
    std::string what;
    testing::ProcessResult result;
  };
  std::vector<Run> runs;
  runs.push_back({"check", testing::run_woovisma({"-v", "-v", "--config", sandbox.config().string(), "check"})});
  // An hour passes at Visma: the next run meets an expired token, refreshes it and gets a new
  // refresh token, all of which it must keep to itself.
  sandbox.control_ok("POST", "/_sandbox/visma/clock/advance", R"({"seconds": 3700})");
  runs.push_back(
      {"sync-orders", testing::run_woovisma({"-v", "-v", "--config", sandbox.config().string(), "sync-orders"})});
  const auto fresh = sandbox.dir() / "fresh.store";
  auto auth = testing::auth_by_paste(sandbox.config(), fresh, {"-v", "-v"});
  runs.push_back({"auth visma", auth.result});
  secrets.push_back(testing::query_param(auth.redirect, "code"));
  runs.push_back({"check after auth", testing::run_woovisma({"-v", "-v", "--config", sandbox.config().string(),
                                                             "--store", fresh.string(), "check"})});

  const auto refreshed = testing::stored_tokens(sandbox.store());
  add_tokens(secrets, refreshed);
  add_tokens(secrets, testing::stored_tokens(fresh));
  const auto signatures = oauth_signatures(sandbox);
  REQUIRE(signatures.size() >= 10);
  secrets.insert(secrets.end(), signatures.begin(), signatures.end());
  for (const auto& s : secrets) REQUIRE(s.size() >= 7);  // no short, common strings in the list

  // The sync-orders run did refresh (so its tokens were in play) and transferred orders.
  REQUIRE(refreshed->refresh_token != written->refresh_token);
  for (const auto& run : runs) {
    INFO(run.what << " exited " << run.result.exit_code << "\n" << run.result.out << run.result.err);
    CHECK(run.result.exit_code == 0);
    CHECK(run.result.err.find(" trace ") != std::string::npos);  // the HTTP traces were on
    CHECK(testing::lines_with_secrets(run.result.out, secrets).empty());
    CHECK(testing::lines_with_secrets(run.result.err, secrets).empty());
    for (const auto& line : testing::lines_with_secrets(run.result.out + run.result.err, secrets)) UNSCOPED_INFO(line);
  }
  CHECK(runs[1].result.err.find("→ Visma invoice draft") != std::string::npos);

  // Files: the config and both stores are private.
  CHECK(mode_of(sandbox.config()) == 0600);
  check_store_modes(sandbox.store());
  check_store_modes(fresh);
}
