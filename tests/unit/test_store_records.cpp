// Every typed store operation round-trips, survives reopening, and writes are all-or-nothing.

#include <tuple>

#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "core/store/store.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;
using wv::testing::status_of;

namespace {

Timestamp at(const char* text) {
  auto t = parse_timestamp(text);
  REQUIRE(t);
  return *t;
}

std::unique_ptr<Store> open_store(const std::filesystem::path& dir) {
  auto store = Store::open(dir);
  if (!store) FAIL(store.error().message);
  return std::move(*store);
}

auto fields(const Checkpoint& c) {
  return std::tie(c.modified, c.last_id, c.updated_at);
}
auto fields(const Link& l) {
  return std::tie(l.shop, l.kind, l.woo_id, l.visma_id, l.visma_number, l.state, l.linked_at);
}
auto fields(const PendingWrite& p) {
  return std::tie(p.shop, p.kind, p.woo_id, p.target, p.reference, p.recorded_at);
}
auto fields(const FailedItem& f) {
  return std::tie(f.shop, f.kind, f.woo_id, f.attempts, f.last_error, f.error_kind, f.hint,
                  f.first_failed, f.last_failed, f.next_attempt);
}
auto fields(const OAuthTokens& t) {
  return std::tie(t.access_token, t.refresh_token, t.expires_at, t.refreshed_at, t.scope);
}
auto fields(const RunRecord& r) {
  return std::tie(r.shop, r.command, r.started, r.ended, r.created, r.updated, r.skipped, r.failed,
                  r.outcome);
}

Checkpoint sample_checkpoint() {
  return {at("2026-11-24T14:33:51.123Z"), "4711", at("2026-11-24T14:40:00.001Z")};
}
Link sample_link(std::string woo_id = "1042", std::string visma_id = "9a1c-invoice") {
  return {"main",
          "order",
          std::move(woo_id),
          std::move(visma_id),
          "10017",
          "completed",
          at("2026-11-24T14:35:00.250Z")};
}
PendingWrite sample_pending() {
  return {"main", "order", "1043", "invoice_draft", "woo-main-1043", at("2026-11-24T14:36:00.5Z")};
}
FailedItem sample_failed() {
  return {"main",
          "order",
          "1044",
          3,
          "VAT code missing",
          "rejected",
          "map tax class 'reduced'",
          at("2026-11-20T08:00:00Z"),
          at("2026-11-24T08:00:00.999Z"),
          at("2026-11-25T08:00:00Z")};
}
OAuthTokens sample_tokens() {
  return {"access-abcdef123", "refresh-xyz98765", at("2026-11-24T15:36:00.5Z"),
          at("2026-11-24T14:36:00.5Z"), "ea:api offline_access ea:sales"};
}
RunRecord sample_run(std::string command, int created = 5) {
  return {"main",
          std::move(command),
          at("2026-11-24T14:30:00.010Z"),
          at("2026-11-24T14:31:02.500Z"),
          created,
          2,
          7,
          -1,
          "partial"};
}

Status write_samples(StoreWriter& w) {
  if (auto ok = w.set_checkpoint("main", "orders", sample_checkpoint()); !ok) return ok;
  if (auto ok = w.put_link(sample_link()); !ok) return ok;
  if (auto ok = w.put_pending(sample_pending()); !ok) return ok;
  if (auto ok = w.put_failed(sample_failed()); !ok) return ok;
  if (auto ok = w.put_tokens(sample_tokens()); !ok) return ok;
  return w.append_run(sample_run("sync-orders"));
}

/// Checks that everything write_samples() wrote is there, unchanged.
Status check_samples(const StoreReader& r) {
  auto c = r.checkpoint("main", "orders");
  REQUIRE(c);
  REQUIRE(*c);
  CHECK(fields(**c) == fields(sample_checkpoint()));
  auto all_c = r.all_checkpoints();
  REQUIRE(all_c);
  REQUIRE(all_c->size() == 1);
  CHECK((*all_c)[0].shop == "main");
  CHECK((*all_c)[0].stream == "orders");
  CHECK(fields((*all_c)[0].checkpoint) == fields(sample_checkpoint()));

  auto by_woo = r.link_by_woo("main", "order", "1042");
  REQUIRE(by_woo);
  REQUIRE(*by_woo);
  CHECK(fields(**by_woo) == fields(sample_link()));
  auto by_visma = r.link_by_visma("order", "9a1c-invoice");
  REQUIRE(by_visma);
  REQUIRE(*by_visma);
  CHECK(fields(**by_visma) == fields(sample_link()));

  auto p = r.pending("main", "order", "1043");
  REQUIRE(p);
  REQUIRE(*p);
  CHECK(fields(**p) == fields(sample_pending()));
  auto f = r.failed("main", "order", "1044");
  REQUIRE(f);
  REQUIRE(*f);
  CHECK(fields(**f) == fields(sample_failed()));
  auto t = r.tokens();
  REQUIRE(t);
  REQUIRE(*t);
  CHECK(fields(**t) == fields(sample_tokens()));
  auto runs = r.recent_runs(10);
  REQUIRE(runs);
  REQUIRE(runs->size() == 1);
  CHECK(fields((*runs)[0]) == fields(sample_run("sync-orders")));
  return {};
}

}  // namespace

TEST_CASE("store: every typed operation round-trips, to the millisecond", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path() / "state");
  CHECK(store->directory() == tmp.path() / "state");

  // A new store has nothing.
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.checkpoint("main", "orders").value());
    CHECK_FALSE(r.link_by_woo("main", "order", "1042").value());
    CHECK_FALSE(r.link_by_visma("order", "9a1c-invoice").value());
    CHECK(r.links(std::nullopt, "order").value().empty());
    CHECK_FALSE(r.pending("main", "order", "1043").value());
    CHECK(r.all_pending().value().empty());
    CHECK_FALSE(r.failed("main", "order", "1044").value());
    CHECK(r.all_failed().value().empty());
    CHECK_FALSE(r.tokens().value());
    CHECK(r.recent_runs(10).value().empty());
    CHECK(r.all_checkpoints().value().empty());
    return {};
  }));

  REQUIRE(store->write(write_samples));
  REQUIRE(store->read(check_samples));

  SECTION("erasing removes exactly the entity") {
    REQUIRE(store->write([](StoreWriter& w) -> Status {
      REQUIRE(w.erase_checkpoint("main", "orders"));
      REQUIRE(w.erase_pending("main", "order", "1043"));
      REQUIRE(w.erase_failed("main", "order", "1044"));
      // Erasing what is absent is not an error.
      REQUIRE(w.erase_checkpoint("main", "never"));
      REQUIRE(w.erase_pending("main", "order", "never"));
      REQUIRE(w.erase_failed("main", "order", "never"));
      REQUIRE(w.erase_link("main", "order", "never"));
      return {};
    }));
    REQUIRE(store->read([](const StoreReader& r) -> Status {
      CHECK_FALSE(r.checkpoint("main", "orders").value());
      CHECK_FALSE(r.pending("main", "order", "1043").value());
      CHECK_FALSE(r.failed("main", "order", "1044").value());
      CHECK(r.link_by_woo("main", "order", "1042").value());
      return {};
    }));
  }

  SECTION("reading the tokens registers them as secrets") {
    clear_registered_secrets_for_tests();
    CHECK(redact("token access-abcdef123") == "token access-abcdef123");
    REQUIRE(store->read([](const StoreReader& r) -> Status { return status_of(r.tokens()); }));
    CHECK(redact("token access-abcdef123 and refresh-xyz98765") == "token *** and ***");
    clear_registered_secrets_for_tests();
  }
}

TEST_CASE("store: reopening keeps everything", "[store]") {
  testing::TempDir tmp;
  {
    auto store = open_store(tmp.path());
    REQUIRE(store->write(write_samples));
  }
  auto reopened = open_store(tmp.path());
  REQUIRE(reopened->read(check_samples));
}

TEST_CASE("store: a failing write function leaves nothing behind", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());

  auto result = store->write([](StoreWriter& w) -> Status {
    REQUIRE(write_samples(w));
    return fail(ErrorKind::Rejected, "Visma refused the invoice");
  });
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == ErrorKind::Rejected);
  CHECK(result.error().message == "Visma refused the invoice");

  // A failed store operation that the function ignores still aborts the transaction.
  auto ignored = store->write([](StoreWriter& w) -> Status {
    REQUIRE(w.set_checkpoint("main", "orders", sample_checkpoint()));
    Link broken = sample_link();
    broken.visma_id.clear();
    CHECK_FALSE(w.put_link(broken));
    return {};
  });
  REQUIRE_FALSE(ignored);
  CHECK(ignored.error().kind == ErrorKind::Internal);
  CHECK_THAT(ignored.error().message, Catch::Contains("put_link"));

  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.checkpoint("main", "orders").value());
    CHECK_FALSE(r.link_by_woo("main", "order", "1042").value());
    CHECK_FALSE(r.link_by_visma("order", "9a1c-invoice").value());
    CHECK_FALSE(r.tokens().value());
    CHECK(r.recent_runs(5).value().empty());
    return {};
  }));
}

TEST_CASE("store: read-your-writes inside one transaction; nested calls are refused", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([&](StoreWriter& w) -> Status {
    REQUIRE(w.put_link(sample_link()));
    CHECK(w.link_by_visma("order", "9a1c-invoice").value());
    auto nested = store->read([](const StoreReader&) -> Status { return {}; });
    REQUIRE_FALSE(nested);
    CHECK(nested.error().kind == ErrorKind::Internal);
    return {};
  }));
}

TEST_CASE("store: links in both directions, replacement and erasure", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([](StoreWriter& w) { return w.put_link(sample_link("1042", "inv-A")); }));

  // The same WooCommerce order now points at another Visma document.
  REQUIRE(store->write([](StoreWriter& w) { return w.put_link(sample_link("1042", "inv-B")); }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK(r.link_by_woo("main", "order", "1042").value()->visma_id == "inv-B");
    CHECK(r.link_by_visma("order", "inv-B").value()->woo_id == "1042");
    CHECK_FALSE(r.link_by_visma("order", "inv-A").value());  // the stale reverse entry is gone
    CHECK(r.links("main", "order").value().size() == 1);
    return {};
  }));

  // A Visma customer shared by two shops: the newer link owns the reverse entry, and replacing
  // the older one must not remove it.
  REQUIRE(store->write([](StoreWriter& w) -> Status {
    Link a{"shop-a", "customer", "7", "cust-1", "501", "", at("2026-11-01T00:00:00Z")};
    Link b{"shop-b", "customer", "9", "cust-1", "501", "", at("2026-11-02T00:00:00Z")};
    REQUIRE(w.put_link(a));
    REQUIRE(w.put_link(b));
    a.visma_id = "cust-2";
    return w.put_link(a);
  }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK(r.link_by_visma("customer", "cust-1").value()->shop == "shop-b");
    CHECK(r.link_by_visma("customer", "cust-2").value()->shop == "shop-a");
    CHECK(r.links(std::nullopt, "customer").value().size() == 2);
    CHECK(r.links(std::string("shop-a"), "customer").value().size() == 1);
    CHECK(r.links(std::string(""), "customer").value().empty());
    return {};
  }));

  REQUIRE(store->write([](StoreWriter& w) { return w.erase_link("main", "order", "1042"); }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.link_by_woo("main", "order", "1042").value());
    CHECK_FALSE(r.link_by_visma("order", "inv-B").value());
    return {};
  }));
}

TEST_CASE("store: ids containing separators never collide", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string nul(1, '\0');
  const std::string soh(1, '\x01');
  const std::vector<Link> tricky = {
      {"a", "order", "b" + nul + "c", "v1", "", "", {}},
      {"a" + nul + "b", "order", "c", "v2", "", "", {}},
      {"a", "order", "b/c", "v3", "", "", {}},
      {"a/b", "order", "c", "v4", "", "", {}},
      {"a", "order", soh + "b", "v5", "", "", {}},
      {"a" + soh, "order", "b", "v6", "", "", {}},
      {"a", "order2", "b", "v7", "", "", {}},
      {"", "order", "a", "v8", "", "", {}},
  };
  REQUIRE(store->write([&](StoreWriter& w) -> Status {
    for (const auto& link : tricky) REQUIRE(w.put_link(link));
    REQUIRE(w.set_checkpoint("a" + nul + "b", "c", sample_checkpoint()));
    REQUIRE(w.set_checkpoint("a", "b" + nul + "c", sample_checkpoint()));
    return {};
  }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    for (const auto& link : tricky) {
      INFO(link.visma_id);
      CHECK(r.link_by_woo(link.shop, link.kind, link.woo_id).value()->visma_id == link.visma_id);
      CHECK(fields(*r.link_by_visma(link.kind, link.visma_id).value()) == fields(link));
    }
    CHECK(r.links(std::string("a"), "order").value().size() == 3);
    CHECK(r.links(std::nullopt, "order").value().size() == 7);
    CHECK(r.links(std::nullopt, "order2").value().size() == 1);
    auto checkpoints = r.all_checkpoints().value();
    REQUIRE(checkpoints.size() == 2);
    CHECK(checkpoints[0].shop == "a");
    CHECK(checkpoints[0].stream == "b" + nul + "c");
    CHECK(checkpoints[1].shop == "a" + nul + "b");
    return {};
  }));
}

TEST_CASE("store: a pending write and its link change in one transaction", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([](StoreWriter& w) { return w.put_pending(sample_pending()); }));
  // The create succeeded remotely: store the link and clear the intent together.
  REQUIRE(store->write([](StoreWriter& w) -> Status {
    if (auto ok = w.put_link(sample_link("1043", "inv-1043")); !ok) return ok;
    return w.erase_pending("main", "order", "1043");
  }));
  // And a run that dies halfway through the same pair leaves the intent in place.
  REQUIRE(store->write([](StoreWriter& w) {
    PendingWrite p = sample_pending();
    p.woo_id = "1050";
    return w.put_pending(p);
  }));
  auto interrupted = store->write([](StoreWriter& w) -> Status {
    REQUIRE(w.put_link(sample_link("1050", "inv-1050")));
    REQUIRE(w.erase_pending("main", "order", "1050"));
    return fail(ErrorKind::Transient, "connection lost");
  });
  REQUIRE_FALSE(interrupted);
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.pending("main", "order", "1043").value());
    CHECK(r.link_by_visma("order", "inv-1043").value());
    CHECK(r.pending("main", "order", "1050").value());
    CHECK_FALSE(r.link_by_woo("main", "order", "1050").value());
    return {};
  }));
}

TEST_CASE("store: pending writes list oldest first; failed items list all", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([](StoreWriter& w) -> Status {
    const char* times[] = {"2026-11-24T10:00:00.300Z", "2026-11-24T10:00:00.100Z",
                           "2026-11-24T10:00:00.200Z"};
    for (int i = 0; i < 3; ++i) {
      PendingWrite p = sample_pending();
      p.woo_id = std::to_string(i);
      p.recorded_at = at(times[i]);
      REQUIRE(w.put_pending(p));
      FailedItem f = sample_failed();
      f.shop = i == 1 ? "second" : "main";
      f.woo_id = std::to_string(i);
      f.attempts = i + 1;
      REQUIRE(w.put_failed(f));
    }
    // Updating a failure replaces it.
    FailedItem again = sample_failed();
    again.woo_id = "0";
    again.attempts = 9;
    return w.put_failed(again);
  }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    auto pending = r.all_pending().value();
    REQUIRE(pending.size() == 3);
    CHECK(pending[0].woo_id == "1");
    CHECK(pending[1].woo_id == "2");
    CHECK(pending[2].woo_id == "0");
    CHECK(pending[0].shop == "main");
    CHECK(pending[0].kind == "order");
    auto failed = r.all_failed().value();
    REQUIRE(failed.size() == 3);
    int attempts_of_0 = 0;
    for (const auto& f : failed) {
      if (f.woo_id == "0") attempts_of_0 = f.attempts;
      if (f.woo_id == "1") CHECK(f.shop == "second");
    }
    CHECK(attempts_of_0 == 9);
    return {};
  }));
}

TEST_CASE("store: tokens are replaced as a whole", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([](StoreWriter& w) { return w.put_tokens(sample_tokens()); }));
  OAuthTokens refreshed = sample_tokens();
  refreshed.access_token = "access-second";
  refreshed.scope.clear();
  REQUIRE(store->write([&](StoreWriter& w) { return w.put_tokens(refreshed); }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK(fields(*r.tokens().value()) == fields(refreshed));
    return {};
  }));
  clear_registered_secrets_for_tests();
}

TEST_CASE("store: run history is newest first and keeps the last 1000", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(store->write([](StoreWriter& w) -> Status {
    for (int i = 1; i <= 1003; ++i)
      REQUIRE(w.append_run(sample_run("run-" + std::to_string(i), i)));
    return {};
  }));
  REQUIRE(store->write([](StoreWriter& w) { return w.append_run(sample_run("run-1004", 1004)); }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    auto last3 = r.recent_runs(3).value();
    REQUIRE(last3.size() == 3);
    CHECK(last3[0].command == "run-1004");
    CHECK(last3[1].command == "run-1003");
    CHECK(last3[2].command == "run-1002");
    auto all = r.recent_runs(5000).value();
    REQUIRE(all.size() == 1000);
    CHECK(all.back().command == "run-5");
    CHECK(all.back().created == 5);
    CHECK(r.recent_runs(0).value().empty());
    return {};
  }));
}

TEST_CASE("store: an id too long for a key fails the write with a clear message", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string huge(600, '9');
  auto result = store->write([&](StoreWriter& w) -> Status {
    REQUIRE(w.set_checkpoint("main", "orders", sample_checkpoint()));
    return w.put_link(sample_link(huge, "inv-huge"));
  });
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == ErrorKind::Store);
  CHECK_THAT(result.error().message, Catch::Contains("links_by_woo") && Catch::Contains("longer"));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK_FALSE(r.checkpoint("main", "orders").value());
    CHECK_FALSE(r.link_by_woo("main", "order", huge).value());  // absent, not an error
    return {};
  }));
}
