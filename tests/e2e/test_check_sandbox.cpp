// `woovisma check` against the woovisma-sandbox binary, both real programs: the written config
// passes at once, and what a person breaks on either side shows as a FAIL line with the exit code
// that says what to do.

#include <catch2/catch.hpp>

#include <sstream>

#include "tests/e2e/test_sandbox_support.hpp"

namespace {

using namespace wv;
using testing::SandboxProcess;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> failures(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : lines_of(text)) {
    if (line.starts_with("FAIL")) out.push_back(line);
  }
  return out;
}

testing::ProcessResult check(const SandboxProcess& sandbox) {
  return testing::run_woovisma({"--config", sandbox.config().string(), "check"});
}

}  // namespace

TEST_CASE("woovisma-sandbox --write-config, then woovisma check passes with no other step",
          "[e2e][check][sandbox]") {
  SandboxProcess sandbox;
  auto r = check(sandbox);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() >= 10);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].starts_with("OK    "));
  }
  CHECK(lines.back() == "All checks passed.");
  for (const char* what : {"woocommerce demo: the key can read and write", "visma: authorized for company",
                           "visma: the token has the scopes", "visma: articles.unit_id exists"}) {
    INFO(what);
    CHECK(r.out.find(what) != std::string::npos);
  }
  CHECK(r.err.empty());
}

TEST_CASE("check fails with exit 5 when the WooCommerce key was made read-only", "[e2e][check][sandbox]") {
  SandboxProcess sandbox;
  sandbox.control_ok("POST", "/_sandbox/woo/credentials",
                     R"({"consumer_key": "ck_demo", "consumer_secret": "cs_demo", "permissions": "read", "replace": true})");
  auto r = check(sandbox);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  const auto failed = failures(r.out);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].starts_with("FAIL  woocommerce demo: key: "));
  CHECK(failed[0].find("write permission") != std::string::npos);
  CHECK(failed[0].find("Read/Write") != std::string::npos);
  CHECK(r.out.find("OK    visma: authorized for company") != std::string::npos);
  CHECK(r.out.find("Some checks failed") != std::string::npos);
}

TEST_CASE("check fails with exit 5 and says to run `auth visma` when Visma's tokens were revoked",
          "[e2e][check][sandbox]") {
  SandboxProcess sandbox;
  sandbox.control_ok("POST", "/_sandbox/visma/auth/revoke-all");
  auto r = check(sandbox);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  const auto failed = failures(r.out);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].starts_with("FAIL  visma: token and company: "));
  CHECK(failed[0].find("woovisma auth visma") != std::string::npos);
  CHECK(r.out.find("OK    woocommerce demo: the key can read and write") != std::string::npos);
}

TEST_CASE("check names the missing order module when orders go to Visma as sales orders",
          "[e2e][check][sandbox]") {
  SandboxProcess sandbox;
  testing::edit_file(sandbox.config(), "[orders]\n", "[orders]\ntarget = \"sales-order\"\n");
  SECTION("with the module") {
    auto r = check(sandbox);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("OK    visma: the order module is active (orders.target = sales-order)") != std::string::npos);
  }
  SECTION("without it") {
    sandbox.control_ok("POST", "/_sandbox/visma/company/modules", R"({"deactivate": ["sales_standard"]})");
    auto r = check(sandbox);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    const auto failed = failures(r.out);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].starts_with("FAIL  visma: order module: "));
    CHECK(failed[0].find("invoice-draft") != std::string::npos);
  }
}
