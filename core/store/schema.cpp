#include "core/store/schema.hpp"

#include <fmt/format.h>

#include "core/store/migrate_v1_to_v2.hpp"
#include "core/store/record_codec.hpp"
#include "core/store/store.hpp"

namespace wv::store_schema {
namespace {

constexpr std::array<const char*, 8> kVersion1Databases = {
    kMeta, kCheckpoints, kLinksByWoo, kLinksByVisma, kPending, kFailed, kTokens, kRuns};

Status create_version1_databases(lmdb::Txn& txn) {
  for (const char* name : kVersion1Databases) {
    if (auto dbi = txn.open_db(name, true); !dbi) return std::unexpected(dbi.error());
  }
  return {};
}

std::string newer_message(const lmdb::Env& env, int found, int known) {
  return fmt::format(
      "store {} has schema version {} but this woovisma ({}) knows only up to {}; "
      "install the newer woovisma that wrote it",
      env.dir().string(), found, WOOVISMA_VERSION, known);
}

}  // namespace

std::span<const Migration> migrations() {
  static const std::array<Migration, 2> steps = {
      Migration{0, "create the databases", create_version1_databases},
      Migration{1, "give the records typed fields", migrate_v1_to_v2},
  };
  static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(steps)>> == Store::kSchemaVersion,
                "every schema version needs a migration step from the one before");
  return steps;
}

Result<int> read_version(lmdb::Txn& txn) {
  auto meta = txn.open_db(kMeta, false);
  if (!meta) return std::unexpected(meta.error());
  if (!*meta) return 0;
  auto raw = txn.get(**meta, kSchemaVersionKey);
  if (!raw) return std::unexpected(raw.error());
  if (!*raw) return 0;
  auto version = store_codec::decode_schema_version(**raw);
  if (!version) {
    return fail(ErrorKind::Store,
                fmt::format("store {}: record {} \"{}\" is unreadable ({}); restore the store "
                            "directory from a backup",
                            txn.env().dir().string(), kMeta, kSchemaVersionKey, version.error()));
  }
  return *version;
}

Result<int> migrate(lmdb::Txn& txn, std::span<const Migration> steps) {
  const int wanted = static_cast<int>(steps.size());
  auto found = read_version(txn);
  if (!found) return found;
  if (*found > wanted) return fail(ErrorKind::Store, newer_message(txn.env(), *found, wanted));
  if (*found == wanted) return found;
  for (int v = *found; v < wanted; ++v) {
    const Migration& step = steps[static_cast<std::size_t>(v)];
    if (auto ok = step.run(txn); !ok) {
      return fail(ok.error().with_context(
          fmt::format("store {}: cannot upgrade the schema from version {} to {} ({})",
                      txn.env().dir().string(), v, v + 1, step.what)));
    }
  }
  auto meta = txn.open_db(kMeta, false);
  if (!meta) return std::unexpected(meta.error());
  if (!*meta) {
    return fail(ErrorKind::Internal, "the schema migrations did not create the meta database");
  }
  if (auto ok = txn.put(**meta, kSchemaVersionKey, store_codec::encode_schema_version(wanted));
      !ok) {
    return std::unexpected(ok.error());
  }
  return found;
}

Status require_version(const lmdb::Env& env, int found, int wanted) {
  if (found > wanted) return fail(ErrorKind::Store, newer_message(env, found, wanted));
  if (found < wanted) {
    return fail(ErrorKind::Store,
                fmt::format("store {} has schema version {}, older than this woovisma's {}; run "
                            "a command that writes (e.g. a sync) once to upgrade it",
                            env.dir().string(), found, wanted));
  }
  return {};
}

Result<Databases> open_databases(lmdb::Txn& txn) {
  Databases dbs;
  const std::pair<const char*, lmdb::Dbi*> wanted[] = {
      {kMeta, &dbs.meta},
      {kCheckpoints, &dbs.checkpoints},
      {kLinksByWoo, &dbs.links_by_woo},
      {kLinksByVisma, &dbs.links_by_visma},
      {kPending, &dbs.pending},
      {kFailed, &dbs.failed},
      {kTokens, &dbs.tokens},
      {kRuns, &dbs.runs},
  };
  for (const auto& [name, slot] : wanted) {
    auto dbi = txn.open_db(name, false);
    if (!dbi) return std::unexpected(dbi.error());
    if (!*dbi) {
      return fail(ErrorKind::Store,
                  fmt::format("store {} has no {} database although its schema version says it "
                              "should; restore the store directory from a backup",
                              txn.env().dir().string(), name));
    }
    *slot = **dbi;
  }
  return dbs;
}

}  // namespace wv::store_schema
