#include "core/sync/engine/flow.hpp"

#include "core/log.hpp"

namespace wv::engine {

Status ItemScope::attempt(const ItemRef& item, const std::function<Status()>& attempt) {
  if (!on_demand_) {
    auto waiting = failures_.waiting(item.kind, item.id);
    if (!waiting) return fail(waiting.error());
    if (*waiting) {
      tally([&] { ++shared_.report.waiting_retry; });
      return {};
    }
  }
  if (!flow_detail::settle_item(shared_, failures_, item, attempt())) return fail(shared_.stop_reason());
  return {};
}

namespace flow_detail {

bool settle_item(Shared& shared, ItemFailures& failures, const ItemRef& item, const Status& outcome) {
  if (outcome) {
    {
      std::lock_guard lock(shared.mutex);
      shared.transient_in_a_row = 0;
    }
    if (auto s = failures.clear(item.kind, item.id); !s) {
      shared.stop(s.error());
      return false;
    }
    return true;
  }
  const Error& e = outcome.error();
  if (scope_of(e) == FailureScope::Run) {
    shared.stop(e);
    return false;
  }
  logger().warn("{} {}: {}", to_string(item.kind), item.id, e.message);
  auto recorded = failures.record(item, e);
  if (!recorded) {
    shared.stop(recorded.error());
    return false;
  }
  std::lock_guard lock(shared.mutex);
  ++shared.report.failed;
  if (recorded->news) shared.report.new_failures.push_back(recorded->item);
  if (e.kind == ErrorKind::Transient) {
    if (++shared.transient_in_a_row >= shared.remote_down_after && !shared.report.stopped_by) {
      shared.report.stopped_by =
          e.with_context(std::to_string(shared.transient_in_a_row) + " items in a row failed; the remote system seems down");
    }
  } else {
    shared.transient_in_a_row = 0;
  }
  return true;
}

}  // namespace flow_detail
}  // namespace wv::engine
