#pragma once
// Raw access to a store's LMDB environment for the schema and migration tests: writing entries
// the way an older woovisma or a damaged disk left them, and reading what is on disk.

#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "core/store/lmdb_env.hpp"

namespace wv::testing {

/// Writes raw entries (database, key, value) into the environment in `dir` (created when
/// absent), bypassing Store.
inline void write_raw(
    const std::filesystem::path& dir,
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

/// Creates the databases `names` (empty when new) in the environment in `dir`.
inline void create_databases(const std::filesystem::path& dir,
                             const std::vector<std::string>& names) {
  std::filesystem::create_directories(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  auto env = lmdb::Env::open(dir, {1u << 20, 16, false});
  REQUIRE(env);
  auto txn = env->begin(false);
  REQUIRE(txn);
  for (const auto& name : names) REQUIRE(txn->open_db(name, true));
  REQUIRE(txn->commit());
}

/// The raw value of `key` in database `db` of the environment in `dir`, or nullopt.
inline std::optional<std::string> read_raw(const std::filesystem::path& dir, const std::string& db,
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

/// The schema version recorded in the store in `dir`, or "<none>".
inline std::string version_in(const std::filesystem::path& dir) {
  return read_raw(dir, "meta", "schema_version").value_or("<none>");
}

}  // namespace wv::testing
