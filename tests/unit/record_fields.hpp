#pragma once
// Every field of each store record as a tuple, so that tests compare records whole: a field
// added to a record and forgotten by its codec makes these comparisons fail.

#include <tuple>

#include "core/store/records.hpp"

namespace wv::testing {

inline auto fields(const Checkpoint& c) {
  return std::tie(c.modified, c.last_id, c.updated_at);
}
inline auto fields(const Link& l) {
  return std::tie(l.shop, l.kind, l.woo_id, l.visma_id, l.visma_number, l.document, l.customer_type,
                  l.change_reported, l.status_pushed, l.linked_at);
}
inline auto fields(const PendingWrite& p) {
  return std::tie(p.shop, p.kind, p.woo_id, p.owner_id, p.document, p.reference, p.recorded_at);
}
inline auto fields(const FailedItem& f) {
  return std::tie(f.shop, f.kind, f.id, f.owner_id, f.concern, f.needs_person, f.attempts,
                  f.error_kind, f.message, f.hint, f.first_failed, f.last_failed, f.next_attempt,
                  f.resolved_at);
}
inline auto fields(const OAuthTokens& t) {
  return std::tie(t.access_token, t.refresh_token, t.expires_at, t.refreshed_at, t.scope);
}
inline auto fields(const RunRecord& r) {
  return std::tie(r.shop, r.command, r.started, r.ended, r.created, r.updated, r.skipped, r.failed,
                  r.outcome, r.exit_code, r.detail);
}

}  // namespace wv::testing
