// The woovisma-sandbox binary as a person (or an end-to-end test) runs it, and the process
// helper those tests rely on.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "tests/support/fixtures.hpp"
#include "tests/support/process.hpp"

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
