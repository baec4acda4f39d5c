#pragma once
// The layout of the store: its named databases, their keys, and the steps that bring an older
// layout up to date (private to core/store).
//
//   meta            "schema_version" -> decimal text
//   checkpoints     [shop, stream] -> Checkpoint
//   links_by_woo    [kind, shop, woo_id] -> Link (Visma side)
//   links_by_visma  [kind, visma_id] -> the links_by_woo key of the link
//   pending         [shop, kind, woo_id] -> PendingWrite
//   failed          [shop, concern, kind, id] -> FailedItem
//   tokens          "visma" -> OAuthTokens
//   runs            8-byte big-endian sequence number -> RunRecord (the last kRunsKept)
//
// [a, b, c] is store_codec::join_key. stream, kind and concern are the decimal numbers of
// Stream, EntityKind and Concern ("1" for EntityKind::Order), which never change. Links are
// keyed by kind first so that all links of a kind, of one shop or of every shop, are one range;
// an item may have one record per concern.
//
// Version 1 had the same databases with kinds and streams as text ("order", "credit", ...),
// failure records under [shop, kind, woo_id] (a notice's kind said what it was) and values in
// record format 1; migrate_v1_to_v2.hpp converts them.

#include <array>
#include <functional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/store/lmdb_env.hpp"

namespace wv::store_schema {

inline constexpr const char* kMeta = "meta";
inline constexpr const char* kCheckpoints = "checkpoints";
inline constexpr const char* kLinksByWoo = "links_by_woo";
inline constexpr const char* kLinksByVisma = "links_by_visma";
inline constexpr const char* kPending = "pending";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kTokens = "tokens";
inline constexpr const char* kRuns = "runs";

inline constexpr const char* kSchemaVersionKey = "schema_version";
inline constexpr const char* kVismaTokensKey = "visma";
/// How many runs the history keeps; older ones are dropped as new ones arrive.
inline constexpr std::size_t kRunsKept = 1000;

/// The handles of every database of the current schema.
struct Databases {
  lmdb::Dbi meta = 0;
  lmdb::Dbi checkpoints = 0;
  lmdb::Dbi links_by_woo = 0;
  lmdb::Dbi links_by_visma = 0;
  lmdb::Dbi pending = 0;
  lmdb::Dbi failed = 0;
  lmdb::Dbi tokens = 0;
  lmdb::Dbi runs = 0;
};

/// One step from schema version `from` to `from + 1`, run inside the write transaction that
/// opens the store; a failing step leaves the store as it was.
struct Migration {
  int from = 0;
  std::string what;  ///< for the log: "create the databases", ...
  std::function<Status(lmdb::Txn&)> run;
};

/// This program's steps: element i goes from version i to i + 1, so the version this program
/// writes is their number (Store::kSchemaVersion).
std::span<const Migration> migrations();

/// The schema version recorded in `txn`'s store: 0 for a store without one (new, or from before
/// versions were recorded). Fails with Store when the recorded version cannot be read.
Result<int> read_version(lmdb::Txn& txn);

/// Runs the steps from the store's version up to `steps.size()` and records the new version.
/// Returns the version found. Fails with Store when the store is newer than `steps.size()`
/// (saying to install a newer woovisma) or a step fails.
Result<int> migrate(lmdb::Txn& txn, std::span<const Migration> steps);

/// Fails with Store when the store's version `found` is not `wanted` (read-only opens cannot
/// migrate). The message says what to do.
Status require_version(const lmdb::Env& env, int found, int wanted);

/// Opens every database of the current schema in `txn` (which must not create them). Fails with
/// Store when one is missing.
Result<Databases> open_databases(lmdb::Txn& txn);

}  // namespace wv::store_schema
