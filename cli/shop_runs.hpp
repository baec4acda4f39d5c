#pragma once
// The per-shop loop every syncing command shares: for each selected shop, run, record the run
// in the store (every run, also one that could not start), tell a person what needs one (even
// under -q: cron mails output, not exit codes), and keep the worst exit code by the contract in
// core/exit_code.hpp.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/exit_code.hpp"
#include "core/store/store.hpp"

namespace wv::cli {

/// What one shop's run produced, for its record and its exit code.
struct ShopRunOutcome {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;
  std::int64_t failed = 0;
  bool interrupted = false;
  /// The failure that stopped the run early, one that concerns every item.
  std::optional<Error> stopped_by;
  /// Failures recorded for the first time or with a new message.
  std::vector<FailedItem> new_failures;
};

/// One shop's run. Fails when the run could not start (config, authentication, remote down).
using ShopRun = std::function<Result<ShopRunOutcome>(const ShopConfig&)>;

/// The shops a command works on: the one named `only` (all when empty). Fails with Usage when
/// no shop has that name.
Result<std::vector<const ShopConfig*>> select_shops(const Config& config, const std::string& only);

/// Runs `run` for each of `shops` and returns the worst exit code. A shop that fails does not
/// stop the others. Runs are recorded unless `dry_run`; failing to record one is an Internal
/// exit (the store is broken), printed once.
ExitCode run_each_shop(Store& store, const std::vector<const ShopConfig*>& shops,
                       const std::string& command, bool dry_run, const ShopRun& run,
                       const Clock& clock = system_clock());

/// The exit code of one shop's run: its stopping error's, else Interrupted, else Partial when
/// any item of the shop is failing or needs a person after the run (`open_items` > 0), else Ok.
ExitCode exit_code_of(const Result<ShopRunOutcome>& outcome, std::size_t open_items);

/// How many failure and notice records of `shop` are open. Fails with Store.
Result<std::size_t> open_items(const Store& store, const std::string& shop);

}  // namespace wv::cli
