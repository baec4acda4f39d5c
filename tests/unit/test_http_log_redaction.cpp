// Nothing secret reaches the log, even at trace level: not the Authorization header, not
// credentials in the query string, not what an error message quotes.

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "core/http/curl_client.hpp"
#include "core/log.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/unit/http_test_server.hpp"

using wv::CurlHttpClient;
using wv::HttpRequest;
using wv::sandbox::Response;
using wv::testing::CountingServer;
using wv::testing::FakeClock;
using wv::testing::test_options;

namespace {

// Sends every log line to a temporary file for the lifetime of the object.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()), level_(wv::logger().level()) {
    REQUIRE(file_ != nullptr);
    wv::logger().set_output(file_);
    wv::logger().set_level(wv::LogLevel::Trace);
  }
  ~CapturedLog() {
    wv::logger().set_output(stderr);
    wv::logger().set_level(level_);
    std::fclose(file_);
  }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::string text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, file_)) out.append(buffer, n);
    return out;
  }

 private:
  std::FILE* file_;
  wv::LogLevel level_;
};

}  // namespace

TEST_CASE("no secret appears in any log line or error message", "[http][redact][curl]") {
  const std::vector<std::string> secrets = {
      "Y2tfa2V5OmNzX3NlY3JldA==",  // Basic credentials
      "eyJhbGciOiJIUzI1NiJ9.accessTokenValue",
      "cs_querysecret0123",
      "ck_querykey4567",
      "SiGnAtUrE%2Bvalue%3D",
      "user-password-9",
  };
  FakeClock clock;
  std::atomic<int> flaky{0};
  CountingServer server([&](const wv::sandbox::Request& r, int) {
    if (r.path == "/flaky" && ++flaky % 2 == 1) return Response::json(503, R"({"message":"try later"})");
    if (r.path == "/limited") return Response::json(429, R"({"DeveloperErrorMessage":"Try again in 1 seconds."})");
    return Response::json(200, "{}");
  });
  const std::uint16_t closed = wv::testing::closed_port();
  std::vector<std::string> errors;
  std::string log;
  {
    CapturedLog capture;
    auto options = test_options();
    options.retry.max_retries = 1;
    CurlHttpClient client(options, clock);
    const std::vector<wv::HttpHeader> basic = {{"Authorization", "Basic " + secrets[0]}};
    const std::vector<wv::HttpHeader> bearer = {{"Authorization", "Bearer " + secrets[1]}};
    const std::string query = "?consumer_key=" + secrets[3] + "&consumer_secret=" + secrets[2] +
                              "&oauth_signature=" + secrets[4] + "&page=2";
    const std::vector<HttpRequest> requests = {
        {"GET", server.url("/ok" + query), basic, "", true},
        {"GET", server.url("/flaky" + query), bearer, "", true},
        {"POST", server.url("/limited" + query), bearer, "", false},
        {"GET", "http://woo:" + secrets[5] + "@127.0.0.1:" + std::to_string(closed) + "/x" + query,
         basic, "", true},
        {"GET", "http://" + wv::testing::unresolvable_host() + "/x" + query, bearer, "", true},
    };
    for (const auto& request : requests) {
      auto r = client.send(request);
      if (!r) errors.push_back(r.error().message);
    }
    for (auto& r : client.send_all(requests)) {
      if (!r) errors.push_back(r.error().message);
    }
    log = capture.text();
  }
  INFO(log);
  if (std::getenv("WOOVISMA_SHOW_LOG")) std::fputs(log.c_str(), stdout);
  CHECK(log.find("http GET http://127.0.0.1") != std::string::npos);  // lines were written
  CHECK(log.find("consumer_secret=***") != std::string::npos);
  CHECK(log.find("-> 200") != std::string::npos);
  CHECK(log.find("retrying") != std::string::npos);
  CHECK(errors.size() == 6);
  for (const auto& secret : secrets) {
    INFO(secret);
    CHECK(log.find(secret) == std::string::npos);
    for (const auto& e : errors) CHECK(e.find(secret) == std::string::npos);
  }
  // The server did receive them: the test would catch a leak.
  const auto seen = server.seen();
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.front().header("authorization") == "Basic " + secrets[0]);
  CHECK(seen.front().raw_query.find(secrets[2]) != std::string::npos);
}
