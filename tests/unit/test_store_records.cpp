// Every typed store operation round-trips, survives reopening, and writes are all-or-nothing.

#include <algorithm>
#include <tuple>
#include <variant>

#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "core/store/store.hpp"
#include "tests/unit/record_fields.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;
using wv::testing::status_of;

namespace {

using wv::testing::fields;

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


Checkpoint sample_checkpoint() {
  return {at("2026-11-24T14:33:51.123Z"), std::int64_t{4711}, at("2026-11-24T14:40:00.001Z")};
}
/// A link with only its key and Visma id set.
Link plain_link(std::string shop, EntityKind kind, std::string woo_id, std::string visma_id) {
  Link l;
  l.shop = std::move(shop);
  l.kind = kind;
  l.woo_id = std::move(woo_id);
  l.visma_id = std::move(visma_id);
  return l;
}
/// An order link with every field set.
Link sample_link(std::string woo_id = "1042", std::string visma_id = "9a1c-invoice") {
  Link l = plain_link("main", EntityKind::Order, std::move(woo_id), std::move(visma_id));
  l.visma_number = "10017";
  l.document = DocumentKind::Invoice;
  l.change_reported = true;
  l.status_pushed = "completed";
  l.linked_at = at("2026-11-24T14:35:00.250Z");
  return l;
}
PendingWrite sample_pending() {
  return {"main",          EntityKind::Order,           "1043", "", DocumentKind::InvoiceDraft,
          "woo-main-1043", at("2026-11-24T14:36:00.5Z")};
}
FailedItem sample_failed() {
  FailedItem f;
  f.shop = "main";
  f.kind = EntityKind::Order;
  f.id = "1044";
  f.owner_id = "1044";
  f.concern = Concern::Failed;
  f.attempts = 3;
  f.error_kind = "rejected";
  f.message = "VAT code missing";
  f.hint = "map tax class 'reduced'";
  f.first_failed = at("2026-11-20T08:00:00Z");
  f.last_failed = at("2026-11-24T08:00:00.999Z");
  f.next_attempt = at("2026-11-25T08:00:00Z");
  return f;
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
          RunOutcome::Partial,
          3,
          "one order failed"};
}

Status write_samples(StoreWriter& w) {
  if (auto ok = w.set_checkpoint("main", Stream::Orders, sample_checkpoint()); !ok) return ok;
  if (auto ok = w.put_link(sample_link()); !ok) return ok;
  if (auto ok = w.put_pending(sample_pending()); !ok) return ok;
  if (auto ok = w.put_failed(sample_failed()); !ok) return ok;
  if (auto ok = w.put_tokens(sample_tokens()); !ok) return ok;
  return w.append_run(sample_run("sync-orders"));
}

/// Checks that everything write_samples() wrote is there, unchanged.
Status check_samples(const StoreReader& r) {
  auto c = r.checkpoint("main", Stream::Orders);
  REQUIRE(c);
  REQUIRE(*c);
  CHECK(fields(**c) == fields(sample_checkpoint()));
  auto all_c = r.all_checkpoints();
  REQUIRE(all_c);
  REQUIRE(all_c->size() == 1);
  CHECK((*all_c)[0].shop == "main");
  CHECK((*all_c)[0].stream == Stream::Orders);
  CHECK(fields((*all_c)[0].checkpoint) == fields(sample_checkpoint()));

  auto by_woo = r.link_by_woo("main", EntityKind::Order, "1042");
  REQUIRE(by_woo);
  REQUIRE(*by_woo);
  CHECK(fields(**by_woo) == fields(sample_link()));
  auto by_visma = r.link_by_visma(EntityKind::Order, "9a1c-invoice");
  REQUIRE(by_visma);
  REQUIRE(*by_visma);
  CHECK(fields(**by_visma) == fields(sample_link()));

  auto p = r.pending("main", EntityKind::Order, "1043");
  REQUIRE(p);
  REQUIRE(*p);
  CHECK(fields(**p) == fields(sample_pending()));
  auto f = r.failed("main", Concern::Failed, EntityKind::Order, "1044");
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
    CHECK_FALSE(r.checkpoint("main", Stream::Orders).value());
    CHECK_FALSE(r.link_by_woo("main", EntityKind::Order, "1042").value());
    CHECK_FALSE(r.link_by_visma(EntityKind::Order, "9a1c-invoice").value());
    CHECK(r.links(std::nullopt, EntityKind::Order).value().empty());
    CHECK_FALSE(r.pending("main", EntityKind::Order, "1043").value());
    CHECK(r.all_pending().value().empty());
    CHECK_FALSE(r.failed("main", Concern::Failed, EntityKind::Order, "1044").value());
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
      REQUIRE(w.erase_checkpoint("main", Stream::Orders));
      REQUIRE(w.erase_pending("main", EntityKind::Order, "1043"));
      REQUIRE(w.erase_failed("main", Concern::Failed, EntityKind::Order, "1044"));
      // Erasing what is absent is not an error.
      REQUIRE(w.erase_checkpoint("main", Stream::Products));
      REQUIRE(w.erase_pending("main", EntityKind::Order, "never"));
      REQUIRE(w.erase_failed("main", Concern::Failed, EntityKind::Order, "never"));
      REQUIRE(w.erase_link("main", EntityKind::Order, "never"));
      return {};
    }));
    REQUIRE(store->read([](const StoreReader& r) -> Status {
      CHECK_FALSE(r.checkpoint("main", Stream::Orders).value());
      CHECK_FALSE(r.pending("main", EntityKind::Order, "1043").value());
      CHECK_FALSE(r.failed("main", Concern::Failed, EntityKind::Order, "1044").value());
      CHECK(r.link_by_woo("main", EntityKind::Order, "1042").value());
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
    REQUIRE(w.set_checkpoint("main", Stream::Orders, sample_checkpoint()));
    Link broken = sample_link();
    broken.visma_id.clear();
    CHECK_FALSE(w.put_link(broken));
    return {};
  });
  REQUIRE_FALSE(ignored);
  CHECK(ignored.error().kind == ErrorKind::Internal);
  CHECK_THAT(ignored.error().message, Catch::Contains("put_link"));

  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.checkpoint("main", Stream::Orders).value());
    CHECK_FALSE(r.link_by_woo("main", EntityKind::Order, "1042").value());
    CHECK_FALSE(r.link_by_visma(EntityKind::Order, "9a1c-invoice").value());
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
    CHECK(w.link_by_visma(EntityKind::Order, "9a1c-invoice").value());
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
    CHECK(r.link_by_woo("main", EntityKind::Order, "1042").value()->visma_id == "inv-B");
    CHECK(r.link_by_visma(EntityKind::Order, "inv-B").value()->woo_id == "1042");
    CHECK_FALSE(
        r.link_by_visma(EntityKind::Order, "inv-A").value());  // the stale reverse entry is gone
    CHECK(r.links("main", EntityKind::Order).value().size() == 1);
    return {};
  }));

  // A Visma customer shared by two shops: the newer link owns the reverse entry, and replacing
  // the older one must not remove it.
  REQUIRE(store->write([](StoreWriter& w) -> Status {
    Link a = plain_link("shop-a", EntityKind::Customer, "7", "cust-1");
    a.customer_type = CustomerType::Company;
    Link b = plain_link("shop-b", EntityKind::Customer, "9", "cust-1");
    b.customer_type = CustomerType::Private;
    REQUIRE(w.put_link(a));
    REQUIRE(w.put_link(b));
    a.visma_id = "cust-2";
    return w.put_link(a);
  }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK(r.link_by_visma(EntityKind::Customer, "cust-1").value()->shop == "shop-b");
    CHECK(r.link_by_visma(EntityKind::Customer, "cust-2").value()->shop == "shop-a");
    CHECK(r.links(std::nullopt, EntityKind::Customer).value().size() == 2);
    CHECK(r.links(std::string("shop-a"), EntityKind::Customer).value().size() == 1);
    CHECK(r.links(std::string(""), EntityKind::Customer).value().empty());
    return {};
  }));

  REQUIRE(
      store->write([](StoreWriter& w) { return w.erase_link("main", EntityKind::Order, "1042"); }));
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.link_by_woo("main", EntityKind::Order, "1042").value());
    CHECK_FALSE(r.link_by_visma(EntityKind::Order, "inv-B").value());
    return {};
  }));
}

TEST_CASE("store: ids containing separators never collide", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string nul(1, '\0');
  const std::string soh(1, '\x01');
  const auto order = EntityKind::Order;
  const std::vector<Link> tricky = {
      plain_link("a", order, "b" + nul + "c", "v1"),
      plain_link("a" + nul + "b", order, "c", "v2"),
      plain_link("a", order, "b/c", "v3"),
      plain_link("a/b", order, "c", "v4"),
      plain_link("a", order, soh + "b", "v5"),
      plain_link("a" + soh, order, "b", "v6"),
      plain_link("a", EntityKind::Refund, "b", "v7"),
      plain_link("", order, "a", "v8"),
  };
  REQUIRE(store->write([&](StoreWriter& w) -> Status {
    for (const auto& link : tricky) REQUIRE(w.put_link(link));
    REQUIRE(w.set_checkpoint("a" + nul + "b", Stream::Orders, sample_checkpoint()));
    REQUIRE(w.set_checkpoint("a", Stream::Orders, sample_checkpoint()));
    return {};
  }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    for (const auto& link : tricky) {
      INFO(link.visma_id);
      CHECK(r.link_by_woo(link.shop, link.kind, link.woo_id).value()->visma_id == link.visma_id);
      CHECK(fields(*r.link_by_visma(link.kind, link.visma_id).value()) == fields(link));
    }
    CHECK(r.links(std::string("a"), EntityKind::Order).value().size() == 3);
    CHECK(r.links(std::nullopt, EntityKind::Order).value().size() == 7);
    CHECK(r.links(std::nullopt, EntityKind::Refund).value().size() == 1);
    auto checkpoints = r.all_checkpoints().value();
    REQUIRE(checkpoints.size() == 2);
    CHECK(checkpoints[0].shop == "a");
    CHECK(checkpoints[0].stream == Stream::Orders);
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
    return w.erase_pending("main", EntityKind::Order, "1043");
  }));
  // And a run that dies halfway through the same pair leaves the intent in place.
  REQUIRE(store->write([](StoreWriter& w) {
    PendingWrite p = sample_pending();
    p.woo_id = "1050";
    return w.put_pending(p);
  }));
  auto interrupted = store->write([](StoreWriter& w) -> Status {
    REQUIRE(w.put_link(sample_link("1050", "inv-1050")));
    REQUIRE(w.erase_pending("main", EntityKind::Order, "1050"));
    return fail(ErrorKind::Transient, "connection lost");
  });
  REQUIRE_FALSE(interrupted);
  REQUIRE(store->read([](const StoreReader& r) -> Status {
    CHECK_FALSE(r.pending("main", EntityKind::Order, "1043").value());
    CHECK(r.link_by_visma(EntityKind::Order, "inv-1043").value());
    CHECK(r.pending("main", EntityKind::Order, "1050").value());
    CHECK_FALSE(r.link_by_woo("main", EntityKind::Order, "1050").value());
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
      f.id = std::to_string(i);
      f.attempts = i + 1;
      REQUIRE(w.put_failed(f));
    }
    // Updating a failure replaces it.
    FailedItem again = sample_failed();
    again.id = "0";
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
    CHECK(pending[0].kind == EntityKind::Order);
    auto failed = r.all_failed().value();
    REQUIRE(failed.size() == 3);
    int attempts_of_0 = 0;
    for (const auto& f : failed) {
      if (f.id == "0") attempts_of_0 = f.attempts;
      if (f.id == "1") CHECK(f.shop == "second");
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
    REQUIRE(w.set_checkpoint("main", Stream::Orders, sample_checkpoint()));
    return w.put_link(sample_link(huge, "inv-huge"));
  });
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == ErrorKind::Store);
  CHECK_THAT(result.error().message, Catch::Contains("links_by_woo") && Catch::Contains("longer"));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK_FALSE(r.checkpoint("main", Stream::Orders).value());
    CHECK_FALSE(r.link_by_woo("main", EntityKind::Order, huge).value());  // absent, not an error
    return {};
  }));
}

TEST_CASE("store: an item has one record per concern; resolved records stay listed", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  FailedItem failed = sample_failed();
  FailedItem changed = sample_failed();
  changed.concern = Concern::ChangedAfterTransfer;
  changed.needs_person = true;
  changed.attempts = 1;
  changed.error_kind.clear();
  changed.message = "order 1044 was cancelled after it became Visma invoice 10017";
  changed.next_attempt.reset();
  FailedItem refund = sample_failed();
  refund.kind = EntityKind::Refund;
  refund.id = "1044";  // the same number as the order: another item all the same
  refund.owner_id = "1040";
  refund.concern = Concern::RefundNotCredited;
  refund.needs_person = true;
  refund.next_attempt.reset();
  refund.resolved_at = at("2026-11-26T09:15:00.5Z");
  REQUIRE(store->write([&](StoreWriter& w) -> Status {
    REQUIRE(w.put_failed(failed));
    REQUIRE(w.put_failed(changed));
    return w.put_failed(refund);
  }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK(fields(*r.failed("main", Concern::Failed, EntityKind::Order, "1044").value()) ==
          fields(failed));
    CHECK(fields(*r.failed("main", Concern::ChangedAfterTransfer, EntityKind::Order, "1044")
                      .value()) == fields(changed));
    const auto read_refund =
        r.failed("main", Concern::RefundNotCredited, EntityKind::Refund, "1044").value();
    REQUIRE(read_refund);
    CHECK(fields(*read_refund) == fields(refund));
    CHECK_FALSE(read_refund->open());
    CHECK_FALSE(r.failed("main", Concern::TotalsDiffer, EntityKind::Order, "1044").value());
    CHECK_FALSE(r.failed("main", Concern::Failed, EntityKind::Refund, "1044").value());
    auto all = r.all_failed().value();
    REQUIRE(all.size() == 3);
    CHECK(std::count_if(all.begin(), all.end(), [](const auto& f) { return f.open(); }) == 2);
    return {};
  }));

  // The order is transferred at last: its failure goes, the notice stays.
  REQUIRE(store->write([](StoreWriter& w) {
    return w.erase_failed("main", Concern::Failed, EntityKind::Order, "1044");
  }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK_FALSE(r.failed("main", Concern::Failed, EntityKind::Order, "1044").value());
    CHECK(r.failed("main", Concern::ChangedAfterTransfer, EntityKind::Order, "1044").value());
    CHECK(r.all_failed().value().size() == 2);
    return {};
  }));
}

TEST_CASE("store: a checkpoint's last id is a number or text, and stays what it was", "[store]") {
  testing::TempDir tmp;
  auto store = open_store(tmp.path());
  const Checkpoint by_number = sample_checkpoint();
  Checkpoint by_text = sample_checkpoint();
  by_text.last_id = std::string("6f1c2d0e-9a1b-4c3d-8e7f-001122334455");
  Checkpoint empty_text = sample_checkpoint();
  empty_text.last_id = std::string();
  REQUIRE(store->write([&](StoreWriter& w) -> Status {
    REQUIRE(w.set_checkpoint("main", Stream::Orders, by_number));
    REQUIRE(w.set_checkpoint("main", Stream::Products, by_text));
    return w.set_checkpoint("second", Stream::Products, empty_text);
  }));
  REQUIRE(store->read([&](const StoreReader& r) -> Status {
    CHECK(fields(*r.checkpoint("main", Stream::Orders).value()) == fields(by_number));
    CHECK(fields(*r.checkpoint("main", Stream::Products).value()) == fields(by_text));
    CHECK(std::holds_alternative<std::string>(
        r.checkpoint("second", Stream::Products).value()->last_id));
    CHECK(r.all_checkpoints().value().size() == 3);
    return {};
  }));
}

TEST_CASE("store: the words of the record enums read back", "[store]") {
  for (auto kind : {EntityKind::Order, EntityKind::Refund, EntityKind::Customer,
                    EntityKind::Article, EntityKind::Product}) {
    CHECK(entity_kind_from(to_string(kind)) == kind);
  }
  CHECK(std::string(to_string(EntityKind::Refund)) == "refund");
  CHECK_FALSE(entity_kind_from("credit"));  // version 1's word, not this version's
  for (auto stream : {Stream::Orders, Stream::Products})
    CHECK(stream_from(to_string(stream)) == stream);
  CHECK_FALSE(stream_from("Orders"));
  for (auto concern : {Concern::Failed, Concern::ChangedAfterTransfer, Concern::TotalsDiffer,
                       Concern::RefundNotCredited}) {
    CHECK(concern_from(to_string(concern)) == concern);
  }
  CHECK(std::string(to_string(Concern::RefundNotCredited)) == "refund-not-credited");
  CHECK_FALSE(concern_from(""));
  CHECK(std::string(to_string(RunOutcome::DryRun)) == "dry-run");
  CHECK(std::string(to_string(RunOutcome::Interrupted)) == "interrupted");
}
