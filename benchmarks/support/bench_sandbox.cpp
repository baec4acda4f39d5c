#include "benchmarks/support/bench_sandbox.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdlib.h>
#include <utility>

#include "core/http/curl_client.hpp"

namespace wv::bench {

using namespace std::chrono_literals;

SandboxProcess::SandboxProcess(const std::filesystem::path& dir, int latency_ms) : dir_(dir) {
  wv::testing::ProcessOptions p;
  // clang-format off
  p.args = {WOOVISMA_SANDBOX_BIN, "--port", "0", "--seed", "demo",
            "--latency-ms", std::to_string(latency_ms),
            "--write-config", config().string(),
            "--ready-file", (dir / "ready").string()};
  // clang-format on
  auto started = wv::testing::Process::spawn(std::move(p));
  if (!started) throw Failed{started.error().message};
  process_.emplace(std::move(*started));
  // The sandbox writes its port to the ready file once it listens: port 0 lets it pick a free
  // one, so that a benchmark never collides with another server on this machine.
  if (!wv::testing::wait_for_file(dir / "ready", 20s)) throw Failed{"the sandbox did not start"};
  std::string port;
  std::ifstream(dir / "ready") >> port;
  base_ = "http://127.0.0.1:" + port;
  wv::HttpClientOptions options;
  // A control request that fails is a broken benchmark, not a hiccup to ride out.
  options.retry.max_retries = 0;
  http_ = std::make_unique<wv::CurlHttpClient>(options);
}

SandboxProcess::~SandboxProcess() {
  process_->terminate();
  if (!process_->wait(5s)) process_->kill();
}

// Control requests are neither delayed nor logged by the sandbox, so they do not distort what
// a benchmark measures.
std::string SandboxProcess::control(const std::string& method, const std::string& path,
                                    const std::string& body) {
  wv::HttpRequest r{method, base_ + path, {{"Content-Type", "application/json"}}, body, true};
  if (method == "GET" || method == "DELETE") r.body.clear();
  auto answer = http_->send(r);
  if (!answer || !answer->ok()) throw Failed{method + " " + path + " failed"};
  return answer->body;
}

rapidjson::Document SandboxProcess::json(const std::string& path) {
  rapidjson::Document doc;
  doc.Parse(control("GET", path).c_str());
  if (!doc.IsObject()) throw Failed{"GET " + path + " did not answer a JSON object"};
  return doc;
}

std::string random_order(std::mt19937_64& rng) {
  static const char* const skus[] = {"MUG-001",  "LAMP-3",   "CANDLE-2", "FOOD-7",
                                     "TEA-20",   "BOOK-042", "MAG-12",   "STAMP-10",
                                     "TSHIRT-S", "GLOGG-1",  "CARD-1",   "EBOOK-7"};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const std::string n = std::to_string(pick(40));
  std::string lines;
  for (int i = 0, count = 1 + pick(3); i < count; ++i) {
    lines += std::string(i ? "," : "") + R"({"sku":")" + skus[pick(std::size(skus))] +
             R"(","quantity":)" + std::to_string(1 + pick(3)) + "}";
  }
  return R"({"payment_method":"swish","payment_method_title":"Swish","set_paid":true,"billing":{"first_name":"Kund)" +
         n +
         R"(","last_name":"Testsson","address_1":"Gatan 1","city":"Lund","postcode":"222 21","country":"SE","email":"kund)" +
         n + R"(@example.com"},"line_items":[)" + lines +
         R"(],"shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","total":"39.20"}]})";
}

void stock_up(SandboxProcess& sandbox) {
  const auto state = sandbox.json("/_sandbox/woo/state");
  for (const auto& item : state["stock"].GetArray()) {
    // A null quantity is a product whose stock the shop does not track: it never runs short.
    if (!item["stock_quantity"].IsNull()) {
      sandbox.control("POST",
                      "/_sandbox/woo/products/" + std::to_string(item["id"].GetInt()) + "/stock",
                      R"({"stock_quantity":100000})");
    }
  }
}

void place_random_orders(SandboxProcess& sandbox, int count) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < count; ++i)
    sandbox.control("POST", "/_sandbox/woo/orders", random_order(rng));
}

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "woovisma-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw Failed{"mkdtemp failed"};
  return pattern;
}

wv::testing::ProcessResult run_woovisma(const std::filesystem::path& config,
                                        const std::string& command,
                                        std::chrono::milliseconds timeout) {
  wv::testing::ProcessOptions p;
  p.args = {WOOVISMA_BIN, "--config", config.string(), "-q", command};
  // The environment would override the sandbox's config (another store, a dry run, ...).
  p.unset_env = {"WOOVISMA_CONFIG", "WOOVISMA_STORE", "WOOVISMA_LOG_LEVEL", "WOOVISMA_LOG_FORMAT",
                 "WOOVISMA_DRY_RUN"};
  auto r = wv::testing::run_process(std::move(p), timeout);
  if (!r) throw Failed{r.error().message};
  return *r;
}

}  // namespace wv::bench
