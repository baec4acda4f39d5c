// The real woovisma against woovisma-sandbox over plain http, where the shop takes OAuth 1.0a
// and refuses a nonce it has seen: a GET whose answer is lost, or that is too slow, is retried
// with a fresh signature and the run succeeds; keys that are really wrong still exit 5.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "tests/support/sandbox_run.hpp"

namespace {

using namespace wv;
using namespace wv::testing;


// The config the sandbox wrote reaches the shop over http with OAuth 1.0a.
void require_oauth_over_http(SandboxRun& run) {
  const std::string config = read_file(run.config_path());
  REQUIRE(run.base_url().rfind("http://", 0) == 0);
  REQUIRE(config.find("auth = \"oauth1\"") != std::string::npos);
}

}  // namespace

TEST_CASE("over http with OAuth 1.0a, a GET to the shop whose answer is lost once is retried and the run succeeds",
          "[e2e][woo][oauth1]") {
  SandboxRun run;
  require_oauth_over_http(run);
  const auto orders = run.woo_orders();
  // The shop lists the orders (and so uses up the nonce), then the connection closes.
  run.add_faults(R"({"replace":true,"rules":[
      {"kind":"close_after_commit","method":"GET","path":"/wp-json/wc/v3/orders","count":1}]})");

  auto r = run.woovisma({"sync-orders"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(run.faults_fired() == 1);
  CHECK(r.err.find("nonce") == std::string::npos);
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
}

TEST_CASE("over http with OAuth 1.0a, a GET to the shop slower than the timeout is retried and the run succeeds",
          "[e2e][woo][oauth1]") {
  SandboxRun run;
  require_oauth_over_http(run);
  const auto orders = run.woo_orders();
  run.set_config("http", "connect_timeout_seconds", "2");
  run.set_config("http", "total_timeout_seconds", "2");
  // The shop answers the first listing after the client has given up on it.
  run.add_faults(R"({"replace":true,"rules":[
      {"kind":"latency","method":"GET","path":"/wp-json/wc/v3/orders","count":1,"latency_ms":5000}]})");

  auto r = run.woovisma({"sync-orders"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(run.faults_fired() == 1);
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
}

TEST_CASE("over http with OAuth 1.0a, a wrong consumer secret still exits 5", "[e2e][woo][oauth1]") {
  SandboxRun run;
  require_oauth_over_http(run);
  run.set_config("[shop]", "consumer_secret", "\"cs_not_the_right_one\"");

  auto r = run.woovisma({"sync-orders"});
  INFO(r.err);
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("Invalid signature - provided signature does not match.") != std::string::npos);
  CHECK(r.err.find("cs_not_the_right_one") == std::string::npos);
  CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());
}
