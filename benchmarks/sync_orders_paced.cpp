// How much of Visma's request budget `woovisma sync-orders` uses: new orders transferred by one
// run of the real binary against woovisma-sandbox with a latency on every answer (200 ms by
// default, like the Internet) and the emulated Visma's quota ON at its real size, 600 requests
// a minute. Prints orders, requests to each API, duration, Visma requests a minute against the
// 600 limit, the 429 answers seen, and the fewest requests the APIs allow for the same work.
// A sequential engine, one request at a time, uses about half the budget at 200 ms; an engine
// with several items in flight should come close to it. Never fails on timing.
//
// Usage: bench_sync_orders_paced [--orders N] [--latency-ms MS] [--in-flight N]
//   --orders      new orders placed in the shop before the run (default 1000)
//   --latency-ms  the sandbox's delay before every API answer (default 200)
//   --in-flight   orders (and requests) in flight at once: `[http] max_in_flight = N`.

#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "benchmarks/support/bench_sandbox.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using wv::bench::Failed;
using wv::bench::SandboxProcess;

constexpr int kVismaPerMinute = 600;  // Visma's limit per client

struct Settings {
  int orders = 1000;
  int latency_ms = 200;
  std::optional<int> in_flight;
};

// What the request log counted, per API.
struct Counts {
  std::uint64_t visma = 0;     // /v2/...: what Visma's quota counts
  std::uint64_t identity = 0;  // /connect/...: token refreshes, outside the quota
  std::uint64_t woo = 0;       // /wp-json/...
  std::uint64_t rate_limited = 0;  // 429 answers among the requests the log keeps in full
  std::uint64_t kept = 0;          // requests the log keeps in full
  std::vector<std::int64_t> visma_arrivals;  // arrival times (ms) of the kept Visma requests
  std::uint64_t count(const rapidjson::Document& log, const char* key) const {
    const auto& counts = log["counts"];
    return counts.HasMember(key) ? counts[key].GetUint64() : 0;
  }
};

/// The most requests that arrived within any 60 seconds: what the server's limit is checked on.
std::size_t busiest_minute(std::vector<std::int64_t> arrivals) {
  std::sort(arrivals.begin(), arrivals.end());
  std::size_t best = 0;
  std::size_t first = 0;
  for (std::size_t last = 0; last < arrivals.size(); ++last) {
    while (arrivals[last] - arrivals[first] >= 60'000) ++first;
    best = std::max(best, last - first + 1);
  }
  return best;
}

/// The shortest time `n` requests can take under 600 in any 60 s, starting with a full budget
/// and ignoring latency: request k waits for the window of request k − 600 to pass.
double fastest_seconds(std::uint64_t n) { return n == 0 ? 0.0 : 60.0 * static_cast<double>((n - 1) / 600); }

Counts read_counts(SandboxProcess& sandbox, rapidjson::Document& log) {
  log = sandbox.json("/_sandbox/log");
  Counts c;
  for (const auto& [name, value] : log["counts"].GetObject()) {
    const std::string key = name.GetString();
    if (key.find(" /v2/") != std::string::npos) c.visma += value.GetUint64();
    if (key.find(" /connect/") != std::string::npos) c.identity += value.GetUint64();
    if (key.find(" /wp-json/") != std::string::npos) c.woo += value.GetUint64();
  }
  for (const auto& r : log["requests"].GetArray()) {
    ++c.kept;
    if (r["status"].GetInt() == 429) ++c.rate_limited;
    const std::string path = r["path"].GetString();
    if (path.starts_with("/v2/") && r.HasMember("arrived_ms")) c.visma_arrivals.push_back(r["arrived_ms"].GetInt64());
  }
  return c;
}

int run(const Settings& settings) {
  const std::filesystem::path dir = wv::bench::make_temp_dir();
  {
    SandboxProcess sandbox(dir, settings.latency_ms);
    sandbox.control("POST", "/_sandbox/visma/rate-limit", "{\"per_minute\":" + std::to_string(kVismaPerMinute) + "}");
    wv::bench::stock_up(sandbox);
    wv::bench::place_random_orders(sandbox, settings.orders);
    if (settings.in_flight) {
      std::ofstream(sandbox.config(), std::ios::app) << "\n[http]\nmax_in_flight = " << *settings.in_flight << "\n";
    }
    sandbox.control("DELETE", "/_sandbox/log");
    const auto before = sandbox.json("/_sandbox/visma/state");
    const auto customers_before = before["counts"]["customers"].GetInt64();

    const auto start = Clock::now();
    const auto result = wv::bench::run_woovisma(sandbox.config(), "sync-orders", 4h);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (result.exit_code != 0) {
      std::fprintf(stderr, "bench_sync_orders_paced: sync-orders exited %d (figures below are still what it did): %s\n",
                   result.exit_code, result.err.c_str());
    }

    rapidjson::Document log;
    const Counts counts = read_counts(sandbox, log);
    const auto after = sandbox.json("/_sandbox/visma/state");
    const auto quota_refusals = after["requests"]["rate_limited"].GetInt64() - before["requests"]["rate_limited"].GetInt64();
    const auto drafts = counts.count(log, "POST /v2/customerinvoicedrafts");
    const auto invoices = counts.count(log, "POST /v2/customerinvoices");
    const auto sales_orders = counts.count(log, "POST /v2/orders");
    const std::uint64_t documents = drafts + invoices + sales_orders;
    const auto customers_created = after["counts"]["customers"].GetInt64() - customers_before;
    const auto articles_created = counts.count(log, "POST /v2/articles");

    // The fewest requests the APIs allow for this work. Visma has no batch create: one POST per
    // document, one per customer it lacks and one per article it lacks (a SKU the shop sells
    // that Visma has no article for). Everything a transfer must know beforehand fits in one
    // page each (Visma pages up to 1000 items; the demo company has far fewer): the customers
    // (matched by e-mail), the articles (SKU → article), the article codings (VAT rates) and the
    // company settings: 4 reads. WooCommerce serves at most 100 orders a page and nothing has
    // to be written back, so one page per 100 transferred orders (at least one). Token
    // refreshes go to the identity server, outside the quota, and are not counted.
    constexpr std::uint64_t kReads = 4;
    const std::uint64_t visma_min =
        documents + static_cast<std::uint64_t>(customers_created) + articles_created + kReads;
    const std::uint64_t woo_min = std::max<std::uint64_t>(1, (documents + 99) / 100);

    const double minutes = seconds / 60.0;
    const double per_minute = minutes > 0 ? static_cast<double>(counts.visma) / minutes : 0;
    std::printf("orders placed:            %d (latency %d ms per answer, Visma quota %d a minute)\n", settings.orders,
                settings.latency_ms, kVismaPerMinute);
    std::printf("documents created:        %llu\n", static_cast<unsigned long long>(documents));
    std::printf("duration:                 %.1f s\n", seconds);
    std::printf("Visma requests:           %llu (+ %llu to the identity server, outside the quota)\n",
                static_cast<unsigned long long>(counts.visma), static_cast<unsigned long long>(counts.identity));
    const std::size_t busiest = busiest_minute(counts.visma_arrivals);
    std::printf("Visma requests a minute:  %.0f averaged over the run (the first minute's budget is spent at once)\n",
                per_minute);
    std::printf("busiest 60 s:             %zu requests = %.1f %% of the %d limit (at most 100: never over it)\n", busiest,
                100.0 * static_cast<double>(busiest) / kVismaPerMinute, kVismaPerMinute);
    std::printf("429 answers:              %llu in the request log (of %llu kept); %lld refused by the quota\n",
                static_cast<unsigned long long>(counts.rate_limited), static_cast<unsigned long long>(counts.kept),
                static_cast<long long>(quota_refusals));
    std::printf("WooCommerce requests:     %llu\n", static_cast<unsigned long long>(counts.woo));
    std::printf("lower bound:              %llu Visma (%llu documents + %lld customers + %llu articles + %llu reads),"
                " %llu WooCommerce; at %d a minute, with a full budget at the start, they need %.1f s\n",
                static_cast<unsigned long long>(visma_min), static_cast<unsigned long long>(documents),
                static_cast<long long>(customers_created), static_cast<unsigned long long>(articles_created),
                static_cast<unsigned long long>(kReads), static_cast<unsigned long long>(woo_min), kVismaPerMinute,
                fastest_seconds(visma_min));
    std::printf("Visma requests by route:\n");
    for (const auto& [name, value] : log["counts"].GetObject()) {
      const std::string key = name.GetString();
      if (key.find(" /v2/") != std::string::npos || key.find(" /connect/") != std::string::npos) {
        std::printf("  %6llu  %s\n", static_cast<unsigned long long>(value.GetUint64()), key.c_str());
      }
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return 0;
}

Settings parse_args(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) throw Failed{"usage: bench_sync_orders_paced [--orders N] [--latency-ms MS] [--in-flight N]"};
    const int value = std::stoi(argv[++i]);
    if (arg == "--orders") {
      s.orders = value;
    } else if (arg == "--latency-ms") {
      s.latency_ms = value;
    } else if (arg == "--in-flight") {
      s.in_flight = value;
    } else {
      throw Failed{"unknown option " + arg};
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const Failed& f) {
    std::fprintf(stderr, "bench_sync_orders_paced: %s\n", f.what.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_sync_orders_paced: %s\n", e.what());
  }
  return 1;
}
