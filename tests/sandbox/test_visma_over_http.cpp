// The Visma emulator behind the sandbox's real HTTP server, driven with libcurl: the
// authorization-code flow, a filtered list and a write, as the product will do them.

#include "tests/sandbox/test_visma_support.hpp"

#include "core/crypto.hpp"
#include "core/http/http.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/sandbox/curl_fetch.hpp"

using namespace wv;
using namespace wv::testing;

TEST_CASE("the Visma emulator over HTTP: authorize, token, list, create", "[visma][http]") {
  auto emulator = std::make_shared<sandbox::visma::VismaEmulator>();
  emulator->seed_demo();
  sandbox::Sandbox box({}, {emulator});
  REQUIRE(box.start().has_value());
  const std::string base = box.base_url();
  const auto client = emulator->clients().at(0);
  const std::string redirect = "http://127.0.0.1:1/callback";

  auto authorized = fetch(base + "/connect/authorize?client_id=" + url_encode(client.client_id) +
                          "&redirect_uri=" + url_encode(redirect) + "&scope=" + url_encode("ea:api offline_access ea:sales") +
                          "&state=abc&response_type=code");
  REQUIRE(authorized.status == 302);
  const std::string location = authorized.headers["location"];
  REQUIRE(location.starts_with(redirect + "?"));
  std::string code;
  for (const auto& [k, v] : sandbox::visma::parse_form(location.substr(location.find('?') + 1))) {
    if (k == "code") code = v;
  }
  REQUIRE(!code.empty());

  auto token = fetch(base + "/connect/token",
                     FetchOptions()
                         .post("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode(redirect))
                         .header("Authorization: Basic " + base64_encode(client.client_id + ":" + client.client_secret))
                         .header("Content-Type: application/x-www-form-urlencoded"));
  REQUIRE(token.status == 200);
  auto tokens = *sandbox::parse_json(token.body);
  const std::string bearer = "Authorization: Bearer " + tokens.str("access_token");

  auto list = fetch(base + "/v2/articles?$pagesize=2&$filter=" + url_encode("startswith(Number,'TSHIRT') and GrossPrice ge 199"),
                    FetchOptions().header(bearer));
  REQUIRE(list.status == 200);
  auto page = *sandbox::parse_json(list.body);
  CHECK(page["Meta"].integer_or("TotalNumberOfResults", 0) == 3);
  CHECK(page["Meta"].integer_or("TotalNumberOfPages", 0) == 2);
  CHECK(page["Data"].items()[0]["GrossPrice"].text() == "199.0");

  auto terms = *sandbox::parse_json(fetch(base + "/v2/termsofpayments", FetchOptions().header(bearer)).body);
  auto created = fetch(base + "/v2/customers",
                       FetchOptions()
                           .post(R"({"Name":"Över HTTP AB","InvoiceCity":"Malmö","InvoicePostalCode":"211 20","TermsOfPaymentId":")" +
                                 terms["Data"].items()[0].str("Id") + R"(","IsPrivatePerson":false,"IsActive":true})")
                           .header(bearer)
                           .header("Content-Type: application/json"));
  CHECK(created.status == 201);
  CHECK(sandbox::parse_json(created.body)->str("Name") == "Över HTTP AB");

  auto unauthorized = fetch(base + "/v2/articles");
  CHECK(unauthorized.status == 401);
  auto state = fetch(base + "/_sandbox/visma/state");
  CHECK(state.status == 200);
  box.stop();
}
