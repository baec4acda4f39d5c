// `woovisma auth visma` end to end against the sandbox's identity emulator: the user opens the
// printed address, the emulator redirects with a code, and the redirect comes back pasted or
// through the loopback listener; the tokens land in the store and `check` then passes.

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "tests/e2e/test_sandbox_support.hpp"

namespace {

using namespace wv;
using testing::SandboxProcess;

testing::ProcessResult check_with(const SandboxProcess& sandbox, const std::filesystem::path& store) {
  return testing::run_woovisma({"--config", sandbox.config().string(), "--store", store.string(), "check"});
}

}  // namespace

TEST_CASE("auth visma: the pasted redirect is exchanged and the tokens stored, and check then passes",
          "[e2e][auth][sandbox]") {
  SandboxProcess sandbox;
  const auto store = sandbox.dir() / "fresh.store";

  auto before = check_with(sandbox, store);
  INFO(before.out << before.err);
  CHECK(before.exit_code == 5);
  CHECK(testing::line_starting_with(before.out, "FAIL  visma").find("woovisma auth visma") != std::string::npos);
  REQUIRE_FALSE(testing::stored_tokens(store).has_value());

  auto auth = testing::auth_by_paste(sandbox.config(), store);
  INFO(auth.result.out << auth.result.err);
  CHECK(auth.result.exit_code == 0);
  CHECK(auth.authorize_url.starts_with(sandbox.base_url() + "/connect/authorize?"));
  CHECK(testing::query_param(auth.authorize_url, "response_type") == "code");
  CHECK(testing::query_param(auth.authorize_url, "client_id") == "woovisma-sandbox");
  CHECK(testing::query_param(auth.authorize_url, "scope").find("offline_access") != std::string::npos);
  const std::string state = testing::query_param(auth.authorize_url, "state");
  CHECK(state.size() >= 16);
  CHECK(testing::query_param(auth.redirect, "state") == state);
  CHECK(auth.result.out.find("Authorized") != std::string::npos);

  auto tokens = testing::stored_tokens(store);
  REQUIRE(tokens.has_value());
  CHECK_FALSE(tokens->access_token.empty());
  CHECK_FALSE(tokens->refresh_token.empty());
  CHECK(tokens->scope.find("ea:sales") != std::string::npos);

  auto after = check_with(sandbox, store);
  INFO(after.out << after.err);
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("All checks passed.") != std::string::npos);

  SECTION("the code is single-use") {
    const auto other = sandbox.dir() / "other.store";
    auto reused = testing::auth_by_paste(sandbox.config(), other, {},
                                         [&](const std::string&) { return auth.redirect; });
    INFO(reused.result.out << reused.result.err);
    // The pasted address carries the first attempt's state: refused before the code is used.
    CHECK(reused.result.exit_code == 5);
    auto code_only = testing::auth_by_paste(sandbox.config(), other, {}, [&](const std::string&) {
      return testing::query_param(auth.redirect, "code");
    });
    INFO(code_only.result.out << code_only.result.err);
    CHECK(code_only.result.exit_code == 5);
    CHECK(code_only.result.err.find("auth visma") != std::string::npos);
    CHECK_FALSE(testing::stored_tokens(other).has_value());
  }
}

TEST_CASE("auth visma refuses a pasted redirect whose state differs", "[e2e][auth][sandbox]") {
  SandboxProcess sandbox;
  const auto store = sandbox.dir() / "fresh.store";
  auto auth = testing::auth_by_paste(sandbox.config(), store, {}, [](const std::string& redirect) {
    return testing::with_query_param(redirect, "state", "0123456789abcdef0123456789abcdef");
  });
  INFO(auth.result.out << auth.result.err);
  CHECK(auth.result.exit_code == 5);
  CHECK(auth.result.err.find("state differs") != std::string::npos);
  CHECK(std::count(auth.result.err.begin(), auth.result.err.end(), '\n') == 1);
  CHECK_FALSE(testing::stored_tokens(store).has_value());
  // The code was never exchanged: the identity emulator saw no token request.
  auto log = sandbox.request("GET", "/_sandbox/log");
  CHECK(log.body.find("/connect/token") == std::string::npos);
}

TEST_CASE("auth visma --listen takes the redirect on the loopback address", "[e2e][auth][sandbox]") {
  SandboxProcess sandbox;
  const std::uint16_t port = testing::free_port();
  const std::string redirect_uri = "http://127.0.0.1:" + std::to_string(port) + "/callback";
  testing::edit_file(sandbox.config(), "redirect_uri = \"" + sandbox.base_url() + "/callback\"",
                     "redirect_uri = \"" + redirect_uri + "\"");
  const auto store = sandbox.dir() / "fresh.store";
  testing::Process woovisma = testing::spawn_woovisma({"--config", sandbox.config().string(), "--store",
                                                       store.string(), "auth", "visma", "--listen",
                                                       "--listen-timeout", "30"});
  const std::string shown = testing::wait_for_output(woovisma, "Waiting for the browser");
  const std::string authorize_url = testing::line_starting_with(shown, "http");
  CHECK(testing::query_param(authorize_url, "redirect_uri") == redirect_uri);
  const std::string location = testing::authorize_redirect(authorize_url);
  REQUIRE(location.starts_with(redirect_uri + "?"));

  // The browser follows the redirect to the listener.
  auto http = testing::fast_http_options();
  http.retry.max_retries = 0;
  CurlHttpClient browser(http);
  auto page = browser.send(HttpRequest::get(location));
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("woovisma received the authorization") != std::string::npos);

  const auto code = woovisma.wait(std::chrono::seconds(30));
  INFO(woovisma.stdout_text() << woovisma.stderr_text());
  REQUIRE(code.has_value());
  CHECK(*code == 0);
  auto tokens = testing::stored_tokens(store);
  REQUIRE(tokens.has_value());
  CHECK_FALSE(tokens->refresh_token.empty());
  auto after = check_with(sandbox, store);
  INFO(after.out << after.err);
  CHECK(after.exit_code == 0);
}

TEST_CASE("auth visma --listen reports a busy port before sending the user to Visma", "[e2e][auth][sandbox]") {
  SandboxProcess sandbox;
  // Something else listens on the redirect port.
  const int busy = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(busy >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(busy, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(busy, 1) == 0);
  socklen_t length = sizeof addr;
  REQUIRE(::getsockname(busy, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
  const std::string port = std::to_string(ntohs(addr.sin_port));
  testing::edit_file(sandbox.config(), "redirect_uri = \"" + sandbox.base_url() + "/callback\"",
                     "redirect_uri = \"http://127.0.0.1:" + port + "/callback\"");
  auto r = testing::run_woovisma({"--config", sandbox.config().string(), "--store",
                                  (sandbox.dir() / "fresh.store").string(), "auth", "visma", "--listen"});
  ::close(busy);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.out.find("/connect/authorize") == std::string::npos);
  CHECK(r.err.find("127.0.0.1:" + port) != std::string::npos);
}
