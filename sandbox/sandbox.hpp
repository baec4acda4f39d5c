#pragma once
// The sandbox: one HTTP server in front of a set of emulators, with the shared machinery
// around them — fault injection, added latency, the request log and their control API.
// Used by the woovisma-sandbox binary and, in-process, by tests with any emulators.
//
// Routing: /_sandbox/faults and /_sandbox/log are the sandbox's own; any other /_sandbox/...
// goes to each emulator's control() in turn; everything else to each emulator's handle() in
// turn (a 404 in the style of the path's API when none answers). Control requests are neither
// faulted, delayed nor logged.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "sandbox/emulator.hpp"
#include "sandbox/faults.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/request_log.hpp"

namespace wv::sandbox {

struct SandboxOptions {
  std::uint16_t port = 0;                ///< 0 picks a free port
  std::chrono::milliseconds latency{0};  ///< added to every answer of an emulated API
  std::optional<TlsFiles> tls;           ///< serve https with these files
  std::uint64_t fault_seed = 1;          ///< seed for faults with a share below 1
};

class Sandbox {
 public:
  Sandbox(SandboxOptions options, std::vector<std::shared_ptr<Emulator>> emulators);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  /// Starts serving. Fails with Internal when the port cannot be bound or the TLS files are
  /// unusable, or when already started.
  Status start();
  /// Stops serving (open connections are cut); start() may be called again. Idempotent.
  void stop();

  /// The port served, 0 when not serving.
  [[nodiscard]] std::uint16_t port() const;
  /// "http://127.0.0.1:PORT" ("https://..." with TLS), without a trailing slash.
  [[nodiscard]] std::string base_url() const;

  [[nodiscard]] FaultInjector& faults() { return faults_; }
  [[nodiscard]] RequestLog& log() { return log_; }
  [[nodiscard]] const std::vector<std::shared_ptr<Emulator>>& emulators() const { return emulators_; }

  /// Answers `request` as the server does (routing, faults, latency, log), without sockets.
  Response handle(const Request& request);

 private:
  Response handle_control(const Request& request);
  Response handle_api(const Request& request);

  SandboxOptions options_;
  std::vector<std::shared_ptr<Emulator>> emulators_;
  FaultInjector faults_;
  RequestLog log_;
  std::unique_ptr<HttpServer> server_;
};

/// The emulators of the woovisma-sandbox binary (WooCommerce and Visma), in a fresh empty
/// state.
std::vector<std::shared_ptr<Emulator>> make_emulators();

/// Seeds every emulator: "demo" loads the demo data, "empty" leaves the fresh empty state,
/// anything else is the path of a seed file (JSON object; each emulator reads its own key).
/// Fails with Config when the file cannot be read or is not a JSON object, or when an
/// emulator rejects it.
Status seed_emulators(const std::vector<std::shared_ptr<Emulator>>& emulators, const std::string& seed);

/// `woovisma-sandbox --write-config FILE`: writes a complete woovisma config (mode 0600) that
/// points at `sandbox` with credentials its emulators accept and the ids of its Visma company,
/// and a store beside it (FILE's name + ".store") already holding Visma tokens, so that
/// `woovisma --config FILE check` passes with no other step. Fails with Config when the file or
/// the store cannot be written, with Internal when the sandbox lacks an emulator.
Status write_config(const std::filesystem::path& file, const Sandbox& sandbox);

}  // namespace wv::sandbox
