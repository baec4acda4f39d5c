// TLS is always verified: a self-signed server fails with a Config error that names the key to
// set, and succeeds once its CA is configured.

#include <catch2/catch.hpp>

#include "core/http/curl_client.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/tls_cert.hpp"
#include "tests/unit/http_test_server.hpp"

using wv::CurlHttpClient;
using wv::HttpRequest;
using wv::sandbox::Response;
using wv::testing::CountingServer;
using wv::testing::test_options;

TEST_CASE("TLS with an untrusted certificate fails with a clear Config error", "[http][tls][curl]") {
  wv::testing::TempDir dir;
  const auto cert = wv::testing::make_self_signed_certificate(dir.path());
  CountingServer server([](const wv::sandbox::Request& r, int) {
    return Response::json(200, r.tls ? "secure" : "plain");
  }, wv::sandbox::TlsFiles{cert.certificate_pem.string(), cert.private_key_pem.string()});

  SECTION("without the CA the certificate is refused, once, with a one-line message") {
    CurlHttpClient client(test_options());
    auto r = client.send(HttpRequest::get(server.url("/x", "https")));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == wv::ErrorKind::Config);
    const std::string& m = r.error().message;
    CHECK(m.find("certificate for 127.0.0.1:" + std::to_string(server.port()) +
                 " could not be verified") != std::string::npos);
    CHECK(m.find("http.ca_bundle") != std::string::npos);
    CHECK(m.find('\n') == std::string::npos);
    CHECK(server.requests() == 0);
  }
  SECTION("with its CA configured the same server is trusted") {
    auto options = test_options();
    options.ca_bundle = cert.certificate_pem.string();
    CurlHttpClient client(options);
    for (int i = 0; i < 3; ++i) {
      auto r = client.send(HttpRequest::get(server.url("/x", "https")));
      REQUIRE(r);
      CHECK(r->body == "secure");
    }
    CHECK(server.connections() == 1);
  }
  SECTION("an unreadable CA bundle is a Config error naming the key") {
    auto options = test_options();
    options.ca_bundle = (dir.path() / "missing.pem").string();
    CurlHttpClient client(options);
    auto r = client.send(HttpRequest::get(server.url("/x", "https")));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == wv::ErrorKind::Config);
    CHECK(r.error().message.find("http.ca_bundle") != std::string::npos);
  }
}
