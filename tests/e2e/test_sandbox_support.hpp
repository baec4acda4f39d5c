#pragma once
// What the end-to-end tests against the sandbox share: both emulators served from this process
// over a real socket (plain http or TLS), the woovisma-sandbox binary run as a child with the
// config it writes, running woovisma, and reading back the secrets a run must never print.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/http/curl_client.hpp"
#include "core/store/records.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/visma/visma_emulator.hpp"
#include "sandbox/woo/woo_emulator.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/process.hpp"

namespace wv::testing {

/// HTTP options for tests: short timeouts, small backoff with a fixed seed, `ca_bundle` trusted.
HttpClientOptions fast_http_options(const std::string& ca_bundle = "");

/// Both emulators with the demo data behind a Sandbox listening on 127.0.0.1 (https with a fresh
/// self-signed certificate when `tls`). Fails the test when it cannot start.
class LiveSandbox {
 public:
  explicit LiveSandbox(bool tls = false);
  ~LiveSandbox();
  LiveSandbox(const LiveSandbox&) = delete;
  LiveSandbox& operator=(const LiveSandbox&) = delete;

  [[nodiscard]] sandbox::Sandbox& box() { return *box_; }
  [[nodiscard]] sandbox::WooEmulator& woo() { return *woo_; }
  [[nodiscard]] sandbox::VismaEmulator& visma() { return *visma_; }
  /// "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
  [[nodiscard]] std::string base_url() const { return box_->base_url(); }
  /// The PEM file a client must trust for https; "" without TLS.
  [[nodiscard]] const std::string& ca_bundle() const { return ca_bundle_; }

  /// The control API's answer to `method path` with the JSON `body` (in-process, not logged).
  sandbox::Response control(const std::string& method, const std::string& path, const std::string& body = "{}");
  /// control(), failing the test unless it answered 2xx; returns the body.
  std::string control_ok(const std::string& method, const std::string& path, const std::string& body = "{}");

 private:
  TempDir dir_;
  std::string ca_bundle_;
  std::shared_ptr<sandbox::WooEmulator> woo_;
  std::shared_ptr<sandbox::VismaEmulator> visma_;
  std::unique_ptr<sandbox::Sandbox> box_;
};

/// The woovisma-sandbox binary (seed demo) as a child process, with the config it wrote
/// (`--write-config`) and its store beside it. Stopped when the object dies.
class SandboxProcess {
 public:
  SandboxProcess();
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }
  [[nodiscard]] const std::filesystem::path& config() const { return config_; }
  /// The store --write-config created (holding Visma tokens).
  [[nodiscard]] std::filesystem::path store() const;
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::string base_url() const;

  /// The sandbox's answer to `method path` (control API or emulated API) over HTTP; fails the
  /// test when no answer came.
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "{}");
  /// request(), failing the test unless it answered 2xx; returns the body.
  std::string control_ok(const std::string& method, const std::string& path, const std::string& body = "{}");
  /// Stops the sandbox (SIGTERM) and waits for it; its port then refuses connections.
  void stop();

 private:
  TempDir dir_;
  std::filesystem::path config_;
  std::optional<Process> process_;
  std::uint16_t port_ = 0;
  std::unique_ptr<CurlHttpClient> http_;
};

/// Runs woovisma with `args` (the WOOVISMA_* environment removed, `env` added) to completion.
ProcessResult run_woovisma(std::vector<std::string> args, std::map<std::string, std::string> env = {});
/// Starts woovisma with `args` and a standard input the test writes (a dialogue).
Process spawn_woovisma(std::vector<std::string> args);
/// Waits until the child's standard output contains `needle`; returns that output, or fails the
/// test (with what it printed) when the child ends or `timeout` passes first.
std::string wait_for_output(Process& process, std::string_view needle,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// Opens `authorize_url` as a browser would up to the redirect: GETs it without following the
/// redirect and returns the Location it answers (fails the test unless that is a 302).
std::string authorize_redirect(const std::string& authorize_url);

/// What one `woovisma auth visma` dialogue showed.
struct AuthDialogue {
  ProcessResult result;
  std::string authorize_url;  ///< the address woovisma printed
  std::string redirect;       ///< where the identity emulator sent the "browser"
};
/// Runs `woovisma --config CONFIG --store STORE [extra global args] auth visma` and plays the
/// user: opens the printed address (authorize_redirect) and pastes `paste(redirect)` back.
AuthDialogue auth_by_paste(const std::filesystem::path& config, const std::filesystem::path& store,
                           std::vector<std::string> global_args = {},
                           const std::function<std::string(const std::string&)>& paste = {});

/// The first line of `text` that starts (after spaces) with `prefix`, trimmed; "" when none.
std::string line_starting_with(const std::string& text, std::string_view prefix);
/// The value of query parameter `name` in `url` (decoded); "" when absent.
std::string query_param(const std::string& url, std::string_view name);
/// `url` with query parameter `name` set to `value` (encoded).
std::string with_query_param(const std::string& url, std::string_view name, std::string_view value);

/// The config file as woovisma reads it (secrets included, nothing from the environment).
Config load_config_file(const std::filesystem::path& file);
/// Replaces the first `from` in `file` with `to`; fails the test when `from` is not there.
void edit_file(const std::filesystem::path& file, const std::string& from, const std::string& to);
/// The Visma tokens in the store at `dir` (opened read-only); nullopt when it holds none.
std::optional<OAuthTokens> stored_tokens(const std::filesystem::path& dir);

/// The lines of `text` that contain any of `secrets` (empty secrets ignored), each followed by
/// " <- contains secret #i"; empty when none does.
std::vector<std::string> lines_with_secrets(const std::string& text, const std::vector<std::string>& secrets);

/// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t free_port();

}  // namespace wv::testing
