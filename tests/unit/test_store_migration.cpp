// The upgrade from schema version 1 to 2: a store written by woovisma 034b4c4 (tests/data) keeps
// every record in its typed form, version 1's other words get their meaning, and a record whose
// meaning is unknown stops the upgrade without changing anything.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "core/store/record_codec.hpp"
#include "core/store/store.hpp"
#include "tests/unit/record_fields.hpp"
#include "core/store/value_io.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/unit/store_raw.hpp"

using namespace wv;
using wv::testing::must;
using wv::testing::read_raw;
using wv::testing::utc;
using wv::testing::version_in;
using wv::testing::write_raw;

namespace {

using wv::testing::fields;


const std::vector<std::string> kDatabases = {
    "meta", "checkpoints", "links_by_woo", "links_by_visma", "pending", "failed", "tokens", "runs"};

/// A copy of the store in tests/data/store-v1-034b4c4, private as Store requires.
std::filesystem::path copy_old_store(const std::filesystem::path& dir) {
  using std::filesystem::perms;
  const std::filesystem::path from =
      std::filesystem::path(WOOVISMA_SOURCE_DIR) / "tests/data/store-v1-034b4c4/data.mdb";
  const std::filesystem::path store = dir / "store";
  std::filesystem::create_directories(store);
  std::filesystem::permissions(store, perms::owner_all);
  REQUIRE(std::filesystem::copy_file(from, store / "data.mdb"));
  std::filesystem::permissions(store / "data.mdb", perms::owner_read | perms::owner_write);
  return store;
}

Link link(const char* shop, EntityKind kind, const char* woo_id, const char* visma_id,
          const char* number, std::optional<DocumentKind> document, CustomerType customer_type,
          bool reported, const char* linked_at) {
  Link l;
  l.shop = shop;
  l.kind = kind;
  l.woo_id = woo_id;
  l.visma_id = visma_id;
  l.visma_number = number;
  l.document = document;
  l.customer_type = customer_type;
  l.change_reported = reported;
  l.linked_at = utc(linked_at);
  return l;
}

FailedItem item(EntityKind kind, const char* id, const char* owner_id, Concern concern,
                const char* error_kind, const std::string& message, const std::string& hint,
                const char* failed_at, const char* next_attempt) {
  FailedItem f;
  f.shop = "demo";
  f.kind = kind;
  f.id = id;
  f.owner_id = owner_id;
  f.concern = concern;
  f.needs_person = next_attempt == nullptr;
  f.attempts = 1;
  f.error_kind = error_kind;
  f.message = message;
  f.hint = hint;
  f.first_failed = utc(failed_at);
  f.last_failed = f.first_failed;
  if (next_attempt) f.next_attempt = utc(next_attempt);
  return f;
}

RunRecord run(const char* started, const char* ended, int created, int skipped, int failed,
              RunOutcome outcome, int exit_code, const char* detail = "") {
  return {"demo",  "sync-orders", utc(started), utc(ended), created, 0,
          skipped, failed,        outcome,      exit_code,  detail};
}

// What the store in tests/data held, as `woovisma status --json` of 034b4c4 showed it (its
// status-v1.json) and, for links, as its data.mdb decodes (README.md there), in the new form.
std::vector<Link> expected_links() {
  using D = DocumentKind;
  using C = CustomerType;
  const auto order = EntityKind::Order;
  const auto customer = EntityKind::Customer;
  const auto article = EntityKind::Article;
  const auto none = std::nullopt;
  return {
      link("", article, "BLANKET-W", "081427bd-871e-4795-9d99-ab62bf9188e0", "BLANKET-W", none,
           C::Unknown, false, "2026-12-06T05:05:14.581Z"),
      link("", article, "BOOK-108", "874816f7-311b-42b5-a5ea-4f3e7f1a55da", "BOOK-108", none,
           C::Unknown, false, "2026-12-06T05:05:14.589Z"),
      link("", article, "CARD-1", "c3378698-c540-4367-9380-08d333fdb073", "CARD-1", none,
           C::Unknown, false, "2026-12-06T05:05:51.584Z"),
      link("", article, "COOKIE-4", "62412bbb-4bf9-43c0-983e-9584d8b5a2eb", "COOKIE-4", none,
           C::Unknown, false, "2026-12-06T05:05:14.600Z"),
      link("", article, "EBOOK-7", "744ee11d-67e5-4add-87bf-dcc27d4b5dda", "EBOOK-7", none,
           C::Unknown, false, "2026-12-06T05:05:14.606Z"),
      link("", article, "HONEY-2", "4e706a92-9601-44ce-bfa2-aa531b81d75f", "HONEY-2", none,
           C::Unknown, false, "2026-12-06T05:05:14.595Z"),
      link("", article, "JAM-1", "4a7fd7e2-f58b-4bc6-9036-303d3a875aa7", "JAM-1", none, C::Unknown,
           false, "2026-12-06T05:05:14.597Z"),
      link("", article, "MAG-12", "8429e6e6-b0a2-4382-ab2a-f67f786dc819", "MAG-12", none,
           C::Unknown, false, "2026-12-06T05:05:14.591Z"),
      // Version 1's "credit" link of refund 58 (of order 45), a credit invoice draft.
      link("demo", EntityKind::Refund, "58", "de4e8d85-a56f-49f8-b0de-02f6f2b96268", "",
           D::InvoiceDraft, C::Unknown, false, "2026-12-06T05:05:31.149Z"),
      link("demo", customer, "email:anna.svensson@example.com",
           "55e76c2b-fa77-4439-9781-c17de2d9e9b3", "1004", none, C::Private, false,
           "2026-12-06T05:05:14.553Z"),
      link("demo", customer, "email:ekonomi@nordicdesign.example",
           "84360154-d7b9-431d-9835-8eef3576ca87", "1008", none, C::Company, false,
           "2026-12-06T05:05:14.578Z"),
      link("demo", customer, "email:greta.strom@example.com",
           "ed40b3ed-7128-478f-b3c9-6cf78d20d71c", "1011", none, C::Private, false,
           "2026-12-06T05:05:51.568Z"),
      link("demo", customer, "email:ingrid.sjoberg@example.com",
           "716d432d-7a5e-4e7e-a365-9cb61f515b3f", "1009", none, C::Private, false,
           "2026-12-06T05:05:14.587Z"),
      link("demo", customer, "email:inkop@exempelbolaget.example",
           "1c3d1f36-801b-483c-9719-8962d77dbc78", "1006", none, C::Company, false,
           "2026-12-06T05:05:14.566Z"),
      link("demo", customer, "email:karin.lind@example.com", "db484a91-398e-4881-9d70-e2b4d6a7bae1",
           "1005", none, C::Private, false, "2026-12-06T05:05:14.561Z"),
      link("demo", customer, "email:mikko.virtanen@example.com|EUR",
           "c523bbd7-9fe2-4805-b4ca-fbcb48ba1bc5", "1007", none, C::Private, false,
           "2026-12-06T05:05:14.572Z"),
      link("demo", customer, "email:nora.lund@example.com", "7e87851b-da89-4149-8a4f-1ef17b189929",
           "1010", none, C::Private, false, "2026-12-06T05:05:14.604Z"),
      link("demo", order, "45", "e51af58e-b6e9-4141-a2f2-1c838fa01717", "", D::InvoiceDraft,
           C::Unknown, false, "2026-12-06T05:05:14.558Z"),
      // "draft+reported": cancelled after the transfer.
      link("demo", order, "46", "d5a67883-ac64-45e3-a201-a27c02d94989", "", D::InvoiceDraft,
           C::Unknown, true, "2026-12-06T05:05:14.564Z"),
      link("demo", order, "48", "779d9fd5-1597-4da5-84e6-5e2a05d40645", "", D::InvoiceDraft,
           C::Unknown, false, "2026-12-06T05:05:14.576Z"),
      // Converted to invoices by a run with orders.target = "invoice".
      link("demo", order, "52", "8cf14c6c-7474-4bc4-9f4e-9b2f51b8889f", "2", D::Invoice, C::Unknown,
           false, "2026-12-06T05:05:14.584Z"),
      link("demo", order, "53", "129046f8-082a-41ac-b9f3-9941ffe1feef", "1", D::Invoice, C::Unknown,
           true, "2026-12-06T05:05:14.593Z"),
      link("demo", order, "56", "4b805966-0e44-46e1-92b6-fef1018e51e3", "", D::InvoiceDraft,
           C::Unknown, false, "2026-12-06T05:05:14.602Z"),
      link("demo", order, "57", "cfcd8ff7-31ec-44c8-bde3-584edcd31a31", "", D::InvoiceDraft,
           C::Unknown, false, "2026-12-06T05:05:14.608Z"),
  };
}

std::vector<FailedItem> expected_failed() {
  const std::string duplicate_hint =
      "a duplicate exists in Visma; resolve it there, then wait for the retry or run "
      "sync-orders --order ID";
  const std::string cancelled_hint =
      "credit or void the Visma document by hand, then run `woovisma status` again; this notice "
      "stays until you act";
  return {
      item(EntityKind::Order, "47", "47", Concern::Failed, "conflict",
           "creating article SERVICE-INSTALL: Visma refused POST /articles: Conflict: an article "
           "with Number 'SERVICE-INSTALL' already exists (Id "
           "21e8aa6b-825e-4e74-a70f-cd6fbc3290af). (ErrorCode 4000, HTTP 400, ErrorId "
           "338aa4e8-0b80-47c4-9463-eace544dc72f)",
           duplicate_hint, "2026-12-06T05:05:14.570Z", "2026-12-06T05:10:14.570Z"),
      // Version 1's "order-after-transfer" notices, error kind "attention".
      item(EntityKind::Order, "46", "46", Concern::ChangedAfterTransfer, "",
           "order 46 was cancelled after it became Visma draft "
           "d5a67883-ac64-45e3-a201-a27c02d94989; credit or void it in Visma if needed",
           cancelled_hint, "2026-12-06T05:05:36.869Z", nullptr),
      item(EntityKind::Order, "53", "53", Concern::ChangedAfterTransfer, "",
           "order 53 was cancelled after it became Visma invoice 1; credit or void it in Visma "
           "if needed",
           cancelled_hint, "2026-12-06T05:05:36.869Z", nullptr),
      // Version 1's "refund" records did not know their order: owner_id stays "".
      item(EntityKind::Refund, "59", "", Concern::RefundNotCredited, "",
           "order 56 (Visma 4b805966-0e44-46e1-92b6-fef1018e51e3) has refund 59 of 59.00 SEK not "
           "credited in Visma",
           "credit it in Visma by hand, or set orders.refunds = \"credit\"",
           "2026-12-06T05:05:36.869Z", nullptr),
      item(EntityKind::Refund, "60", "", Concern::Failed, "conflict",
           "creating article CANDLE-2: Visma refused POST /articles: Conflict: an article with "
           "Number 'CANDLE-2' already exists (Id 63b8041d-d27b-45af-a308-d08fc71dd1de). "
           "(ErrorCode 4000, HTTP 400, ErrorId 96ca472d-c4de-409d-a721-e7deb79ee683)",
           duplicate_hint, "2026-12-06T05:05:47.192Z", "2026-12-06T05:10:47.192Z"),
  };
}

/// Newest first, as recent_runs() lists them.
std::vector<RunRecord> expected_runs() {
  const auto ok = RunOutcome::Ok;
  const auto partial = RunOutcome::Partial;
  return {
      run("2026-12-06T05:05:51.548Z", "2026-12-06T05:05:51.595Z", 0, 5, 0, RunOutcome::Stopped, 4,
          "stopped: transient"),
      run("2026-12-06T05:05:47.167Z", "2026-12-06T05:05:47.199Z", 0, 1, 1, partial, 3),
      run("2026-12-06T05:05:36.859Z", "2026-12-06T05:05:36.870Z", 0, 4, 0, ok, 0),
      run("2026-12-06T05:05:33.455Z", "2026-12-06T05:05:33.464Z", 0, 1, 0, ok, 0),
      run("2026-12-06T05:05:33.438Z", "2026-12-06T05:05:33.447Z", 0, 1, 0, ok, 0),
      run("2026-12-06T05:05:31.138Z", "2026-12-06T05:05:31.150Z", 1, 2, 0, ok, 0),
      run("2026-12-06T05:05:14.538Z", "2026-12-06T05:05:14.609Z", 7, 4, 1, partial, 3),
  };
}

/// Checks that the store holds exactly what the version-1 store held, in the new form.
Status check_upgraded(const StoreReader& r) {
  const auto checkpoints = must(r.all_checkpoints(), "checkpoints");
  REQUIRE(checkpoints.size() == 1);
  CHECK(checkpoints[0].shop == "demo");
  CHECK(checkpoints[0].stream == Stream::Orders);
  const Checkpoint checkpoint{utc("2026-12-06T05:05:46Z"), std::int64_t{52},
                              utc("2026-12-06T05:05:51.562Z")};
  CHECK(fields(checkpoints[0].checkpoint) == fields(checkpoint));

  const auto links = expected_links();
  for (const auto& want : links) {
    INFO(to_string(want.kind) << " " << want.woo_id);
    const auto by_woo = must(r.link_by_woo(want.shop, want.kind, want.woo_id), "link_by_woo");
    REQUIRE(by_woo);
    CHECK(fields(*by_woo) == fields(want));
    const auto by_visma = must(r.link_by_visma(want.kind, want.visma_id), "link_by_visma");
    REQUIRE(by_visma);
    CHECK(fields(*by_visma) == fields(want));
  }
  CHECK(must(r.links(std::nullopt, EntityKind::Order), "orders").size() == 7);
  CHECK(must(r.links(std::string("demo"), EntityKind::Refund), "refunds").size() == 1);
  CHECK(must(r.links(std::nullopt, EntityKind::Customer), "customers").size() == 8);
  CHECK(must(r.links(std::string(""), EntityKind::Article), "articles").size() == 8);
  // Reverse entries are per kind: the credit invoice is a refund's document, not an order's.
  CHECK_FALSE(must(r.link_by_visma(EntityKind::Order, "de4e8d85-a56f-49f8-b0de-02f6f2b96268"),
                   "link_by_visma"));

  const auto pending = must(r.all_pending(), "pending");
  REQUIRE(pending.size() == 1);
  const PendingWrite intent{"demo",
                            EntityKind::Order,
                            "61",
                            "",
                            DocumentKind::InvoiceDraft,
                            "61",
                            utc("2026-12-06T05:05:51.587Z")};
  CHECK(fields(pending[0]) == fields(intent));

  const auto failed = expected_failed();
  CHECK(must(r.all_failed(), "failed").size() == failed.size());
  for (const auto& want : failed) {
    INFO(to_string(want.concern) << " " << to_string(want.kind) << " " << want.id);
    const auto got = must(r.failed(want.shop, want.concern, want.kind, want.id), "failed");
    REQUIRE(got);
    CHECK(fields(*got) == fields(want));
    CHECK(got->open());
  }

  const auto tokens = must(r.tokens(), "tokens");
  REQUIRE(tokens);
  const OAuthTokens want_tokens{
      "c11c3f5d3fc8770163e59e0cf881dc514f6e12ed994c7522afa2411d3903205d",
      "4f15d698c052742d0e46dc0d8ac52dcd5122ff964040c04b20af07174247d8fe",
      utc("2026-12-06T06:05:04.035Z"), utc("2026-12-06T05:05:04.035Z"),
      "ea:accounting ea:accounting_readonly ea:api ea:purchase ea:purchase_readonly ea:sales "
      "ea:sales_readonly offline_access"};
  CHECK(fields(*tokens) == fields(want_tokens));

  const auto runs = must(r.recent_runs(100), "runs");
  const auto want_runs = expected_runs();
  REQUIRE(runs.size() == want_runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    INFO("run " << i);
    CHECK(fields(runs[i]) == fields(want_runs[i]));
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Version-1 values, written the way version 1 wrote them (record format 1).

std::string v1_checkpoint(const char* modified, const char* last_id) {
  return store_codec::ValueWriter(1).time(utc(modified)).str(last_id).time(utc(modified)).take();
}
std::string v1_link(const char* visma_id, const char* state) {
  return store_codec::ValueWriter(1)
      .str(visma_id)
      .str("")
      .str(state)
      .time(utc("2026-11-01T10:00:00Z"))
      .take();
}
std::string v1_link_ref(std::initializer_list<std::string_view> woo_key) {
  return store_codec::ValueWriter(1).str(store_codec::join_key(woo_key)).take();
}
std::string v1_pending(const char* target) {
  return store_codec::ValueWriter(1)
      .str(target)
      .str("ref")
      .time(utc("2026-11-01T10:00:00Z"))
      .take();
}
std::string v1_failed(const char* error_kind, Timestamp next_attempt) {
  return store_codec::ValueWriter(1)
      .i64(2)
      .str("the message")
      .str(error_kind)
      .str("the hint")
      .time(utc("2026-11-01T10:00:00Z"))
      .time(utc("2026-11-01T11:00:00Z"))
      .time(next_attempt)
      .take();
}
std::string v1_run(const char* outcome) {
  return store_codec::ValueWriter(1)
      .str("main")
      .str("sync-orders")
      .time(utc("2026-11-01T10:00:00Z"))
      .time(utc("2026-11-01T10:00:05Z"))
      .i64(1)
      .i64(0)
      .i64(2)
      .i64(3)
      .str(outcome)
      .take();
}

using RawEntries = std::vector<std::tuple<std::string, std::string, std::string>>;

/// A version-1 store in `dir` holding `entries`.
void make_v1_store(const std::filesystem::path& dir, RawEntries entries) {
  testing::create_databases(dir, kDatabases);
  entries.emplace_back("meta", "schema_version", "1");
  write_raw(dir, entries);
}

}  // namespace

TEST_CASE("store: a version-1 store written by woovisma 034b4c4 is upgraded, keeping every record",
          "[store][migration]") {
  testing::TempDir tmp;
  const auto dir = copy_old_store(tmp.path());
  CHECK(version_in(dir) == "1");
  {
    auto store = Store::open(dir);
    REQUIRE(store);
    CHECK(version_in(dir) == "2");
    REQUIRE((*store)->read(check_upgraded));
    // The new program carries on where the old one stopped: the intent is settled.
    REQUIRE((*store)->write([](StoreWriter& w) -> Status {
      Link made;
      made.shop = "demo";
      made.kind = EntityKind::Order;
      made.woo_id = "61";
      made.visma_id = "new-draft-61";
      made.document = DocumentKind::InvoiceDraft;
      if (auto ok = w.put_link(made); !ok) return ok;
      return w.erase_pending("demo", EntityKind::Order, "61");
    }));
  }
  // Reopening does not upgrade again.
  auto reopened = Store::open(dir, {.read_only = true});
  REQUIRE(reopened);
  REQUIRE((*reopened)->read([](const StoreReader& r) -> Status {
    CHECK(r.all_pending().value().empty());
    CHECK(r.links(std::nullopt, EntityKind::Order).value().size() == 8);
    CHECK(r.all_failed().value().size() == 5);
    return {};
  }));
  clear_registered_secrets_for_tests();
}

TEST_CASE("store: version 1's other states, targets, notices and outcomes get their meaning",
          "[store][migration]") {
  testing::TempDir tmp;
  using store_codec::join_key;
  const Timestamp retry_at = utc("2026-11-01T12:00:00Z");
  make_v1_store(
      tmp.path(),
      {
          {"checkpoints", join_key({"second", "orders"}),
           v1_checkpoint("2026-11-01T09:00:00Z", "123")},
          {"links_by_woo", join_key({"order", "s", "1"}), v1_link("so-1", "sales-order")},
          {"links_by_woo", join_key({"order", "s", "2"}), v1_link("doc-2", "")},
          {"links_by_woo", join_key({"order", "s", "3"}), v1_link("so-3", "sales-order+reported")},
          {"links_by_woo", join_key({"order", "s", "4"}), v1_link("doc-4", "+reported")},
          {"links_by_woo", join_key({"credit", "s", "9"}), v1_link("cr-9", "invoice")},
          {"links_by_woo", join_key({"customer", "s", "email:x"}), v1_link("c-x", "")},
          // A Visma customer shared by two shops: the reverse entry belongs to shop b's link.
          {"links_by_woo", join_key({"customer", "a", "email:y"}), v1_link("c-y", "private")},
          {"links_by_woo", join_key({"customer", "b", "email:y"}), v1_link("c-y", "company")},
          {"links_by_visma", join_key({"order", "so-1"}), v1_link_ref({"order", "s", "1"})},
          {"links_by_visma", join_key({"credit", "cr-9"}), v1_link_ref({"credit", "s", "9"})},
          {"links_by_visma", join_key({"customer", "c-y"}),
           v1_link_ref({"customer", "b", "email:y"})},
          {"pending", join_key({"s", "customer", "email:z"}), v1_pending("customer")},
          {"pending", join_key({"", "article", "SKU-1"}), v1_pending("article")},
          {"pending", join_key({"s", "credit", "9"}), v1_pending("draft")},
          {"pending", join_key({"s", "order", "5"}), v1_pending("sales-order")},
          {"failed", join_key({"s", "order-total-mismatch", "7"}),
           v1_failed("attention", Timestamp::max())},
          {"failed", join_key({"s", "refund", "8"}), v1_failed("rejected", retry_at)},
          {"runs", store_codec::sequence_key(1), v1_run("stopped: auth")},
          {"runs", store_codec::sequence_key(2), v1_run("stopped: config")},
          {"runs", store_codec::sequence_key(3), v1_run("failed: the store is unreadable")},
          {"runs", store_codec::sequence_key(4), v1_run("dry-run")},
      });
  auto store = Store::open(tmp.path());
  REQUIRE(store);
  REQUIRE((*store)->read([&](const StoreReader& r) -> Status {
    CHECK(r.checkpoint("second", Stream::Orders).value()->last_id ==
          std::variant<std::int64_t, std::string>(std::int64_t{123}));

    auto link = [&](const char* shop, EntityKind kind, const char* id) {
      auto l = must(r.link_by_woo(shop, kind, id), "link");
      REQUIRE(l);
      return *l;
    };
    CHECK(link("s", EntityKind::Order, "1").document == DocumentKind::SalesOrder);
    CHECK_FALSE(link("s", EntityKind::Order, "1").change_reported);
    CHECK_FALSE(link("s", EntityKind::Order, "2").document);
    CHECK(link("s", EntityKind::Order, "3").document == DocumentKind::SalesOrder);
    CHECK(link("s", EntityKind::Order, "3").change_reported);
    CHECK_FALSE(link("s", EntityKind::Order, "4").document);
    CHECK(link("s", EntityKind::Order, "4").change_reported);
    CHECK(link("s", EntityKind::Refund, "9").document == DocumentKind::Invoice);
    CHECK(link("s", EntityKind::Customer, "email:x").customer_type == CustomerType::Unknown);
    CHECK(link("a", EntityKind::Customer, "email:y").customer_type == CustomerType::Private);
    CHECK(link("b", EntityKind::Customer, "email:y").customer_type == CustomerType::Company);
    CHECK(r.link_by_visma(EntityKind::Order, "so-1").value()->woo_id == "1");
    CHECK(r.link_by_visma(EntityKind::Refund, "cr-9").value()->woo_id == "9");
    CHECK(r.link_by_visma(EntityKind::Customer, "c-y").value()->shop == "b");
    CHECK_FALSE(r.link_by_visma(EntityKind::Order, "doc-2").value());  // had none in version 1

    auto intent = [&](const char* shop, EntityKind kind, const char* id) {
      auto p = must(r.pending(shop, kind, id), "pending");
      REQUIRE(p);
      CHECK(p->owner_id.empty());
      CHECK(p->reference == "ref");
      return *p;
    };
    CHECK_FALSE(intent("s", EntityKind::Customer, "email:z").document);
    CHECK_FALSE(intent("", EntityKind::Article, "SKU-1").document);
    CHECK(intent("s", EntityKind::Refund, "9").document == DocumentKind::InvoiceDraft);
    CHECK(intent("s", EntityKind::Order, "5").document == DocumentKind::SalesOrder);

    const auto totals = r.failed("s", Concern::TotalsDiffer, EntityKind::Order, "7").value();
    REQUIRE(totals);
    CHECK(totals->needs_person);
    CHECK(totals->owner_id == "7");
    CHECK(totals->error_kind.empty());
    CHECK_FALSE(totals->next_attempt);
    CHECK(totals->attempts == 2);
    CHECK(totals->message == "the message");
    CHECK(totals->hint == "the hint");
    CHECK(totals->last_failed == utc("2026-11-01T11:00:00Z"));
    const auto refund = r.failed("s", Concern::Failed, EntityKind::Refund, "8").value();
    REQUIRE(refund);
    CHECK_FALSE(refund->needs_person);
    CHECK(refund->owner_id.empty());
    CHECK(refund->error_kind == "rejected");
    CHECK(refund->next_attempt == retry_at);
    CHECK(r.all_failed().value().size() == 2);

    const auto runs = r.recent_runs(10).value();
    REQUIRE(runs.size() == 4);
    CHECK(runs[0].outcome == RunOutcome::DryRun);
    CHECK(runs[0].exit_code == 0);
    CHECK(runs[0].detail.empty());
    CHECK(runs[1].outcome == RunOutcome::Stopped);
    CHECK(runs[1].exit_code == 1);
    CHECK(runs[1].detail == "failed: the store is unreadable");
    CHECK(runs[2].outcome == RunOutcome::Stopped);
    CHECK(runs[2].exit_code == 1);
    CHECK(runs[2].detail == "stopped: config");
    CHECK(runs[3].outcome == RunOutcome::Stopped);
    CHECK(runs[3].exit_code == 5);
    CHECK(runs[3].detail == "stopped: auth");
    CHECK(runs[3].created == 1);
    CHECK(runs[3].failed == 3);
    return {};
  }));
}

TEST_CASE("store: a version-1 record of unknown meaning stops the upgrade and changes nothing",
          "[store][migration]") {
  testing::TempDir tmp;
  using store_codec::join_key;
  std::string db, key, value, names;
  SECTION("an order checkpoint whose id is not a number") {
    std::tie(db, key, value) = std::tuple{"checkpoints", join_key({"main", "orders"}),
                                          v1_checkpoint("2026-11-01T09:00:00Z", "x12")};
    names = "checkpoints \"main/orders\"";
  }
  SECTION("a stream version 1 never had") {
    std::tie(db, key, value) = std::tuple{"checkpoints", join_key({"main", "invoices"}),
                                          v1_checkpoint("2026-11-01T09:00:00Z", "1")};
    names = "stream \"invoices\"";
  }
  SECTION("a link of an unknown kind") {
    std::tie(db, key, value) =
        std::tuple{"links_by_woo", join_key({"invoice", "main", "1"}), v1_link("i-1", "draft")};
    names = "links_by_woo \"invoice/main/1\"";
  }
  SECTION("an order link in an unknown state") {
    std::tie(db, key, value) =
        std::tuple{"links_by_woo", join_key({"order", "main", "1"}), v1_link("i-1", "paid")};
    names = "state \"paid\"";
  }
  SECTION("a customer link in an unknown state") {
    std::tie(db, key, value) =
        std::tuple{"links_by_woo", join_key({"customer", "main", "email:a"}), v1_link("c", "vip")};
    names = "state \"vip\"";
  }
  SECTION("a refund link marked reported") {
    std::tie(db, key, value) = std::tuple{"links_by_woo", join_key({"credit", "main", "1"}),
                                          v1_link("c", "draft+reported")};
    names = "state \"draft+reported\"";
  }
  SECTION("an intent whose target does not fit its kind") {
    std::tie(db, key, value) =
        std::tuple{"pending", join_key({"main", "order", "1"}), v1_pending("customer")};
    names = "pending \"main/order/1\"";
  }
  SECTION("a failure record of an unknown kind") {
    std::tie(db, key, value) = std::tuple{"failed", join_key({"main", "customer", "email:a"}),
                                          v1_failed("rejected", utc("2026-11-01T12:00:00Z"))};
    names = "failed \"main/customer/email:a\"";
  }
  SECTION("a run with an unknown outcome") {
    std::tie(db, key, value) = std::tuple{"runs", store_codec::sequence_key(7), v1_run("fine")};
    names = "runs \"#7\"";
  }
  SECTION("a value that is not in record format 1") {
    Link l;
    l.visma_id = "i-1";
    std::tie(db, key, value) =
        std::tuple{"links_by_woo", join_key({"order", "main", "1"}), store_codec::encode_link(l)};
    names = "unknown record format 2";
  }
  // A good record next to the bad one must not be converted either.
  make_v1_store(tmp.path(),
                {{"links_by_woo", join_key({"order", "main", "2"}), v1_link("d-2", "draft")},
                 {db, key, value}});

  auto opened = Store::open(tmp.path());
  REQUIRE_FALSE(opened);
  CHECK(opened.error().kind == ErrorKind::Store);
  INFO(opened.error().message);
  CHECK_THAT(opened.error().message, Catch::Contains("from version 1 to 2") &&
                                         Catch::Contains(names) && Catch::Contains("report this"));
  CHECK(opened.error().message.find('\n') == std::string::npos);
  CHECK(version_in(tmp.path()) == "1");
  CHECK(read_raw(tmp.path(), db, key) == value);
  CHECK(read_raw(tmp.path(), "links_by_woo", join_key({"order", "main", "2"})) ==
        v1_link("d-2", "draft"));
}
