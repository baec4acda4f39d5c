// The control API and the seeds.

#include "tests/sandbox/test_visma_support.hpp"

#include "core/http/http.hpp"

using namespace wv;
using namespace wv::testing;

TEST_CASE("a new emulator is a fresh company; seed_demo loads the demo", "[visma][seed]") {
  FakeClock clock(at("2026-03-10T09:00:00Z"));
  sandbox::visma::VismaEmulator emu(clock);
  const auto token = emu.issue_tokens_for_tests().access_token;
  auto list = [&](const std::string& path) {
    auto r = emu.handle(sandbox::visma::make_request("GET", path, "", {{"Authorization", "Bearer " + token}}));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_of(*r)["Meta"].integer_or("TotalNumberOfResults", -1);
  };
  CHECK(list("/v2/articles") == 0);
  CHECK(list("/v2/customers") == 0);
  CHECK(list("/v2/costcenters") == 0);
  CHECK(list("/v2/units") == 5);
  CHECK(list("/v2/articleaccountcodings") == 5);
  CHECK(list("/v2/termsofpayments") == 5);
}

TEST_CASE("the demo company is deterministic and complete", "[visma][seed]") {
  VismaFixture a;
  VismaFixture b;
  const Json first = a.get("/v2/articles");
  const Json second = b.get("/v2/articles");
  CHECK(first.dump() == second.dump());
  std::set<std::string> skus;
  for (const auto& art : first["Data"].items()) skus.insert(art.str("Number"));
  for (const char* sku : {"MUG-001", "LAMP-3", "FOOD-7", "BOOK-042", "STAMP-10", "TSHIRT-S", "TSHIRT-M", "TSHIRT-L",
                          "SERVICE-INSTALL"}) {
    CHECK(skus.contains(sku));
  }
  CHECK(a.get("/v2/articles/" + a.article_id("BOOK-042"))["GrossPrice"].text() == "249.0");
  CHECK(a.get("/v2/articles/" + a.article_id("BOOK-042"))["NetPrice"].text() == "234.91");
  CHECK(a.get("/v2/articles/" + a.article_id("SERVICE-INSTALL")).flag("IsServiceArticle"));
  CHECK(a.get("/v2/articles/" + a.article_id("SERVICE-INSTALL")).str("UnitAbbreviation") == "h");
  std::set<std::string> terms;
  const Json listed_terms = a.get("/v2/termsofpayments");
  for (const auto& t : listed_terms["Data"].items()) terms.insert(t.str("Name"));
  CHECK(terms == std::set<std::string>{"30 dagar netto", "10 dagar netto", "Kortbetalning", "Kontant", "Swish"});
  const auto clients = a.emu.clients();
  REQUIRE(clients.size() == 1);
  CHECK(!clients[0].client_secret.empty());
  // Reseeding gives the same ids again.
  a.emu.seed_demo();
  a.token = a.emu.issue_tokens_for_tests().access_token;
  CHECK(a.get("/v2/articles").dump() == second.dump());
}

TEST_CASE("seed files: base, lookups by name, clients, auth and quota", "[visma][seed]") {
  VismaFixture t;
  auto ok = t.emu.seed_json(R"({"woocommerce": {"ignored": true}, "visma": {
    "base": "empty",
    "company": {"Name": "Testbolaget AB", "ActivatedModules": ["api_standard", "sales_standard"], "DomesticCurrencyRounding": 1},
    "clients": [{"client_id": "my-app", "client_secret": "s3cret", "redirect_uris": [], "scopes": "ea:api offline_access ea:sales"}],
    "auth": {"access_token_lifetime_seconds": 120, "rotate_refresh_tokens": false},
    "rate_limit_per_minute": 100,
    "currency_rates": {"EUR": "11.25"},
    "units": [{"Name": "Styck", "Code": "st", "Abbreviation": "st"}],
    "article_account_codings": [{"Name": "Moms 25", "Type": "Goods", "VatRate": "25%", "VatRatePercent": 0.25, "IsActive": true}],
    "terms_of_payments": [{"Name": "Kort", "NumberOfDays": 0, "TermsOfPaymentTypeId": 3}],
    "cost_centers": [{"Name": "Kanal", "Number": 1, "Items": [{"Name": "Webb", "ShortName": "W"}]}],
    "bank_accounts": [{"Name": "Bank", "BankAccountType": 1, "LedgerAccountNumber": 1930, "IsActive": true}],
    "articles": [{"Number": "A-1", "Name": "Artikel", "Unit": "st", "Coding": "Moms 25", "GrossPrice": 100, "IsStock": false,
                  "StockBalance": 4}],
    "customers": [{"Name": "Kalle", "InvoiceCity": "Ystad", "InvoicePostalCode": "27131", "IsPrivatePerson": true,
                   "TermsOfPayment": "Kort"}],
    "sales_price_lists": [{"Name": "Standard", "IsStandard": true, "Prices": [{"ArticleNumber": "A-1", "GrossPrice": 90}]}]
  }})");
  INFO((ok ? "" : ok.error().message));
  REQUIRE(ok);
  const auto clients = t.emu.clients();
  REQUIRE(clients.size() == 1);
  CHECK(clients[0].client_id == "my-app");
  const auto tokens = t.emu.issue_tokens_for_tests();
  CHECK(tokens.scope == "ea:api ea:sales offline_access");
  CHECK(tokens.expires_in == std::chrono::seconds(120));
  t.token = tokens.access_token;
  auto articles = t.get("/v2/articles");
  REQUIRE(articles["Data"].items().size() == 1);
  const Json& a1 = articles["Data"].items()[0];
  CHECK(a1["NetPrice"].text() == "80.0");
  CHECK(a1["StockBalance"].text() == "4.0");
  CHECK(a1.str("CodingName") == "Moms 25");
  CHECK(a1.str("ChangedUtc") == "2026-03-10T09:00:00Z");
  CHECK(t.get("/v2/customers")["Data"].items()[0].str("CustomerNumber") == "1");
  CHECK(t.get("/v2/companysettings").str("Name") == "Testbolaget AB");
  CHECK(t.get("/v2/salespricelists/prices")["Data"].items()[0]["NetPrice"].text() == "72.0");
  CHECK(t.get("/v2/costcenters")["Data"].items()[0]["Items"].items()[0].str("Name") == "Webb");
  auto state = t.control_ok("GET", "/_sandbox/visma/state");
  CHECK(state["rate_limit"].integer_or("per_minute", 0) == 100);
  CHECK_FALSE(state["auth"].flag("rotate_refresh_tokens", true));
  CHECK(state["counts"].integer_or("articles", 0) == 1);
}

TEST_CASE("seed files name the offending entry", "[visma][seed]") {
  VismaFixture t;
  auto check_error = [&](const char* seed, const char* fragment) {
    auto r = t.emu.seed_json(seed);
    REQUIRE_FALSE(r);
    INFO(r.error().message);
    CHECK(r.error().kind == ErrorKind::Config);
    CHECK(r.error().message.find(fragment) != std::string::npos);
  };
  check_error("{not json", "seed file: invalid JSON");
  check_error(R"({"visma": {"base": "full"}})", "visma.base");
  check_error(R"({"visma": {"articles": [{"Number": "MUG-001", "Name": "x", "Unit": "st", "Coding": "Varor 25%", "IsActive": true},
                                         {"Number": "MUG-001", "Name": "y", "Unit": "st", "Coding": "Varor 25%", "IsActive": true}]}})",
              "visma.articles[1]: Conflict");
  check_error(R"({"visma": {"articles": [{"Number": "X", "Name": "x", "Unit": "parsec", "Coding": "Varor 25%"}]}})",
              "visma.articles[0].Unit: no entry named 'parsec'");
  check_error(R"({"visma": {"articles": [{"Number": "X", "Unit": "st", "Coding": "Varor 25%"}]}})",
              "visma.articles[0]: Name: The Name field is required.");
  check_error(R"({"visma": {"customers": [{"Name": "K", "InvoiceCity": "A", "InvoicePostalCode": "1", "IsPrivatePerson": true,
                                            "TermsOfPayment": "Aldrig"}]}})",
              "visma.customers[0].TermsOfPayment");
  check_error(R"({"visma": {"clients": []}})", "visma.clients");
  check_error(R"({"visma": {"company": {"Colour": "blue"}}})", "visma.company.Colour");
  check_error(R"({"visma": {"auth": {"access_token_lifetime_seconds": 0}}})", "access_token_lifetime_seconds");
  // Without a "visma" key the demo company is used.
  REQUIRE(t.emu.seed_json(R"({"woocommerce": {}})"));
  CHECK(t.emu.clients().at(0).client_id == "woovisma-sandbox");
}

TEST_CASE("control: state, reset, clock, tokens", "[visma][control]") {
  VismaFixture t;
  t.get("/v2/units");
  t.call("GET", "/v2/articles?$page=2");
  auto state = t.control_ok("GET", "/_sandbox/visma/state");
  CHECK(state.str("now") == "2026-03-10T09:00:00Z");
  CHECK(state["requests"].integer_or("total", 0) == 2);
  CHECK(state["requests"]["by_route"].integer_or("GET /v2/articles", 0) == 1);
  CHECK(state["counts"].integer_or("articles", 0) == 16);

  auto moved = t.control_ok("POST", "/_sandbox/visma/clock/advance", R"({"seconds": 90})");
  CHECK(moved.str("now") == "2026-03-10T09:01:30Z");
  CHECK(t.emu.now() == at("2026-03-10T09:01:30Z"));
  CHECK(t.control("POST", "/_sandbox/visma/clock/advance", R"({"seconds": -1})").status == 400);

  auto tokens = t.control_ok("POST", "/_sandbox/visma/auth/tokens", R"({"scope": "ea:api ea:sales_readonly"})");
  CHECK(tokens.str("scope") == "ea:api ea:sales_readonly");
  CHECK(tokens["refresh_token"].is_null());
  CHECK(tokens.integer_or("expires_in", 0) == 3600);
  CHECK(t.call("GET", "/v2/units", "", tokens.str("access_token")).status == 200);
  CHECK(t.control("POST", "/_sandbox/visma/auth/tokens", R"({"client_id": "nobody"})").status == 404);

  t.call("POST", "/v2/customers", R"({"Name": "Temp", "InvoiceCity": "A", "InvoicePostalCode": "1",
      "TermsOfPaymentId": ")" + t.get("/v2/termsofpayments")["Data"].items()[0].str("Id") + R"(", "IsPrivatePerson": true, "IsActive": true})");
  CHECK(t.get("/v2/customers")["Data"].items().size() == 4);
  auto reset = t.control_ok("POST", "/_sandbox/visma/reset", R"({"seed": "empty"})");
  CHECK(reset["counts"].integer_or("articles", -1) == 0);
  CHECK(reset["counts"].integer_or("units", -1) == 5);
  CHECK(reset["counts"].integer_or("cost_centers", -1) == 0);
  t.token = t.emu.issue_tokens_for_tests().access_token;
  CHECK(t.get("/v2/customers")["Data"].items().empty());
  t.control_ok("POST", "/_sandbox/visma/reset", "{}");
  t.token = t.emu.issue_tokens_for_tests().access_token;
  CHECK(t.get("/v2/customers")["Data"].items().size() == 3);
  auto seeded = t.control_ok("POST", "/_sandbox/visma/seed", R"({"visma": {"rate_limit_per_minute": 7}})");
  CHECK(seeded["rate_limit"].integer_or("per_minute", 0) == 7);
  CHECK(t.control("POST", "/_sandbox/visma/seed", R"({"visma": {"base": 1}})").status == 400);

  CHECK(t.control("POST", "/_sandbox/visma/nothing").status == 404);
  CHECK(t.control("POST", "/_sandbox/visma/company", "[1]").status == 400);
  CHECK_FALSE(t.emu.control(sandbox::visma::make_request("GET", "/_sandbox/woocommerce/state")));
}

TEST_CASE("control: prices, activity, price lists", "[visma][control]") {
  VismaFixture t;
  t.clock.advance(std::chrono::minutes(1));
  auto priced = t.control_ok("POST", "/_sandbox/visma/articles/MUG-001/price", R"({"GrossPrice": "109.00"})");
  CHECK(priced["NetPrice"].text() == "87.2");
  CHECK(priced.str("ChangedUtc") == "2026-03-10T09:01:00Z");
  CHECK(t.control_ok("POST", "/_sandbox/visma/articles/" + t.article_id("FOOD-7") + "/price", R"({"NetPrice": 100})")["GrossPrice"].text() == "112.0");
  CHECK(t.control("POST", "/_sandbox/visma/articles/MUG-001/price", R"({"NetPrice": 1.234})").status == 400);
  CHECK(t.control("POST", "/_sandbox/visma/articles/NOPE/price", R"({"NetPrice": 1})").status == 404);
  CHECK_FALSE(t.control_ok("POST", "/_sandbox/visma/articles/LAMP-3/active", R"({"IsActive": false})").flag("IsActive", true));

  const std::string campaign = t.get("/v2/salespricelists")["Data"].items()[1].str("Id");
  auto row = t.control_ok("POST", "/_sandbox/visma/price-lists/" + campaign + "/prices", R"({"ArticleNumber": "FOOD-7", "GrossPrice": 89})");
  CHECK(row["NetPrice"].text() == "79.46");
  CHECK(t.get("/v2/salespricelists/prices/" + campaign + "/" + t.article_id("FOOD-7"))["GrossPrice"].text() == "89.0");
  auto changed = t.control_ok("POST", "/_sandbox/visma/price-lists/" + campaign + "/prices", R"({"ArticleNumber": "MUG-001", "NetPrice": 60})");
  CHECK(changed["GrossPrice"].text() == "75.0");
  CHECK(t.get("/v2/salespricelists/prices?$filter=" + url_encode("ChangedUtc gt 2026-03-10T09:00:30Z"))["Data"].items().size() == 2);
}

TEST_CASE("control: drafts convert, invoices pay", "[visma][control]") {
  VismaFixture t;
  Json draft = Json::object();
  draft.set("CustomerId", Json::string(t.customer_id("Anna Andersson")));
  draft.set("RotReducedInvoicingType", Json::integer(0));
  draft.set("EuThirdParty", Json::boolean(false));
  Json row = Json::object();
  row.set("ArticleId", Json::string(t.article_id("TSHIRT-S")));
  row.set("IsTextRow", Json::boolean(false));
  row.set("ReversedConstructionServicesVatFree", Json::boolean(false));
  row.set("Quantity", Json::number_text("2"));
  draft.set("Rows", Json::array({row}));
  auto created = t.call("POST", "/v2/customerinvoicedrafts", draft.dump());
  REQUIRE(created.status == 201);
  auto invoice = t.control_ok("POST", "/_sandbox/visma/drafts/" + body_of(created).str("Id") + "/convert");
  CHECK(invoice["TotalAmount"].text() == "398.0");
  auto part = t.control_ok("POST", "/_sandbox/visma/invoices/1/pay", R"({"amount": "98.00"})");
  CHECK(part.integer_or("PaymentType", 0) == 1);
  CHECK(t.get("/v2/customerinvoices/" + invoice.str("Id"))["RemainingAmount"].text() == "300.0");
  auto rest = t.control_ok("POST", "/_sandbox/visma/invoices/" + invoice.str("Id") + "/pay");
  CHECK(rest.integer_or("PaymentType", 0) == 2);
  CHECK(rest["PaymentAmount"].text() == "300.0");
  CHECK(t.get("/v2/customerinvoices/" + invoice.str("Id")).integer_or("PaymentStatus", -1) == 0);
  auto again = t.control("POST", "/_sandbox/visma/invoices/1/pay");
  CHECK(again.status == 400);
  CHECK(body_of(again).integer_or("ErrorCode", 0) == 4002);
  CHECK(t.control("POST", "/_sandbox/visma/orders/77/ship").status == 404);
}
