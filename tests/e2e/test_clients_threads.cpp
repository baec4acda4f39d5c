// Both API clients shared by worker threads, as the sync engine's items in flight use them:
// many threads calling one VismaClient (one token keeper, one store-backed vault, one
// CurlHttpClient) and one WooClient at once, over real sockets to the emulators.

#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "connectors/adapters/store_token_vault.hpp"
#include "connectors/visma/visma_client.hpp"
#include "connectors/woocommerce/woo_client.hpp"
#include "core/store/store.hpp"
#include "tests/e2e/test_sandbox_support.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fake_clock.hpp"

namespace {

using namespace wv;
using namespace std::chrono_literals;
using wv::testing::must;

constexpr int kThreads = 8;
constexpr int kCallsPerThread = 30;

}  // namespace

TEST_CASE("VismaClient shared by 8 threads refreshes an expiring token once and every call succeeds",
          "[e2e][clients][visma][oauth][threads]") {
  testing::LiveSandbox sandbox;
  testing::TempDir dir;
  testing::FakeClock clock(system_clock().now());
  const auto client = sandbox.visma().clients().at(0);
  VismaConfig config;
  config.api_url = sandbox.base_url() + "/v2";
  config.identity_url = sandbox.base_url();
  config.client_id = client.client_id;
  config.client_secret = client.client_secret;
  auto options = testing::fast_http_options();
  options.requests_per_minute = 600;
  CurlHttpClient http(options, clock);
  auto store = must(Store::open(dir.path() / "store"), "opening the store");
  StoreTokenVault vault(*store);
  const auto issued = sandbox.visma().issue_tokens_for_tests();
  const OAuthTokens initial{issued.access_token, issued.refresh_token,
                            clock.now() + std::chrono::duration_cast<std::chrono::milliseconds>(issued.expires_in),
                            clock.now(), issued.scope};
  must(vault.save(initial), "saving the first tokens");
  VismaClient visma(config, http, vault, clock);

  // Halfway through, every thread stops at the barrier; the clock then moves into the token's
  // refresh margin, so that all eight find it expiring at the same moment.
  std::barrier halfway(kThreads, [&]() noexcept { clock.advance(3600s - 60s); });
  std::atomic<int> good{0};
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        if (i == kCallsPerThread / 2) halfway.arrive_and_wait();
        std::string failure;
        if (i % 2 == 0) {
          auto units = visma.list_units();
          if (!units || units->empty()) failure = units ? "no units" : units.error().message;
        } else {
          auto terms = visma.list_terms_of_payment();
          if (!terms || terms->empty()) failure = terms ? "no terms of payment" : terms.error().message;
        }
        if (failure.empty()) {
          ++good;
        } else if (failures[static_cast<std::size_t>(t)].empty()) {
          failures[static_cast<std::size_t>(t)] = failure;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) CHECK(f.empty());
  CHECK(good == kThreads * kCallsPerThread);
  CHECK(sandbox.box().log().count("POST /connect/token") == 1);
  for (const auto& r : sandbox.box().log().requests()) CHECK(r.status < 400);
  // The rotated pair was saved, and the old refresh token is dead.
  const auto saved = must(vault.load(), "loading tokens");
  REQUIRE(saved);
  CHECK(saved->refresh_token != initial.refresh_token);
  CHECK(saved->refreshed_at == clock.now());
}

TEST_CASE("WooClient shared by 8 threads signs every request with its own nonce",
          "[e2e][clients][woo][threads]") {
  testing::LiveSandbox sandbox;
  CurlHttpClient http(testing::fast_http_options());
  ShopConfig shop;
  shop.name = "demo";
  shop.url = sandbox.base_url();  // plain http: OAuth 1.0a, a nonce per request
  shop.consumer_key = "ck_demo";
  shop.consumer_secret = "cs_demo";
  WooClient woo(shop, http, system_clock(), WooClientOptions{});
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        auto taxes = woo.list_taxes();
        if (taxes && !taxes->empty()) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(good == kThreads * kCallsPerThread);
  for (const auto& r : sandbox.box().log().requests()) CHECK(r.status == 200);
}
