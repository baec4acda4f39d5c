// Schema versions: older stores are migrated on open, newer ones refused; damaged records give a
// Store error that names the database and the key.

#include <catch2/catch.hpp>

#include "core/store/lmdb_env.hpp"
#include "core/store/lmdb_store.hpp"
#include "core/store/record_codec.hpp"
#include "core/store/schema.hpp"
#include "core/store/store.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;
using wv::testing::status_of;

namespace {

/// Writes raw entries into the environment in `dir` (created when absent), bypassing Store,
/// the way an older program or a damaged disk would have left them.
void write_raw(const std::filesystem::path& dir,
               const std::vector<std::tuple<std::string, std::string, std::string>>& entries) {
  std::filesystem::create_directories(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  auto env = lmdb::Env::open(dir, {1u << 20, 16, false});
  REQUIRE(env);
  auto txn = env->begin(false);
  REQUIRE(txn);
  for (const auto& [db, key, value] : entries) {
    auto dbi = txn->open_db(db, true);
    REQUIRE(dbi);
    REQUIRE(txn->put(**dbi, key, value));
  }
  REQUIRE(txn->commit());
}

/// The raw value of `key` in database `db` of the environment in `dir`, or nullopt.
std::optional<std::string> read_raw(const std::filesystem::path& dir, const std::string& db,
                                    const std::string& key) {
  auto env = lmdb::Env::open(dir, {0, 16, true});
  REQUIRE(env);
  auto txn = env->begin(true);
  REQUIRE(txn);
  auto dbi = txn->open_db(db, false);
  REQUIRE(dbi);
  if (!*dbi) return std::nullopt;
  auto value = txn->get(**dbi, key);
  REQUIRE(value);
  if (!*value) return std::nullopt;
  return std::string(**value);
}

std::string version_in(const std::filesystem::path& dir) {
  return read_raw(dir, "meta", "schema_version").value_or("<none>");
}

/// This program's steps plus a pretend step to version 2 that leaves a mark.
std::vector<store_schema::Migration> steps_to_version_2(int& ran, bool step_fails) {
  std::vector<store_schema::Migration> steps(store_schema::migrations().begin(),
                                             store_schema::migrations().end());
  steps.push_back({1, "add notes", [&ran, step_fails](lmdb::Txn& txn) -> Status {
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
  // An early layout: only the checkpoints database, and no schema version anywhere.
  Checkpoint old{*parse_timestamp("2026-10-01T12:00:00.5Z"), "99",
                 *parse_timestamp("2026-10-01T12:01:00Z")};
  write_raw(tmp.path(), {{"checkpoints", store_codec::join_key({"main", "orders"}),
                          store_codec::encode_checkpoint(old)}});
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
  CHECK(version_in(tmp.path()) == "1");
  REQUIRE((*store)->read([&](const StoreReader& r) -> Status {
    auto c = r.checkpoint("main", "orders");
    REQUIRE(c);
    REQUIRE(*c);
    CHECK((*c)->modified == old.modified);
    CHECK((*c)->last_id == "99");
    return {};
  }));
  // Every database of the current schema exists now.
  REQUIRE((*store)->write([](StoreWriter& w) { return w.append_run({}); }));
}

TEST_CASE("store: a migration step runs once, inside the opening transaction", "[store]") {
  testing::TempDir tmp;
  {
    auto v1 = Store::open(tmp.path());
    REQUIRE(v1);
    REQUIRE((*v1)->write([](StoreWriter& w) {
      return w.put_link({"main", "order", "1", "inv-1", "", "", {}});
    }));
  }
  int ran = 0;

  SECTION("a failing step leaves the store at its old version") {
    auto steps = steps_to_version_2(ran, true);
    auto opened = store_detail::open_store(tmp.path(), {}, steps);
    REQUIRE_FALSE(opened);
    CHECK(ran == 1);
    CHECK_THAT(opened.error().message, Catch::Contains("from version 1 to 2") &&
                                           Catch::Contains("pretend the step failed"));
    CHECK(version_in(tmp.path()) == "1");
    CHECK_FALSE(read_raw(tmp.path(), "notes", "migrated"));
    // The old program still opens it.
    REQUIRE(Store::open(tmp.path()));
  }

  SECTION("a successful step upgrades once and the newer store is refused by this program") {
    auto steps = steps_to_version_2(ran, false);
    {
      auto opened = store_detail::open_store(tmp.path(), {}, steps);
      REQUIRE(opened);
      REQUIRE((*opened)->read([](const StoreReader& r) -> Status {
        CHECK(r.link_by_visma("order", "inv-1").value());
        return {};
      }));
    }
    CHECK(ran == 1);
    CHECK(version_in(tmp.path()) == "2");
    CHECK(read_raw(tmp.path(), "notes", "migrated") == "yes");
    REQUIRE(store_detail::open_store(tmp.path(), {}, steps));
    CHECK(ran == 1);

    for (bool read_only : {false, true}) {
      auto refused = Store::open(tmp.path(), {.read_only = read_only});
      REQUIRE_FALSE(refused);
      CHECK(refused.error().kind == ErrorKind::Store);
      CHECK_THAT(refused.error().message, Catch::Contains(tmp.path().string()) &&
                                              Catch::Contains("schema version 2") &&
                                              Catch::Contains("knows only up to 1"));
      CHECK(refused.error().message.find('\n') == std::string::npos);
    }
    CHECK(version_in(tmp.path()) == "2");
  }
}

TEST_CASE("store: a damaged record is a Store error naming the database and key", "[store]") {
  testing::TempDir tmp;
  REQUIRE(Store::open(tmp.path()));
  const std::string key = store_codec::join_key({"order", "main", "1042"});

  SECTION("truncated") {
    write_raw(tmp.path(), {{"links_by_woo", key,
                            std::string("\x01\x05"
                                        "ab",
                                        4)}});
  }
  SECTION("from a newer record format") {
    write_raw(tmp.path(), {{"links_by_woo", key,
                            std::string("\x09"
                                        "whatever")}});
  }
  SECTION("extra bytes") {
    Link link{"main", "order", "1042", "inv", "", "", {}};
    write_raw(tmp.path(), {{"links_by_woo", key, store_codec::encode_link(link) + "x"}});
  }

  auto store = Store::open(tmp.path());
  REQUIRE(store);
  auto check_error = [](const Error& e) {
    CHECK(e.kind == ErrorKind::Store);
    CHECK_THAT(e.message, Catch::Contains("links_by_woo") && Catch::Contains("order/main/1042") &&
                              Catch::Contains("backup"));
    CHECK(e.message.find('\n') == std::string::npos);
  };
  auto by_key = (*store)->read([](const StoreReader& r) -> Status {
    return status_of(r.link_by_woo("main", "order", "1042"));
  });
  REQUIRE_FALSE(by_key);
  check_error(by_key.error());
  auto by_scan = (*store)->read(
      [](const StoreReader& r) -> Status { return status_of(r.links(std::nullopt, "order")); });
  REQUIRE_FALSE(by_scan);
  check_error(by_scan.error());
  // Other records stay usable.
  REQUIRE((*store)->write([](StoreWriter& w) {
    return w.put_link({"main", "order", "7", "i7", "", "", {}});
  }));
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
