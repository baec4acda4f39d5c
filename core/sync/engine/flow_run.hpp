#pragma once
// The implementation of run_flow() (included by flow.hpp; not an interface of its own).

#include <set>

#include "core/log.hpp"
#include "core/sync/engine/in_flight.hpp"
#include "core/sync/engine/interrupt.hpp"

namespace wv::engine {



template <class Item, CursorId Id>
Result<EngineReport> run_flow(Flow<Item, Id>& flow, Store& store, const Clock& clock,
                              const std::string& shop, const IntentRecovery& intents,
                              const RunOptions& options) {
  using flow_detail::Shared;
  Shared shared;
  shared.remote_down_after = options.remote_down_after;
  ItemFailures failures(store, clock, shop, options.retry_base, options.dry_run);
  Cursor<Id> cursor(store, clock, shop, flow.stream(), options.flush_every);
  if (auto s = cursor.load(); !s) return fail(s.error());

  std::optional<Timestamp> since;
  if (!options.only) {
    since = cursor.read_from(options.start);
    if (!since) {
      return fail(ErrorKind::Usage, "this is the first " + std::string(to_string(flow.stream())) +
                                        " run for shop " + shop +
                                        ": say where to start with --since DATE or " +
                                        flow.start_setting());
    }
  }

  if (!options.dry_run) {
    auto recovered = intents.recover(store, clock, shop);
    if (!recovered) {
      shared.report.stopped_by = recovered.error();
      return shared.report;
    }
    shared.report.recovery = *recovered;
  }

  KeyedLocks same_item;
  // One item, on a worker: skipped while its earlier failure is not due, else handled and
  // settled. `ticket` is its place in the cursor, when it came from the listing.
  auto handle_one = [&](const Item& item, std::optional<typename Cursor<Id>::Ticket> ticket,
                        bool on_demand) {
    if (shared.stopping()) return;
    const std::string id = flow.id_of(item);
    const ItemRef ref{flow.kind(), id, id};
    if (!on_demand) {
      auto waiting = failures.waiting(ref.kind, id);
      if (!waiting) {
        shared.stop(waiting.error());
        return;
      }
      if (*waiting) {
        {
          std::lock_guard lock(shared.mutex);
          ++shared.report.waiting_retry;
        }
        if (ticket) {
          if (auto s = cursor.settle(*ticket); !s) shared.stop(s.error());
        }
        return;
      }
    }
    // The same item twice in one listing (it changed while the pages were read) is never
    // handled twice at once: the second waits and then finds the first one's result.
    auto one_at_a_time = same_item.lock(id);
    ItemScope scope(shared, failures, options.dry_run, on_demand);
    const Status outcome = flow.handle(item, scope);
    {
      std::lock_guard lock(shared.mutex);
      ++shared.report.handled;
    }
    if (!flow_detail::settle_item(shared, failures, ref, outcome)) return;
    if (ticket) {
      if (auto s = cursor.settle(*ticket); !s) shared.stop(s.error());
    }
  };

  auto should_stop = [&] {
    if (stop_requested()) {
      std::lock_guard lock(shared.mutex);
      shared.report.interrupted = true;
      return true;
    }
    return shared.stopping();
  };

  if (options.only) {
    auto item = flow.fetch(*options.only);
    if (!item) {
      shared.report.stopped_by = item.error();
      return shared.report;
    }
    if (!*item) {
      return fail(ErrorKind::NotFound, "shop " + shop + " has no " + to_string(flow.kind()) + " " +
                                           *options.only);
    }
    handle_one(**item, std::nullopt, true);
    return shared.report;
  }

  std::set<std::string> listed;  // ids only: a few bytes an item, whatever the backlog
  {
    InFlight pool(options.in_flight);
    auto consume = [&](Page<Item>&& page) -> Status {
      for (const auto& bad : page.unreadable) {
        ++shared.report.unreadable;
        logger().warn("{} {}: {}", to_string(flow.kind()), bad.id.empty() ? "(id unreadable)" : bad.id,
                      bad.error.message);
        if (bad.id.empty()) continue;
        listed.insert(bad.id);
        if (!flow_detail::settle_item(shared, failures, ItemRef{flow.kind(), bad.id, bad.id},
                                      fail(bad.error)))
          return {};
      }
      for (auto& item : page.items) {
        // Stopping: read no further pages either (they would cost requests for nothing).
        if (should_stop()) return fail(ErrorKind::Internal, "the run is stopping");
        listed.insert(flow.id_of(item));
        const auto ticket = cursor.begin(flow.position(item));
        pool.submit([&handle_one, ticket, item = std::move(item)] { handle_one(item, ticket, false); });
      }
      return {};
    };
    if (auto s = flow.read(*since, consume); !s && !should_stop()) {
      // A listing the remote cannot serve concerns every item, whatever its kind: the run
      // stops as for a remote that is down, and its record says why.
      Error e = s.error();
      if (scope_of(e) == FailureScope::Item) e.kind = ErrorKind::Transient;
      shared.stop(e.with_context("reading the " + std::string(to_string(flow.stream()))));
    }
    pool.wait();

    // Failed items whose retry is due, though they did not change: fetched by their owner.
    if (!should_stop()) {
      auto due = failures.due(flow.retried_kinds());
      if (!due) {
        shared.stop(due.error());
      } else {
        std::set<std::string> owners;
        for (const auto& f : *due) {
          if (!f.owner_id.empty() && !listed.contains(f.owner_id)) owners.insert(f.owner_id);
        }
        for (const auto& owner : owners) {
          if (should_stop()) break;
          auto item = flow.fetch(owner);
          if (!item) {
            if (flow_detail::settle_item(shared, failures, ItemRef{flow.kind(), owner, owner},
                                         fail(item.error())))
              continue;
            break;
          }
          if (!*item) {
            logger().warn("{} {} failed earlier and is gone from the shop; forgetting it",
                          to_string(flow.kind()), owner);
            if (auto s = failures.clear(flow.kind(), owner); !s) shared.stop(s.error());
            continue;
          }
          {
            std::lock_guard lock(shared.mutex);
            ++shared.report.retried;
          }
          pool.submit([&handle_one, item = std::move(**item)] { handle_one(item, std::nullopt, false); });
        }
      }
    }
    pool.wait();
  }
  if (!options.dry_run) {
    if (auto s = cursor.flush(); !s) shared.stop(s.error());
  }
  return shared.report;
}

}  // namespace wv::engine
