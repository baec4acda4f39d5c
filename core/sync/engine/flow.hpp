#pragma once
// The run skeleton every sync flow plugs into: a flow says how to read its stream and how to
// handle one item; the engine does the rest the same way for every flow:
//
//   1. intents left by an interrupted run are recovered (IntentRecovery, by their owners);
//   2. the stream is read from the cursor (less the overlap) page by page, each item handled
//      with up to `in_flight` at once, the cursor moving only past settled items;
//   3. failed items whose retry is due are fetched again by their owner's id and handled;
//   4. the cursor is written, and the report says what happened.
// An item's failure is recorded with backoff and the run goes on; a failure that concerns
// every item (authentication, config, the store), or the remote failing for several items in a
// row, stops the run: no new item starts, the ones in flight finish. A stop request (SIGTERM)
// does the same and marks the report interrupted. --dry-run is gated here: no intent recovery,
// no failure records, no cursor writes; handlers ask ItemScope::dry_run() before remote writes.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/store/store.hpp"
#include "core/sync/engine/cursor.hpp"
#include "core/sync/engine/failures.hpp"
#include "core/sync/engine/intents.hpp"

namespace wv::engine {

/// An item of a listing that could not be read: its id when even that was unreadable is "".
struct Unreadable {
  std::string id;
  Error error;
};

/// One page of a stream, oldest first.
template <class Item>
struct Page {
  std::vector<Item> items;
  std::vector<Unreadable> unreadable;
};

/// What the engine saw; the flow's own report has the details of what its handler did.
struct EngineReport {
  std::int64_t handled = 0;        ///< items handled (successfully or not)
  std::int64_t failed = 0;         ///< item-level failures recorded this run (sub-items too)
  std::int64_t waiting_retry = 0;  ///< failed earlier; next attempt not due yet
  std::int64_t retried = 0;        ///< due failures fetched again and handled
  std::int64_t unreadable = 0;     ///< listed but unreadable (recorded when their id was readable)
  RecoveryReport recovery;
  bool interrupted = false;  ///< a stop request ended the run early
  /// Set when the run stopped early: a failure that concerns every item.
  std::optional<Error> stopped_by;
  /// Failures this run recorded for the first time or with a different message: what a person
  /// should see once (printed even under -q), not every five minutes.
  std::vector<FailedItem> new_failures;
};

namespace flow_detail {

/// The state items in flight share: the report, the stop decision, the run of remote failures.
/// Every member is used under `mutex`.
struct Shared {
  std::mutex mutex;
  EngineReport report;
  int transient_in_a_row = 0;
  int remote_down_after = 5;

  [[nodiscard]] bool stopping() {
    std::lock_guard lock(mutex);
    return report.stopped_by.has_value();
  }
  void stop(const Error& e) {
    std::lock_guard lock(mutex);
    if (!report.stopped_by) report.stopped_by = e;
  }
  [[nodiscard]] Error stop_reason() {
    std::lock_guard lock(mutex);
    return report.stopped_by.value_or(Error(ErrorKind::Internal, "the run stopped"));
  }
};

/// Settles one item's outcome: success clears its failure record; an item-level failure is
/// recorded with backoff (and listed as news when new or changed); a run-level one stops the
/// run. Returns false when the run must stop (the item is then not settled for the cursor).
bool settle_item(Shared& shared, ItemFailures& failures, const ItemRef& item, const Status& outcome);

}  // namespace flow_detail

/// What a handler may ask of the engine while it handles an item. Thread-safe.
class ItemScope {
 public:
  ItemScope(flow_detail::Shared& shared, ItemFailures& failures, bool dry_run, bool on_demand)
      : shared_(shared), failures_(failures), dry_run_(dry_run), on_demand_(on_demand) {}

  /// True under --dry-run: map and plan, write nothing anywhere.
  [[nodiscard]] bool dry_run() const { return dry_run_; }
  /// True when the operator asked for this item by id: its status and backoff do not hold it.
  [[nodiscard]] bool on_demand() const { return on_demand_; }
  ItemFailures& failures() { return failures_; }

  /// Runs `attempt` for a sub-item (a refund of an order) unless its earlier failure is not due
  /// yet, then settles it as the engine settles a top item. Returns an error only when the run
  /// must stop.
  Status attempt(const ItemRef& item, const std::function<Status()>& attempt);

  /// Runs `f` under the run's report lock: counters and lists shared by items in flight.
  template <class F>
  void tally(F&& f) {
    std::lock_guard lock(shared_.mutex);
    f();
  }

 private:
  flow_detail::Shared& shared_;
  ItemFailures& failures_;
  bool dry_run_;
  bool on_demand_;
};

/// What a flow plugs into the engine. `Id` is its stream's id type.
template <class Item, CursorId Id>
class Flow {
 public:
  virtual ~Flow() = default;
  [[nodiscard]] virtual Stream stream() const = 0;
  /// The kind of the stream's items.
  [[nodiscard]] virtual EntityKind kind() const = 0;
  /// The kinds whose due failures this flow retries by fetching their owner (its own kind and
  /// its sub-items' kinds).
  [[nodiscard]] virtual std::vector<EntityKind> retried_kinds() const { return {kind()}; }
  /// The config key that says where a first run starts, for the message when it is missing.
  [[nodiscard]] virtual std::string start_setting() const = 0;
  [[nodiscard]] virtual Position<Id> position(const Item& item) const = 0;
  [[nodiscard]] virtual std::string id_of(const Item& item) const = 0;

  /// Reads the items changed after `since`, oldest first, a page at a time. Returns consume's
  /// first error as it is, or the remote's when a page cannot be read.
  virtual Status read(Timestamp since, const std::function<Status(Page<Item>&&)>& consume) = 0;
  /// The item `owner_id` names (for a due retry or an on-demand run), nullopt when it is gone.
  virtual Result<std::optional<Item>> fetch(const std::string& owner_id) = 0;
  /// Handles one item; called from several threads at once. Returns an item-level error
  /// (recorded, the run goes on) or a run-level one (the run stops).
  virtual Status handle(const Item& item, ItemScope& scope) = 0;
};

struct RunOptions {
  StartRule start;
  bool dry_run = false;
  int in_flight = 1;  ///< items handled at once
  int flush_every = 50;  ///< cursor writes every this many advances, and at the end
  /// This many items in a row failing with Transient mean the remote is down: the run stops.
  int remote_down_after = 5;
  std::chrono::seconds retry_base{300};
  /// Handle this one item (by id) instead of reading the stream; the cursor is left alone.
  std::optional<std::string> only;
};

/// Runs `flow` for `shop`. Fails (without a report) only when the run cannot start: a first run
/// without a start (Usage, naming flow.start_setting()), the store unreadable, or an on-demand
/// item that does not exist (NotFound). Everything else is in the report.
template <class Item, CursorId Id>
Result<EngineReport> run_flow(Flow<Item, Id>& flow, Store& store, const Clock& clock,
                              const std::string& shop, const IntentRecovery& intents,
                              const RunOptions& options);

}  // namespace wv::engine

#include "core/sync/engine/flow_run.hpp"
