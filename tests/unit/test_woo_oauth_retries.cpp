// OAuth 1.0a and the HTTP layer's retries: the shop accepts a nonce once, so every attempt of a
// request (the retry of a lost answer included) leaves with a signature of its own, made when
// it leaves; a request that may have been carried out is still never sent twice.

#include <atomic>
#include <set>

#include <catch2/catch.hpp>

#include "connectors/woocommerce/oauth1.hpp"
#include "connectors/woocommerce/woo_client.hpp"
#include "core/http/curl_client.hpp"
#include "tests/unit/http_test_server.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;
using wv::sandbox::Fault;
using wv::sandbox::Response;

namespace {

// A clock that moves on a minute each time it is read: a retry signed later carries a later
// timestamp.
class SteppingClock final : public Clock {
 public:
  Timestamp now() const override {
    return Timestamp(std::chrono::seconds(1795530836)) + std::chrono::minutes(reads_++);
  }
  void sleep_for(std::chrono::milliseconds) const override {}

 private:
  mutable std::atomic<int> reads_{0};
};

std::string param(const wv::sandbox::Request& r, const std::string& name) {
  return r.param(name).value_or("");
}

// The signature the request carries verifies over exactly the parameters it carries.
bool signature_verifies(const wv::sandbox::Request& r, const std::string& base_url) {
  woo::QueryParams params(r.query.begin(), r.query.end());
  std::erase_if(params, [](const auto& p) { return p.first == "oauth_signature"; });
  return param(r, "oauth_signature") ==
         woo::oauth1_signature({"ck_TEST", "cs_TEST", woo::OAuthMethod::HmacSha256},
                               woo::oauth1_base_string(r.method, base_url + r.path, params));
}

}  // namespace

TEST_CASE("Two attempts of one request carry different nonces and each its own signature",
          "[woo][oauth1][retries]") {
  const Transcript classes = transcript("28-");
  CountingServer server([&](const wv::sandbox::Request&, int n) {
    Response r = Response::json(classes.response.status, classes.response.body);
    // The first answer is lost: the shop did the work (and used up the nonce), then the
    // connection closed.
    if (n == 1) r.fault = Fault::CloseBeforeResponse;
    return r;
  });
  CurlHttpClient http(test_options());
  SteppingClock clock;
  const std::string site = server.url("");
  WooClient client(fixture_shop(site), http, clock);
  REQUIRE(client.list_tax_classes().has_value());

  const auto seen = server.seen();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].raw_target != seen[1].raw_target);
  CHECK(param(seen[0], "oauth_nonce").size() == 32);
  CHECK(param(seen[1], "oauth_nonce").size() == 32);
  CHECK(param(seen[0], "oauth_nonce") != param(seen[1], "oauth_nonce"));
  // Signed as it left, not when the request was built.
  CHECK(std::stoll(param(seen[1], "oauth_timestamp")) > std::stoll(param(seen[0], "oauth_timestamp")));
  for (const auto& r : seen) {
    INFO(r.raw_target);
    CHECK(param(r, "oauth_consumer_key") == "ck_TEST");
    CHECK(signature_verifies(r, site));
    CHECK(r.raw_target.find("cs_TEST") == std::string::npos);
    // One signature, not one per attempt piled up.
    CHECK(r.raw_target.find("oauth_nonce") == r.raw_target.rfind("oauth_nonce"));
  }
}

TEST_CASE("A create over OAuth whose answer is lost is still sent only once", "[woo][oauth1][retries]") {
  CountingServer server([](const wv::sandbox::Request&, int) {
    Response r = Response::json(201, "{}");
    r.fault = Fault::CloseBeforeResponse;
    return r;
  });
  CurlHttpClient http(test_options());
  const std::string site = server.url("");
  WooClient client(fixture_shop(site), http);
  auto note = client.add_order_note(727, "Fakturerad i Visma", false);
  REQUIRE_FALSE(note.has_value());
  CHECK(note.error().kind == ErrorKind::Transient);
  CHECK(note.error().ambiguous);
  CHECK(server.requests() == 1);
}
