#pragma once
// The failure policy every flow shares: which failures concern one item and which the whole
// run, how long a failed item waits before its next attempt, and the records that keep failed
// items and notices for a person between runs.
//
// A failed item keeps the id of the object that owns it (a refund keeps its order), so that a
// due item of any kind can be fetched again and retried even after the cursor passed it.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/store/store.hpp"

namespace wv::engine {

/// An item as the failure records name it.
struct ItemRef {
  EntityKind kind = EntityKind::Order;
  std::string id;
  std::string owner_id;  ///< what to fetch to retry it; the item's own id for a top item
};

/// Whether a failure concerns one item (recorded, retried later, the run goes on) or every
/// item (the run stops: authentication, config, the store, a bug).
enum class FailureScope { Item, Run };
FailureScope scope_of(const Error& e);

/// What an operator can do about an item's failure of this kind.
std::string hint_for(const Error& e);

/// When a failed item is next tried: base × 2^(attempts − 1), at most a day.
Timestamp next_attempt_after(Timestamp failed_at, int attempts, std::chrono::seconds base);

/// The failure and notice records of one shop. Thread-safe (each call is one store transaction).
class ItemFailures {
 public:
  /// Keeps references; all must outlive it. `dry_run`: reads work, writes do nothing.
  ItemFailures(Store& store, const Clock& clock, std::string shop, std::chrono::seconds retry_base,
               bool dry_run);

  /// True when `item` failed before and its next attempt is not due yet. Fails with Store.
  Result<bool> waiting(EntityKind kind, const std::string& id) const;
  struct Recorded {
    FailedItem item;
    bool news = false;  ///< the first failure, or a different message than the last one
  };
  /// Records a failed attempt: attempts + 1, the error's kind and message, the next attempt
  /// after a growing wait (at once after a lost answer: the next run looks it up first).
  /// Fails with Store.
  Result<Recorded> record(const ItemRef& item, const Error& error);
  /// Forgets a recorded failure of `kind`/`id` (it succeeded). Writes only when one exists.
  Status clear(EntityKind kind, const std::string& id);
  /// Raises a notice for a person about `item` unless one for the same concern exists already
  /// (open or resolved). Returns true when it was raised now. Fails with Store.
  Result<bool> notify(const ItemRef& item, Concern concern, const std::string& message,
                      const std::string& hint);
  /// Removes a notice that its cause answered (a refund credited after all). Writes only when
  /// one exists. Fails with Store.
  Status forget(Concern concern, EntityKind kind, const std::string& id);
  /// True when a notice of `concern` about `kind`/`id` exists, open or resolved.
  Result<bool> notified(Concern concern, EntityKind kind, const std::string& id) const;
  /// The failed items of `kinds` whose next attempt is due at `now`, oldest failure first.
  Result<std::vector<FailedItem>> due(const std::vector<EntityKind>& kinds) const;

 private:
  Store& store_;
  const Clock& clock_;
  std::string shop_;
  std::chrono::seconds retry_base_;
  bool dry_run_;
};

}  // namespace wv::engine
