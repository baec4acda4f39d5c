// woovisma-sandbox: emulated WooCommerce shop and Visma eAccounting company on 127.0.0.1, for
// trying woovisma out and for end-to-end tests. Runs until SIGTERM or SIGINT.

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/exit_code.hpp"
#include "core/log.hpp"
#include "sandbox/sandbox.hpp"

namespace {

using wv::ExitCode;
using wv::to_int;

struct Options {
  int port = 0;
  std::string seed = "demo";
  int latency_ms = 0;
  std::string ready_file;
  std::string write_config;
  std::string tls_cert;
  std::string tls_key;
  std::uint64_t fault_seed = 1;
  bool verbose = false;
};

/// Writes `port` to `path` through a temporary file and rename(), so that a reader never sees
/// a half-written file.
wv::Status write_ready_file(const std::filesystem::path& path, std::uint16_t port) {
  std::filesystem::path temporary = path;
  temporary += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) {
      return wv::fail(wv::ErrorKind::Config, "cannot write ready file " + temporary.string());
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return wv::fail(wv::ErrorKind::Config, "cannot write ready file " + path.string());
  }
  return {};
}

int fail_with(const wv::Error& error) {
  std::fprintf(stderr, "woovisma-sandbox: %s\n", error.message.c_str());
  return to_int(error.kind == wv::ErrorKind::Config ? ExitCode::Usage : ExitCode::Internal);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"woovisma-sandbox: an emulated WooCommerce shop and Visma eAccounting company on 127.0.0.1",
               "woovisma-sandbox"};
  app.set_version_flag("--version", WOOVISMA_VERSION);
  Options options;
  app.add_option("--port", options.port, "TCP port on 127.0.0.1 (0 picks a free one)")->check(CLI::Range(0, 65535));
  app.add_option("--seed", options.seed, "demo, empty, or a seed file (JSON)");
  app.add_option("--latency-ms", options.latency_ms, "added to every API answer")->check(CLI::Range(0, 600000));
  app.add_option("--ready-file", options.ready_file, "written with the port once connections are accepted");
  app.add_option("--write-config", options.write_config, "write a woovisma config pointing at the sandbox");
  auto* cert = app.add_option("--tls-cert", options.tls_cert, "serve https with this PEM certificate")
                   ->check(CLI::ExistingFile);
  auto* key = app.add_option("--tls-key", options.tls_key, "the PEM private key of --tls-cert")->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  app.add_option("--fault-seed", options.fault_seed, "seed for faults that hit a share of requests");
  app.add_flag("-v,--verbose", options.verbose, "log every request on standard error");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "woovisma-sandbox: %s; see woovisma-sandbox --help\n", e.what());
    return to_int(ExitCode::Usage);
  }
  if (options.verbose) wv::logger().set_level(wv::LogLevel::Debug);

  // SIGTERM and SIGINT are taken with sigwait() below. They are blocked before any server
  // thread exists so that every thread inherits the mask and none is interrupted by them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto emulators = wv::sandbox::make_emulators();
  if (auto seeded = wv::sandbox::seed_emulators(emulators, options.seed); !seeded) return fail_with(seeded.error());

  wv::sandbox::SandboxOptions sandbox_options;
  sandbox_options.port = static_cast<std::uint16_t>(options.port);
  sandbox_options.latency = std::chrono::milliseconds(options.latency_ms);
  sandbox_options.fault_seed = options.fault_seed;
  if (!options.tls_cert.empty()) sandbox_options.tls = wv::sandbox::TlsFiles{options.tls_cert, options.tls_key};
  wv::sandbox::Sandbox sandbox(sandbox_options, std::move(emulators));
  if (auto started = sandbox.start(); !started) return fail_with(started.error());

  if (!options.write_config.empty()) {
    if (auto written = wv::sandbox::write_config(options.write_config, sandbox); !written) {
      return fail_with(written.error());
    }
  }
  std::printf("listening on %s\n", sandbox.base_url().c_str());
  std::fflush(stdout);
  if (!options.ready_file.empty()) {
    if (auto ready = write_ready_file(options.ready_file, sandbox.port()); !ready) return fail_with(ready.error());
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  wv::logger().info("woovisma-sandbox: {} received, shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
  sandbox.stop();
  if (!options.ready_file.empty()) {
    std::error_code ignored;
    std::filesystem::remove(options.ready_file, ignored);
  }
  return to_int(ExitCode::Ok);
}
