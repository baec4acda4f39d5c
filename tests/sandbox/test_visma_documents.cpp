// Invoice drafts, invoices and sales orders through the API: totals, defaults, rules, convert,
// payments, the order status flow, credit and void.

#include "tests/sandbox/test_visma_support.hpp"

#include "core/http/http.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

struct Docs : VismaFixture {
  std::string anna = customer_id("Anna Andersson");
  std::string company = customer_id("Företaget i Norr AB");
  std::string nordic = customer_id("Nordic Trading Oy");
  std::string web;       // cost center item "Webbshop"
  std::string closed;    // the inactive one
  std::string bank;

  Docs() {
    const Json centers = get("/v2/costcenters");
    for (const auto& item : centers["Data"].items()[0]["Items"].items()) {
      if (item.str("ShortName") == "WEB") web = item.str("Id");
      if (item.str("ShortName") == "MMO") closed = item.str("Id");
    }
    bank = get("/v2/bankaccounts")["Data"].items()[0].str("Id");
  }

  Json row(const std::string& sku, const char* quantity, const char* price = nullptr, const char* discount = nullptr) {
    Json r = Json::object();
    r.set("ArticleId", Json::string(article_id(sku)));
    r.set("IsTextRow", Json::boolean(false));
    r.set("ReversedConstructionServicesVatFree", Json::boolean(false));
    r.set("Quantity", Json::number_text(quantity));
    if (price) r.set("UnitPrice", Json::number_text(price));
    if (discount) r.set("DiscountPercentage", Json::number_text(discount));
    return r;
  }
  static Json text_row(const char* text) {
    Json r = Json::object();
    r.set("IsTextRow", Json::boolean(true));
    r.set("ReversedConstructionServicesVatFree", Json::boolean(false));
    r.set("Text", Json::string(text));
    return r;
  }
  static Json draft(const std::string& customer, std::vector<Json> rows) {
    Json d = Json::object();
    d.set("CustomerId", Json::string(customer));
    d.set("RotReducedInvoicingType", Json::integer(0));
    d.set("EuThirdParty", Json::boolean(false));
    d.set("Rows", Json::array(std::move(rows)));
    return d;
  }
  Json order(const std::string& customer, std::vector<Json> rows, int status = 2) {
    Json o = Json::object();
    o.set("CustomerId", Json::string(customer));
    o.set("CurrencyCode", Json::string("SEK"));
    o.set("EuThirdParty", Json::boolean(false));
    o.set("OrderDate", Json::string("2026-03-10"));
    o.set("Status", Json::integer(status));
    o.set("RotReducedInvoicingType", Json::integer(0));
    o.set("ReverseChargeOnConstructionServices", Json::boolean(false));
    int line = 1;
    for (auto& r : rows) {
      r.erase("ReversedConstructionServicesVatFree");
      r.set("LineNumber", Json::integer(line++));
      r.set("IsWorkCost", Json::boolean(false));
      r.set("EligibleForReverseChargeOnVat", Json::boolean(false));
    }
    o.set("Rows", Json::array(std::move(rows)));
    return o;
  }
  Json created(const std::string& path, const Json& body) {
    auto r = call("POST", path, body.dump());
    INFO(path << " → " << r.body);
    REQUIRE(r.status == 201);
    return body_of(r);
  }
  Json private_draft() {
    return created("/v2/customerinvoicedrafts",
                   draft(anna, {row("MUG-001", "3"), row("FOOD-7", "2", nullptr, "0.1"), row("BOOK-042", "1"),
                                text_row("Tack för din beställning!"), row("STAMP-10", "1"), row("FRAKT-25", "1")}));
  }
  std::string stock(const std::string& sku) { return get("/v2/articles/" + article_id(sku))["StockBalance"].text(); }
};

}  // namespace

TEST_CASE("a private customer's draft includes VAT and takes the customer's details", "[visma][documents]") {
  Docs t;
  auto d = t.private_draft();
  CHECK(d.flag("IncludesVat"));
  CHECK(d.flag("CustomerIsPrivatePerson"));
  CHECK(d["TotalAmount"].text() == "923.2");
  CHECK(d["TotalVatAmount"].text() == "102.38");
  CHECK(d["TotalRoundings"].text() == "0.0");
  CHECK(d["TotalAmountBaseCurrency"].text() == "923.2");
  CHECK(d.str("InvoiceCurrencyCode") == "SEK");
  CHECK(d.str("CustomerName") == "Anna Andersson");
  CHECK(d.str("InvoiceCustomerName") == "Anna Andersson");
  CHECK(d.str("InvoiceAddress1") == "Sveavägen 12");
  CHECK(d.str("InvoiceCity") == "Stockholm");
  CHECK(d.str("CustomerNumber") == "1001");
  const auto& rows = d["Rows"].items();
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].str("Text") == "Kaffemugg vit 35 cl");
  CHECK(rows[0]["UnitPrice"].text() == "99.0");  // the gross price: the draft includes VAT
  CHECK(rows[0].str("ArticleNumber") == "MUG-001");
  CHECK(rows[0].str("UnitAbbreviation") == "st");
  CHECK(rows[0].integer_or("LineNumber", 0) == 1);
  CHECK(rows[3].flag("IsTextRow"));
  CHECK(rows[3].str("Text") == "Tack för din beställning!");
  CHECK(rows[3]["ArticleId"].is_null());

  // IncludesVat is read-only; YourReference and friends are kept.
  Json put = Docs::draft(t.anna, {t.row("LAMP-3", "1")});
  put.set("IncludesVat", Json::boolean(false));
  put.set("YourReference", Json::string("Woo #1042"));
  put.set("BuyersOrderReference", Json::string("wc_order_abc"));
  put.set("DeliveryAddress1", Json::string("Annan gata 3"));
  auto replaced = t.call("PUT", "/v2/customerinvoicedrafts/" + d.str("Id"), put.dump());
  REQUIRE(replaced.status == 200);
  auto r = body_of(replaced);
  CHECK(r.flag("IncludesVat"));
  CHECK(r.str("YourReference") == "Woo #1042");
  CHECK(r.str("BuyersOrderReference") == "wc_order_abc");
  CHECK(r.str("DeliveryAddress1") == "Annan gata 3");
  CHECK(r["TotalAmount"].text() == "499.0");
  CHECK(r["TotalVatAmount"].text() == "99.8");
  CHECK(r["Rows"].items()[0].str("Id") != rows[0].str("Id"));  // row ids change on every save
  CHECK(t.get("/v2/customerinvoicedrafts/" + d.str("Id")).str("YourReference") == "Woo #1042");
  auto buyers = t.get("/v2/customerinvoicedrafts?$filter=" + url_encode("BuyersOrderReference eq 'wc_order_abc'"));
  CHECK(buyers["Data"].items().size() == 1);
}

TEST_CASE("a company customer's draft excludes VAT; the company setting decides for private customers", "[visma][documents]") {
  Docs t;
  auto d = t.created("/v2/customerinvoicedrafts",
                     Docs::draft(t.company, {t.row("LAMP-3", "2", nullptr, "0.125"), t.row("SERVICE-INSTALL", "1.5"),
                                             t.row("TEA-12", "3"), t.row("MUG-001", "1", "79.99", "0.3333")}));
  CHECK_FALSE(d.flag("IncludesVat"));
  CHECK(d["Rows"].items()[0]["UnitPrice"].text() == "399.2");  // the net price
  CHECK(d["TotalVatAmount"].text() == "431.94");
  CHECK(d["TotalAmount"].text() == "2241.91");

  t.control_ok("POST", "/_sandbox/visma/company", R"({"ShowPricesExclVatPC": true})");
  auto excl = t.created("/v2/customerinvoicedrafts", Docs::draft(t.anna, {t.row("MUG-001", "1")}));
  CHECK_FALSE(excl.flag("IncludesVat"));
  CHECK(excl["TotalAmount"].text() == "99.0");  // 79.20 + 19.80

  t.control_ok("POST", "/_sandbox/visma/company", R"({"ShowPricesExclVatPC": false, "DomesticCurrencyRounding": 1})");
  auto rounded = t.created("/v2/customerinvoicedrafts",
                           Docs::draft(t.company, {t.row("LAMP-3", "2", nullptr, "0.125"), t.row("SERVICE-INSTALL", "1.5"),
                                                   t.row("TEA-12", "3"), t.row("MUG-001", "1", "79.99", "0.3333")}));
  CHECK(rounded["TotalRoundings"].text() == "0.09");
  CHECK(rounded["TotalAmount"].text() == "2242.0");
}

TEST_CASE("row rules: decimals, discount range, article, cost centers", "[visma][documents][validation]") {
  Docs t;
  auto too_precise = t.call("POST", "/v2/customerinvoicedrafts", Docs::draft(t.company, {t.row("MUG-001", "1", "12.345")}).dump());
  CHECK(error_code(too_precise) == 2000);
  CHECK(message(too_precise).find("Rows[0].UnitPrice") != std::string::npos);

  auto foreign = t.created("/v2/customerinvoicedrafts", Docs::draft(t.nordic, {t.row("FOOD-7", "10", "12.3456")}));
  CHECK(foreign.str("InvoiceCurrencyCode") == "EUR");
  CHECK(foreign["TotalAmount"].text() == "138.28");
  CHECK(foreign["TotalVatAmount"].text() == "14.82");
  CHECK(foreign["TotalAmountBaseCurrency"].text() == "1590.22");
  CHECK(foreign["TotalVatAmountBaseCurrency"].text() == "170.43");
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", Docs::draft(t.nordic, {t.row("FOOD-7", "1", "1.23456")}).dump())) == 2000);

  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts",
                          Docs::draft(t.company, {t.row("MUG-001", "1", nullptr, "0.12345")}).dump())) == 2000);
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts",
                          Docs::draft(t.company, {t.row("MUG-001", "1", nullptr, "1.01")}).dump())) == 2000);
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", Docs::draft(t.company, {t.row("MUG-001", "1.234")}).dump())) == 2000);

  Json no_article = Docs::draft(t.company, {t.row("MUG-001", "1")});
  no_article.find("Rows")->items()[0].erase("ArticleId");
  auto r = t.call("POST", "/v2/customerinvoicedrafts", no_article.dump());
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("Rows[0].ArticleId") != std::string::npos);

  Json unknown = Docs::draft(t.company, {t.row("MUG-001", "1")});
  unknown.find("Rows")->items()[0].set("ArticleId", Json::string("11111111-2222-4333-8444-555555555555"));
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", unknown.dump())) == 3000);
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", Docs::draft("11111111-2222-4333-8444-555555555555", {}).dump())) == 3000);
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", Docs::draft(t.company, {t.row("BAG-01", "1")}).dump())) == 2000);

  Json missing_required = Docs::draft(t.company, {t.row("MUG-001", "1")});
  missing_required.erase("EuThirdParty");
  missing_required.find("Rows")->items()[0].erase("IsTextRow");
  r = t.call("POST", "/v2/customerinvoicedrafts", missing_required.dump());
  CHECK(message(r).find("EuThirdParty: The EuThirdParty field is required.") != std::string::npos);
  CHECK(message(r).find("Rows[0].IsTextRow: The IsTextRow field is required.") != std::string::npos);

  Json long_ref = Docs::draft(t.company, {t.row("MUG-001", "1")});
  long_ref.set("BuyersOrderReference", Json::string(std::string(36, 'x')));
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", long_ref.dump())) == 2000);

  Json shop = Docs::draft(t.company, {t.row("MUG-001", "1")});
  shop.find("Rows")->items()[0].set("CostCenterItemId1", Json::string(t.web));
  CHECK(t.created("/v2/customerinvoicedrafts", shop)["Rows"].items()[0].str("CostCenterItemId1") == t.web);
  shop.find("Rows")->items()[0].set("CostCenterItemId1", Json::string(t.closed));
  auto inactive = t.call("POST", "/v2/customerinvoicedrafts", shop.dump());
  CHECK(inactive.status == 400);
  CHECK(error_code(inactive) == 5006);
  shop.find("Rows")->items()[0].erase("CostCenterItemId1");
  shop.find("Rows")->items()[0].set("CostCenterItemId2", Json::string(t.web));
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", shop.dump())) == 2000);
  shop.find("Rows")->items()[0].set("CostCenterItemId2", Json::string("11111111-2222-4333-8444-555555555555"));
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", shop.dump())) == 3000);

  // A cost center item switched off in Visma's UI starts failing.
  Json again = Docs::draft(t.company, {t.row("MUG-001", "1")});
  again.find("Rows")->items()[0].set("CostCenterItemId1", Json::string(t.web));
  t.control_ok("POST", "/_sandbox/visma/cost-center-items/" + t.web + "/active", R"({"IsActive": false})");
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts", again.dump())) == 5006);
}

TEST_CASE("converting a draft books an invoice and removes the draft", "[visma][documents][convert]") {
  Docs t;
  auto d = t.private_draft();
  const std::string draft_id = d.str("Id");

  auto refused = t.call("POST", "/v2/customerinvoicedrafts/" + draft_id + "/convert", R"({"TotalAmountInvoiceCurrency": 923.21})");
  CHECK(error_code(refused) == 2000);
  CHECK(t.call("GET", "/v2/customerinvoicedrafts/" + draft_id).status == 200);

  auto converted = t.call("POST", "/v2/customerinvoicedrafts/" + draft_id + "/convert",
                          R"({"TotalAmountInvoiceCurrency": 923.20, "TotalVatAmountInvoiceCurrency": 102.38,
                              "Rows": [{"LineNumber": 1, "TotalAmountNoVatInvoiceCurrency": 237.6, "TotalAmountIncVatInvoiceCurrency": 297}]})");
  INFO(converted.body);
  REQUIRE(converted.status == 201);
  auto inv = body_of(converted);
  CHECK(inv.str("CreatedFromDraftId") == draft_id);
  CHECK(inv.integer_or("InvoiceNumber", 0) == 1);
  CHECK(inv.str("InvoiceDate") == "2026-03-10T00:00:00");
  CHECK(inv.str("DueDate") == "2026-03-10T00:00:00");  // Anna pays by card: 0 days
  CHECK(inv["TotalAmount"].text() == "923.2");
  CHECK(inv["TotalAmountInvoiceCurrency"].text() == "923.2");
  CHECK(inv["TotalVatAmount"].text() == "102.38");
  CHECK(inv["RemainingAmount"].text() == "923.2");
  CHECK(inv.integer_or("PaymentStatus", -1) == 1);
  CHECK(inv.str("CurrencyCode") == "SEK");
  CHECK(inv.flag("IncludesVat"));
  const auto& rows = inv["Rows"].items();
  REQUIRE(rows.size() == 6);
  CHECK(rows[0]["AmountNoVat"].text() == "237.6");
  CHECK(rows[0]["PercentVat"].text() == "0.25");
  CHECK(rows[3].flag("IsTextRow"));
  const auto& spec = inv["VatSpecification"].items();
  REQUIRE(spec.size() == 4);
  CHECK(spec[3]["VatPercent"].text() == "0.25");
  CHECK(spec[3]["AmountInvoiceCurrency"].text() == "276.8");
  CHECK(spec[3]["VatAmountInvoiceCurrency"].text() == "69.2");
  CHECK(t.call("GET", "/v2/customerinvoicedrafts/" + draft_id).status == 404);
  CHECK(t.stock("MUG-001") == "117.0");   // invoiced goods leave the stock
  CHECK(t.stock("STAMP-10") == "39.0");
  CHECK(t.call("POST", "/v2/customerinvoicedrafts/" + draft_id + "/convert").status == 404);
}

TEST_CASE("invoices: direct POST, dates, terms, locked period", "[visma][documents]") {
  Docs t;
  Json body = Json::object();
  body.set("CustomerId", Json::string(t.company));
  body.set("EuThirdParty", Json::boolean(false));
  body.set("RotReducedInvoicingType", Json::integer(0));
  body.set("YourReference", Json::string("Woo #7"));
  Json r1 = t.row("LAMP-3", "1");
  r1.erase("IsTextRow");
  Json r2 = Json::object();
  r2.set("Text", Json::string("Fritext"));
  body.set("Rows", Json::array({r1, r2}));
  auto inv = t.created("/v2/customerinvoices", body);
  CHECK(inv.str("DueDate") == "2026-04-09T00:00:00");  // 30 days net
  CHECK(inv["TotalAmount"].text() == "499.0");
  CHECK(inv["Rows"].items()[1].flag("IsTextRow"));
  CHECK(inv.str("YourReference") == "Woo #7");
  CHECK(t.stock("LAMP-3") == "13.0");

  Json missing_rows = body;
  missing_rows.erase("Rows");
  CHECK(error_code(t.call("POST", "/v2/customerinvoices", missing_rows.dump())) == 2000);

  t.control_ok("POST", "/_sandbox/visma/accounting-lock", R"({"locked_to": "2026-03-31"})");
  auto locked = t.call("POST", "/v2/customerinvoices", body.dump());
  CHECK(locked.status == 400);
  CHECK(error_code(locked) == 4026);
  Json later = body;
  later.set("InvoiceDate", Json::string("2026-04-01"));
  CHECK(t.call("POST", "/v2/customerinvoices", later.dump()).status == 201);
  auto draft = t.private_draft();
  CHECK(error_code(t.call("POST", "/v2/customerinvoicedrafts/" + draft.str("Id") + "/convert")) == 4026);
  t.control_ok("POST", "/_sandbox/visma/accounting-lock", R"({"locked_to": null})");
  CHECK(t.call("POST", "/v2/customerinvoicedrafts/" + draft.str("Id") + "/convert").status == 201);
}

TEST_CASE("payments settle invoices; overdue invoices show it", "[visma][documents][payments]") {
  Docs t;
  auto d = t.created("/v2/customerinvoicedrafts", Docs::draft(t.company, {t.row("LAMP-3", "1")}));
  auto inv = body_of(t.call("POST", "/v2/customerinvoicedrafts/" + d.str("Id") + "/convert"));
  const std::string id = inv.str("Id");
  CHECK(inv["TotalAmount"].text() == "499.0");
  auto pay = [&](const std::string& amount, int type, const std::string& date = "2026-03-10", const std::string& currency = "SEK") {
    Json p = Json::object();
    p.set("CompanyBankAccountId", Json::string(t.bank));
    p.set("PaymentDate", Json::string(date));
    p.set("PaymentAmount", Json::number_text(amount));
    p.set("PaymentCurrency", Json::string(currency));
    p.set("PaymentType", Json::integer(type));
    return t.call("POST", "/v2/customerinvoices/" + id + "/payments", p.dump());
  };
  CHECK(error_code(pay("100", 1, "2026-03-11")) == 4023);
  CHECK(error_code(pay("100", 1, "2026-03-10", "EUR")) == 2000);
  CHECK(error_code(pay("100", 2)) == 2000);    // a complete payment must settle it
  CHECK(error_code(pay("600", 1)) == 2000);    // more than is owed
  auto partial = pay("100", 1);
  REQUIRE(partial.status == 201);
  CHECK(body_of(partial)["PaymentAmount"].text() == "100.0");
  CHECK(t.get("/v2/customerinvoices/" + id)["RemainingAmount"].text() == "399.0");
  CHECK(t.get("/v2/customerinvoices/" + id).integer_or("PaymentStatus", -1) == 1);

  t.pass(std::chrono::hours(24 * 31));
  CHECK(t.get("/v2/customerinvoices/" + id).integer_or("PaymentStatus", -1) == 2);  // overdue
  t.control_ok("POST", "/_sandbox/visma/accounting-lock", R"({"locked_to": "2026-03-31"})");
  CHECK(error_code(pay("399", 2, "2026-03-31")) == 4026);
  REQUIRE(pay("398.80", 3, "2026-04-10").status == 201);  // rounding settles the rest
  auto paid = t.get("/v2/customerinvoices/" + id);
  CHECK(paid["RemainingAmount"].text() == "0.0");
  CHECK(paid.integer_or("PaymentStatus", -1) == 0);
  CHECK(paid.str("PaymentDate") == "2026-04-10T00:00:00");
  CHECK(error_code(pay("1", 1, "2026-04-10")) == 4002);

  Json bad_bank = Json::object();
  bad_bank.set("CompanyBankAccountId", Json::string("11111111-2222-4333-8444-555555555555"));
  bad_bank.set("PaymentDate", Json::string("2026-04-10"));
  bad_bank.set("PaymentAmount", Json::number_text("1"));
  bad_bank.set("PaymentCurrency", Json::string("SEK"));
  bad_bank.set("PaymentType", Json::integer(1));
  CHECK(error_code(t.call("POST", "/v2/customerinvoices/" + id + "/payments", bad_bank.dump())) == 3000);
  CHECK(t.call("POST", "/v2/customerinvoices/11111111-2222-4333-8444-555555555555/payments", bad_bank.dump()).status == 404);
}

TEST_CASE("sales orders: totals, reserved stock, ship, convert, locked once invoiced", "[visma][documents][orders]") {
  Docs t;
  Json body = t.order(t.anna, {t.row("MUG-001", "2"), t.row("TSHIRT-M", "1")});
  body.set("RoundingsAmount", Json::number_text("0.20"));
  body.set("YourReference", Json::string("Woo #99"));
  auto o = t.created("/v2/orders", body);
  CHECK(o.integer_or("Number", 0) == 1);
  CHECK(o.integer_or("Status", 0) == 2);
  CHECK(o.flag("IncludesVat"));
  CHECK(o["Amount"].text() == "397.0");
  CHECK(o["VatAmount"].text() == "79.4");
  CHECK(o["RoundingsAmount"].text() == "0.2");
  CHECK(o["Rows"].items()[0]["Amount"].text() == "198.0");
  CHECK(o["DeliveredAmount"].text() == "0.0");
  const std::string id = o.str("Id");

  auto mug = t.get("/v2/articles/" + t.article_id("MUG-001"));
  CHECK(mug["StockBalanceReserved"].text() == "2.0");
  CHECK(mug["StockBalanceAvailable"].text() == "118.0");
  CHECK(*parse_timestamp(mug.str("ChangedUtc")) > at("2026-03-10T09:00:00Z"));

  CHECK(t.get("/v2/orders?$filter=" + url_encode("YourReference eq 'Woo #99'"))["Data"].items().size() == 1);
  CHECK(t.get("/v2/orders?$filter=" + url_encode("Status eq 2 and ModifiedUtc ge 2026-03-10T09:00:00Z"))["Data"].items().size() == 1);

  Json invoiced = body;
  invoiced.set("Status", Json::integer(4));
  CHECK(error_code(t.call("PUT", "/v2/orders/" + id, invoiced.dump())) == 2000);

  t.pass(std::chrono::hours(2));
  auto shipped = t.control_ok("POST", "/_sandbox/visma/orders/1/ship", R"({"date": "2026-03-10"})");
  CHECK(shipped.integer_or("Status", 0) == 3);
  CHECK(shipped.str("ShippedDateTime") == "2026-03-10T00:00:00");
  CHECK(shipped["Rows"].items()[0]["DeliveredQuantity"].text() == "2.0");
  CHECK(shipped["DeliveredAmount"].text() == "397.0");
  CHECK(shipped.str("ModifiedUtc").starts_with("2026-03-10T11:00:00"));
  CHECK(t.stock("MUG-001") == "118.0");
  CHECK(t.get("/v2/articles/" + t.article_id("MUG-001"))["StockBalanceReserved"].text() == "0.0");
  CHECK(error_code(t.call("PUT", "/v2/orders/" + id, body.dump())) == 2000);

  auto converted = t.call("POST", "/v2/orders/" + id + "/convert");
  REQUIRE(converted.status == 200);
  auto inv = body_of(converted);
  CHECK(inv.str("CreatedFromOrderId") == id);
  CHECK(inv.str("YourReference") == "Woo #99");
  CHECK(inv["TotalAmount"].text() == "397.0");
  CHECK(t.stock("MUG-001") == "118.0");  // the goods left when the order shipped
  CHECK(t.get("/v2/orders/" + id).integer_or("Status", 0) == 4);
  CHECK(error_code(t.call("POST", "/v2/orders/" + id + "/convert")) == 2000);
  CHECK(error_code(t.call("PUT", "/v2/orders/" + id, body.dump())) == 2000);
  CHECK(error_code(t.call("DELETE", "/v2/orders/" + id)) == 4001);

  // An order invoiced without shipping takes the goods out when invoiced; POSTing Status 3 ships.
  auto direct = t.created("/v2/orders", t.order(t.company, {t.row("LAMP-3", "2")}));
  t.control_ok("POST", "/_sandbox/visma/orders/" + direct.str("Id") + "/invoice");
  CHECK(t.stock("LAMP-3") == "12.0");
  auto ship_on_post = t.created("/v2/orders", t.order(t.company, {t.row("LAMP-3", "1")}, 3));
  CHECK(ship_on_post.integer_or("Status", 0) == 3);
  CHECK(ship_on_post.str("ShippedDateTime") == "2026-03-10T00:00:00");
  CHECK(t.stock("LAMP-3") == "11.0");

  auto draft_order = t.created("/v2/orders", t.order(t.company, {t.row("LAMP-3", "1")}, 1));
  CHECK(t.call("DELETE", "/v2/orders/" + draft_order.str("Id")).status == 200);
  CHECK(t.call("GET", "/v2/orders/" + draft_order.str("Id")).status == 404);
}

TEST_CASE("orders need the order module", "[visma][documents][orders]") {
  Docs t;
  t.control_ok("POST", "/_sandbox/visma/company/modules", R"({"deactivate": ["sales_standard"]})");
  auto r = t.call("POST", "/v2/orders", t.order(t.anna, {t.row("MUG-001", "1")}).dump());
  CHECK(r.status == 403);
  CHECK(error_code(r) == 4002);
  CHECK(message(r) == "No access to module: sales_standard");
  CHECK(error_code(t.call("GET", "/v2/orders")) == 4002);
  CHECK(t.call("GET", "/v2/customerinvoices").status == 200);
  t.control_ok("POST", "/_sandbox/visma/company/modules", R"({"activate": ["sales_standard"]})");
  CHECK(t.call("POST", "/v2/orders", t.order(t.anna, {t.row("MUG-001", "1")}).dump()).status == 201);
  t.control_ok("POST", "/_sandbox/visma/company/modules", R"({"deactivate": ["api_standard"]})");
  CHECK(body_of(t.call("GET", "/v2/units")).str("DeveloperErrorMessage") == "No access to module: api_standard");
}

TEST_CASE("credit and void, and invoices by modifiedSinceUtc", "[visma][documents]") {
  Docs t;
  auto d1 = t.created("/v2/customerinvoicedrafts", Docs::draft(t.company, {t.row("LAMP-3", "1")}));
  auto inv = body_of(t.call("POST", "/v2/customerinvoicedrafts/" + d1.str("Id") + "/convert"));
  t.pass(std::chrono::hours(1));
  auto d2 = t.created("/v2/customerinvoicedrafts", Docs::draft(t.anna, {t.row("MUG-001", "1")}));
  auto second = body_of(t.call("POST", "/v2/customerinvoicedrafts/" + d2.str("Id") + "/convert"));

  auto since = t.get("/v2/customerinvoices?modifiedSinceUtc=2026-03-10T09:30:00Z");
  REQUIRE(since["Data"].items().size() == 1);
  CHECK(since["Data"].items()[0].str("Id") == second.str("Id"));

  t.pass(std::chrono::hours(1));
  auto credit = t.control_ok("POST", "/_sandbox/visma/invoices/" + inv.str("Id") + "/credit");
  CHECK(credit.flag("IsCreditInvoice"));
  CHECK(credit["TotalAmount"].text() == "-499.0");
  CHECK(credit["Rows"].items()[0]["Quantity"].text() == "-1.0");
  CHECK(credit.str("ReferringInvoiceId") == inv.str("Id"));
  CHECK(credit["CreatedFromDraftId"].is_null());
  CHECK(credit["RemainingAmount"].text() == "0.0");
  auto original = t.get("/v2/customerinvoices/" + inv.str("Id"));
  REQUIRE(original["CreditedBy"].items().size() == 1);
  CHECK(original["CreditedBy"].items()[0].str("CreditInvoiceId") == credit.str("Id"));
  CHECK(original["RemainingAmount"].text() == "0.0");
  CHECK(original.integer_or("PaymentStatus", -1) == 0);
  CHECK(t.get("/v2/customerinvoices?modifiedSinceUtc=2026-03-10T10:30:00Z")["Data"].items().size() == 2);
  CHECK(t.control("POST", "/_sandbox/visma/invoices/" + inv.str("Id") + "/credit").status == 400);

  // Credit after payment: the customer is owed the money.
  t.control_ok("POST", "/_sandbox/visma/invoices/" + second.str("Id") + "/pay");
  auto refund = t.control_ok("POST", "/_sandbox/visma/invoices/2/credit");
  CHECK(refund["RemainingAmount"].text() == "-99.0");

  t.control_ok("POST", "/_sandbox/visma/invoices/" + second.str("Id") + "/void");
  CHECK(t.call("GET", "/v2/customerinvoices/" + second.str("Id")).status == 404);
  CHECK(t.control("POST", "/_sandbox/visma/invoices/" + second.str("Id") + "/void").status == 404);
}
