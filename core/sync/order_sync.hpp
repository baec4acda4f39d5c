#pragma once
// `sync-orders`: WooCommerce orders and their customers into Visma, each exactly once.
//
// A run: finish what an earlier run left pending; read the orders changed since the checkpoint
// (minus an overlap window); transfer each eligible order that has no document yet; credit
// refunds of transferred orders when asked to; record failures for later retries; advance the
// checkpoint past everything handled. A run stops early only when a remote system cannot be
// reached, leaving the checkpoint at the last order it finished.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "core/sync/ports.hpp"
#include "core/time.hpp"

namespace wv {

struct OrderSyncOptions {
  std::optional<std::int64_t> only_order;  ///< transfer this order on demand (--order)
  std::optional<Timestamp> since;          ///< rescan from here instead of the checkpoint
  bool dry_run = false;                    ///< map and show; write nothing anywhere
};

/// What a run would create, for --dry-run.
struct PlannedDocument {
  std::int64_t order_id = 0;
  std::string order_number;
  std::string customer;  ///< "existing 10023" or "new: Name <email>"
  SalesDocument document;
  Decimal total;
  std::map<Decimal, Decimal> vat_by_rate;
};

struct OrderSyncReport {
  std::int64_t transferred = 0;      ///< documents created
  std::int64_t already = 0;          ///< orders that already had their document
  std::int64_t skipped_status = 0;   ///< orders in a status that does not trigger a transfer
  std::int64_t waiting_retry = 0;    ///< failed earlier; next attempt not due yet
  std::int64_t failed = 0;           ///< rejected this run (recorded for retry)
  std::int64_t recovered = 0;        ///< found in Visma after an interrupted earlier run
  std::int64_t credited = 0;         ///< credit documents created for refunds
  std::int64_t customers_created = 0;
  std::int64_t articles_created = 0;
  std::vector<std::string> notices;  ///< things an operator should know (cancelled after transfer, ...)
  std::vector<PlannedDocument> planned;  ///< --dry-run only
  /// Set when the run stopped early because a remote system failed (Transient/Auth/Config).
  std::optional<Error> stopped_by;
};

class OrderSync {
 public:
  /// Keeps references; all must outlive the object.
  OrderSync(const Config& config, const ShopConfig& shop, ShopPort& shop_port,
            AccountingPort& accounting, Store& store, const Clock& clock = system_clock());

  /// Runs once. Fails (without a report) only when the run cannot start: the config lacks what
  /// the flow needs, or the store cannot be read. Everything else is in the report.
  Result<OrderSyncReport> run(const OrderSyncOptions& options);

 private:
  const Config& config_;
  const ShopConfig& shop_;
  ShopPort& shop_port_;
  AccountingPort& accounting_;
  Store& store_;
  const Clock& clock_;
};

/// The stream of the order checkpoint.
inline constexpr Stream kOrderStream = Stream::Orders;

/// When a failed item is next tried: base × 2^(attempts − 1), at most a day.
Timestamp next_attempt_after(Timestamp failed_at, int attempts, std::chrono::seconds base);

}  // namespace wv
