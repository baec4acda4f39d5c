// `woovisma resolve CONCERN [ID] [--all] [--shop NAME]`: a person marks a listed item handled
// (a document credited by hand, a refund booked, a failure given up), so that `status` and the
// exit code stop counting it. The record is kept with the time, so the same notice is not raised
// again.

#include <cstdio>

#include "cli/commands.hpp"
#include "core/time.hpp"

namespace wv::cli {
namespace {

struct ResolveOptions {
  std::string concern;
  std::string id;
  std::string shop;
  bool all = false;
};

Result<ExitCode> run_resolve(Context& ctx, const ResolveOptions& options) {
  const auto concern = concern_from(options.concern);
  if (!concern) {
    return fail(ErrorKind::Usage, "\"" + options.concern +
                                      "\" is not something to resolve; give one of failed, "
                                      "changed-after-transfer, totals-differ, refund-not-credited");
  }
  if (options.all == !options.id.empty()) {
    return fail(ErrorKind::Usage, "give the item's ID or --all (one of them)");
  }
  auto config = ctx.config();
  if (!config) return fail(config.error());
  if (!options.shop.empty()) {
    bool known = false;
    for (const auto& s : (*config)->shops) known = known || s.name == options.shop;
    if (!known) return fail(ErrorKind::Usage, "no shop named \"" + options.shop + "\" in the config");
  }
  auto store = ctx.writable_store();
  if (!store) return fail(store.error());
  const Timestamp now = system_clock().now();
  int resolved = 0;
  if (auto s = (*store)->write([&](StoreWriter& w) -> Status {
        resolved = 0;
        auto all = w.all_failed();
        if (!all) return fail(all.error());
        for (auto f : *all) {
          if (f.concern != *concern || !f.open()) continue;
          if (!options.shop.empty() && f.shop != options.shop) continue;
          if (!options.all && f.id != options.id) continue;
          f.resolved_at = now;
          if (auto put = w.put_failed(f); !put) return put;
          ++resolved;
        }
        return {};
      });
      !s) {
    return fail(s.error());
  }
  if (resolved == 0) {
    return fail(ErrorKind::Usage, "nothing open to resolve: no " + options.concern +
                                      (options.all ? " items" : " item " + options.id) +
                                      (options.shop.empty() ? "" : " in shop " + options.shop) +
                                      "; `woovisma status` lists what is open");
  }
  std::printf("resolved %d %s item%s\n", resolved, options.concern.c_str(), resolved == 1 ? "" : "s");
  return ExitCode::Ok;
}

}  // namespace

void add_resolve_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ResolveOptions>();
  auto* cmd = app.add_subcommand(
      "resolve", "Mark an item that `status` lists as handled by a person (recorded with the time)");
  cmd->add_option("concern", options->concern,
                  "failed, changed-after-transfer, totals-differ or refund-not-credited")
      ->required();
  cmd->add_option("id", options->id, "The item's id as `status` shows it");
  cmd->add_flag("--all", options->all, "Every open item of that concern");
  cmd->add_option("--shop", options->shop, "Only this shop")->type_name("NAME");
  cmd->callback([&ctx, options] { ctx.set_command([&ctx, options] { return run_resolve(ctx, *options); }); });
}

}  // namespace wv::cli
