#include <catch2/catch.hpp>

#include "connectors/visma/oauth2.hpp"
#include "core/crypto.hpp"
#include "core/redact.hpp"
#include "tests/unit/test_visma_support.hpp"

using namespace wv;
using wv::testing::VismaHarness;

namespace {

const char* kUnitList = R"({"Meta":{"CurrentPage":1,"PageSize":2,"TotalNumberOfPages":1,"TotalNumberOfResults":1,"ServerTimeUtc":"2026-03-02T09:00:00Z"},"Data":[{"Id":"u1","Name":"Styck","Code":"st","Abbreviation":"st"}]})";

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& h : r.headers) {
    if (h.name == name) return h.value;
  }
  return {};
}

std::map<std::string, std::string> form(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i <= body.size()) {
    auto amp = body.find('&', i);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(i, amp - i);
    const auto eq = pair.find('=');
    if (eq != std::string::npos) out[url_decode(pair.substr(0, eq), true)] = url_decode(pair.substr(eq + 1), true);
    i = amp + 1;
  }
  return out;
}

std::string token_answer(const std::string& access, const std::string& refresh, int expires_in = 3600) {
  std::string body = fmt::format(R"({{"access_token":"{}","expires_in":{},"token_type":"Bearer")", access, expires_in);
  if (!refresh.empty()) body += fmt::format(R"(,"refresh_token":"{}")", refresh);
  return body + R"(,"scope":"ea:api offline_access ea:sales"})";
}

bool is_token_request(const HttpRequest& r) { return r.url == "https://identity.test/connect/token"; }

}  // namespace

TEST_CASE("The authorize URL carries what Visma needs", "[visma][oauth]") {
  VismaHarness h;
  const std::string url = h.client->authorize_url("st8-xyz");
  REQUIRE(url.rfind("https://identity.test/connect/authorize?", 0) == 0);
  const auto params = form(url.substr(url.find('?') + 1));
  CHECK(params.at("client_id") == "woovisma-client");
  CHECK(params.at("redirect_uri") == "http://localhost:44300/callback");
  CHECK(params.at("scope") == "ea:api offline_access ea:sales");
  CHECK(params.at("state") == "st8-xyz");
  CHECK(params.at("response_type") == "code");
  CHECK(params.at("prompt") == "select_account");
  CHECK(url.find("scope=ea%3Aapi%20offline_access%20ea%3Asales") != std::string::npos);
  CHECK(url.find("client-secret") == std::string::npos);
}

TEST_CASE("An authorization code is exchanged with Basic auth and the tokens saved", "[visma][oauth]") {
  VismaHarness h;
  h.vault.saved.reset();
  HttpRequest seen;
  h.route([&](const HttpRequest& r) {
    seen = r;
    return VismaHarness::json(200, token_answer("new-access-aaaa", "new-refresh-bbbb"));
  });
  REQUIRE(h.client->complete_authorization("the-auth-code-123"));
  CHECK(seen.method == "POST");
  CHECK(seen.url == "https://identity.test/connect/token");
  CHECK_FALSE(seen.idempotent);
  CHECK(header(seen, "Authorization") == "Basic " + base64_encode("woovisma-client:client-secret-value-42"));
  CHECK(header(seen, "Content-Type") == "application/x-www-form-urlencoded");
  const auto f = form(seen.body);
  CHECK(f.at("grant_type") == "authorization_code");
  CHECK(f.at("code") == "the-auth-code-123");
  CHECK(f.at("redirect_uri") == "http://localhost:44300/callback");
  REQUIRE(h.vault.saved);
  CHECK(h.vault.saved->access_token == "new-access-aaaa");
  CHECK(h.vault.saved->refresh_token == "new-refresh-bbbb");
  CHECK(h.vault.saved->expires_at == h.clock.now() + std::chrono::seconds(3600));
  CHECK(h.vault.saved->scope == "ea:api offline_access ea:sales");
}

TEST_CASE("A refused authorization code is an Auth error with advice", "[visma][oauth]") {
  VismaHarness h;
  h.route([](const HttpRequest&) {
    return VismaHarness::json(400, R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
  });
  auto done = h.client->complete_authorization("stale-code-999");
  REQUIRE_FALSE(done);
  CHECK(done.error().kind == ErrorKind::Auth);
  CHECK(done.error().message.find("woovisma auth visma") != std::string::npos);
  CHECK(done.error().message.find("stale-code-999") == std::string::npos);

  h.route([](const HttpRequest&) { return VismaHarness::json(400, R"({"error":"invalid_client"})"); });
  auto client = h.client->complete_authorization("code-2");
  REQUIRE_FALSE(client);
  CHECK(client.error().kind == ErrorKind::Config);
  CHECK(client.error().message.find("client_secret") != std::string::npos);
}

TEST_CASE("A token close to expiry is refreshed, saved, then used", "[visma][oauth]") {
  VismaHarness h;
  h.clock.advance(std::chrono::minutes(58));  // 2 minutes left, inside the 3-minute margin
  HttpRequest refresh_request;
  h.route([&](const HttpRequest& r) {
    if (is_token_request(r)) {
      refresh_request = r;
      return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    }
    return VismaHarness::json(200, kUnitList);
  });
  auto units = h.client->list_units();
  REQUIRE(units);
  CHECK(units->size() == 1);
  const auto f = form(refresh_request.body);
  CHECK(f.at("grant_type") == "refresh_token");
  CHECK(f.at("refresh_token") == "refresh-token-one");
  CHECK(header(refresh_request, "Authorization") == "Basic " + base64_encode("woovisma-client:client-secret-value-42"));

  // Rotation: the new pair is saved before any request carries the new access token.
  const int saved = h.log.find("vault save access-token-two refresh-token-two");
  const int used = h.log.find("http GET https://api.test/v2/units");
  REQUIRE(saved >= 0);
  REQUIRE(used >= 0);
  CHECK(saved < used);
  CHECK(h.log.all()[static_cast<std::size_t>(used)].find("token=access-token-two") != std::string::npos);
  CHECK(h.vault.saved->refresh_token == "refresh-token-two");
}

TEST_CASE("A token far from expiry is used without refreshing", "[visma][oauth]") {
  VismaHarness h;
  h.clock.advance(std::chrono::minutes(30));
  h.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(500, "");
    return VismaHarness::json(200, kUnitList);
  });
  REQUIRE(h.client->list_units());
  REQUIRE(h.client->list_units());
  CHECK(h.log.find("http POST") == -1);
  CHECK(h.log.find("vault save") == -1);
  // Loaded once, not per request.
  auto events = h.log.all();
  CHECK(std::count(events.begin(), events.end(), std::string("vault load")) == 1);
}

TEST_CASE("A non-rotating refresh keeps the refresh token", "[visma][oauth]") {
  VismaHarness h;
  h.clock.advance(std::chrono::minutes(59));
  h.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(200, token_answer("access-token-two", ""));
    return VismaHarness::json(200, kUnitList);
  });
  REQUIRE(h.client->list_units());
  REQUIRE(h.vault.saved);
  CHECK(h.vault.saved->access_token == "access-token-two");
  CHECK(h.vault.saved->refresh_token == "refresh-token-one");
}

TEST_CASE("A 401 refreshes once and repeats the request", "[visma][oauth]") {
  VismaHarness h;
  h.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    if (VismaHarness::bearer(r) == "access-token-one") return VismaHarness::json(401, "");
    return VismaHarness::json(200, kUnitList);
  });
  auto units = h.client->list_units();
  REQUIRE(units);
  const auto events = h.log.all();
  REQUIRE(events.size() >= 5);
  CHECK(h.log.find("http GET https://api.test/v2/units?$page=1&$pagesize=2 token=access-token-one") >= 0);
  const int saved = h.log.find("vault save access-token-two");
  const int retried = h.log.find("http GET https://api.test/v2/units?$page=1&$pagesize=2 token=access-token-two");
  REQUIRE(saved >= 0);
  CHECK(saved < retried);
}

TEST_CASE("A second 401 after renewing is an Auth error", "[visma][oauth]") {
  VismaHarness h;
  int token_requests = 0;
  h.route([&](const HttpRequest& r) {
    if (is_token_request(r)) {
      ++token_requests;
      return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    }
    return VismaHarness::json(401, "");
  });
  auto units = h.client->list_units();
  REQUIRE_FALSE(units);
  CHECK(units.error().kind == ErrorKind::Auth);
  CHECK(units.error().message.find("Visma refused the token") != std::string::npos);
  CHECK(units.error().message.find("run `woovisma auth visma`") != std::string::npos);
  CHECK(token_requests == 1);
}

TEST_CASE("Concurrent pages that all get 401 cause a single refresh", "[visma][oauth]") {
  VismaHarness h;
  int token_requests = 0;
  h.route([&](const HttpRequest& r) {
    if (is_token_request(r)) {
      ++token_requests;
      return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    }
    const bool first_page = r.url.find("$page=1&") != std::string::npos;
    if (!first_page && VismaHarness::bearer(r) == "access-token-one") return VismaHarness::json(401, "");
    const std::string page = r.url.substr(r.url.find("$page=") + 6, 1);
    return VismaHarness::json(200, testing::page_body(fmt::format(R"({{"Id":"u{}"}})", page), std::stoi(page), 4, 4));
  });
  auto units = h.client->list_units();
  REQUIRE(units);
  CHECK(units->size() == 4);
  CHECK(token_requests == 1);
}

TEST_CASE("invalid_grant on refresh is an Auth error with the advice", "[visma][oauth]") {
  VismaHarness h;
  h.clock.advance(std::chrono::hours(2));
  h.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(400, R"({"error":"invalid_grant"})");
    return VismaHarness::json(200, kUnitList);
  });
  auto units = h.client->list_units();
  REQUIRE_FALSE(units);
  CHECK(units.error().kind == ErrorKind::Auth);
  CHECK(units.error().remote_code == "invalid_grant");
  CHECK(units.error().message.find("invalid_grant") != std::string::npos);
  CHECK(units.error().message.find("run `woovisma auth visma`") != std::string::npos);
  CHECK(h.log.find("http GET") == -1);
}

TEST_CASE("When the new tokens cannot be saved the refresh fails and the token is not used", "[visma][oauth]") {
  VismaHarness h;
  h.vault.fail_saves = true;
  h.clock.advance(std::chrono::minutes(59));
  h.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    return VismaHarness::json(200, kUnitList);
  });
  auto units = h.client->list_units();
  REQUIRE_FALSE(units);
  CHECK(units.error().kind == ErrorKind::Store);
  CHECK(units.error().message.find("saving them failed") != std::string::npos);
  CHECK(units.error().message.find("MDB_MAP_FULL") != std::string::npos);
  CHECK(h.log.find("http GET") == -1);  // neither token was used for a request
  // Nor on the next call: the unsaved token was never adopted, so it refreshes again.
  REQUIRE_FALSE(h.client->list_units());
  for (const auto& e : h.log.all()) CHECK(e.find("token=access-token-two") == std::string::npos);
  auto events = h.log.all();
  CHECK(std::count_if(events.begin(), events.end(), [](const std::string& e) { return e.rfind("http POST", 0) == 0; }) == 2);
  // Once the store works again, the next refresh is saved and then used.
  h.vault.fail_saves = false;
  REQUIRE(h.client->list_units());
  CHECK(h.log.find("http GET https://api.test/v2/units?$page=1&$pagesize=2 token=access-token-two") >
        h.log.find("vault save access-token-two refresh-token-two"));

  // After a 401 the same holds: the failed save stops the retry.
  VismaHarness g;
  g.vault.fail_saves = true;
  g.route([](const HttpRequest& r) {
    if (is_token_request(r)) return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
    if (VismaHarness::bearer(r) == "access-token-one") return VismaHarness::json(401, "");
    return VismaHarness::json(200, kUnitList);
  });
  auto again = g.client->list_units();
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::Store);
  for (const auto& e : g.log.all()) CHECK(e.find("token=access-token-two") == std::string::npos);
}

TEST_CASE("Without saved tokens the client says how to authorise", "[visma][oauth]") {
  VismaHarness h;
  h.vault.saved.reset();
  h.route([](const HttpRequest&) { return VismaHarness::json(200, kUnitList); });
  auto units = h.client->list_units();
  REQUIRE_FALSE(units);
  CHECK(units.error().kind == ErrorKind::Auth);
  CHECK(units.error().message.find("run `woovisma auth visma`") != std::string::npos);
  CHECK(h.http.requests().empty());
}

TEST_CASE("Scopes come from the token response or the JWT", "[visma][oauth]") {
  OAuthTokens t;
  t.scope = "ea:api  offline_access ea:sales";
  CHECK(token_scopes(t) == std::vector<std::string>{"ea:api", "offline_access", "ea:sales"});

  OAuthTokens jwt;
  auto b64url = [](std::string s) {
    std::string out = base64_encode(s);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
      if (c == '+') c = '-';
      if (c == '/') c = '_';
    }
    return out;
  };
  jwt.access_token = b64url(R"({"alg":"RS256"})") + "." + b64url(R"({"scope":["ea:api","ea:sales_readonly"],"exp":1})") +
                     ".sig";
  CHECK(token_scopes(jwt) == std::vector<std::string>{"ea:api", "ea:sales_readonly"});
  jwt.access_token = b64url(R"({"alg":"RS256"})") + "." + b64url(R"({"scope":"ea:api ea:sales"})") + ".sig";
  CHECK(token_scopes(jwt) == std::vector<std::string>{"ea:api", "ea:sales"});
  jwt.access_token = "opaque-token";
  CHECK(token_scopes(jwt).empty());

  VismaHarness h;
  REQUIRE(h.client->check_scopes());
  VismaHarness fresh;
  fresh.vault.saved->scope = "ea:api ea:sales_readonly";
  auto missing = fresh.client->check_scopes();
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::Auth);
  CHECK(missing.error().message.find("ea:sales") != std::string::npos);
  CHECK(missing.error().message.find("woovisma auth visma") != std::string::npos);
}

TEST_CASE("Company modules are checked", "[visma][oauth]") {
  VismaHarness h;
  h.route([](const HttpRequest&) {
    return VismaHarness::json(200, R"({"Name":"Testbolaget AB","CurrencyCode":"SEK","ActivatedModules":["api_standard","sales_standard"],"ProductVariant":1})");
  });
  auto modules = h.client->company_modules();
  REQUIRE(modules);
  CHECK(*modules == std::vector<std::string>{"api_standard", "sales_standard"});
  CHECK(h.client->check_modules({"SALES_standard"}));
  auto missing = h.client->check_modules({"sales_standard", "stock_standard"});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::Rejected);
  CHECK(missing.error().message.find("stock_standard") != std::string::npos);
}

TEST_CASE("No token or secret appears in errors or log lines", "[visma][oauth]") {
  testing::LogCapture capture;
  std::vector<std::string> messages;
  {
    VismaHarness h;
    h.clock.advance(std::chrono::minutes(59));
    h.route([](const HttpRequest& r) {
      if (is_token_request(r)) {
        // A hostile identity server echoing the secrets back in its error.
        return VismaHarness::json(
            400, R"({"error":"invalid_grant","error_description":"refresh-token-one was used with client-secret-value-42"})");
      }
      return VismaHarness::json(200, kUnitList);
    });
    auto units = h.client->list_units();
    REQUIRE_FALSE(units);
    messages.push_back(units.error().message);
  }
  {
    VismaHarness h;
    h.route([](const HttpRequest& r) {
      if (is_token_request(r)) return VismaHarness::json(200, token_answer("access-token-two", "refresh-token-two"));
      // Visma echoing the bearer token in an error body.
      return VismaHarness::json(401, R"({"ErrorCode":4005,"DeveloperErrorMessage":"token access-token-one rejected"})");
    });
    auto units = h.client->list_units();
    REQUIRE_FALSE(units);
    messages.push_back(units.error().message);
    auto code = h.client->complete_authorization("secret-code-777");
    REQUIRE(code);
  }
  const std::string log = capture.text();
  CHECK(log.find("Visma GET /units") != std::string::npos);  // the capture did see the requests
  for (const std::string secret : {"access-token-one", "access-token-two", "refresh-token-one", "refresh-token-two",
                                   "client-secret-value-42", "secret-code-777"}) {
    INFO(secret);
    CHECK(log.find(secret) == std::string::npos);
    for (const auto& m : messages) CHECK(m.find(secret) == std::string::npos);
  }
  // Every secret is registered, so any path that prints through the logger masks it.
  CHECK(redact("access-token-two refresh-token-two client-secret-value-42") == "*** *** ***");
}
