#pragma once
// What the end-to-end benchmarks share: a woovisma-sandbox child process to run against, the
// random orders they place in its shop, and running the real woovisma binary on its config.
// Every failure here is fatal to a benchmark, so it throws Failed, which main() reports.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include <rapidjson/document.h>

#include "core/http/http.hpp"
#include "tests/support/process.hpp"

namespace wv::bench {

/// Why a benchmark cannot go on; main() prints `what` and exits 1.
struct Failed {
  std::string what;
};

/// woovisma-sandbox running as a child process on a free localhost port, seeded with the demo
/// data, with the woovisma config that points at it written into `dir`. Stopped on destruction.
class SandboxProcess {
 public:
  /// Starts the sandbox, which delays every API answer by `latency_ms`, and waits up to 20 s
  /// for it to be ready. Throws Failed when it cannot be started or does not get ready.
  SandboxProcess(const std::filesystem::path& dir, int latency_ms);
  /// Asks the sandbox to stop, and kills it when it has not within 5 s.
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  /// The woovisma config file the sandbox wrote (its shop and its Visma).
  [[nodiscard]] std::filesystem::path config() const { return dir_ / "woovisma.toml"; }

  /// Sends a control request (`path` under /_sandbox/) and returns the answer's body; GET and
  /// DELETE are sent without `body`. Throws Failed when it cannot be sent or is not answered 2xx.
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = "{}");

  /// GETs the control `path` and returns the JSON object it answers. Throws Failed as control()
  /// does, and when the answer is not a JSON object.
  rapidjson::Document json(const std::string& path);

 private:
  std::filesystem::path dir_;
  std::optional<wv::testing::Process> process_;
  std::string base_;
  std::unique_ptr<wv::HttpClient> http_;
};

/// A new WooCommerce order as the shop's REST API takes it: 1-3 lines of the demo's articles,
/// shipping, paid by Swish, from one of 40 customers. The same `rng` seed gives the same
/// orders, so that runs (and the benchmarks) compare.
std::string random_order(std::mt19937_64& rng);

/// Gives every product whose stock the shop tracks 100000 in stock, so that no order placed by
/// place_random_orders() is refused for want of it. Throws Failed as the sandbox's control() does.
void stock_up(SandboxProcess& sandbox);

/// Places `count` random_order()s in the sandbox's shop, always from the same seed (7). Throws
/// Failed as the sandbox's control() does.
void place_random_orders(SandboxProcess& sandbox, int count);

/// Creates a new empty directory under the system's temporary directory and returns its path;
/// the caller removes it. Throws Failed when it cannot be created.
std::filesystem::path make_temp_dir();

/// Runs `woovisma --config <config> -q <command>` without the WOOVISMA_* variables that would
/// override the config, and returns how it ended: a non-zero exit is returned, not thrown, and a
/// run that outlasts `timeout` is killed and returned with timed_out set and exit code -1.
/// Throws Failed when the binary cannot be started.
wv::testing::ProcessResult run_woovisma(const std::filesystem::path& config,
                                        const std::string& command,
                                        std::chrono::milliseconds timeout);

}  // namespace wv::bench
