// The woovisma-sandbox binary as a person (or an end-to-end test) runs it, and the process
// helper those tests rely on.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>

#include "tests/sandbox/curl_fetch.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/process.hpp"
#include "tests/support/tls_cert.hpp"

using namespace wv::testing;
using namespace std::chrono_literals;

TEST_CASE("Process captures output, exit code and environment", "[sandbox][process]") {
  ProcessOptions options;
  options.args = {"/bin/sh", "-c", "echo \"out $GREETING\"; echo err >&2; read line; echo \"in $line\"; exit 3"};
  options.env["GREETING"] = "hej";
  options.stdin_text = "fed\n";
  auto result = run_process(options, 10s);
  REQUIRE(result.has_value());
  CHECK(result->exit_code == 3);
  CHECK_FALSE(result->timed_out);
  CHECK(result->out == "out hej\nin fed\n");
  CHECK(result->err == "err\n");
}

TEST_CASE("Process waits with a timeout, terminates and kills", "[sandbox][process]") {
  ProcessOptions options;
  options.args = {"/bin/sh", "-c", "trap 'exit 7' TERM; while :; do sleep 0.01; done"};
  auto process = Process::spawn(options);
  REQUIRE(process.has_value());
  CHECK_FALSE(process->wait(30ms));
  CHECK(process->running());
  process->terminate();
  CHECK(process->wait(5s) == 7);
  CHECK_FALSE(process->running());

  options.args = {"/bin/sh", "-c", "trap '' TERM; while :; do sleep 0.01; done"};
  auto stubborn = Process::spawn(options);
  REQUIRE(stubborn.has_value());
  stubborn->kill();
  CHECK(stubborn->wait(0ms) == 128 + 9);
}

TEST_CASE("Process reports a program that cannot start", "[sandbox][process]") {
  ProcessOptions options;
  options.args = {"/nonexistent/program"};
  auto process = Process::spawn(options);
  REQUIRE_FALSE(process.has_value());
  CHECK(process.error().message.find("/nonexistent/program") != std::string::npos);
}

TEST_CASE("wait_for_file sees a file appear and gives up on time", "[sandbox][process]") {
  TempDir dir;
  CHECK_FALSE(wait_for_file(dir.path() / "never", 20ms));
  ProcessOptions options;
  options.args = {"/bin/sh", "-c", "sleep 0.05; echo 1 > \"$1\"", "sh", (dir.path() / "late").string()};
  auto process = Process::spawn(options);
  REQUIRE(process.has_value());
  CHECK(wait_for_file(dir.path() / "late", 5s));
}

namespace {

/// A woovisma-sandbox started on a free port, stopped (killed if need be) at the end.
struct SandboxProcess {
  TempDir dir;
  std::filesystem::path ready = dir.path() / "ready";
  std::optional<Process> process;
  std::string port;

  explicit SandboxProcess(std::vector<std::string> extra = {}) {
    ProcessOptions options;
    options.args = {WOOVISMA_SANDBOX_BIN, "--port", "0", "--ready-file", ready.string()};
    options.args.insert(options.args.end(), extra.begin(), extra.end());
    auto started = Process::spawn(options);
    REQUIRE(started.has_value());
    process = std::move(*started);
    REQUIRE(wait_for_file(ready, 10s));
    port = read_file(ready);
    while (!port.empty() && port.back() == '\n') port.pop_back();
  }
};

}  // namespace

TEST_CASE("woovisma-sandbox serves on a free port and stops cleanly on SIGTERM", "[sandbox][binary]") {
  SandboxProcess sandbox;
  REQUIRE_FALSE(sandbox.port.empty());
  CHECK(std::stoi(sandbox.port) > 0);
  std::string base = "http://127.0.0.1:" + sandbox.port;
  CHECK(sandbox.process->stdout_text() == "listening on " + base + "\n");

  Fetched log = fetch(base + "/_sandbox/log");
  CHECK(log.status == 200);
  CHECK_THAT(log.body, Catch::Contains("\"total\":0"));
  CHECK(fetch(base + "/v2/nothing").status == 404);
  CHECK_THAT(fetch(base + "/_sandbox/log").body, Catch::Contains("\"GET /v2/nothing\":1"));

  sandbox.process->terminate();
  CHECK(sandbox.process->wait(10s) == 0);
  CHECK_FALSE(std::filesystem::exists(sandbox.ready));
  CHECK(fetch(base + "/_sandbox/log").code == CURLE_COULDNT_CONNECT);
}

TEST_CASE("woovisma-sandbox stops cleanly on SIGINT and applies --latency-ms", "[sandbox][binary]") {
  SandboxProcess sandbox({"--latency-ms", "120", "--seed", "empty"});
  std::string base = "http://127.0.0.1:" + sandbox.port;
  CHECK(fetch(base + "/v2/nothing").seconds >= 0.12);
  ::kill(sandbox.process->pid(), SIGINT);
  CHECK(sandbox.process->wait(10s) == 0);
}

TEST_CASE("woovisma-sandbox serves https with --tls-cert and --tls-key", "[sandbox][binary]") {
  TempDir certs;
  TlsCertificate cert = make_self_signed_certificate(certs.path());
  SandboxProcess sandbox({"--tls-cert", cert.certificate_pem.string(), "--tls-key", cert.private_key_pem.string()});
  std::string base = "https://127.0.0.1:" + sandbox.port;
  CHECK(sandbox.process->stdout_text() == "listening on " + base + "\n");
  CHECK(fetch(base + "/_sandbox/log", FetchOptions().trust(cert.certificate_pem.string())).status == 200);
}

TEST_CASE("woovisma-sandbox refuses bad options with one line and exit 2", "[sandbox][binary]") {
  TempDir dir;
  std::ofstream(dir.path() / "broken.json") << "{\"visma\":";
  std::vector<std::vector<std::string>> bad = {
      {"--bogus"},
      {"--port", "70000"},
      {"--port", "eighty"},
      {"--latency-ms", "-1"},
      {"--tls-cert", (dir.path() / "broken.json").string()},
      {"--seed", (dir.path() / "missing.json").string()},
      {"--seed", (dir.path() / "broken.json").string()},
  };
  for (const auto& args : bad) {
    ProcessOptions options;
    options.args = {WOOVISMA_SANDBOX_BIN};
    options.args.insert(options.args.end(), args.begin(), args.end());
    auto result = run_process(options, 10s);
    REQUIRE(result.has_value());
    INFO(args.front() << ": " << result->err);
    CHECK(result->exit_code == 2);
    CHECK(result->out.empty());
    CHECK(std::count(result->err.begin(), result->err.end(), '\n') == 1);
    CHECK(result->err.starts_with("woovisma-sandbox: "));
  }
}
