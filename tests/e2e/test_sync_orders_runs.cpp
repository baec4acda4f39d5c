// `woovisma sync-orders` runs as cron and a person see them: notices stay open until a person
// resolves them; every run is recorded with its outcome, also one that stops at its start or
// on an unreadable listing; SIGTERM ends a run cleanly (exit 7); one lost answer costs one
// order, not the run.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <set>
#include <sstream>
#include <thread>

#include "tests/support/checks.hpp"
#include "tests/support/sandbox_run.hpp"

namespace {

using namespace wv;
using namespace wv::testing;
using namespace std::chrono_literals;

rapidjson::Document parse_object(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  INFO(text);
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

// `woovisma status --json`, parsed.
rapidjson::Document status_json(SandboxRun& run) {
  auto r = run.woovisma({"status", "--json"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  return parse_object(r.out);
}

std::string text_of(const rapidjson::Value& object, const char* key) {
  REQUIRE(object.HasMember(key));
  REQUIRE(object[key].IsString());
  return object[key].GetString();
}

int int_of(const rapidjson::Value& object, const char* key) {
  REQUIRE(object.HasMember(key));
  REQUIRE(object[key].IsInt());
  return object[key].GetInt();
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }


// The lines woovisma printed for a person ("woovisma: ..."), not log lines.
std::vector<std::string> told_lines(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("woovisma: ")) out.push_back(line);
  }
  return out;
}


void cancel(SandboxRun& run, const WooOrder& order) {
  run.control("POST", "/_sandbox/woo/orders/" + std::to_string(order.id) + "/cancel");
}

// The open changed-after-transfer items of status --json, by id.
std::set<std::string> open_changes(SandboxRun& run) {
  auto status = status_json(run);
  std::set<std::string> ids;
  for (const auto& f : status["failed"].GetArray()) {
    INFO("failed item " << text_of(f, "concern") << " " << text_of(f, "id"));
    CHECK(text_of(f, "concern") == "changed-after-transfer");
    CHECK(text_of(f, "kind") == "order");
    CHECK(f["needs_person"].GetBool());
    ids.insert(text_of(f, "id"));
  }
  return ids;
}

}  // namespace

TEST_CASE("a cancelled order's notice stays open until a person resolves it, and is not raised again",
          "[e2e][sync-orders][resolve]") {
  SandboxRun run;
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);
  REQUIRE(eligible.size() >= 3);
  auto first = run.woovisma({"sync-orders"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);

  const WooOrder& cancelled = *eligible[0];
  const std::string id = std::to_string(cancelled.id);
  cancel(run, cancelled);

  auto noticed = run.woovisma({"sync-orders"});
  INFO(noticed.out << noticed.err);
  CHECK(noticed.exit_code == 3);
  CHECK(occurrences(noticed.out, "notice: ") == 1);
  CHECK(contains(noticed.out, "notice: order " + cancelled.number + " was cancelled after it became Visma"));

  auto text = run.woovisma({"status"});
  INFO(text.out);
  CHECK(text.exit_code == 3);
  CHECK(contains(text.out, "changed-after-transfer order " + id + ": needs attention since"));
  CHECK(contains(text.out, "woovisma resolve changed-after-transfer " + id));
  CHECK(open_changes(run) == std::set<std::string>{id});

  // While it is open, every run says so; the notice itself is not printed a second time.
  auto still_open = run.woovisma({"sync-orders"});
  INFO(still_open.out << still_open.err);
  CHECK(still_open.exit_code == 3);
  CHECK(occurrences(still_open.out, "notice: ") == 0);

  SECTION("resolved by its id") {
    auto resolved = run.woovisma({"resolve", "changed-after-transfer", id});
    INFO(resolved.out << resolved.err);
    CHECK(resolved.exit_code == 0);
    CHECK(resolved.out == "resolved 1 changed-after-transfer item\n");

    auto after = run.woovisma({"status", "--json"});
    INFO(after.out);
    CHECK(after.exit_code == 0);
    CHECK(parse_object(after.out)["failed"].Size() == 0);
    CHECK(run.woovisma({"status"}).exit_code == 0);

    // Resolved is remembered: a rerun, also one reading everything again, raises nothing.
    for (const std::vector<std::string>& args : {std::vector<std::string>{"sync-orders"},
                                                 std::vector<std::string>{"sync-orders", "--since", "2000-01-01"}}) {
      auto rerun = run.woovisma(args);
      INFO(args.back() << ": " << rerun.out << rerun.err);
      CHECK(rerun.exit_code == 0);
      CHECK(occurrences(rerun.out, "notice: ") == 0);
    }
    CHECK(open_changes(run).empty());
    CHECK(run.woovisma({"status"}).exit_code == 0);

    // Nothing is open any more: resolving it again is a usage error.
    auto again = run.woovisma({"resolve", "changed-after-transfer", id});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 2);
    CHECK(contains(again.err, "nothing open to resolve"));
    CHECK(again.out.empty());
  }

  SECTION("what resolve refuses") {
    auto unknown = run.woovisma({"resolve", "cancelled-order", id});
    INFO(unknown.out << unknown.err);
    CHECK(unknown.exit_code == 2);
    for (const char* concern : {"failed", "changed-after-transfer", "totals-differ", "refund-not-credited"}) {
      INFO(concern);
      CHECK(contains(unknown.err, concern));
    }
    auto absent = run.woovisma({"resolve", "changed-after-transfer", "999999"});
    INFO(absent.out << absent.err);
    CHECK(absent.exit_code == 2);
    CHECK(contains(absent.err, "999999"));
    // A notice of another concern does not resolve this one.
    auto other = run.woovisma({"resolve", "totals-differ", id});
    CHECK(other.exit_code == 2);
    // Neither ID nor --all, and both.
    CHECK(run.woovisma({"resolve", "changed-after-transfer"}).exit_code == 2);
    CHECK(run.woovisma({"resolve", "changed-after-transfer", id, "--all"}).exit_code == 2);
    // None of these touched the open item.
    CHECK(open_changes(run) == std::set<std::string>{id});
    CHECK(run.woovisma({"status"}).exit_code == 3);
  }

  SECTION("--all resolves every open item of the concern") {
    cancel(run, *eligible[1]);
    cancel(run, *eligible[2]);
    auto more = run.woovisma({"sync-orders"});
    INFO(more.out << more.err);
    CHECK(more.exit_code == 3);
    CHECK(occurrences(more.out, "notice: ") == 2);
    CHECK(open_changes(run) == std::set<std::string>{id, std::to_string(eligible[1]->id),
                                                     std::to_string(eligible[2]->id)});

    auto all = run.woovisma({"resolve", "changed-after-transfer", "--all"});
    INFO(all.out << all.err);
    CHECK(all.exit_code == 0);
    CHECK(all.out == "resolved 3 changed-after-transfer items\n");
    CHECK(open_changes(run).empty());
    CHECK(run.woovisma({"status"}).exit_code == 0);
    auto rerun = run.woovisma({"sync-orders"});
    INFO(rerun.out << rerun.err);
    CHECK(rerun.exit_code == 0);
    CHECK(occurrences(rerun.out, "notice: ") == 0);
    CHECK(run.woovisma({"resolve", "changed-after-transfer", "--all"}).exit_code == 2);
  }
  // Cancelling never creates or removes a document.
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
}

TEST_CASE("a run that stops at its start is recorded as stopped with its exit code and why",
          "[e2e][sync-orders][runs]") {
  SandboxRun run;
  int expected_exit = 0;
  std::string named;  // what the detail must name
  SECTION("a configured shipping article Visma does not have") {
    run.set_config("orders", "shipping_articles", R"({ "25" = "FRAKT-SAKNAS" })");
    expected_exit = 2;
    named = "FRAKT-SAKNAS";
  }
  SECTION("Visma's grant revoked") {
    run.control("POST", "/_sandbox/visma/auth/revoke-all");
    expected_exit = 5;
    named = "woovisma auth visma";
  }
  run.clear_request_log();
  auto r = run.woovisma({"sync-orders"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == expected_exit);
  const auto told = told_lines(r.err);
  REQUIRE(told.size() == 1);
  CHECK(contains(told[0], named));
  for (const auto& write : run.request_log().write_requests) {
    CHECK_FALSE(contains(write, " /v2/"));  // nothing was sent to Visma (a token refresh may be)
    CHECK_FALSE(contains(write, " /wp-json/"));
  }

  auto status = run.woovisma({"status", "--json"});
  INFO(status.out);
  CHECK(status.exit_code == 0);  // no item is failing: the run is, and it says so
  auto doc = parse_object(status.out);
  REQUIRE(doc["runs"].Size() == 1);
  const auto& record = doc["runs"][0];
  CHECK(text_of(record, "command") == "sync-orders");
  CHECK(text_of(record, "shop") == "demo");
  CHECK(text_of(record, "outcome") == "stopped");
  CHECK(int_of(record, "exit_code") == expected_exit);
  CHECK(contains(text_of(record, "detail"), named));
  CHECK(int_of(record, "created") == 0);
  CHECK(doc["failed"].Size() == 0);
  CHECK(doc["pending"].Size() == 0);
  CHECK(doc["checkpoints"].Size() == 0);  // nothing was read
  CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());
}

TEST_CASE("SIGTERM ends sync-orders after the orders in flight with exit 7, and the next run finishes",
          "[e2e][sync-orders][interrupt]") {
  SandboxRun run;
  run.set_visma_rate_limit(0);  // two runs of many orders: Visma's quota is not under test
  run.restock_everything(1000);
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    run.place_order(R"({"payment_method":"swish","payment_method_title":"Swish","set_paid":true,)"
                    R"("billing":{"first_name":"Kund)" + n + R"(","last_name":"Testsson","address_1":"Gatan )" + n +
                    R"(","city":"Lund","postcode":"222 22","country":"SE","email":"term)" + n +
                    R"(@example.com"},"line_items":[{"sku":"MUG-001","quantity":1}]})");
  }
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);
  REQUIRE(eligible.size() >= 40);
  // Each document takes a quarter of a second: the run lasts seconds.
  run.add_faults(R"({"kind":"latency","method":"POST","path":"/v2/customerinvoicedrafts","latency_ms":250})");

  auto p = run.start_woovisma({"sync-orders"});
  const auto bound = std::chrono::steady_clock::now() + 30s;
  while (p.running() && occurrences(p.stderr_text(), " → Visma ") < 3 && std::chrono::steady_clock::now() < bound) {
    std::this_thread::sleep_for(5ms);
  }
  REQUIRE(p.running());
  const auto asked = std::chrono::steady_clock::now();
  p.terminate();
  const auto code = p.wait(10s);
  const auto took = std::chrono::steady_clock::now() - asked;
  const std::string err = p.stderr_text();
  INFO(err);
  REQUIRE(code.has_value());
  CHECK(*code == 7);
  CHECK(took < 3s);  // the orders in flight, not the rest of the run
  const auto told = told_lines(err);
  REQUIRE(told.size() == 1);
  CHECK(contains(told[0], "interrupted by a signal"));

  // Stopped early, and nothing left half done.
  const auto transferred = occurrences(err, " → Visma ");
  CHECK(transferred < eligible.size());
  CHECK(run.visma_documents(VismaList::InvoiceDrafts).size() == transferred);
  {
    auto status = status_json(run);
    REQUIRE(status["runs"].Size() == 1);
    const auto& record = status["runs"][0];
    CHECK(text_of(record, "outcome") == "interrupted");
    CHECK(int_of(record, "exit_code") == 7);
    CHECK(int_of(record, "created") == static_cast<int>(transferred));
    CHECK(contains(text_of(record, "detail"), "interrupted"));
    CHECK(status["pending"].Size() == 0);
    CHECK(status["failed"].Size() == 0);
  }

  run.clear_faults();
  auto next = run.woovisma({"sync-orders"});
  INFO(next.err);
  CHECK(next.exit_code == 0);
  CHECK(occurrences(next.err, " → Visma ") == eligible.size() - transferred);
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  auto status = status_json(run);
  CHECK(status["pending"].Size() == 0);
  CHECK(status["failed"].Size() == 0);
  REQUIRE(status["runs"].Size() == 2);
  CHECK(text_of(status["runs"][0], "outcome") == "ok");  // newest first
  CHECK(int_of(status["runs"][0], "exit_code") == 0);
}

TEST_CASE("an orders listing that is not JSON stops the run with exit 4 and fails no order",
          "[e2e][sync-orders][runs]") {
  SandboxRun run;
  const auto orders = run.woo_orders();  // before the fault, which this reader would meet too
  run.add_faults(R"({"kind":"malformed_body","method":"GET","path":"/wp-json/wc/v3/orders"})");

  auto r = run.woovisma({"sync-orders"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 4);
  const auto told = told_lines(r.err);
  REQUIRE(told.size() == 1);
  CHECK(contains(told[0], "reading the orders"));
  CHECK(contains(told[0], "not valid JSON"));
  CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());

  {
    auto status = run.woovisma({"status", "--json"});
    INFO(status.out);
    CHECK(status.exit_code == 0);  // no item is failing
    auto doc = parse_object(status.out);
    REQUIRE(doc["runs"].Size() == 1);
    CHECK(text_of(doc["runs"][0], "outcome") == "stopped");
    CHECK(int_of(doc["runs"][0], "exit_code") == 4);
    CHECK(contains(text_of(doc["runs"][0], "detail"), "reading the orders"));
    CHECK(doc["failed"].Size() == 0);
    CHECK(doc["pending"].Size() == 0);
  }

  run.clear_faults();
  auto next = run.woovisma({"sync-orders"});
  INFO(next.err);
  CHECK(next.exit_code == 0);
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  CHECK(run.woovisma({"status"}).exit_code == 0);
}

TEST_CASE("one lost answer costs one order, not the run, and the next run links what Visma created",
          "[e2e][sync-orders][faults]") {
  SandboxRun run;
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);
  REQUIRE(eligible.size() >= 3);
  run.add_faults(R"({"kind":"close_after_commit","method":"POST","path":"/v2/customerinvoicedrafts","count":1})");

  auto first = run.woovisma({"sync-orders"});
  INFO(first.err);
  CHECK(first.exit_code == 3);
  // Every order has its document, the lost one too (Visma carried the create out)...
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  // ...and every other order was transferred in this run.
  CHECK(occurrences(first.err, " → Visma ") == eligible.size() - 1);
  std::string lost;
  {
    auto status = status_json(run);
    REQUIRE(status["failed"].Size() == 1);
    const auto& item = status["failed"][0];
    CHECK(text_of(item, "concern") == "failed");
    CHECK(text_of(item, "kind") == "order");
    CHECK_FALSE(item["needs_person"].GetBool());
    lost = text_of(item, "id");
    REQUIRE(status["pending"].Size() == 1);  // the intent is kept
    CHECK(text_of(status["pending"][0], "kind") == "order");
    CHECK(text_of(status["pending"][0], "woo_id") == lost);
    REQUIRE(status["runs"].Size() == 1);
    CHECK(text_of(status["runs"][0], "outcome") == "partial");
    CHECK(int_of(status["runs"][0], "exit_code") == 3);
  }
  CHECK(contains(first.err, "woovisma: shop demo: order " + lost + " failed"));

  run.clear_request_log();
  auto second = run.woovisma({"sync-orders"});
  INFO(second.err);
  CHECK(second.exit_code == 0);
  CHECK(contains(second.err, "order " + lost + " was created in Visma by an interrupted run; linked it"));
  const auto log = run.request_log();
  CHECK(log.writes == 0);  // linked, not created again
  check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  auto status = status_json(run);
  CHECK(status["failed"].Size() == 0);
  CHECK(status["pending"].Size() == 0);
  CHECK(run.woovisma({"status"}).exit_code == 0);
}
