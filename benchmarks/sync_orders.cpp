// Orders per second through `woovisma sync-orders` against woovisma-sandbox: 300 new orders
// (plus the demo shop's eligible ones) transferred by one run, with the sandbox answering at once and with
// --latency-ms 20 (closer to a real Visma), then a rerun with nothing to do. Both real
// binaries, the store on the temporary directory's disk. Prints figures; never fails on timing.
// Usage: bench_sync_orders [orders] (default 300)

#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "benchmarks/support/bench_sandbox.hpp"
#include "tests/support/process.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

using wv::bench::Failed;

wv::testing::ProcessResult woovisma(const std::filesystem::path& config, const std::string& command) {
  return wv::bench::run_woovisma(config, command, 600s);
}

void measure(int orders, int latency_ms) {
  const std::filesystem::path dir = wv::bench::make_temp_dir();
  {
    wv::bench::SandboxProcess sandbox(dir, latency_ms);
    sandbox.control("POST", "/_sandbox/visma/rate-limit", R"({"per_minute":0})");
    wv::bench::stock_up(sandbox);
    wv::bench::place_random_orders(sandbox, orders);

    const auto start = Clock::now();
    auto first = woovisma(sandbox.config(), "sync-orders");
    const double s = seconds_since(start);
    if (first.exit_code != 0) throw Failed{"sync-orders exited " + std::to_string(first.exit_code) + ": " + first.err};
    rapidjson::Document log;
    log.Parse(sandbox.control("GET", "/_sandbox/log").c_str());
    const auto requests = log["total"].GetUint64();
    rapidjson::Document visma;
    visma.Parse(sandbox.control("GET", "/_sandbox/visma/state").c_str());
    const auto documents = visma["counts"]["customer_invoice_drafts"].GetInt();

    const auto again = Clock::now();
    auto second = woovisma(sandbox.config(), "sync-orders");
    const double rerun = seconds_since(again);
    if (second.exit_code != 0) throw Failed{"the rerun exited " + std::to_string(second.exit_code)};
    std::printf("latency %2d ms: %d orders in %6.2f s = %6.1f orders/s (%llu API requests); rerun with nothing to do: %.2f s\n",
                latency_ms, documents, s, documents / s, static_cast<unsigned long long>(requests), rerun);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

}  // namespace

int main(int argc, char** argv) {
  const int orders = argc > 1 ? std::stoi(argv[1]) : 300;
  try {
    for (int latency : {0, 20}) measure(orders, latency);
  } catch (const Failed& f) {
    std::fprintf(stderr, "bench_sync_orders: %s\n", f.what.c_str());
    return 1;
  }
  return 0;
}
