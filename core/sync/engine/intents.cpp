#include "core/sync/engine/intents.hpp"

#include "core/log.hpp"

namespace wv::engine {

void IntentRecovery::own(EntityKind kind, IntentOwner owner) { owners_[kind] = std::move(owner); }

Result<RecoveryReport> IntentRecovery::recover(Store& store, const Clock& clock,
                                               const std::string& shop) const {
  std::vector<PendingWrite> pending;
  if (auto s = store.read([&](const StoreReader& r) -> Status {
        auto p = r.all_pending();
        if (!p) return fail(p.error());
        pending = std::move(*p);
        return {};
      });
      !s) {
    return fail(s.error());
  }
  RecoveryReport report;
  for (const auto& p : pending) {
    if (!p.shop.empty() && p.shop != shop) continue;
    auto owner = owners_.find(p.kind);
    if (owner == owners_.end()) continue;
    auto found = owner->second.find(p);
    if (!found) return fail(found.error());
    auto status = store.write([&](StoreWriter& w) -> Status {
      if (*found) {
        if (auto s = w.put_link(**found); !s) return s;
      } else if (owner->second.retry_when_absent) {
        const Timestamp now = clock.now();
        FailedItem item;
        item.shop = p.shop;
        item.kind = p.kind;
        item.id = p.woo_id;
        item.owner_id = p.owner_id.empty() ? p.woo_id : p.owner_id;
        item.attempts = 1;
        item.error_kind = to_string(ErrorKind::Transient);
        item.message = "an interrupted run may not have created it; Visma has none, so it is created again";
        item.first_failed = now;
        item.last_failed = now;
        item.next_attempt = now;
        if (auto s = w.put_failed(item); !s) return s;
      }
      return w.erase_pending(p.shop, p.kind, p.woo_id);
    });
    if (!status) return fail(status.error());
    if (*found) {
      ++report.linked;
      logger().info("{} {} was created in Visma by an interrupted run; linked it", to_string(p.kind),
                    p.woo_id);
    } else {
      ++report.forgotten;
      logger().debug("{} {}: an interrupted run had not created it", to_string(p.kind), p.woo_id);
    }
  }
  return report;
}

}  // namespace wv::engine
