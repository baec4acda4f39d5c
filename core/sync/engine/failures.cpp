#include "core/sync/engine/failures.hpp"

#include <algorithm>

namespace wv::engine {

FailureScope scope_of(const Error& e) {
  switch (e.kind) {
    case ErrorKind::Rejected:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict:
    case ErrorKind::Transient:
      return FailureScope::Item;
    case ErrorKind::Auth:
    case ErrorKind::Config:
    case ErrorKind::Usage:
    case ErrorKind::Store:
    case ErrorKind::Locked:
    case ErrorKind::Internal:
      return FailureScope::Run;
  }
  return FailureScope::Run;
}

std::string hint_for(const Error& e) {
  switch (e.kind) {
    case ErrorKind::Conflict:
      return "a duplicate exists in Visma; resolve it there, then wait for the retry";
    case ErrorKind::Transient:
      return e.ambiguous ? "the answer was lost; the next run checks Visma before trying again"
                         : "the remote system did not answer; woovisma retries automatically";
    default:
      return "fix what the message names in WooCommerce, Visma or the config; woovisma retries "
             "automatically";
  }
}

Timestamp next_attempt_after(Timestamp failed_at, int attempts, std::chrono::seconds base) {
  const std::chrono::seconds day{86400};
  auto wait = base;
  for (int i = 1; i < attempts && wait < day; ++i) wait *= 2;
  return failed_at + std::min(wait, day);
}

ItemFailures::ItemFailures(Store& store, const Clock& clock, std::string shop,
                           std::chrono::seconds retry_base, bool dry_run)
    : store_(store), clock_(clock), shop_(std::move(shop)), retry_base_(retry_base), dry_run_(dry_run) {}

Result<bool> ItemFailures::waiting(EntityKind kind, const std::string& id) const {
  bool wait = false;
  auto s = store_.read([&](const StoreReader& r) -> Status {
    auto f = r.failed(shop_, Concern::Failed, kind, id);
    if (!f) return fail(f.error());
    wait = *f && (*f)->open() && (*f)->next_attempt && *(*f)->next_attempt > clock_.now();
    return {};
  });
  if (!s) return fail(s.error());
  return wait;
}

Result<ItemFailures::Recorded> ItemFailures::record(const ItemRef& item, const Error& error) {
  FailedItem out;
  bool news = true;
  auto make = [&](const std::optional<FailedItem>& earlier) {
    news = !earlier || earlier->message != error.message || !earlier->open();
    const Timestamp now = clock_.now();
    out = FailedItem{};
    out.shop = shop_;
    out.kind = item.kind;
    out.id = item.id;
    out.owner_id = item.owner_id.empty() ? item.id : item.owner_id;
    out.concern = Concern::Failed;
    out.attempts = earlier ? earlier->attempts + 1 : 1;
    out.error_kind = to_string(error.kind);
    out.message = error.message;
    out.hint = hint_for(error);
    out.first_failed = earlier ? earlier->first_failed : now;
    out.last_failed = now;
    // A lost answer is looked up by the next run at once; refusals wait longer each time.
    out.next_attempt = error.ambiguous ? now : next_attempt_after(now, out.attempts, retry_base_);
  };
  if (dry_run_) {
    auto s = store_.read([&](const StoreReader& r) -> Status {
      auto f = r.failed(shop_, Concern::Failed, item.kind, item.id);
      if (!f) return fail(f.error());
      make(*f);
      return {};
    });
    if (!s) return fail(s.error());
    return Recorded{std::move(out), news};
  }
  auto s = store_.write([&](StoreWriter& w) -> Status {
    auto f = w.failed(shop_, Concern::Failed, item.kind, item.id);
    if (!f) return fail(f.error());
    make(*f);
    return w.put_failed(out);
  });
  if (!s) return fail(s.error());
  return Recorded{std::move(out), news};
}

Status ItemFailures::clear(EntityKind kind, const std::string& id) {
  if (dry_run_) return {};
  // A read costs no disk sync; only an item that had failed needs a write.
  bool present = false;
  if (auto s = store_.read([&](const StoreReader& r) -> Status {
        auto f = r.failed(shop_, Concern::Failed, kind, id);
        if (!f) return fail(f.error());
        present = f->has_value();
        return {};
      });
      !s) {
    return s;
  }
  if (!present) return {};
  return store_.write([&](StoreWriter& w) { return w.erase_failed(shop_, Concern::Failed, kind, id); });
}

Result<bool> ItemFailures::notified(Concern concern, EntityKind kind, const std::string& id) const {
  bool exists = false;
  auto s = store_.read([&](const StoreReader& r) -> Status {
    auto f = r.failed(shop_, concern, kind, id);
    if (!f) return fail(f.error());
    exists = f->has_value();
    return {};
  });
  if (!s) return fail(s.error());
  return exists;
}

Status ItemFailures::forget(Concern concern, EntityKind kind, const std::string& id) {
  if (dry_run_) return {};
  auto exists = notified(concern, kind, id);
  if (!exists) return fail(exists.error());
  if (!*exists) return {};
  return store_.write([&](StoreWriter& w) { return w.erase_failed(shop_, concern, kind, id); });
}

Result<bool> ItemFailures::notify(const ItemRef& item, Concern concern, const std::string& message,
                                  const std::string& hint) {
  auto exists = notified(concern, item.kind, item.id);
  if (!exists) return fail(exists.error());
  if (*exists) return false;
  if (dry_run_) return true;
  const Timestamp now = clock_.now();
  FailedItem notice;
  notice.shop = shop_;
  notice.kind = item.kind;
  notice.id = item.id;
  notice.owner_id = item.owner_id.empty() ? item.id : item.owner_id;
  notice.concern = concern;
  notice.needs_person = true;
  notice.attempts = 1;
  notice.message = message;
  notice.hint = hint;
  notice.first_failed = now;
  notice.last_failed = now;
  if (auto s = store_.write([&](StoreWriter& w) { return w.put_failed(notice); }); !s) return fail(s.error());
  return true;
}

Result<std::vector<FailedItem>> ItemFailures::due(const std::vector<EntityKind>& kinds) const {
  std::vector<FailedItem> out;
  auto s = store_.read([&](const StoreReader& r) -> Status {
    auto all = r.all_failed();
    if (!all) return fail(all.error());
    for (auto& f : *all) {
      if (f.shop != shop_ || f.concern != Concern::Failed || !f.open() || f.needs_person) continue;
      if (std::find(kinds.begin(), kinds.end(), f.kind) == kinds.end()) continue;
      if (f.next_attempt && *f.next_attempt > clock_.now()) continue;
      out.push_back(std::move(f));
    }
    return {};
  });
  if (!s) return fail(s.error());
  std::sort(out.begin(), out.end(),
            [](const FailedItem& a, const FailedItem& b) { return a.first_failed < b.first_failed; });
  return out;
}

}  // namespace wv::engine
