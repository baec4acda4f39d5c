// Orders per second through `woovisma sync-orders` against woovisma-sandbox: 300 new orders
// (plus the demo shop's eligible ones) transferred by one run, with the sandbox answering at once and with
// --latency-ms 20 (closer to a real Visma), then a rerun with nothing to do. Both real
// binaries, the store on the temporary directory's disk. Prints figures; never fails on timing.
// Usage: bench_sync_orders [orders] (default 300)

#include <rapidjson/document.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/http/curl_client.hpp"
#include "tests/support/process.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Failed {
  std::string what;
};

class Sandbox {
 public:
  Sandbox(const std::filesystem::path& dir, int latency_ms) : dir_(dir) {
    wv::testing::ProcessOptions p;
    p.args = {WOOVISMA_SANDBOX_BIN, "--port", "0", "--seed", "demo", "--latency-ms", std::to_string(latency_ms),
              "--write-config", config().string(), "--ready-file", (dir / "ready").string()};
    auto started = wv::testing::Process::spawn(std::move(p));
    if (!started) throw Failed{started.error().message};
    process_.emplace(std::move(*started));
    if (!wv::testing::wait_for_file(dir / "ready", 20s)) throw Failed{"the sandbox did not start"};
    std::string port;
    std::ifstream(dir / "ready") >> port;
    base_ = "http://127.0.0.1:" + port;
    wv::HttpClientOptions options;
    options.retry.max_retries = 0;
    http_ = std::make_unique<wv::CurlHttpClient>(options);
  }
  ~Sandbox() {
    process_->terminate();
    if (!process_->wait(5s)) process_->kill();
  }

  [[nodiscard]] std::filesystem::path config() const { return dir_ / "woovisma.toml"; }

  std::string control(const std::string& method, const std::string& path, const std::string& body = "{}") {
    wv::HttpRequest r{method, base_ + path, {{"Content-Type", "application/json"}}, body, true};
    if (method == "GET") r.body.clear();
    auto answer = http_->send(r);
    if (!answer || !answer->ok()) throw Failed{method + " " + path + " failed"};
    return answer->body;
  }

 private:
  std::filesystem::path dir_;
  std::optional<wv::testing::Process> process_;
  std::string base_;
  std::unique_ptr<wv::HttpClient> http_;
};

std::string random_order(std::mt19937_64& rng) {
  static const char* const skus[] = {"MUG-001", "LAMP-3", "CANDLE-2", "FOOD-7", "TEA-20", "BOOK-042",
                                     "MAG-12", "STAMP-10", "TSHIRT-S", "GLOGG-1", "CARD-1", "EBOOK-7"};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const std::string n = std::to_string(pick(40));
  std::string lines;
  for (int i = 0, count = 1 + pick(3); i < count; ++i) {
    lines += std::string(i ? "," : "") + R"({"sku":")" + skus[pick(std::size(skus))] + R"(","quantity":)" +
             std::to_string(1 + pick(3)) + "}";
  }
  return R"({"payment_method":"swish","payment_method_title":"Swish","set_paid":true,"billing":{"first_name":"Kund)" +
         n + R"(","last_name":"Testsson","address_1":"Gatan 1","city":"Lund","postcode":"222 21","country":"SE","email":"kund)" +
         n + R"(@example.com"},"line_items":[)" + lines +
         R"(],"shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}]})";
}

wv::testing::ProcessResult woovisma(const std::filesystem::path& config, const std::string& command) {
  wv::testing::ProcessOptions p;
  p.args = {WOOVISMA_BIN, "--config", config.string(), "-q", command};
  p.unset_env = {"WOOVISMA_CONFIG", "WOOVISMA_STORE", "WOOVISMA_LOG_LEVEL", "WOOVISMA_LOG_FORMAT", "WOOVISMA_DRY_RUN"};
  auto r = wv::testing::run_process(p, 600s);
  if (!r) throw Failed{r.error().message};
  return *r;
}

void measure(int orders, int latency_ms) {
  std::string pattern = (std::filesystem::temp_directory_path() / "woovisma-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw Failed{"mkdtemp failed"};
  const std::filesystem::path dir = pattern;
  {
    Sandbox sandbox(dir, latency_ms);
    sandbox.control("POST", "/_sandbox/visma/rate-limit", R"({"per_minute":0})");
    rapidjson::Document state;
    state.Parse(sandbox.control("GET", "/_sandbox/woo/state").c_str());
    for (const auto& item : state["stock"].GetArray()) {
      if (!item["stock_quantity"].IsNull()) {
        sandbox.control("POST", "/_sandbox/woo/products/" + std::to_string(item["id"].GetInt()) + "/stock",
                        R"({"stock_quantity":100000})");
      }
    }
    std::mt19937_64 rng(7);
    for (int i = 0; i < orders; ++i) sandbox.control("POST", "/_sandbox/woo/orders", random_order(rng));

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
