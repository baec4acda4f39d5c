// The command line as a user meets it: help, exit codes, config errors, the empty store, the lock.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/process.hpp"

namespace {

using namespace wv;

testing::ProcessResult woovisma(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), WOOVISMA_BIN);
  testing::ProcessOptions options;
  options.args = std::move(args);
  options.env = std::move(env);
  options.unset_env = {"WOOVISMA_CONFIG", "WOOVISMA_STORE", "WOOVISMA_LOG_LEVEL", "WOOVISMA_LOG_FORMAT",
                       "WOOVISMA_DRY_RUN"};
  auto r = testing::run_process(options, std::chrono::seconds(30));
  REQUIRE(r);
  return *r;
}

void write_file(const std::filesystem::path& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

}  // namespace

TEST_CASE("woovisma --help lists the commands and exits 0", "[e2e][cli]") {
  auto r = woovisma({"--help"});
  CHECK(r.exit_code == 0);
  for (const char* command : {"check", "auth", "status", "sync-orders"}) {
    INFO(command);
    CHECK(r.out.find(command) != std::string::npos);
  }
  CHECK(woovisma({"--version"}).out.find("woovisma ") != std::string::npos);
}

TEST_CASE("woovisma check --help explains the command and exits 0", "[e2e][cli]") {
  auto r = woovisma({"check", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Verify the config") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with one line", "[e2e][cli]") {
  auto none = woovisma({});
  CHECK(none.exit_code == 2);
  auto unknown = woovisma({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("frobnicate") != std::string::npos);
  CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
  CHECK(woovisma({"status", "--runs", "many"}).exit_code == 2);
  auto extra = woovisma({"status", "--bogus"});
  CHECK(extra.exit_code == 2);
  CHECK(extra.err.find("--bogus") != std::string::npos);
}

TEST_CASE("status on an empty store says nothing has run and exits 0", "[e2e][cli]") {
  testing::TempDir dir;
  auto r = woovisma({"--store", (dir.path() / "store").string(), "status"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("nothing has run") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "store"));
  auto json = woovisma({"--store", (dir.path() / "store").string(), "status", "--json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"checkpoints\":[]") != std::string::npos);
}

TEST_CASE("a config with an unknown key is refused naming the key and its line", "[e2e][cli][config]") {
  testing::TempDir dir;
  const auto config = dir.path() / "woovisma.toml";
  write_file(config, "flow = \"ecom\"\n\n[orders]\ntargt = \"invoice\"\n");
  auto r = woovisma({"--config", config.string(), "status"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("orders.targt") != std::string::npos);
  CHECK(r.err.find(":4") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("a config holding secrets readable by others is refused", "[e2e][cli][config]") {
  testing::TempDir dir;
  const auto config = dir.path() / "woovisma.toml";
  write_file(config, "[visma]\nclient_id = \"x\"\nclient_secret = \"very-secret-value\"\n", 0644);
  auto r = woovisma({"--config", config.string(), "status"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("chmod 600") != std::string::npos);
  CHECK(r.err.find("very-secret-value") == std::string::npos);
}

TEST_CASE("another run holding the lock gives exit 6 and writes nothing", "[e2e][cli][lock]") {
  testing::TempDir dir;
  const auto store_dir = dir.path() / "store";
  std::filesystem::create_directories(store_dir);
  ::chmod(store_dir.c_str(), 0700);
  const auto config = dir.path() / "woovisma.toml";
  write_file(config,
             "store = \"" + store_dir.string() + "\"\n[orders]\nstart_date = 2026-01-01\n"
             "[visma]\nclient_id = \"id\"\nclient_secret = \"secret\"\n"
             "[[shop]]\nurl = \"http://127.0.0.1:9\"\nconsumer_key = \"ck_x\"\nconsumer_secret = \"cs_x\"\n");
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t holder = ::fork();
  if (holder == 0) {
    auto lock = StoreLock::acquire(store_dir);
    const char ok = lock ? '1' : '0';
    (void)!::write(ready[1], &ok, 1);
    ::pause();
    ::_exit(0);
  }
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  REQUIRE(ok == '1');
  auto r = woovisma({"--config", config.string(), "sync-orders"});
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  CHECK(r.exit_code == 6);
  CHECK(r.err.find(store_dir.string()) != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(store_dir / "data.mdb"));
}
