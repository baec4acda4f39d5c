// `woovisma status`: what the store knows, for people (text) and scripts (--json).

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "core/time.hpp"

namespace wv::cli {
namespace {

struct StatusOptions {
  bool json = false;
  std::size_t runs = 10;
};

struct Snapshot {
  std::vector<StoreReader::NamedCheckpoint> checkpoints;
  std::vector<RunRecord> runs;
  std::vector<PendingWrite> pending;
  std::vector<FailedItem> failed;
};

Result<Snapshot> take_snapshot(const Store& store, std::size_t run_limit) {
  Snapshot s;
  auto status = store.read([&](const StoreReader& r) -> Status {
    auto checkpoints = r.all_checkpoints();
    if (!checkpoints) return fail(checkpoints.error());
    s.checkpoints = std::move(*checkpoints);
    auto runs = r.recent_runs(run_limit);
    if (!runs) return fail(runs.error());
    s.runs = std::move(*runs);
    auto pending = r.all_pending();
    if (!pending) return fail(pending.error());
    s.pending = std::move(*pending);
    auto failed = r.all_failed();
    if (!failed) return fail(failed.error());
    s.failed = std::move(*failed);
    return {};
  });
  if (!status) return fail(status.error());
  return s;
}

// Items no retry will settle (a refund to credit by hand, an order cancelled after transfer).
bool needs_a_person(const FailedItem& f) { return f.next_attempt == Timestamp::max(); }

std::string duration_text(const RunRecord& run) {
  const auto ms = (run.ended - run.started).count();
  return fmt::format("{}.{} s", ms / 1000, (ms % 1000) / 100);
}

void print_text(const std::string& dir, const Snapshot& s) {
  std::printf("store %s\n", dir.c_str());
  std::printf("\ncheckpoints:%s\n", s.checkpoints.empty() ? " none (no stream has run yet)" : "");
  for (const auto& c : s.checkpoints) {
    std::printf("  %-24s modified up to %s%s\n", (c.shop + "/" + c.stream).c_str(),
                format_timestamp(c.checkpoint.modified).c_str(),
                c.checkpoint.last_id.empty() ? "" : (" (id " + c.checkpoint.last_id + ")").c_str());
  }
  std::printf("\nlast runs:%s\n", s.runs.empty() ? " none yet" : "");
  for (const auto& r : s.runs) {
    std::printf("  %s  %-13s %-8s %-10s created %lld, updated %lld, skipped %lld, failed %lld (%s)\n",
                format_timestamp(r.started).c_str(), r.command.c_str(),
                r.shop.empty() ? "-" : r.shop.c_str(), r.outcome.c_str(),
                static_cast<long long>(r.created), static_cast<long long>(r.updated),
                static_cast<long long>(r.skipped), static_cast<long long>(r.failed),
                duration_text(r).c_str());
  }
  std::printf("\npending writes:%s\n",
              s.pending.empty() ? " none" : " (the next run checks Visma before writing again)");
  for (const auto& p : s.pending) {
    std::printf("  %s %s %s -> %s, recorded %s\n", p.shop.c_str(), p.kind.c_str(), p.woo_id.c_str(),
                p.target.c_str(), format_timestamp(p.recorded_at).c_str());
  }
  std::printf("\nfailed items:%s\n", s.failed.empty() ? " none" : "");
  for (const auto& f : s.failed) {
    if (needs_a_person(f)) {
      std::printf("  %s %s %s: needs attention since %s\n    %s\n", f.shop.c_str(), f.kind.c_str(),
                  f.woo_id.c_str(), format_timestamp(f.first_failed).c_str(), f.last_error.c_str());
    } else {
      std::printf("  %s %s %s: %d attempt%s, next %s\n    %s\n", f.shop.c_str(), f.kind.c_str(),
                  f.woo_id.c_str(), f.attempts, f.attempts == 1 ? "" : "s",
                  format_timestamp(f.next_attempt).c_str(), f.last_error.c_str());
    }
    if (!f.hint.empty()) std::printf("    what to do: %s\n", f.hint.c_str());
  }
}

void print_json(const std::string& dir, const Snapshot& s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value);
  };
  auto time = [&](const char* key, Timestamp t) { str(key, format_timestamp(t)); };
  w.StartObject();
  str("store", dir);
  w.Key("checkpoints");
  w.StartArray();
  for (const auto& c : s.checkpoints) {
    w.StartObject();
    str("shop", c.shop);
    str("stream", c.stream);
    time("modified", c.checkpoint.modified);
    str("last_id", c.checkpoint.last_id);
    time("updated_at", c.checkpoint.updated_at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("runs");
  w.StartArray();
  for (const auto& r : s.runs) {
    w.StartObject();
    str("shop", r.shop);
    str("command", r.command);
    time("started", r.started);
    time("ended", r.ended);
    w.Key("created");
    w.Int64(r.created);
    w.Key("updated");
    w.Int64(r.updated);
    w.Key("skipped");
    w.Int64(r.skipped);
    w.Key("failed");
    w.Int64(r.failed);
    str("outcome", r.outcome);
    w.EndObject();
  }
  w.EndArray();
  w.Key("pending");
  w.StartArray();
  for (const auto& p : s.pending) {
    w.StartObject();
    str("shop", p.shop);
    str("kind", p.kind);
    str("woo_id", p.woo_id);
    str("target", p.target);
    str("reference", p.reference);
    time("recorded_at", p.recorded_at);
    w.EndObject();
  }
  w.EndArray();
  w.Key("failed");
  w.StartArray();
  for (const auto& f : s.failed) {
    w.StartObject();
    str("shop", f.shop);
    str("kind", f.kind);
    str("woo_id", f.woo_id);
    w.Key("attempts");
    w.Int(f.attempts);
    str("error", f.last_error);
    str("error_kind", f.error_kind);
    str("hint", f.hint);
    time("first_failed", f.first_failed);
    time("last_failed", f.last_failed);
    if (needs_a_person(f)) {
      w.Key("next_attempt");
      w.Null();
    } else {
      time("next_attempt", f.next_attempt);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::printf("%s\n", buffer.GetString());
}

Result<ExitCode> run_status(Context& ctx, const StatusOptions& options) {
  auto config = ctx.config();
  if (!config) return fail(config.error());
  const std::string dir = (*config)->store_dir.string();
  auto store = ctx.readable_store();
  if (!store) return fail(store.error());
  Snapshot snapshot;
  if (*store != nullptr) {
    auto taken = take_snapshot(**store, options.runs);
    if (!taken) return fail(taken.error());
    snapshot = std::move(*taken);
  }
  if (options.json) {
    print_json(dir, snapshot);
  } else {
    print_text(dir, snapshot);
    if (*store == nullptr) std::printf("\n(the store does not exist yet: nothing has run)\n");
  }
  return ExitCode::Ok;
}

}  // namespace

void add_status_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "Show checkpoints, recent runs, pending writes and failed items");
  cmd->add_flag("--json", options->json, "Print one JSON object for scripts");
  cmd->add_option("--runs", options->runs, "How many recent runs to list")->capture_default_str();
  cmd->callback([&ctx, options] { ctx.set_command([&ctx, options] { return run_status(ctx, *options); }); });
}

}  // namespace wv::cli
