// The emulated identity server: authorization code flow, token grants, rotation, expiry,
// revocation, and the scope checks the API makes.

#include "tests/sandbox/test_visma_support.hpp"

#include "core/crypto.hpp"
#include "core/http/http.hpp"

using namespace wv;
using namespace wv::testing;
using sandbox::visma::make_request;

namespace {

struct Identity : VismaFixture {
  std::string client_id;
  std::string secret;
  Identity() {
    auto clients = emu.clients();
    client_id = clients.at(0).client_id;
    secret = clients.at(0).client_secret;
  }
  std::string basic() const { return "Basic " + base64_encode(client_id + ":" + secret); }

  Response post_token(const std::string& form, const std::string& authorization) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
    auto r = emu.handle(make_request("POST", "/connect/token", form, headers));
    REQUIRE(r);
    return *r;
  }
  Response post_token(const std::string& form) { return post_token(form, basic()); }

  Response authorize(const std::string& redirect, const std::string& scope, const std::string& state = "xyz") {
    auto r = emu.handle(make_request(
        "GET", "/connect/authorize?client_id=" + url_encode(client_id) + "&redirect_uri=" + url_encode(redirect) +
                   "&scope=" + url_encode(scope) + "&state=" + state + "&response_type=code&prompt=select_account"));
    REQUIRE(r);
    return *r;
  }

  // The query parameter `name` of a redirect Location.
  static std::string location_param(const Response& r, const std::string& name) {
    const std::string location = header_of(r, "Location");
    const auto q = location.find('?');
    for (const auto& [k, v] : sandbox::visma::parse_form(location.substr(q + 1))) {
      if (k == name) return v;
    }
    return {};
  }

  std::string code_for(const std::string& redirect, const std::string& scope) {
    auto r = authorize(redirect, scope);
    REQUIRE(r.status == 302);
    return location_param(r, "code");
  }
};

}  // namespace

TEST_CASE("authorize redirects with a code and the state, and the code buys a token pair", "[visma][identity]") {
  Identity t;
  const std::string redirect = "http://127.0.0.1:8765/callback";
  auto r = t.authorize(redirect, "ea:api offline_access ea:sales", "s-42");
  REQUIRE(r.status == 302);
  CHECK(header_of(r, "Location").starts_with(redirect + "?"));
  CHECK(Identity::location_param(r, "state") == "s-42");
  const std::string code = Identity::location_param(r, "code");
  REQUIRE(!code.empty());

  auto tok = t.post_token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode(redirect));
  REQUIRE(tok.status == 200);
  auto body = body_of(tok);
  CHECK(body.str("token_type") == "bearer");
  CHECK(body.integer_or("expires_in", 0) == 3600);
  CHECK(!body.str("access_token").empty());
  CHECK(!body.str("refresh_token").empty());
  CHECK(body.str("scope") == "ea:api ea:sales offline_access");
  CHECK(t.call("GET", "/v2/articles", "", body.str("access_token")).status == 200);

  SECTION("the code works once") {
    auto again = t.post_token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode(redirect));
    CHECK(again.status == 400);
    CHECK(body_of(again).str("error") == "invalid_grant");
  }
}

TEST_CASE("authorization codes expire after five minutes and must name the same redirect_uri", "[visma][identity]") {
  Identity t;
  const std::string redirect = "http://localhost:9000/cb";
  const std::string scope = "ea:api offline_access ea:sales";

  const std::string late = t.code_for(redirect, scope);
  t.clock.advance(std::chrono::minutes(5) + std::chrono::seconds(1));
  CHECK(body_of(t.post_token("grant_type=authorization_code&code=" + late + "&redirect_uri=" + url_encode(redirect)))
            .str("error") == "invalid_grant");

  const std::string code = t.code_for(redirect, scope);
  auto wrong = t.post_token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode("http://localhost:9000/other"));
  CHECK(wrong.status == 400);
  CHECK(body_of(wrong).str("error") == "invalid_grant");
  t.clock.advance(std::chrono::minutes(4));
  CHECK(t.post_token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode(redirect)).status == 200);
}

TEST_CASE("authorize refuses unknown clients, unregistered redirects and unknown scopes", "[visma][identity]") {
  Identity t;
  auto unknown = t.emu.handle(make_request("GET", "/connect/authorize?client_id=nobody&redirect_uri=http%3A%2F%2Fx&scope=ea%3Aapi&response_type=code"));
  REQUIRE(unknown);
  CHECK(unknown->status == 400);

  auto bad_scope = t.authorize("http://127.0.0.1/cb", "ea:api ea:everything");
  CHECK(bad_scope.status == 302);
  CHECK(Identity::location_param(bad_scope, "error") == "invalid_scope");

  REQUIRE(t.emu.seed_json(R"({"visma": {"clients": [{"client_id": "c1", "client_secret": "s1",
      "redirect_uris": ["http://127.0.0.1:7000/cb"], "scopes": "ea:api offline_access ea:sales"}]}})"));
  t.client_id = "c1";
  t.secret = "s1";
  CHECK(t.authorize("http://127.0.0.1:7001/cb", "ea:api").status == 400);
  CHECK(t.authorize("http://127.0.0.1:7000/cb", "ea:api").status == 302);
}

TEST_CASE("the token endpoint authenticates the client", "[visma][identity]") {
  Identity t;
  const auto pair = t.emu.issue_tokens_for_tests();
  const std::string form = "grant_type=refresh_token&refresh_token=" + pair.refresh_token;

  auto wrong_secret = t.post_token(form, "Basic " + base64_encode(t.client_id + ":nope"));
  CHECK(wrong_secret.status == 401);
  CHECK(body_of(wrong_secret).str("error") == "invalid_client");
  CHECK(t.post_token(form, "").status == 401);
  CHECK(t.post_token(form, "Basic !!!").status == 401);
  CHECK(body_of(t.post_token("grant_type=password&username=a&password=b")).str("error") == "unsupported_grant_type");
  CHECK(body_of(t.post_token("grant_type=refresh_token&refresh_token=unknown")).str("error") == "invalid_grant");
  // The secret in the form (client_secret_post) works too.
  CHECK(t.post_token(form + "&client_id=" + t.client_id + "&client_secret=" + t.secret, "").status == 200);
}

TEST_CASE("refresh tokens rotate: the old one stops working once used", "[visma][identity]") {
  Identity t;
  const auto pair = t.emu.issue_tokens_for_tests();
  auto first = t.post_token("grant_type=refresh_token&refresh_token=" + pair.refresh_token);
  REQUIRE(first.status == 200);
  const std::string next = body_of(first).str("refresh_token");
  CHECK(next != pair.refresh_token);

  auto reuse = t.post_token("grant_type=refresh_token&refresh_token=" + pair.refresh_token);
  CHECK(reuse.status == 400);
  CHECK(body_of(reuse).str("error") == "invalid_grant");
  CHECK(t.post_token("grant_type=refresh_token&refresh_token=" + next).status == 200);
}

TEST_CASE("with rotation off the same refresh token comes back and keeps working", "[visma][identity]") {
  Identity t;
  t.control_ok("POST", "/_sandbox/visma/auth/settings", R"({"rotate_refresh_tokens": false})");
  const auto pair = t.emu.issue_tokens_for_tests();
  for (int i = 0; i < 3; ++i) {
    auto r = t.post_token("grant_type=refresh_token&refresh_token=" + pair.refresh_token);
    REQUIRE(r.status == 200);
    CHECK(body_of(r).str("refresh_token") == pair.refresh_token);
  }
}

TEST_CASE("access tokens expire after their lifetime and the API answers 401", "[visma][identity]") {
  Identity t;
  auto ok = t.call("GET", "/v2/units");
  CHECK(ok.status == 200);
  t.clock.advance(std::chrono::seconds(3599));
  CHECK(t.call("GET", "/v2/units").status == 200);
  t.clock.advance(std::chrono::seconds(1));
  auto expired = t.call("GET", "/v2/units");
  CHECK(expired.status == 401);
  CHECK(error_code(expired) == 4005);
  CHECK(header_of(expired, "WWW-Authenticate").find("invalid_token") != std::string::npos);

  t.control_ok("POST", "/_sandbox/visma/auth/settings", R"({"access_token_lifetime_seconds": 60})");
  const auto short_lived = t.emu.issue_tokens_for_tests();
  CHECK(short_lived.expires_in == std::chrono::seconds(60));
  t.clock.advance(std::chrono::seconds(61));
  CHECK(t.call("GET", "/v2/units", "", short_lived.access_token).status == 401);

  auto missing = t.emu.handle(make_request("GET", "/v2/units"));
  REQUIRE(missing);
  CHECK(missing->status == 401);
}

TEST_CASE("revocation ends a refresh token; revoke-all ends every token", "[visma][identity]") {
  Identity t;
  const auto pair = t.emu.issue_tokens_for_tests();
  auto revoke = t.emu.handle(make_request("POST", "/connect/revocation",
                                          "token=" + pair.refresh_token + "&token_type_hint=refresh_token",
                                          {{"Authorization", t.basic()}}));
  REQUIRE(revoke);
  CHECK(revoke->status == 200);
  CHECK(t.post_token("grant_type=refresh_token&refresh_token=" + pair.refresh_token).status == 400);
  // Like a JWT, the access token issued before stays valid until it expires.
  CHECK(t.call("GET", "/v2/units", "", pair.access_token).status == 200);

  t.control_ok("POST", "/_sandbox/visma/auth/revoke-all", "{}");
  CHECK(t.call("GET", "/v2/units").status == 401);
  CHECK(t.call("GET", "/v2/units", "", pair.access_token).status == 401);
}

TEST_CASE("a grant without offline_access gets no refresh token", "[visma][identity]") {
  Identity t;
  const std::string redirect = "http://127.0.0.1:1/cb";
  const std::string code = t.code_for(redirect, "ea:api ea:sales");
  auto r = t.post_token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + url_encode(redirect));
  REQUIRE(r.status == 200);
  CHECK(body_of(r).find("refresh_token") == nullptr);
}

TEST_CASE("scopes: ea:api is required, read-only scopes refuse writes, bank accounts need ea:purchase", "[visma][identity][scopes]") {
  VismaFixture t;
  auto no_api = t.emu.issue_tokens_for_tests("ea:sales offline_access");
  auto r = t.call("GET", "/v2/articles", "", no_api.access_token);
  CHECK(r.status == 403);
  CHECK(error_code(r) == 4006);

  auto readonly = t.emu.issue_tokens_for_tests("ea:api ea:sales_readonly");
  CHECK(t.call("GET", "/v2/articles", "", readonly.access_token).status == 200);
  auto write = t.call("POST", "/v2/customers",
                      R"({"Name":"X","InvoiceCity":"Y","InvoicePostalCode":"1","TermsOfPaymentId":"00000000-0000-0000-0000-000000000000","IsPrivatePerson":true,"IsActive":true})",
                      readonly.access_token);
  CHECK(write.status == 403);
  CHECK(error_code(write) == 4006);

  auto sales_only = t.emu.issue_tokens_for_tests("ea:api ea:sales");
  auto banks = t.call("GET", "/v2/bankaccounts", "", sales_only.access_token);
  CHECK(banks.status == 403);
  CHECK(error_code(banks) == 4006);
  auto with_purchase = t.emu.issue_tokens_for_tests("ea:api ea:sales ea:purchase_readonly");
  CHECK(t.call("GET", "/v2/bankaccounts", "", with_purchase.access_token).status == 200);
}

TEST_CASE("unknown API paths and methods answer like ASP.NET", "[visma][identity]") {
  VismaFixture t;
  auto missing = t.call("GET", "/v2/nothinghere");
  CHECK(missing.status == 404);
  CHECK(body_of(missing).str("Message").find("No HTTP resource") != std::string::npos);
  auto method = t.call("DELETE", "/v2/articles");
  CHECK(method.status == 405);
  CHECK_FALSE(t.emu.handle(make_request("GET", "/wp-json/wc/v3/orders")));
}
