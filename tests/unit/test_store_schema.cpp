// Schema versions: older stores are migrated on open, newer ones refused; damaged records give a
// Store error that names the database and the key.

#include <catch2/catch.hpp>

#include "core/store/lmdb_env.hpp"
#include "core/store/lmdb_store.hpp"
#include "core/store/record_codec.hpp"
#include "core/store/schema.hpp"
#include "core/store/store.hpp"
#include "core/store/value_io.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/unit/store_raw.hpp"

using namespace wv;
using wv::testing::read_raw;
using wv::testing::status_of;
using wv::testing::version_in;
using wv::testing::write_raw;

namespace {

/// This program's steps plus a pretend step to version 3 that leaves a mark.
std::vector<store_schema::Migration> steps_to_version_3(int& ran, bool step_fails) {
  std::vector<store_schema::Migration> steps(store_schema::migrations().begin(),
                                             store_schema::migrations().end());
  steps.push_back({2, "add notes", [&ran, step_fails](lmdb::Txn& txn) -> Status {
                     ++ran;
                     auto notes = txn.open_db("notes", true);
                     if (!notes) return std::unexpected(notes.error());
                     if (auto ok = txn.put(**notes, "migrated", "yes"); !ok) return ok;
                     if (step_fails) return fail(ErrorKind::Store, "pretend the step failed");
                     return {};
                   }});
  return steps;
}

}  // namespace

TEST_CASE("store: a new store records this program's schema version", "[store]") {
  testing::TempDir tmp;
  REQUIRE(Store::open(tmp.path()));
  CHECK(version_in(tmp.path()) == std::to_string(Store::kSchemaVersion));
  CHECK(store_schema::migrations().size() == static_cast<std::size_t>(Store::kSchemaVersion));
}

TEST_CASE("store: a version-0 store (no meta) is migrated and keeps its records", "[store]") {
  testing::TempDir tmp;
  // An early layout: only the checkpoints database, in record format 1, and no schema version
  // anywhere.
  const Timestamp modified = *parse_timestamp("2026-10-01T12:00:00.5Z");
  write_raw(tmp.path(), {{"checkpoints", store_codec::join_key({"main", "orders"}),
                          store_codec::ValueWriter(1)
                              .time(modified)
                              .str("99")
                              .time(*parse_timestamp("2026-10-01T12:01:00Z"))
                              .take()}});
  CHECK(version_in(tmp.path()) == "<none>");

  SECTION("read-only opening cannot migrate and says what to do") {
    auto ro = Store::open(tmp.path(), {.read_only = true});
    REQUIRE_FALSE(ro);
    CHECK(ro.error().kind == ErrorKind::Store);
    CHECK_THAT(ro.error().message,
               Catch::Contains("schema version 0") && Catch::Contains("run a command that writes"));
  }

  auto store = Store::open(tmp.path());
  REQUIRE(store);
  CHECK(version_in(tmp.path()) == "2");
  REQUIRE((*store)->read([&](const StoreReader& r) -> Status {
    auto c = r.checkpoint("main", Stream::Orders);
    REQUIRE(c);
    REQUIRE(*c);
    CHECK((*c)->modified == modified);
    CHECK((*c)->last_id == std::variant<std::int64_t, std::string>(std::int64_t{99}));
    return {};
  }));
  // Every database of the current schema exists now.
  REQUIRE((*store)->write([](StoreWriter& w) { return w.append_run({}); }));
}

TEST_CASE("store: a migration step runs once, inside the opening transaction", "[store]") {
  testing::TempDir tmp;
  {
    auto v2 = Store::open(tmp.path());
    REQUIRE(v2);
    REQUIRE((*v2)->write([](StoreWriter& w) {
      Link link;
      link.shop = "main";
      link.woo_id = "1";
      link.visma_id = "inv-1";
      return w.put_link(link);
    }));
  }
  int ran = 0;

  SECTION("a failing step leaves the store at its old version") {
    auto steps = steps_to_version_3(ran, true);
    auto opened = store_detail::open_store(tmp.path(), {}, steps);
    REQUIRE_FALSE(opened);
    CHECK(ran == 1);
    CHECK_THAT(opened.error().message, Catch::Contains("from version 2 to 3") &&
                                           Catch::Contains("pretend the step failed"));
    CHECK(version_in(tmp.path()) == "2");
    CHECK_FALSE(read_raw(tmp.path(), "notes", "migrated"));
    // The old program still opens it.
    REQUIRE(Store::open(tmp.path()));
  }

  SECTION("a successful step upgrades once and the newer store is refused by this program") {
    auto steps = steps_to_version_3(ran, false);
    {
      auto opened = store_detail::open_store(tmp.path(), {}, steps);
      REQUIRE(opened);
      REQUIRE((*opened)->read([](const StoreReader& r) -> Status {
        CHECK(r.link_by_visma(EntityKind::Order, "inv-1").value());
        return {};
      }));
    }
    CHECK(ran == 1);
    CHECK(version_in(tmp.path()) == "3");
    CHECK(read_raw(tmp.path(), "notes", "migrated") == "yes");
    REQUIRE(store_detail::open_store(tmp.path(), {}, steps));
    CHECK(ran == 1);

    for (bool read_only : {false, true}) {
      auto refused = Store::open(tmp.path(), {.read_only = read_only});
      REQUIRE_FALSE(refused);
      CHECK(refused.error().kind == ErrorKind::Store);
      CHECK_THAT(refused.error().message, Catch::Contains(tmp.path().string()) &&
                                              Catch::Contains("schema version 3") &&
                                              Catch::Contains("knows only up to 2"));
      CHECK(refused.error().message.find('\n') == std::string::npos);
    }
    CHECK(version_in(tmp.path()) == "3");
  }
}

TEST_CASE("store: a damaged record is a Store error naming the database and key", "[store]") {
  testing::TempDir tmp;
  REQUIRE(Store::open(tmp.path()));
  const std::string key = store_codec::link_key(EntityKind::Order, "main", "1042");

  SECTION("truncated") {
    write_raw(tmp.path(), {{"links_by_woo", key,
                            std::string("\x02\x05"
                                        "ab",
                                        4)}});
  }
  SECTION("in the record format of version 1") {
    write_raw(tmp.path(), {{"links_by_woo", key, std::string("\x01\x03inv\x00\x05draft\x00", 13)}});
  }
  SECTION("from a newer record format") {
    write_raw(tmp.path(), {{"links_by_woo", key,
                            std::string("\x09"
                                        "whatever")}});
  }
  SECTION("extra bytes") {
    Link link;
    link.visma_id = "inv";
    write_raw(tmp.path(), {{"links_by_woo", key, store_codec::encode_link(link) + "x"}});
  }

  auto store = Store::open(tmp.path());
  REQUIRE(store);
  auto check_error = [](const Error& e) {
    CHECK(e.kind == ErrorKind::Store);
    CHECK_THAT(e.message, Catch::Contains("links_by_woo") && Catch::Contains("/main/1042") &&
                              Catch::Contains("backup"));
    CHECK(e.message.find('\n') == std::string::npos);
  };
  auto by_key = (*store)->read([](const StoreReader& r) -> Status {
    return status_of(r.link_by_woo("main", EntityKind::Order, "1042"));
  });
  REQUIRE_FALSE(by_key);
  check_error(by_key.error());
  auto by_scan = (*store)->read([](const StoreReader& r) -> Status {
    return status_of(r.links(std::nullopt, EntityKind::Order));
  });
  REQUIRE_FALSE(by_scan);
  check_error(by_scan.error());
  // Other records stay usable.
  REQUIRE((*store)->write([](StoreWriter& w) {
    Link link;
    link.shop = "main";
    link.woo_id = "7";
    link.visma_id = "i7";
    return w.put_link(link);
  }));
}

TEST_CASE(
    "store: a key naming a kind, stream or concern this woovisma does not know is a Store "
    "error naming it",
    "[store]") {
  testing::TempDir tmp;
  REQUIRE(Store::open(tmp.path()));
  FailedItem item;
  item.next_attempt = Timestamp{};
  Checkpoint checkpoint;
  write_raw(tmp.path(), {{"failed", store_codec::join_key({"main", "9", "1", "1042"}),
                          store_codec::encode_failed(item)},
                         {"checkpoints", store_codec::join_key({"main", "orders"}),
                          store_codec::encode_checkpoint(checkpoint)}});
  auto store = Store::open(tmp.path());
  REQUIRE(store);
  auto failed = (*store)->read([](const StoreReader& r) { return status_of(r.all_failed()); });
  REQUIRE_FALSE(failed);
  CHECK(failed.error().kind == ErrorKind::Store);
  CHECK_THAT(failed.error().message, Catch::Contains("failed \"main/9/1/1042\"") &&
                                         Catch::Contains("no concern") &&
                                         Catch::Contains("backup"));
  auto checkpoints =
      (*store)->read([](const StoreReader& r) { return status_of(r.all_checkpoints()); });
  REQUIRE_FALSE(checkpoints);
  CHECK_THAT(checkpoints.error().message,
             Catch::Contains("checkpoints \"main/orders\"") && Catch::Contains("no stream"));
}

TEST_CASE("store: a damaged schema version or a foreign file is refused", "[store]") {
  testing::TempDir tmp;
  SECTION("schema version that is not a number") {
    write_raw(tmp.path(), {{"meta", "schema_version", "one"}});
    auto opened = Store::open(tmp.path());
    REQUIRE_FALSE(opened);
    CHECK(opened.error().kind == ErrorKind::Store);
    CHECK_THAT(opened.error().message,
               Catch::Contains("meta") && Catch::Contains("schema_version"));
  }
  SECTION("data.mdb that is not LMDB") {
    std::filesystem::permissions(tmp.path(), std::filesystem::perms::owner_all);
    {
      std::FILE* f = std::fopen((tmp.path() / "data.mdb").c_str(), "w");
      REQUIRE(f);
      std::string junk(16384, 'j');
      std::fwrite(junk.data(), 1, junk.size(), f);
      std::fclose(f);
      std::filesystem::permissions(
          tmp.path() / "data.mdb",
          std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    auto opened = Store::open(tmp.path());
    REQUIRE_FALSE(opened);
    CHECK(opened.error().kind == ErrorKind::Store);
    CHECK_THAT(opened.error().message, Catch::Contains("not a woovisma store"));
  }
}

TEST_CASE("store codec: keys split back into their parts and refuse junk", "[store]") {
  using namespace store_codec;
  const std::string tricky = std::string(
      "a\0b\x01"
      "c",
      5);
  auto parts = split_key(join_key({tricky, "", "x/y"}));
  REQUIRE(parts);
  CHECK(*parts == std::vector<std::string>{tricky, "", "x/y"});
  CHECK_FALSE(split_key(std::string("a\x01", 2)));
  CHECK_FALSE(
      split_key(std::string("a\x01"
                            "z",
                            3)));
  CHECK(describe_key(join_key({"main", "order", std::string("1\n2")})) == "main/order/1\\x0a2");
  CHECK(parse_sequence_key(sequence_key(258)) == 258u);
  CHECK(sequence_key(255) < sequence_key(256));
  RunRecord r;
  r.created = -5;
  r.failed = std::int64_t{1} << 62;
  r.started = Timestamp(std::chrono::milliseconds(-1));
  auto back = decode_run(encode_run(r));
  REQUIRE(back);
  CHECK(back->created == -5);
  CHECK(back->failed == std::int64_t{1} << 62);
  CHECK(back->started == r.started);
  CHECK_FALSE(decode_run(""));
  CHECK_FALSE(decode_schema_version("-1"));
  CHECK(decode_schema_version("12") == 12);
}
