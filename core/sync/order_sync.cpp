#include "core/sync/order_sync.hpp"

#include <set>
#include <variant>

#include "core/log.hpp"
#include "core/sync/order_run.hpp"

namespace wv {

using order_sync_detail::Run;

Timestamp next_attempt_after(Timestamp failed_at, int attempts, std::chrono::seconds base) {
  const std::chrono::seconds day{86400};
  auto wait = base;
  for (int i = 1; i < attempts && wait < day; ++i) wait *= 2;
  return failed_at + std::min(wait, day);
}

OrderSync::OrderSync(const Config& config, const ShopConfig& shop, ShopPort& shop_port,
                     AccountingPort& accounting, Store& store, const Clock& clock)
    : config_(config),
      shop_(shop),
      shop_port_(shop_port),
      accounting_(accounting),
      store_(store),
      clock_(clock) {}

Result<OrderSyncReport> OrderSync::run(const OrderSyncOptions& options) {
  Run run{config_, shop_, shop_port_, accounting_, store_, clock_, options, {}, {}, {}, {}, {}, {}};
  if (auto s = run.prepare(); !s) return fail(s.error());
  if (!options.dry_run) {
    if (auto s = run.recover_pending(); !s) {
      run.report.stopped_by = s.error();
      return run.report;
    }
  }

  OrderBatch batch;
  if (options.only_order) {
    auto order = shop_port_.order(*options.only_order);
    if (!order) {
      run.report.stopped_by = order.error();
      return run.report;
    }
    if (!*order) {
      return fail(ErrorKind::NotFound,
                  "shop " + shop_.name + " has no order " + std::to_string(*options.only_order));
    }
    batch.orders.push_back(std::move(**order));
  } else {
    std::optional<Timestamp> since = options.since;
    if (!since && run.checkpoint) since = run.checkpoint->modified - config_.orders.overlap;
    if (!since && config_.orders.start_date)
      since = std::chrono::sys_days{*config_.orders.start_date};
    if (!since) {
      return fail(ErrorKind::Usage,
                  "this is the first sync-orders run for shop " + shop_.name +
                      ": say where to start with --since DATE or orders.start_date");
    }
    auto fetched = shop_port_.orders_modified_since({}, since);
    if (!fetched) {
      run.report.stopped_by = fetched.error();
      return run.report;
    }
    batch = std::move(*fetched);
    // Failed orders whose retry is due, even when they did not change.
    std::vector<FailedItem> failed;
    if (auto s = store_.read([&](const StoreReader& r) -> Status {
          auto f = r.all_failed();
          if (!f) return fail(f.error());
          failed = std::move(*f);
          return {};
        });
        !s) {
      return fail(s.error());
    }
    std::set<std::int64_t> listed;
    for (const auto& o : batch.orders) listed.insert(o.id);
    for (const auto& f : failed) {
      if (f.shop != shop_.name || f.kind != EntityKind::Order || f.concern != Concern::Failed ||
          !f.next_attempt || *f.next_attempt > clock_.now())
        continue;
      const std::int64_t id = std::stoll(f.id);
      if (listed.contains(id)) continue;
      auto order = shop_port_.order(id);
      if (!order) {
        run.report.stopped_by = order.error();
        return run.report;
      }
      if (*order) batch.orders.push_back(std::move(**order));
    }
  }

  for (const auto& unreadable : batch.unreadable) {
    ++run.report.failed;
    logger().warn("{}", unreadable.error.message);
  }
  // The checkpoint only moves forward, past orders that are completely handled. It is written
  // every kCheckpointEvery orders and when the run ends: a run killed in between only reads a
  // few handled orders again, which their links make cheap and harmless.
  constexpr int kCheckpointEvery = 50;
  int unsaved = 0;
  auto save_checkpoint = [&]() -> Status {
    if (unsaved == 0) return {};
    unsaved = 0;
    return store_.write([&](StoreWriter& w) {
      return w.set_checkpoint(shop_.name, kOrderStream, *run.checkpoint);
    });
  };
  for (const auto& order : batch.orders) {
    if (auto s = order_sync_detail::handle_order(run, order); !s) {
      run.report.stopped_by = s.error();
      break;
    }
    if (options.dry_run || options.only_order) continue;
    // An order checkpoint's id is a number; text would be another stream's (read as 0).
    const auto* last_id =
        run.checkpoint ? std::get_if<std::int64_t>(&run.checkpoint->last_id) : nullptr;
    const bool later =
        !run.checkpoint || order.date_modified > run.checkpoint->modified ||
        (order.date_modified == run.checkpoint->modified && order.id > (last_id ? *last_id : 0));
    if (!later) continue;
    run.checkpoint = Checkpoint{order.date_modified, order.id, clock_.now()};
    if (++unsaved >= kCheckpointEvery) {
      if (auto s = save_checkpoint(); !s) return fail(s.error());
    }
  }
  if (auto s = save_checkpoint(); !s) return fail(s.error());
  return run.report;
}

}  // namespace wv
