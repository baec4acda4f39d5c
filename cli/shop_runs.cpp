#include "cli/shop_runs.hpp"

#include <cstdio>

#include "core/log.hpp"
#include "core/redact.hpp"

namespace wv::cli {
namespace {

RunOutcome outcome_for(ExitCode code, bool dry_run) {
  if (dry_run) return RunOutcome::DryRun;
  switch (code) {
    case ExitCode::Ok: return RunOutcome::Ok;
    case ExitCode::Partial: return RunOutcome::Partial;
    case ExitCode::Interrupted: return RunOutcome::Interrupted;
    default: return RunOutcome::Stopped;
  }
}

/// One line for a person, on stderr, whatever the log level.
void tell(const std::string& line) { std::fprintf(stderr, "woovisma: %s\n", redact(line).c_str()); }

}  // namespace

Result<std::vector<const ShopConfig*>> select_shops(const Config& config, const std::string& only) {
  std::vector<const ShopConfig*> shops;
  for (const auto& shop : config.shops) {
    if (only.empty() || shop.name == only) shops.push_back(&shop);
  }
  if (shops.empty()) return fail(ErrorKind::Usage, "no shop named \"" + only + "\" in the config");
  return shops;
}

Result<std::size_t> open_items(const Store& store, const std::string& shop) {
  std::size_t open = 0;
  auto s = store.read([&](const StoreReader& r) -> Status {
    auto all = r.all_failed();
    if (!all) return fail(all.error());
    for (const auto& f : *all) {
      if (f.shop == shop && f.open()) ++open;
    }
    return {};
  });
  if (!s) return fail(s.error());
  return open;
}

ExitCode exit_code_of(const Result<ShopRunOutcome>& outcome, std::size_t open) {
  if (!outcome) return exit_code_for(outcome.error().kind);
  if (outcome->stopped_by) return worse(ExitCode::Partial, exit_code_for(outcome->stopped_by->kind));
  if (outcome->interrupted) return ExitCode::Interrupted;
  return open > 0 || outcome->failed > 0 ? ExitCode::Partial : ExitCode::Ok;
}

ExitCode run_each_shop(Store& store, const std::vector<const ShopConfig*>& shops,
                       const std::string& command, bool dry_run, const ShopRun& run,
                       const Clock& clock) {
  ExitCode worst = ExitCode::Ok;
  for (const ShopConfig* shop : shops) {
    const Timestamp started = clock.now();
    const auto outcome = run(*shop);
    std::size_t open = 0;
    if (!dry_run) {
      auto counted = open_items(store, shop->name);
      if (!counted) {
        tell(counted.error().message);
        return ExitCode::Internal;
      }
      open = *counted;
    }
    const ExitCode code = exit_code_of(outcome, open);
    worst = worse(worst, code);

    std::string detail;
    if (!outcome) {
      detail = outcome.error().message;
    } else if (outcome->stopped_by) {
      detail = outcome->stopped_by->message;
    } else if (outcome->interrupted) {
      detail = "interrupted by a signal after the items in flight were settled";
    }
    const std::string where = "shop " + shop->name + ": ";
    if (outcome) {
      for (const auto& f : outcome->new_failures) {
        tell(where + to_string(f.kind) + " " + f.id + " failed: " + f.message +
             (f.hint.empty() ? "" : " (" + f.hint + ")"));
      }
    }
    if (!detail.empty()) tell(where + command + " stopped: " + detail);
    if (dry_run) continue;
    RunRecord record;
    record.shop = shop->name;
    record.command = command;
    record.started = started;
    record.ended = clock.now();
    if (outcome) {
      record.created = outcome->created;
      record.updated = outcome->updated;
      record.skipped = outcome->skipped;
      record.failed = outcome->failed;
    }
    record.outcome = outcome_for(code, dry_run);
    record.exit_code = to_int(code);
    record.detail = detail;
    if (auto s = store.write([&](StoreWriter& w) { return w.append_run(record); }); !s) {
      tell("could not record the run: " + s.error().message);
      return ExitCode::Internal;
    }
  }
  return worst;
}

}  // namespace wv::cli
