// `woovisma sync-orders` killed with SIGKILL at random moments, again and again, over 300 orders:
// afterwards each order is in Visma exactly once and no customer exists twice.
//
// Kill moments are random but tied to the run's progress, so that they cut real work on any
// machine: some at a random time after the start (setup, listing, recovery), most a random
// moment after a random number of orders went through. Visma answers every create 10 ms after
// carrying it out, widening the window between Visma committing and woovisma recording; and the
// first kill is made to land in that window for certain. Set WOOVISMA_TEST_SEED to replay.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <cstdlib>
#include <thread>
#include <random>
#include <set>

#include "tests/support/checks.hpp"
#include "tests/support/sandbox_run.hpp"

namespace {

using namespace wv;
using namespace wv::testing;
using namespace std::chrono_literals;

constexpr int kOrders = 300;
constexpr int kKills = 20;

std::uint64_t test_seed() {
  if (const char* env = std::getenv("WOOVISMA_TEST_SEED")) return std::strtoull(env, nullptr, 10);
  return std::random_device{}();
}

// A shop's worth of customers: guests, registered customers of the demo shop, companies; each
// e-mail places several orders.
std::string billing_for(int customer, std::string& extra) {
  extra.clear();
  switch (customer) {
    case 0:
      extra = R"("customer_id":2,)";
      return R"({"first_name":"Karin","last_name":"Lind","address_1":"Kungsgatan 12","city":"Göteborg","postcode":"411 19","country":"SE","email":"karin.lind@example.com"})";
    case 1:
      extra = R"("customer_id":3,"meta_data":[{"key":"_billing_vat","value":"SE556677889901"}],)";
      return R"({"first_name":"Erik","last_name":"Johansson","company":"Exempelbolaget AB","address_1":"Industrivägen 5","city":"Uppsala","postcode":"754 50","country":"SE","email":"inkop@exempelbolaget.example"})";
    case 2:
      extra = R"("customer_id":4,)";
      return R"({"first_name":"Sofia","last_name":"Berg","address_1":"Drottninggatan 7","city":"Malmö","postcode":"211 11","country":"SE","email":"sofia.berg@example.com"})";
    default: break;
  }
  const std::string n = std::to_string(customer);
  const bool company = customer % 5 == 0;
  return R"({"first_name":"Kund)" + n + R"(","last_name":"Testsson",)" +
         (company ? R"("company":"Företag )" + n + R"( AB",)" : std::string()) +
         R"("address_1":"Gatan )" + n + R"(","city":"Lund","postcode":"222 )" + (n.size() < 2 ? "0" + n : n) +
         R"(","country":"SE","email":"Kund)" + n + R"(@Example.com"})";
}

std::string random_order(std::mt19937_64& rng) {
  static const char* const skus[] = {"MUG-001", "LAMP-3", "CANDLE-2", "TOWEL-5", "FOOD-7", "TEA-20", "CHOC-3",
                                     "BOOK-042", "MAG-12", "STAMP-10", "TSHIRT-S", "TSHIRT-L", "GLOGG-1",
                                     "CARD-1", "BLANKET-W", "EBOOK-7", "SERVICE-INSTALL"};
  static const char* const methods[][2] = {{"swish", "Swish"}, {"klarna", "Klarna"}, {"bacs", "Banköverföring"}};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  std::string extra;
  const std::string billing = billing_for(pick(40), extra);
  const auto& method = methods[pick(3)];
  std::string lines;
  for (int i = 0, n = 1 + pick(3); i < n; ++i) {
    lines += std::string(i ? "," : "") + R"({"sku":")" + skus[pick(std::size(skus))] + R"(","quantity":)" +
             std::to_string(1 + pick(3)) + "}";
  }
  std::string order = "{" + extra + R"("payment_method":")" + method[0] + R"(","payment_method_title":")" + method[1] +
                      R"(","billing":)" + billing + R"(,"line_items":[)" + lines + "]";
  if (pick(10) == 0) {
    order += R"(,"status":"on-hold")";  // not eligible: must never reach Visma
  } else {
    order += R"(,"set_paid":true)";
  }
  if (pick(3) != 0) order += R"(,"shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}])";
  if (pick(8) == 0) order += R"(,"coupon_lines":[{"code":"TENPERCENT"}])";
  if (pick(12) == 0) order += R"(,"fee_lines":[{"name":"Fakturaavgift","total":"23.20","tax_status":"taxable","tax_class":""}])";
  return order + "}";
}



// Waits until `p` has logged `transfers` transferred orders; false when it exits first.
bool wait_for_transfers(Process& p, std::size_t transfers) {
  const auto bound = std::chrono::steady_clock::now() + 60s;
  while (p.running()) {
    if (occurrences(p.stderr_text(), " → Visma ") >= transfers || std::chrono::steady_clock::now() > bound) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}


}  // namespace

TEST_CASE("sync-orders killed with SIGKILL at random moments and rerun transfers each order exactly once",
          "[e2e][sync-orders][kill]") {
  const std::uint64_t seed = test_seed();
  WARN("kill test seed " << seed << " (WOOVISMA_TEST_SEED=" << seed << " replays it)");
  std::mt19937_64 rng(seed);

  SandboxRun run;
  // Hundreds of requests a minute from many short runs: Visma's own quota is not under test.
  run.set_visma_rate_limit(0);
  run.restock_everything(100000);
  for (int i = 0; i < kOrders; ++i) run.place_order(random_order(rng));
  const auto orders = run.woo_orders();
  REQUIRE(orders.size() >= static_cast<std::size_t>(kOrders));

  std::string logs;  // what every run printed, for the count of recoveries
  // The first kill: Visma has created a document and holds back the answer.
  run.add_faults(R"({"kind":"latency","method":"POST","path":"/v2/customerinvoicedrafts","latency_ms":5000,"count":1})");
  {
    auto p = run.start_woovisma({"sync-orders"});
    const auto bound = std::chrono::steady_clock::now() + 60s;
    while (run.faults_fired() == 0 && p.running() && std::chrono::steady_clock::now() < bound) std::this_thread::sleep_for(5ms);
    REQUIRE(p.running());
    std::this_thread::sleep_for(50ms);  // the emulator carries the request out as it arrives
    p.kill();
    logs += p.stderr_text();
  }
  // Orders go several at a time (http.max_in_flight): each create takes long enough that the
  // work outlasts the kills.
  run.add_faults(R"({"replace":true,"rules":[{"kind":"latency","method":"POST","path":"/v2/","latency_ms":40}]})");

  std::uniform_int_distribution<int> mode(0, 3);
  std::uniform_int_distribution<int> after_start_ms(0, 500);
  std::uniform_int_distribution<std::size_t> after_orders(1, 12);
  std::uniform_int_distribution<int> jitter_ms(0, 50);
  int kills = 1;
  int finished = 0;
  for (int attempt = 0; kills < kKills && attempt < 4 * kKills; ++attempt) {
    auto p = run.start_woovisma({"sync-orders"});
    bool alive = true;
    // The run after the first kill gets past its recovery (which comes before any transfer), so
    // that the recovery shows in the logs.
    if (mode(rng) == 0 && attempt > 0) {
      alive = !p.wait(std::chrono::milliseconds(after_start_ms(rng)));
    } else {
      alive = wait_for_transfers(p, after_orders(rng)) && !p.wait(std::chrono::milliseconds(jitter_ms(rng)));
    }
    if (!alive) {
      ++finished;  // done before its moment came
      INFO("run " << attempt << " exited before its kill: " << p.stderr_text());
      CHECK(p.wait(0ms) == 0);
    } else {
      p.kill();
      ++kills;
    }
    logs += p.stderr_text();
  }
  REQUIRE(kills == kKills);
  CHECK(finished == 0);  // the work outlasted the kills

  auto last = run.woovisma({"sync-orders"});
  INFO(last.err);
  REQUIRE(last.exit_code == 0);
  logs += last.err;
  const std::size_t recovered = occurrences(logs, "interrupted run");
  WARN(kills << " kills; " << recovered << " creates found in Visma after an interrupted run");
  CHECK(recovered >= 1);

  auto status_text = run.woovisma({"status", "--json"}).out;
  rapidjson::Document status;
  status.Parse(status_text.c_str());
  REQUIRE(status.IsObject());
  CHECK(status["pending"].Size() == 0);
  CHECK(status["failed"].Size() == 0);

  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  std::set<std::string> emails;
  for (const auto& [id, order] : orders) {
    if (transferable(order)) emails.insert(order.email);
  }
  const auto customers = run.customers_per_email();
  for (const auto& [email, count] : customers) {
    INFO("customer " << email);
    CHECK(count == 1);
  }
  for (const auto& email : emails) {
    INFO("customer " << email);
    CHECK(customers.contains(email));
  }
  const auto log = run.request_log();
  CHECK(log.counts.at("POST /v2/customerinvoicedrafts") == run.visma_documents(VismaList::InvoiceDrafts).size());
}
