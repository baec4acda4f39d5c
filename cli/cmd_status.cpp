// `woovisma status`: what the store knows, for people (text) and scripts (--json).

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

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
    // A resolved item stays in the store so that it is not raised again, but needs nobody now.
    std::erase_if(s.failed, [](const FailedItem& f) { return !f.open(); });
    return {};
  });
  if (!status) return fail(status.error());
  return s;
}

/// A checkpoint's last id as text ("" when it has none).
std::string id_text(const Checkpoint& c) {
  return std::visit(
      [](const auto& id) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(id)>, std::string>) {
          return id;
        } else {
          return std::to_string(id);
        }
      },
      c.last_id);
}

/// "refund 60" or, for an item that belongs to another, "refund 60 (order 52)".
std::string item_text(const FailedItem& f) {
  std::string text = std::string(to_string(f.kind)) + " " + f.id;
  if (!f.owner_id.empty() && f.owner_id != f.id) text += " (order " + f.owner_id + ")";
  return text;
}

std::string duration_text(const RunRecord& run) {
  const auto ms = (run.ended - run.started).count();
  return fmt::format("{}.{} s", ms / 1000, (ms % 1000) / 100);
}

void print_text(const std::string& dir, const Snapshot& s) {
  std::printf("store %s\n", dir.c_str());
  std::printf("\ncheckpoints:%s\n", s.checkpoints.empty() ? " none (no stream has run yet)" : "");
  for (const auto& c : s.checkpoints) {
    const std::string id = id_text(c.checkpoint);
    std::printf("  %-24s modified up to %s%s\n", (c.shop + "/" + to_string(c.stream)).c_str(),
                format_timestamp(c.checkpoint.modified).c_str(),
                id.empty() ? "" : (" (id " + id + ")").c_str());
  }
  std::printf("\nlast runs:%s\n", s.runs.empty() ? " none yet" : "");
  for (const auto& r : s.runs) {
    std::printf("  %s  %-13s %-8s %-11s created %lld, updated %lld, skipped %lld, failed %lld (%s), "
                "exit %d\n",
                format_timestamp(r.started).c_str(), r.command.c_str(),
                r.shop.empty() ? "-" : r.shop.c_str(), to_string(r.outcome),
                static_cast<long long>(r.created), static_cast<long long>(r.updated),
                static_cast<long long>(r.skipped), static_cast<long long>(r.failed),
                duration_text(r).c_str(), r.exit_code);
    if (!r.detail.empty()) std::printf("    %s\n", r.detail.c_str());
  }
  std::printf("\npending writes:%s\n",
              s.pending.empty() ? " none" : " (the next run checks Visma before writing again)");
  for (const auto& p : s.pending) {
    const std::string owner = p.owner_id.empty() ? "" : " (order " + p.owner_id + ")";
    std::printf("  %s %s %s%s -> %s, recorded %s\n", p.shop.c_str(), to_string(p.kind),
                p.woo_id.c_str(), owner.c_str(),
                p.document ? to_string(*p.document) : to_string(p.kind),
                format_timestamp(p.recorded_at).c_str());
  }
  std::printf("\nfailed items:%s\n", s.failed.empty() ? " none" : "");
  for (const auto& f : s.failed) {
    // "<shop> <concern> <kind> <id>": "main failed order 1042", "main totals-differ order 7".
    const std::string what = f.shop + " " + to_string(f.concern) + " " + item_text(f);
    if (f.needs_person || !f.next_attempt) {
      std::printf("  %s: needs attention since %s\n    %s\n", what.c_str(),
                  format_timestamp(f.first_failed).c_str(), f.message.c_str());
    } else {
      std::printf("  %s: %d attempt%s, next %s\n    %s\n", what.c_str(), f.attempts,
                  f.attempts == 1 ? "" : "s", format_timestamp(*f.next_attempt).c_str(),
                  f.message.c_str());
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
    str("stream", to_string(c.stream));
    time("modified", c.checkpoint.modified);
    w.Key("last_id");
    if (const auto* n = std::get_if<std::int64_t>(&c.checkpoint.last_id)) {
      w.Int64(*n);
    } else {
      w.String(std::get<std::string>(c.checkpoint.last_id));
    }
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
    str("outcome", to_string(r.outcome));
    w.Key("exit_code");
    w.Int(r.exit_code);
    str("detail", r.detail);
    w.EndObject();
  }
  w.EndArray();
  w.Key("pending");
  w.StartArray();
  for (const auto& p : s.pending) {
    w.StartObject();
    str("shop", p.shop);
    str("kind", to_string(p.kind));
    str("woo_id", p.woo_id);
    str("owner_id", p.owner_id);
    w.Key("document");
    if (p.document) {
      w.String(to_string(*p.document));
    } else {
      w.Null();
    }
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
    str("concern", to_string(f.concern));
    str("kind", to_string(f.kind));
    str("id", f.id);
    str("owner_id", f.owner_id);
    w.Key("needs_person");
    w.Bool(f.needs_person);
    w.Key("attempts");
    w.Int(f.attempts);
    str("message", f.message);
    str("error_kind", f.error_kind);
    str("hint", f.hint);
    time("first_failed", f.first_failed);
    time("last_failed", f.last_failed);
    if (f.next_attempt) {
      time("next_attempt", *f.next_attempt);
    } else {
      w.Key("next_attempt");
      w.Null();
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
  // A monitoring check: non-zero while an item is failing or needs a person.
  for (const auto& f : snapshot.failed) {
    if (f.open()) return ExitCode::Partial;
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
