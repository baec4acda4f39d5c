// VismaClient against the Visma emulator over real sockets (libcurl → the sandbox's HTTP server,
// the real identity emulator): token refresh with rotation into the LMDB store, paging, $filter
// escaping, ChangedUtc, documents, payments, the rate limit and refusals.

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <rapidjson/document.h>

#include "connectors/adapters/store_token_vault.hpp"
#include "connectors/visma/visma_client.hpp"
#include "core/crypto.hpp"
#include "core/store/store.hpp"
#include "tests/e2e/test_sandbox_support.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fake_clock.hpp"

namespace {

using namespace wv;
using wv::testing::must;
using namespace std::chrono_literals;

struct VismaSide {
  explicit VismaSide(const Clock& client_clock = system_clock(), int page_size = 500) : clock(client_clock) {
    const auto client = sandbox.visma().clients().at(0);
    config.api_url = sandbox.base_url() + "/v2";
    config.identity_url = sandbox.base_url();
    config.client_id = client.client_id;
    config.client_secret = client.client_secret;
    config.page_size = page_size;
    auto opened = Store::open(dir.path() / "store");
    REQUIRE(opened);
    store = std::move(*opened);
    vault = std::make_unique<StoreTokenVault>(*store);
    const auto issued = sandbox.visma().issue_tokens_for_tests();
    initial = OAuthTokens{issued.access_token, issued.refresh_token,
                          clock.now() + std::chrono::duration_cast<std::chrono::milliseconds>(issued.expires_in),
                          clock.now(), issued.scope};
    must(vault->save(initial), "saving the first tokens");
    client_ = std::make_unique<VismaClient>(config, http, *vault, clock);
  }

  VismaClient& visma() { return *client_; }
  std::size_t requests(const std::string& endpoint) { return sandbox.box().log().count(endpoint); }

  OAuthTokens saved() {
    auto t = must(vault->load(), "loading tokens");
    REQUIRE(t.has_value());
    return *t;
  }

  /// POST /connect/token with `refresh_token` as the client would; the answer.
  HttpResponse refresh_with(const std::string& refresh_token) {
    HttpRequest r;
    r.method = "POST";
    r.url = sandbox.base_url() + "/connect/token";
    r.headers.push_back({"Authorization", "Basic " + base64_encode(config.client_id + ":" + config.client_secret)});
    r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    r.body = build_query({{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}});
    auto answer = http.send(r);
    REQUIRE(answer);
    return *answer;
  }

  /// A raw authorised GET of the v2 API (for what VismaClient does not read, e.g. bank accounts).
  rapidjson::Document get_v2(const std::string& path) {
    HttpRequest r = HttpRequest::get(config.api_url + path);
    r.headers.push_back({"Authorization", "Bearer " + saved().access_token});
    auto answer = http.send(r);
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(answer->body.c_str());
    REQUIRE(doc.IsObject());
    return doc;
  }

  std::size_t article_count() {
    auto state = sandbox.control_ok("GET", "/_sandbox/visma/state", "");
    rapidjson::Document doc;
    doc.Parse(state.c_str());
    return doc["counts"]["articles"].GetUint();
  }

  testing::LiveSandbox sandbox;
  testing::TempDir dir;
  const Clock& clock;
  VismaConfig config;
  CurlHttpClient http{testing::fast_http_options()};
  std::unique_ptr<Store> store;
  std::unique_ptr<StoreTokenVault> vault;
  OAuthTokens initial;
  std::unique_ptr<VismaClient> client_;
};

Article new_article(VismaClient& visma, const std::string& number, const std::string& name) {
  auto units = must(visma.list_units(), "units");
  auto codings = must(visma.list_article_account_codings(), "codings");
  Article a;
  a.number = number;
  a.name = name;
  for (const auto& u : units) {
    if (u.code == "st") a.unit_id = u.id;
  }
  for (const auto& c : codings) {
    if (c.type == "Goods" && c.vat_rate_percent == Decimal::from_int(25) && a.coding_id.empty()) a.coding_id = c.id;
  }
  a.net_price = Decimal::from_int(100);
  a.gross_price = Decimal::from_int(125);
  return a;
}

AccountingCustomer new_customer(VismaClient& visma, const std::string& name) {
  auto terms = must(visma.list_terms_of_payment(), "terms");
  AccountingCustomer c;
  c.name = name;
  c.is_private_person = true;
  c.email = "kund@example.com";
  c.invoice_address1 = "Storgatan 1";
  c.invoice_city = "Uppsala";
  c.invoice_postal_code = "753 20";
  c.invoice_country_code = "SE";
  c.currency_code = "SEK";
  c.terms_of_payment_id = terms.front().id;
  return c;
}

SalesDocument document_for(DocumentKind kind, const AccountingCustomer& customer, const Article& article,
                           Date date) {
  SalesDocument d;
  d.kind = kind;
  d.customer_id = customer.id;
  d.currency_code = "SEK";
  d.date = date;
  d.your_reference = "Order 1001";
  d.invoice_customer_name = customer.name;
  d.invoice_address1 = customer.invoice_address1;
  d.invoice_city = customer.invoice_city;
  d.invoice_postal_code = customer.invoice_postal_code;
  d.invoice_country_code = customer.invoice_country_code;
  d.terms_of_payment_id = customer.terms_of_payment_id;
  SalesRow row;
  row.article_id = article.id;
  row.article_number = article.number;
  row.text = article.name;
  row.quantity = Decimal::from_int(2);
  row.unit_price = *Decimal::parse("99.50");
  d.rows.push_back(row);
  if (kind == DocumentKind::SalesOrder) d.order_status = SalesOrderStatus::Ongoing;
  return d;
}

}  // namespace

TEST_CASE("VismaClient renews an access token the identity emulator expired, rotating the refresh token in the store",
          "[e2e][clients][visma][oauth]") {
  VismaSide side;
  must(side.visma().company_settings(), "company settings with the first token");
  // A day passes at Visma: the access token has expired although the saved expiry is still ahead
  // by the client's clock, so Visma's 401 is what triggers the refresh.
  side.sandbox.control_ok("POST", "/_sandbox/visma/clock/advance", R"({"seconds": 3700})");
  auto settings = must(side.visma().company_settings(), "company settings after expiry");
  CHECK_FALSE(settings.name.empty());

  CHECK(side.requests("POST /connect/token") == 1);
  std::size_t unauthorized = 0;
  for (const auto& r : side.sandbox.box().log().requests()) unauthorized += r.status == 401 ? 1 : 0;
  CHECK(unauthorized == 1);

  const OAuthTokens now = side.saved();
  CHECK(now.refresh_token != side.initial.refresh_token);
  CHECK(now.access_token != side.initial.access_token);
  CHECK(now.expires_at > side.initial.expires_at - 1h);
  // Rotation: the old refresh token is refused by the identity server, the stored one works.
  auto old = side.refresh_with(side.initial.refresh_token);
  CHECK(old.status == 400);
  CHECK(old.body.find("invalid_grant") != std::string::npos);
  // And the client keeps working with what it stored.
  must(side.visma().list_units(), "units after the refresh");
  CHECK(side.requests("POST /connect/token") == 2);  // the refresh, and the refused old token above
}

TEST_CASE("VismaClient refreshes before sending when its clock says the token is about to expire",
          "[e2e][clients][visma][oauth]") {
  testing::FakeClock clock(system_clock().now());
  VismaSide side(clock);
  must(side.visma().list_units(), "units");
  clock.advance(3600s - 60s);  // inside the refresh margin
  must(side.visma().list_units(), "units near expiry");
  CHECK(side.requests("POST /connect/token") == 1);
  for (const auto& r : side.sandbox.box().log().requests()) CHECK(r.status != 401);
  const OAuthTokens now = side.saved();
  CHECK(now.refresh_token != side.initial.refresh_token);
  CHECK(now.refreshed_at == clock.now());
  CHECK(side.refresh_with(side.initial.refresh_token).status == 400);

  SECTION("a revoked grant is an Auth error that says to authorise again") {
    side.sandbox.control_ok("POST", "/_sandbox/visma/auth/revoke-all");
    auto r = side.visma().list_units();
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Auth);
    CHECK(r.error().message.find("auth visma") != std::string::npos);
    CHECK(r.error().message.find(now.access_token) == std::string::npos);
    CHECK(r.error().message.find(now.refresh_token) == std::string::npos);
    // The stored tokens are not thrown away by a failed refresh.
    CHECK(side.saved().refresh_token == now.refresh_token);
  }
}

TEST_CASE("VismaClient reads every page of a list through the Meta envelope", "[e2e][clients][visma]") {
  VismaSide side(system_clock(), 4);
  const std::size_t total = side.article_count();
  REQUIRE(total > 8);
  auto articles = must(side.visma().list_articles(), "list_articles");
  CHECK(articles.items.size() == total);
  std::set<std::string> ids;
  for (const auto& a : articles.items) ids.insert(a.id);
  CHECK(ids.size() == total);
  CHECK(side.requests("GET /v2/articles") == (total + 3) / 4);
  for (const auto& r : side.sandbox.box().log().requests()) {
    if (r.path == "/v2/articles") CHECK(r.query.find("$pagesize=4") != std::string::npos);
  }
  const auto server_now = side.sandbox.visma().now();
  CHECK(articles.server_time <= server_now);
  CHECK(articles.server_time > server_now - 1min);
}

TEST_CASE("VismaClient's $filter finds an article whose number holds a quote, and cannot be injected",
          "[e2e][clients][visma][filter]") {
  VismaSide side;
  auto quoted = must(side.visma().create_article(new_article(side.visma(), "O'HARA-1", "Kopp O'Hara")), "create O'HARA-1");
  must(side.visma().create_article(new_article(side.visma(), "O", "Decoy O")), "create O");
  must(side.visma().create_article(new_article(side.visma(), "HARA-1", "Decoy HARA-1")), "create HARA-1");

  auto found = must(side.visma().list_articles(odata::eq("Number", "O'HARA-1")), "filter on O'HARA-1");
  REQUIRE(found.items.size() == 1);
  CHECK(found.items[0].id == quoted.id);
  CHECK(found.items[0].name == "Kopp O'Hara");

  auto injected = must(side.visma().list_articles(odata::eq("Number", "x' or Number ne 'y")), "injection attempt");
  CHECK(injected.items.empty());
  auto both = must(side.visma().list_articles(odata::eq("Number", "O'HARA-1") || odata::eq("Number", "HARA-1")), "or");
  CHECK(both.items.size() == 2);
  auto contains = must(side.visma().list_articles(odata::contains("Number", "'HAR")), "contains");
  REQUIRE(contains.items.size() == 1);
  CHECK(contains.items[0].number == "O'HARA-1");
}

TEST_CASE("VismaClient's ChangedUtc filter returns what changed after the last listing's server time",
          "[e2e][clients][visma][filter]") {
  VismaSide side;
  auto before = must(side.visma().list_articles(), "list_articles");
  REQUIRE(before.items.size() >= 2);
  side.sandbox.control_ok("POST", "/_sandbox/visma/clock/advance", R"({"seconds": 2})");
  CHECK(must(side.visma().list_articles(odata::gt("ChangedUtc", before.server_time)), "nothing changed").items.empty());

  // A person changes a price in eAccounting; the tool renames another article.
  const Article& priced = before.items[0];
  side.sandbox.control_ok("POST", "/_sandbox/visma/articles/" + priced.id + "/price", R"({"NetPrice": 80})");
  Article renamed = before.items[1];
  renamed.name = "Nytt namn";
  must(side.visma().update_article(renamed), "update_article");

  auto changed = must(side.visma().list_articles(odata::gt("ChangedUtc", before.server_time)), "changed since");
  std::set<std::string> ids;
  for (const auto& a : changed.items) ids.insert(a.id);
  CHECK(ids == std::set<std::string>{priced.id, renamed.id});
  for (const auto& a : changed.items) {
    if (a.id == priced.id) CHECK(a.net_price == Decimal::from_int(80));
    if (a.id == renamed.id) CHECK(a.name == "Nytt namn");
  }
  CHECK(must(side.visma().list_articles(odata::gt("ChangedUtc", changed.server_time)), "changed since then").items.empty());
}

TEST_CASE("VismaClient creates customers, drafts, invoices, payments and sales orders in the emulator",
          "[e2e][clients][visma][documents]") {
  VismaSide side;
  VismaClient& visma = side.visma();
  // Yesterday at Visma, so that no date is in the future whatever the time zone.
  const Date day{std::chrono::floor<std::chrono::days>(side.sandbox.visma().now()) - std::chrono::days(1)};
  const Article article = must(visma.create_article(new_article(visma, "KOPP-1", "Kopp")), "create article");

  auto customer = must(visma.create_customer(new_customer(visma, "Åsa Öberg")), "create_customer");
  CHECK_FALSE(customer.id.empty());
  CHECK_FALSE(customer.customer_number.empty());
  auto fetched = must(visma.get_customer(customer.id), "get_customer");
  REQUIRE(fetched.has_value());
  CHECK(fetched->name == "Åsa Öberg");
  CHECK(fetched->invoice_city == "Uppsala");
  auto by_mail = must(visma.list_customers(odata::eq("CustomerNumber", customer.customer_number)), "by number");
  REQUIRE(by_mail.items.size() == 1);
  CHECK(by_mail.items[0].id == customer.id);

  // Draft → invoice → payment.
  auto draft = must(visma.create_invoice_draft(document_for(DocumentKind::InvoiceDraft, customer, article, day)),
                    "create_invoice_draft");
  CHECK(draft.total_amount == *Decimal::parse("199.00"));  // 2 × 99.50 incl. VAT for a private person
  CHECK(draft.includes_vat);
  CHECK(must(visma.get_invoice_draft(draft.id), "get_invoice_draft").has_value());
  auto invoice = must(visma.convert_invoice_draft(draft.id), "convert_invoice_draft");
  CHECK_FALSE(invoice.number.empty());
  CHECK(invoice.total_amount == draft.total_amount);
  CHECK(invoice.created_from_draft_id == draft.id);
  CHECK(must(visma.get_invoice_draft(draft.id), "draft after converting") == std::nullopt);

  auto banks = side.get_v2("/bankaccounts");
  std::string bank;
  for (const auto& b : banks["Data"].GetArray()) {
    if (bank.empty() || (b.HasMember("IsDefaultChequeAccount") && b["IsDefaultChequeAccount"].IsTrue())) {
      bank = b["Id"].GetString();
    }
  }
  REQUIRE_FALSE(bank.empty());
  InvoicePayment payment;
  payment.company_bank_account_id = bank;
  payment.payment_date = day;
  payment.amount = invoice.total_amount;
  payment.currency = "SEK";
  payment.payment_type = 2;
  auto paid = must(visma.register_payment(invoice.id, payment), "register_payment");
  CHECK(paid.amount == invoice.total_amount);
  auto settled = must(visma.get_invoice(invoice.id), "get_invoice after payment");
  REQUIRE(settled.has_value());
  CHECK(settled->remaining_amount == Decimal());
  auto unknown_payment = visma.register_payment("00000000-0000-0000-0000-000000000000", payment);
  REQUIRE_FALSE(unknown_payment);
  CHECK(unknown_payment.error().kind == ErrorKind::NotFound);

  // Sales order → invoice (the demo company has the order module).
  must(visma.check_modules({"sales_standard"}), "check_modules");
  auto order = must(visma.create_sales_order(document_for(DocumentKind::SalesOrder, customer, article, day)),
                    "create_sales_order");
  CHECK(order.order_status == SalesOrderStatus::Ongoing);
  CHECK(order.total_amount == *Decimal::parse("199.00"));
  auto got = must(visma.get_sales_order(order.id), "get_sales_order");
  REQUIRE(got.has_value());
  CHECK(got->your_reference == "Order 1001");
  auto from_order = must(visma.convert_sales_order(order.id), "convert_sales_order");
  CHECK(from_order.created_from_order_id == order.id);
  CHECK(must(visma.get_sales_order(order.id), "order after invoicing")->order_status == SalesOrderStatus::Invoiced);

  // Without the module, Visma refuses sales orders with its own error.
  side.sandbox.control_ok("POST", "/_sandbox/visma/company/modules", R"({"deactivate": ["sales_standard"]})");
  auto missing = visma.check_modules({"sales_standard"});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::Rejected);
  CHECK(missing.error().message.find("sales_standard") != std::string::npos);
  auto refused = visma.create_sales_order(document_for(DocumentKind::SalesOrder, customer, article, day));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::Rejected);
  CHECK(refused.error().http_status == 403);
}

TEST_CASE("VismaClient waits out the rate limit's 429 for as long as Visma's message says",
          "[e2e][clients][visma][ratelimit]") {
  VismaSide side;
  must(side.visma().list_units(), "units");  // the token is loaded; the window below is fresh
  side.sandbox.control_ok("POST", "/_sandbox/visma/rate-limit", R"({"per_minute": 3})");
  for (int i = 0; i < 3; ++i) must(side.visma().list_units(), "units within the quota");
  // 59 of the window's 60 seconds pass: Visma says "Try again in 1 seconds".
  side.sandbox.control_ok("POST", "/_sandbox/visma/clock/advance", R"({"seconds": 59})");
  const auto started = std::chrono::steady_clock::now();
  auto units = side.visma().list_units();
  const auto waited = std::chrono::steady_clock::now() - started;
  if (!units) FAIL(units.error().message);
  CHECK(!units->empty());
  CHECK(waited >= 900ms);
  CHECK(waited < 5s);

  std::size_t limited = 0;
  for (const auto& r : side.sandbox.box().log().requests()) limited += r.status == 429 ? 1 : 0;
  CHECK(limited == 1);
  auto state = side.sandbox.control_ok("GET", "/_sandbox/visma/state", "");
  CHECK(state.find(R"("rate_limited":1)") != std::string::npos);
}

TEST_CASE("VismaClient maps the emulator's refusals to error kinds", "[e2e][clients][visma][errors]") {
  VismaSide side;
  VismaClient& visma = side.visma();
  const std::string nobody = "00000000-0000-0000-0000-000000000000";
  CHECK(must(visma.get_article(nobody), "get unknown article") == std::nullopt);
  CHECK(must(visma.get_customer(nobody), "get unknown customer") == std::nullopt);
  CHECK(must(visma.get_invoice(nobody), "get unknown invoice") == std::nullopt);

  must(visma.create_article(new_article(visma, "DUBBEL-1", "Först")), "create DUBBEL-1");
  auto duplicate = visma.create_article(new_article(visma, "DUBBEL-1", "Sedan"));
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().kind == ErrorKind::Conflict);
  CHECK(duplicate.error().remote_code == "4000");

  Article missing_unit = new_article(visma, "UTAN-ENHET", "Utan enhet");
  missing_unit.unit_id = nobody;
  auto refused = visma.create_article(missing_unit);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::NotFound);  // ErrorCode 3000 for the unit in the body
  CHECK(refused.error().remote_code == "3000");
  CHECK(refused.error().http_status == 400);
  CHECK(refused.error().message.find("UnitId") != std::string::npos);

  Article unknown = new_article(visma, "FINNS-EJ", "Finns ej");
  unknown.id = nobody;
  auto update = visma.update_article(unknown);
  REQUIRE_FALSE(update);
  CHECK(update.error().kind == ErrorKind::NotFound);

  SECTION("5xx throughout is Transient after the HTTP client's retries") {
    side.sandbox.control_ok("POST", "/_sandbox/faults",
                            R"({"kind": "server_error", "status": 503, "path": "/v2/units"})");
    const std::size_t before = side.requests("GET /v2/units");
    auto units = visma.list_units();
    REQUIRE_FALSE(units);
    CHECK(units.error().kind == ErrorKind::Transient);
    CHECK(units.error().http_status == 503);
    CHECK(side.requests("GET /v2/units") - before == 3);  // the first attempt and two retries
  }
  SECTION("a token without the sales scope") {
    const auto issued = side.sandbox.visma().issue_tokens_for_tests("ea:api offline_access");
    must(side.vault->save(OAuthTokens{issued.access_token, issued.refresh_token, system_clock().now() + 1h,
                                      system_clock().now(), issued.scope}),
         "saving narrow tokens");
    VismaClient narrow(side.config, side.http, *side.vault);
    auto scopes = narrow.check_scopes();
    REQUIRE_FALSE(scopes);
    CHECK(scopes.error().kind == ErrorKind::Auth);
    CHECK(scopes.error().message.find("ea:sales") != std::string::npos);
  }
}
