#pragma once
// The schema step from version 1 (free-text kinds, states and outcomes) to version 2 (typed
// records, schema.hpp) (private to core/store).

#include "core/error.hpp"
#include "core/store/lmdb_env.hpp"

namespace wv::store_schema {

/// Rewrites every record of a version-1 store in `txn` into its version-2 key and value:
/// checkpoints, links in both directions, pending writes, failure records, tokens and runs.
/// Nothing is dropped: a record whose kind, state, target or outcome version 1 never wrote, or
/// that cannot be read, fails the step with Store naming the database and the key, and the
/// caller's transaction then leaves the store as it was.
Status migrate_v1_to_v2(lmdb::Txn& txn);

}  // namespace wv::store_schema
