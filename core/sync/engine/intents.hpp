#pragma once
// Recovery of intents left by an interrupted run, one owner per entity kind.
//
// Every create of a remote object is preceded by an intent in the store (create_once.hpp). An
// intent found at the start of a run means an earlier run stopped, or lost the answer, without
// knowing whether the object was created. The flow module that creates objects of a kind owns
// that kind's intents and says how to find such an object remotely; the engine then either
// links what it found, or forgets the intent and, for items that are retried by fetching their
// owner (orders, refunds), records the item as due so that the next pass creates it.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/store/store.hpp"

namespace wv::engine {

/// How one entity kind's intents are recovered.
struct IntentOwner {
  /// The remote object an earlier attempt created, as the link to store; nullopt when it
  /// certainly does not exist. Fails with the port's errors.
  std::function<Result<std::optional<Link>>(const PendingWrite&)> find;
  /// When nothing was found: record the item as a failed item due now, owned by the intent's
  /// owner_id (or its own id), so that it is fetched again and retried.
  bool retry_when_absent = false;
};

/// What recover() did, for the run's report and log.
struct RecoveryReport {
  int linked = 0;     ///< found remotely and linked
  int forgotten = 0;  ///< certainly absent: intent cleared
};

class IntentRecovery {
 public:
  /// Registers the owner of `kind`'s intents. Registering a kind twice is a programming error
  /// (the second replaces the first only in tests; flows register each kind once).
  void own(EntityKind kind, IntentOwner owner);

  /// Recovers every intent of an owned kind that belongs to `shop` or to every shop (shop "").
  /// Intents of kinds nobody registered are left for the flow that owns them. Returns what was
  /// done; fails with the first error of a lookup or the store (nothing half-done: each intent
  /// is settled in one transaction).
  Result<RecoveryReport> recover(Store& store, const Clock& clock, const std::string& shop) const;

 private:
  std::map<EntityKind, IntentOwner> owners_;
};

}  // namespace wv::engine
