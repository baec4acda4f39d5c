#pragma once
// `sync-orders`: WooCommerce orders and their customers into Visma, each exactly once.
//
// The order flow on the engine (core/sync/engine): the engine reads the shop's orders from the
// cursor page by page, keeps several in flight, records failures and retries them, recovers
// intents; this flow decides for one order what to do: transfer it (customer, articles,
// document), convert its draft, credit or report its refunds, report a change after transfer.

#include <cstdint>
#include <map>
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
  int in_flight = 1;                       ///< orders handled at once
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
  std::int64_t failed = 0;           ///< failed this run (recorded for retry)
  std::int64_t unreadable = 0;       ///< listed but unreadable (recorded when the id was readable)
  std::int64_t recovered = 0;        ///< found in Visma after an interrupted earlier run
  std::int64_t credited = 0;         ///< credit documents created for refunds
  std::int64_t customers_created = 0;
  std::int64_t articles_created = 0;
  std::vector<std::string> notices;  ///< things an operator should know (cancelled after transfer, ...)
  std::vector<PlannedDocument> planned;  ///< --dry-run only
  /// Failures recorded for the first time or with a new message (printed even under -q).
  std::vector<FailedItem> new_failures;
  bool interrupted = false;  ///< SIGTERM/SIGINT ended the run after the orders in flight
  /// Set when the run stopped early: a failure that concerns every order (Transient/Auth/...).
  std::optional<Error> stopped_by;
};

class OrderSync {
 public:
  /// Keeps references; all must outlive the object.
  OrderSync(const Config& config, const ShopConfig& shop, ShopPort& shop_port,
            AccountingPort& accounting, Store& store, const Clock& clock = system_clock());

  /// Runs once. Fails (without a report) only when the run cannot start: the config lacks what
  /// the flow needs (Config, Usage for a first run without a start), the store cannot be read,
  /// or --order names an order the shop does not have (NotFound). Everything else is in the
  /// report.
  Result<OrderSyncReport> run(const OrderSyncOptions& options);

 private:
  const Config& config_;
  const ShopConfig& shop_;
  ShopPort& shop_port_;
  AccountingPort& accounting_;
  Store& store_;
  const Clock& clock_;
};

}  // namespace wv
