// Exit codes end to end, both real programs: a sandbox that is down is a transient failure (4)
// named in one line, refused credentials an auth failure (5).

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/e2e/test_sandbox_support.hpp"

namespace {

using namespace wv;
using testing::SandboxProcess;

// Few and short retries, so that a sandbox that is down is given up on quickly.
void fast_retries(const SandboxProcess& sandbox) {
  std::ofstream(sandbox.config(), std::ios::app)
      << "\n[http]\nmax_retries = 1\ninitial_backoff_milliseconds = 10\nconnect_timeout_seconds = 2\n";
}

// The lines woovisma printed as its final error ("woovisma: ..."); log lines (the run's summary)
// may come before.
std::vector<std::string> error_lines(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("woovisma: ")) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("a sandbox that is down gives exit 4 and one line naming the host", "[e2e][exit][sandbox]") {
  SandboxProcess sandbox;
  fast_retries(sandbox);
  const std::string host = "127.0.0.1:" + std::to_string(sandbox.port());
  sandbox.stop();

  SECTION("sync-orders") {
    auto r = testing::run_woovisma({"--config", sandbox.config().string(), "sync-orders"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 4);
    const auto errors = error_lines(r.err);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find(host) != std::string::npos);
    CHECK(r.err.ends_with(errors[0] + "\n"));
  }
  SECTION("check") {
    auto r = testing::run_woovisma({"--config", sandbox.config().string(), "check"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 4);
    for (const auto& prefix : {"FAIL  woocommerce demo", "FAIL  visma"}) {
      const std::string line = testing::line_starting_with(r.out, prefix);
      INFO(prefix);
      CHECK(line.find(host) != std::string::npos);
    }
  }
}

TEST_CASE("refused credentials give exit 5", "[e2e][exit][sandbox]") {
  SandboxProcess sandbox;
  SECTION("Visma's grant revoked: sync-orders says to run `auth visma`") {
    sandbox.control_ok("POST", "/_sandbox/visma/auth/revoke-all");
    auto r = testing::run_woovisma({"--config", sandbox.config().string(), "sync-orders"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 5);
    const auto errors = error_lines(r.err);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("woovisma auth visma") != std::string::npos);
  }
  SECTION("a wrong WooCommerce secret") {
    testing::edit_file(sandbox.config(), "consumer_secret = \"cs_demo\"", "consumer_secret = \"cs_changed\"");
    auto r = testing::run_woovisma({"--config", sandbox.config().string(), "sync-orders"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 5);
    const auto errors = error_lines(r.err);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("HTTP 401") != std::string::npos);
    CHECK(r.err.find("cs_changed") == std::string::npos);
  }
}
