#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "connectors/visma/wire_json.hpp"
#include "tests/support/checks.hpp"
#include "tests/unit/test_visma_support.hpp"

using namespace wv;
using wv::testing::dec;
using wv::testing::page_body;
using wv::testing::VismaHarness;

namespace {

Date day(const char* s) { return *parse_date(s); }

// A parsed request body with numbers kept as their text, so tests see exactly what was sent.
struct Body {
  rapidjson::Document doc;
  explicit Body(const std::string& text) {
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    // Numbers must be JSON numbers, not strings: parse once more without the flag.
    rapidjson::Document typed;
    typed.Parse(text.c_str());
    REQUIRE_FALSE(typed.HasParseError());
  }
  const rapidjson::Value& root() const { return doc; }
};

bool has(const rapidjson::Value& v, const char* name) { return v.HasMember(name); }
std::string raw(const rapidjson::Value& v, const char* name) {
  REQUIRE(v.HasMember(name));
  REQUIRE(v[name].IsString());
  return v[name].GetString();
}

SalesDocument sample_draft() {
  SalesDocument d;
  d.kind = DocumentKind::InvoiceDraft;
  d.customer_id = "c0ffee00-0000-4000-8000-000000000001";
  d.currency_code = "SEK";
  d.date = day("2026-03-01");
  d.your_reference = "Woo #1042";
  d.buyers_order_reference = "1042";
  d.invoice_city = "Malmö";  // read-only on drafts: must not be sent
  d.delivery_customer_name = "Åsa Öberg";
  d.delivery_address1 = "Storgatan 1";
  d.delivery_city = "Malmö";
  d.delivery_postal_code = "211 34";
  d.delivery_country_code = "SE";
  SalesRow mug;
  mug.article_id = "a0000000-0000-4000-8000-000000000001";
  mug.text = "Mugg \"Kaffe\"";
  mug.quantity = dec("3");
  mug.unit_price = dec("199.99");
  mug.discount_percentage = dec("12.5");
  mug.cost_center_item_id1 = "cc000000-0000-4000-8000-000000000001";
  SalesRow note;
  note.is_text_row = true;
  note.text = "Betald med Klarna";
  SalesRow shipping;
  shipping.article_id = "a0000000-0000-4000-8000-000000000002";
  shipping.quantity = dec("1");
  shipping.unit_price = dec("49");
  d.rows = {mug, note, shipping};
  return d;
}

std::string created_draft_answer() {
  return R"({"Id":"d0000000-0000-4000-8000-000000000001","CustomerId":"c0ffee00-0000-4000-8000-000000000001",
    "InvoiceCurrencyCode":"SEK","IncludesVat":true,"InvoiceDate":"2026-03-01T00:00:00","EuThirdParty":false,
    "RotReducedInvoicingType":0,"TotalAmount":573.97,"TotalVatAmount":114.79,"TotalRoundings":0.03,
    "Rows":[{"LineNumber":1,"ArticleId":"a0000000-0000-4000-8000-000000000001","ArticleNumber":"MUG","IsTextRow":false,
      "Text":"Mugg","UnitPrice":199.99,"DiscountPercentage":0.125,"Quantity":3,"ReversedConstructionServicesVatFree":false},
      {"LineNumber":2,"IsTextRow":true,"Text":"Betald med Klarna","ReversedConstructionServicesVatFree":false}]})";
}

}  // namespace

TEST_CASE("An invoice draft is sent with exact decimals and Visma's required fields", "[visma][wire]") {
  VismaHarness h;
  std::string sent;
  h.route([&](const HttpRequest& r) {
    sent = r.body;
    return VismaHarness::json(201, created_draft_answer());
  });
  auto created = h.client->create_invoice_draft(sample_draft());
  REQUIRE(created);
  const auto requests = h.http.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].url == "https://api.test/v2/customerinvoicedrafts");
  CHECK_FALSE(requests[0].idempotent);

  Body body(sent);
  const auto& b = body.root();
  CHECK(raw(b, "CustomerId") == "c0ffee00-0000-4000-8000-000000000001");
  CHECK(raw(b, "RotReducedInvoicingType") == "0");
  CHECK(b["EuThirdParty"].IsBool());
  CHECK_FALSE(b["EuThirdParty"].GetBool());
  CHECK_FALSE(b["ReplaceUnitPriceWhenZero"].GetBool());
  CHECK(raw(b, "InvoiceDate") == "2026-03-01");
  CHECK(raw(b, "YourReference") == "Woo #1042");
  CHECK(raw(b, "DeliveryCustomerName") == "Åsa Öberg");
  // Read-only on drafts: never sent.
  for (const char* ro : {"InvoiceCity", "InvoiceCurrencyCode", "IncludesVat", "TotalAmount", "Id", "CustomerNumber",
                         "InvoiceCustomerName", "TermsOfPaymentId"}) {
    INFO(ro);
    CHECK_FALSE(has(b, ro));
  }
  const auto& rows = b["Rows"];
  REQUIRE(rows.Size() == 3);
  CHECK(raw(rows[0], "LineNumber") == "1");
  CHECK_FALSE(rows[0]["IsTextRow"].GetBool());
  CHECK_FALSE(rows[0]["ReversedConstructionServicesVatFree"].GetBool());
  CHECK(raw(rows[0], "UnitPrice") == "199.99");
  CHECK(raw(rows[0], "Quantity") == "3");
  CHECK(raw(rows[0], "DiscountPercentage") == "0.125");  // 12.5 % as Visma's fraction
  CHECK(raw(rows[0], "Text") == "Mugg \"Kaffe\"");
  CHECK(raw(rows[0], "CostCenterItemId1") == "cc000000-0000-4000-8000-000000000001");
  CHECK_FALSE(has(rows[0], "CostCenterItemId2"));
  CHECK_FALSE(has(rows[0], "ArticleNumber"));
  CHECK(rows[1]["IsTextRow"].GetBool());
  CHECK(has(rows[1], "ReversedConstructionServicesVatFree"));
  CHECK(raw(rows[1], "Text") == "Betald med Klarna");
  CHECK_FALSE(has(rows[1], "ArticleId"));
  CHECK_FALSE(has(rows[1], "UnitPrice"));
  CHECK(raw(rows[2], "UnitPrice") == "49");
  CHECK_FALSE(has(rows[2], "DiscountPercentage"));
  // The numbers are written as JSON numbers with exactly this text.
  CHECK(sent.find(R"("UnitPrice":199.99)") != std::string::npos);
  CHECK(sent.find(R"("DiscountPercentage":0.125)") != std::string::npos);

  // What Visma answered comes back exact.
  CHECK(created->id == "d0000000-0000-4000-8000-000000000001");
  CHECK(created->kind == DocumentKind::InvoiceDraft);
  CHECK(created->total_amount == dec("573.97"));
  CHECK(created->total_vat_amount == dec("114.79"));
  CHECK(created->total_roundings == dec("0.03"));
  CHECK(created->includes_vat);
  CHECK(created->currency_code == "SEK");
  REQUIRE(created->rows.size() == 2);
  CHECK(created->rows[0].discount_percentage == dec("12.5"));
  CHECK(created->rows[0].unit_price == dec("199.99"));
  CHECK(created->rows[1].is_text_row);
}

TEST_CASE("A sales order is sent with its required fields and 4-decimal foreign prices", "[visma][wire]") {
  VismaHarness h;
  std::string sent;
  h.route([&](const HttpRequest& r) {
    sent = r.body;
    return VismaHarness::json(201, R"({"Id":"o1","Number":1042,"CustomerId":"c1","CurrencyCode":"EUR","OrderDate":"2026-03-01",
      "Status":2,"Amount":61.7280,"VatAmount":15.43,"RoundingsAmount":0,"ModifiedUtc":"2026-03-02T09:00:01.1234567",
      "Rows":[{"LineNumber":1,"ArticleId":"a1","IsTextRow":false,"IsWorkCost":false,"EligibleForReverseChargeOnVat":false,
        "UnitPrice":12.3456,"Quantity":5,"DeliveredQuantity":0,"Amount":61.73}]})");
  });
  SalesDocument o;
  o.kind = DocumentKind::SalesOrder;
  o.customer_id = "c1";
  o.currency_code = "EUR";
  o.date = day("2026-03-01");
  o.order_status = SalesOrderStatus::Ongoing;
  o.invoice_city = "Berlin";
  SalesRow r;
  r.article_id = "a1";
  r.article_number = "SKU-1";
  r.quantity = dec("2.5");
  r.unit_price = dec("12.3456");
  r.discount_percentage = dec("33.33");
  SalesRow t;
  t.is_text_row = true;
  t.text = "Gift wrap";
  o.rows = {r, t};
  auto created = h.client->create_sales_order(o);
  REQUIRE(created);
  CHECK(h.http.requests()[0].url == "https://api.test/v2/orders");

  Body body(sent);
  const auto& b = body.root();
  CHECK(raw(b, "CurrencyCode") == "EUR");
  CHECK(raw(b, "OrderDate") == "2026-03-01");
  CHECK(raw(b, "Status") == "2");
  CHECK_FALSE(b["ReverseChargeOnConstructionServices"].GetBool());
  CHECK(raw(b, "RotReducedInvoicingType") == "0");
  CHECK(has(b, "EuThirdParty"));
  CHECK(raw(b, "InvoiceCity") == "Berlin");
  for (const char* ro : {"Amount", "VatAmount", "Number", "Id", "IncludesVat", "ModifiedUtc"}) {
    INFO(ro);
    CHECK_FALSE(has(b, ro));
  }
  const auto& rows = b["Rows"];
  REQUIRE(rows.Size() == 2);
  for (rapidjson::SizeType i = 0; i < rows.Size(); ++i) {
    CHECK(raw(rows[i], "LineNumber") == std::to_string(i + 1));
    CHECK(has(rows[i], "IsTextRow"));
    CHECK_FALSE(rows[i]["IsWorkCost"].GetBool());
    CHECK_FALSE(rows[i]["EligibleForReverseChargeOnVat"].GetBool());
  }
  CHECK(raw(rows[0], "UnitPrice") == "12.3456");
  CHECK(raw(rows[0], "Quantity") == "2.5");
  CHECK(raw(rows[0], "DiscountPercentage") == "0.3333");
  CHECK(raw(rows[0], "ArticleNumber") == "SKU-1");
  CHECK_FALSE(has(rows[0], "Amount"));
  CHECK(raw(rows[1], "Text") == "Gift wrap");

  CHECK(created->number == "1042");
  CHECK(created->order_status == SalesOrderStatus::Ongoing);
  CHECK(created->total_amount == dec("61.728"));
  CHECK(created->rows[0].amount == dec("61.73"));
  CHECK(format_timestamp(*created->modified_utc) == "2026-03-02T09:00:01.123Z");
}

TEST_CASE("A direct invoice sends rows without the fields read-only there", "[visma][wire]") {
  VismaHarness h;
  std::string sent;
  h.route([&](const HttpRequest& r) {
    sent = r.body;
    return VismaHarness::json(201, R"({"Id":"i1","InvoiceNumber":5001,"CustomerId":"c1","CurrencyCode":"SEK",
      "TotalAmount":250,"TotalAmountInvoiceCurrency":250,"TotalVatAmount":50,"RemainingAmount":250,"PaymentStatus":1,"Rows":[]})");
  });
  SalesDocument inv = sample_draft();
  inv.kind = DocumentKind::Invoice;
  inv.terms_of_payment_id = "t1";
  auto created = h.client->create_invoice(inv);
  REQUIRE(created);
  Body body(sent);
  const auto& b = body.root();
  CHECK(raw(b, "InvoiceCity") == "Malmö");
  CHECK(raw(b, "TermsOfPaymentId") == "t1");
  const auto& rows = b["Rows"];
  REQUIRE(rows.Size() == 3);
  CHECK_FALSE(has(rows[0], "IsTextRow"));
  CHECK_FALSE(has(rows[0], "LineNumber"));
  CHECK(raw(rows[1], "Text") == "Betald med Klarna");
  CHECK_FALSE(has(rows[1], "ArticleId"));
  CHECK(created->number == "5001");
  CHECK(created->remaining_amount == dec("250"));
  CHECK(created->payment_status == 1);

  // A kind mismatch is a programming error, caught before sending.
  auto wrong = h.client->create_invoice(sample_draft());
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().kind == ErrorKind::Internal);
}

TEST_CASE("Client-side validation names the field and the limit, and sends nothing", "[visma][wire]") {
  struct Case {
    std::function<void(SalesDocument&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](SalesDocument& d) { d.your_reference = std::string(101, 'x'); },
       "invoice draft: YourReference is 101 characters; Visma allows at most 100"},
      {[](SalesDocument& d) { d.buyers_order_reference = std::string(36, '1'); },
       "invoice draft: BuyersOrderReference is 36 characters; Visma allows at most 35"},
      {[](SalesDocument& d) { d.rows[0].unit_price = dec("199.995"); },
       "invoice draft row 1: UnitPrice 199.995 has more than 2 decimals (Visma allows 2 for SEK)"},
      {[](SalesDocument& d) {
         d.currency_code = "EUR";
         d.rows[0].unit_price = dec("1.23456");
       },
       "invoice draft row 1: UnitPrice 1.23456 has more than 4 decimals (Visma allows 4 for EUR)"},
      {[](SalesDocument& d) { d.rows[0].discount_percentage = dec("12.345"); },
       "invoice draft row 1: DiscountPercentage 12.345 % has more than 2 decimals"},
      {[](SalesDocument& d) { d.rows[0].discount_percentage = dec("150"); },
       "invoice draft row 1: DiscountPercentage 150 % is outside 0..100"},
      {[](SalesDocument& d) { d.rows[0].quantity = dec("1.005"); },
       "invoice draft row 1: Quantity 1.005 has more than 2 decimals"},
      {[](SalesDocument& d) { d.rows[2].article_id.clear(); },
       "invoice draft row 3: ArticleId is required by Visma but empty"},
      {[](SalesDocument& d) { d.rows[1].text = std::string(2001, 'a'); },
       "invoice draft row 2: Text is 2001 characters; Visma allows at most 2000"},
      {[](SalesDocument& d) { d.customer_id.clear(); }, "invoice draft: CustomerId is required by Visma but empty"},
      {[](SalesDocument& d) { d.delivery_postal_code = "12345678901"; },
       "invoice draft: DeliveryPostalCode is 11 characters; Visma allows at most 10"},
      {[](SalesDocument& d) { d.our_reference = "bad \xC3\x28 utf8"; }, "invoice draft: OurReference is not valid UTF-8"},
  };
  for (const auto& c : cases) {
    INFO(c.message);
    VismaHarness h;
    h.route([](const HttpRequest&) { return VismaHarness::json(201, created_draft_answer()); });
    SalesDocument d = sample_draft();
    c.change(d);
    auto created = h.client->create_invoice_draft(d);
    REQUIRE_FALSE(created);
    CHECK(created.error().kind == ErrorKind::Rejected);
    CHECK(created.error().message.rfind(c.message, 0) == 0);
    CHECK(h.http.requests().empty());
  }

  // Limits count characters as Visma does (UTF-16 units), not bytes: 100 × "Ö" fits.
  VismaHarness h;
  h.route([](const HttpRequest&) { return VismaHarness::json(201, created_draft_answer()); });
  SalesDocument d = sample_draft();
  d.your_reference.clear();
  for (int i = 0; i < 100; ++i) d.your_reference += "Ö";
  CHECK(h.client->create_invoice_draft(d));

  // Orders: the required header fields.
  SalesDocument o = sample_draft();
  o.kind = DocumentKind::SalesOrder;
  auto no_status = h.client->create_sales_order(o);
  REQUIRE_FALSE(no_status);
  CHECK(no_status.error().message == "sales order: Status is required by Visma but not set");
  o.order_status = SalesOrderStatus::Draft;
  o.date.reset();
  auto no_date = h.client->create_sales_order(o);
  REQUIRE_FALSE(no_date);
  CHECK(no_date.error().message == "sales order: OrderDate is required by Visma but not set");

  // Articles and customers.
  Article a;
  a.number = std::string(41, 'S');
  a.name = "Mug";
  a.unit_id = "u";
  a.coding_id = "c";
  auto long_sku = h.client->create_article(a);
  REQUIRE_FALSE(long_sku);
  CHECK(long_sku.error().message.rfind("article SSSS", 0) == 0);
  CHECK(long_sku.error().message.find("Number is 41 characters; Visma allows at most 40") != std::string::npos);
  a.number = "SKU";
  a.net_price = dec("10.005");
  auto price = h.client->create_article(a);
  REQUIRE_FALSE(price);
  CHECK(price.error().message == "article SKU: NetPrice 10.005 has more than 2 decimals (Visma allows 2)");

  AccountingCustomer c;
  c.name = std::string(51, 'N');
  c.terms_of_payment_id = "t";
  c.invoice_city = "Lund";
  c.invoice_postal_code = "22100";
  auto name = h.client->create_customer(c);
  REQUIRE_FALSE(name);
  CHECK(name.error().message.find("Name is 51 characters; Visma allows at most 50") != std::string::npos);
  c.name = "Anna";
  c.invoice_city.clear();
  auto city = h.client->create_customer(c);
  REQUIRE_FALSE(city);
  CHECK(city.error().message == "customer Anna: InvoiceCity is required by Visma but empty");
  CHECK(h.http.requests().size() == 1);  // only the draft that fitted
}

TEST_CASE("A malformed answer to a create is an error that says the create probably happened", "[visma][wire]") {
  VismaHarness h;
  h.route([](const HttpRequest&) { return VismaHarness::json(201, R"({"CustomerId":"c1","TotalAmount":"lots"})"); });
  auto created = h.client->create_invoice_draft(sample_draft());
  REQUIRE_FALSE(created);
  CHECK(created.error().kind == ErrorKind::Internal);
  CHECK(created.error().ambiguous);
  CHECK(created.error().message.rfind("Visma sent an unexpected answer to POST /customerinvoicedrafts: Id is missing", 0) == 0);
}

TEST_CASE("Articles and customers parse from spec-shaped answers", "[visma][wire]") {
  VismaHarness h;
  h.route([](const HttpRequest& r) {
    if (r.url.find("/articles/") != std::string::npos) {
      return VismaHarness::json(200, R"({"Id":"9b3e2a57-0d0e-4cc2-9fd5-4dfe1d6f1a01","Number":"TSHIRT-RED-M","Name":"T-shirt röd M",
        "NameEnglish":"T-shirt red M","CodingId":"c1","CodingName":"Varor 25%","UnitId":"u1","UnitName":"Styck","UnitAbbreviation":"st",
        "IsActive":true,"IsStock":true,"IsServiceArticle":false,"NetPrice":199.2,"GrossPrice":249,"PurchasePrice":80.125,
        "StockBalance":12,"StockBalanceAvailable":10.5,"StockBalanceReserved":1.5,"CreatedUtc":"2024-01-02T03:04:05",
        "ChangedUtc":"2026-03-01T12:00:00.1270000Z","Barcodes":[{"Barcode":"7310000000001","BarcodeType":0}],"ArticleLabels":[]})");
    }
    return VismaHarness::json(200, page_body(R"({"Id":"c1","CustomerNumber":"1001","Name":"Anna Andersson","IsPrivatePerson":true,
        "IsActive":true,"EmailAddress":"anna@example.se","Telephone":"040-123","MobilePhone":"070-1","CorporateIdentityNumber":"",
        "VatNumber":null,"TermsOfPaymentId":"t1","TermsOfPayment":{"Id":"t1","Name":"30 dagar","NumberOfDays":30},
        "CurrencyCode":"SEK","InvoiceAddress1":"Storgatan 1","InvoiceAddress2":"","InvoiceCity":"Malmö","InvoicePostalCode":"211 34",
        "InvoiceCountryCode":"SE","DeliveryCustomerName":"Anna","DeliveryAddress1":"Lillgatan 2","DeliveryCity":"Lund",
        "DeliveryPostalCode":"222 22","DeliveryCountryCode":"SE","ContactPersonName":"Anna","Note":"VIP","WebshopCustomerNumber":77,
        "ChangedUtc":"2026-02-01T10:00:00","DiscountPercentage":0.05,"UnpaidInvoicesAmount":1234.5})",
                                             1, 1, 1));
  });
  auto article = h.client->get_article("9b3e2a57-0d0e-4cc2-9fd5-4dfe1d6f1a01");
  REQUIRE(article);
  REQUIRE(article->has_value());
  const Article& a = **article;
  CHECK(a.number == "TSHIRT-RED-M");
  CHECK(a.name == "T-shirt röd M");
  CHECK(a.is_stock);
  CHECK(a.net_price == dec("199.2"));
  CHECK(a.gross_price == dec("249"));
  CHECK(a.purchase_price == dec("80.125"));
  CHECK(a.stock_balance == dec("12"));
  CHECK(a.stock_balance_available == dec("10.5"));
  CHECK(a.stock_balance_reserved == dec("1.5"));
  CHECK(format_timestamp(*a.changed_utc) == "2026-03-01T12:00:00.127Z");
  CHECK(format_timestamp(*a.created_utc) == "2024-01-02T03:04:05Z");
  CHECK(h.http.requests()[0].url == "https://api.test/v2/articles/9b3e2a57-0d0e-4cc2-9fd5-4dfe1d6f1a01");

  auto customers = h.client->list_customers(odata::eq("EmailAddress", "anna@example.se"));
  REQUIRE(customers);
  REQUIRE(customers->items.size() == 1);
  const AccountingCustomer& c = customers->items[0];
  CHECK(c.customer_number == "1001");
  CHECK(c.email == "anna@example.se");
  CHECK(c.vat_number.empty());
  CHECK(c.invoice_city == "Malmö");
  CHECK(c.delivery_postal_code == "222 22");
  CHECK(c.webshop_customer_number == 77);
  CHECK(c.terms_of_payment_id == "t1");
}

TEST_CASE("Invoices, drafts and payments parse from spec-shaped answers", "[visma][wire]") {
  VismaHarness h;
  std::string payment_body;
  h.route([&](const HttpRequest& r) {
    if (r.url.find("/payments") != std::string::npos) {
      payment_body = r.body;
      return VismaHarness::json(201, R"({"CompanyBankAccountId":"b1","PaymentDate":"2026-03-02T00:00:00","PaymentAmount":1249.5,
        "PaymentCurrency":"SEK","PaymentType":2,"BankTransactionId":"x"})");
    }
    if (r.url.find("/convert") != std::string::npos) {
      return VismaHarness::json(201, R"({"Id":"i9","InvoiceNumber":10001,"CustomerId":"c1","CreatedFromDraftId":"d1","CurrencyCode":"SEK",
        "Rows":[{"ArticleId":"a1","IsTextRow":false,"LineNumber":1,"UnitPrice":100,"Quantity":1,"AmountNoVat":80,"PercentVat":0.25}]})");
    }
    if (r.method == "DELETE") return VismaHarness::json(200, "");
    return VismaHarness::json(200, R"({"Id":"i1","InvoiceNumber":10000,"CustomerId":"c1","CurrencyCode":"EUR","CurrencyRate":11.2,
      "IsCreditInvoice":false,"InvoiceDate":"2026-03-01T00:00:00","DueDate":"2026-03-31T00:00:00","TermsOfPaymentId":"t1",
      "TotalAmount":1399.44,"TotalAmountInvoiceCurrency":124.95,"TotalVatAmount":279.89,"TotalVatAmountInvoiceCurrency":24.99,
      "TotalRoundings":0.05,"RemainingAmount":0,"RemainingAmountInvoiceCurrency":0,"PaymentStatus":0,"PaymentDate":"2026-03-05T00:00:00",
      "CreditedBy":[{"CreditInvoiceId":"cr1"}],"CreatedFromOrderId":"o1","CreatedUtc":"2026-03-01T08:00:00","ModifiedUtc":"2026-03-05T09:30:00.5",
      "VatSpecification":[{"AmountInvoiceCurrency":99.96,"VatAmountInvoiceCurrency":24.99,"VatPercent":0.25},
                          {"AmountInvoiceCurrency":10,"VatAmountInvoiceCurrency":0,"VatPercent":0}],
      "Rows":[{"Id":"r1","ArticleId":"a1","ArticleNumber":"MUG","IsTextRow":false,"LineNumber":1,"Text":"Mug","UnitPrice":33.3333,
        "DiscountPercentage":0.1,"Quantity":3,"AmountNoVat":89.99,"PercentVat":0.25,"CostCenterItemId1":"cc1","ProjectId":"p1"},
        {"Id":"r2","IsTextRow":true,"LineNumber":2,"Text":"Thanks"}]})");
  });
  auto invoice = h.client->get_invoice("i1");
  REQUIRE(invoice);
  REQUIRE(invoice->has_value());
  const SalesDocument& i = **invoice;
  CHECK(i.kind == DocumentKind::Invoice);
  CHECK(i.number == "10000");
  CHECK(i.currency_code == "EUR");
  CHECK(i.total_amount == dec("124.95"));  // in the invoice's currency
  CHECK(i.total_vat_amount == dec("24.99"));
  CHECK(i.total_roundings == dec("0.05"));
  CHECK(i.remaining_amount == dec("0"));
  CHECK(i.payment_status == 0);
  CHECK(i.credited_by == std::vector<std::string>{"cr1"});
  CHECK(i.created_from_order_id == "o1");
  CHECK(format_date(*i.due_date) == "2026-03-31");
  REQUIRE(i.vat_specification.size() == 2);
  CHECK(i.vat_specification[0].vat_percent == dec("25"));
  CHECK(i.vat_specification[0].amount_excluding_vat == dec("99.96"));
  CHECK(i.vat_specification[1].vat_percent == dec("0"));
  REQUIRE(i.rows.size() == 2);
  CHECK(i.rows[0].unit_price == dec("33.3333"));
  CHECK(i.rows[0].discount_percentage == dec("10"));
  CHECK(i.rows[0].amount == dec("89.99"));
  CHECK(i.rows[0].cost_center_item_id1 == "cc1");
  CHECK(i.rows[1].is_text_row);

  ConvertDraftOptions keep;
  keep.keep_original_draft_date = true;
  auto converted = h.client->convert_invoice_draft("d1", keep);
  REQUIRE(converted);
  CHECK(converted->kind == DocumentKind::Invoice);
  CHECK(converted->created_from_draft_id == "d1");
  CHECK(converted->number == "10001");
  const auto requests = h.http.requests();
  CHECK(requests[1].url == "https://api.test/v2/customerinvoicedrafts/d1/convert?keepOriginalDraftDate=true");
  CHECK(requests[1].body == "{}");

  InvoicePayment p;
  p.company_bank_account_id = "b1";
  p.payment_date = day("2026-03-02");
  p.amount = dec("1249.50");
  p.currency = "SEK";
  p.payment_type = 2;
  auto paid = h.client->register_payment("i1", p);
  REQUIRE(paid);
  CHECK(paid->amount == dec("1249.5"));
  CHECK(format_date(paid->payment_date) == "2026-03-02");
  Body pb(payment_body);
  CHECK(raw(pb.root(), "PaymentAmount") == "1249.5");
  CHECK(raw(pb.root(), "PaymentDate") == "2026-03-02");
  CHECK(raw(pb.root(), "PaymentType") == "2");
  CHECK(h.http.requests().back().url == "https://api.test/v2/customerinvoices/i1/payments");

  REQUIRE(h.client->delete_invoice_draft("d/../x"));
  CHECK(h.http.requests().back().method == "DELETE");
  CHECK(h.http.requests().back().url == "https://api.test/v2/customerinvoicedrafts/d%2F..%2Fx");
}

TEST_CASE("A sales order converts into an invoice", "[visma][wire]") {
  VismaHarness h;
  h.route([](const HttpRequest&) {
    return VismaHarness::json(200, R"({"Id":"i5","InvoiceNumber":3,"CreatedFromOrderId":"o7","Rows":[]})");
  });
  auto invoice = h.client->convert_sales_order("o7");
  REQUIRE(invoice);
  CHECK(invoice->created_from_order_id == "o7");
  CHECK(h.http.requests()[0].method == "POST");
  CHECK(h.http.requests()[0].url == "https://api.test/v2/orders/o7/convert");
  CHECK_FALSE(h.http.requests()[0].idempotent);
}

TEST_CASE("Lookups parse from spec-shaped answers", "[visma][wire]") {
  VismaHarness h;
  h.route([](const HttpRequest& r) {
    const std::string& u = r.url;
    auto hit = [&](const char* s) { return u.find(s) != std::string::npos; };
    if (hit("/salespricelists/prices/pl9")) {
      return VismaHarness::json(404, R"({"ErrorCode":3000,"DeveloperErrorMessage":"Not found","ErrorId":"e"})");
    }
    if (hit("/units")) {
      return VismaHarness::json(200, page_body(R"({"Id":"u1","Name":"Styck","Code":"st","Abbreviation":"st","AbbreviationEnglish":"pcs"})", 1, 1, 1));
    }
    if (hit("/articleaccountcodings")) {
      return VismaHarness::json(200, page_body(R"({"Id":"ac1","Name":"Försäljning varor 25%","NameEnglish":"Sales 25%","Type":"Goods",
        "VatRate":"25%","VatRatePercent":0.25,"IsActive":true,"DomesticSalesSubjectToVatAccountNumber":3001,"ChangedUtc":"2020-01-01T00:00:00"},
        {"Id":"ac2","Name":"Böcker 6%","Type":"Goods","VatRate":"6%","VatRatePercent":6,"IsActive":false})", 1, 1, 2));
    }
    if (hit("/termsofpayments")) {
      return VismaHarness::json(200, page_body(R"({"Id":"t1","Name":"30 dagar netto","NameEnglish":"30 days","NumberOfDays":30,
        "TermsOfPaymentTypeId":0,"TermsOfPaymentTypeText":"Normal","AvailableForSales":true,"AvailableForPurchase":true})", 1, 1, 1));
    }
    if (hit("/costcenters")) {
      return VismaHarness::json(200, page_body(R"({"Id":"cc","Name":"Butik","Number":1,"IsActive":true,"Items":[
        {"Id":"i1","CostCenterId":"cc","Name":"Webbshop A","ShortName":"WEBA","IsActive":true,"CreatedUtc":"2024-01-01T00:00:00"},
        {"Id":"i2","CostCenterId":"cc","Name":"Webbshop B","ShortName":"WEBB","IsActive":false}]})", 1, 1, 1));
    }
    if (hit("/companysettings")) {
      return VismaHarness::json(200, R"({"Name":"Testbolaget AB","CorporateIdentityNumber":"556000-0000","CurrencyCode":"SEK",
        "ActivatedModules":["api_standard"],"ShowPricesExclVatPC":true,"KeepOriginalDraftDate":true,"UsesCostCenter":true,
        "ProductVariant":5,"Address1":"Gatan 1","City":"Lund","CountryCode":"SE","Phone":"1","PostalCode":"22100"})");
    }
    if (hit("/salespricelists/prices/pl1/a1")) {
      return VismaHarness::json(200, R"({"SalesPriceListId":"pl1","ArticleId":"a1","NetPrice":79.2,"GrossPrice":99,"CurrencyCode":"SEK",
        "ChangedUtc":"2026-02-28T23:00:00"})");
    }
    if (hit("/salespricelists/prices")) {
      return VismaHarness::json(200, page_body(R"({"SalesPriceListId":"pl1","ArticleId":"a1","NetPrice":79.2,"GrossPrice":99,"CurrencyCode":"SEK"},
        {"SalesPriceListId":"pl2","ArticleId":"a1","NetPrice":7.5,"GrossPrice":9.375,"CurrencyCode":"EUR"})", 1, 1, 2));
    }
    if (hit("/salespricelists/pl1")) {
      return VismaHarness::json(200, R"({"Id":"pl1","Name":"Kampanj","Number":2,"CurrencyCode":"SEK","IsStandard":false,"IsActive":true})");
    }
    if (hit("/salespricelists")) {
      return VismaHarness::json(200, page_body(R"({"Id":"pl0","Name":"Standard","Number":1,"CurrencyCode":"SEK","IsStandard":true,
        "IsActive":true,"ChangedUtc":"2026-01-01T00:00:00"})", 1, 1, 1));
    }
    return VismaHarness::json(404, "");
  });

  auto units = h.client->list_units();
  REQUIRE(units);
  REQUIRE(units->size() == 1);
  CHECK((*units)[0].abbreviation == "st");

  auto codings = h.client->list_article_account_codings(day("2026-01-01"));
  REQUIRE(codings);
  REQUIRE(codings->size() == 2);
  CHECK((*codings)[0].vat_rate_percent == dec("25"));
  CHECK((*codings)[0].vat_rate == "25%");
  CHECK((*codings)[0].domestic_sales_account == "3001");
  CHECK((*codings)[1].vat_rate_percent == dec("6"));
  CHECK_FALSE((*codings)[1].is_active);
  CHECK(h.http.requests().back().url.find("vatRateDate=2026-01-01") != std::string::npos);

  auto terms = h.client->list_terms_of_payment();
  REQUIRE(terms);
  CHECK((*terms)[0].number_of_days == 30);
  CHECK((*terms)[0].available_for_sales);

  auto centres = h.client->list_cost_centers();
  REQUIRE(centres);
  REQUIRE((*centres)[0].items.size() == 2);
  CHECK((*centres)[0].number == 1);
  CHECK((*centres)[0].items[0].short_name == "WEBA");
  CHECK_FALSE((*centres)[0].items[1].is_active);

  auto settings = h.client->company_settings();
  REQUIRE(settings);
  CHECK(settings->currency_code == "SEK");
  CHECK(settings->has_module("API_STANDARD"));
  CHECK(settings->show_prices_excl_vat_for_private);
  CHECK(settings->keep_original_draft_date);
  CHECK(settings->uses_cost_center);
  CHECK(settings->product_variant == 5);

  auto lists = h.client->list_sales_price_lists();
  REQUIRE(lists);
  CHECK((*lists)[0].is_standard);
  auto list = h.client->get_sales_price_list("pl1");
  REQUIRE(list);
  REQUIRE(list->has_value());
  CHECK((*list)->name == "Kampanj");
  auto prices = h.client->list_sales_prices();
  REQUIRE(prices);
  REQUIRE(prices->items.size() == 2);  // same article, two lists: both kept
  CHECK(prices->items[1].gross_price == dec("9.375"));
  auto price = h.client->get_sales_price("pl1", "a1");
  REQUIRE(price);
  REQUIRE(price->has_value());
  CHECK((*price)->net_price == dec("79.2"));
  auto none = h.client->get_sales_price("pl9", "a1");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());
}

TEST_CASE("An update keeps the fields the domain does not carry and drops read-only ones", "[visma][wire]") {
  VismaHarness h;
  std::string put_body;
  const std::string current = R"({"Id":"c1","CustomerNumber":"1001","Name":"Old Name","IsPrivatePerson":true,"IsActive":true,
    "EmailAddress":"old@example.se","TermsOfPaymentId":"t1","InvoiceCity":"Lund","InvoicePostalCode":"22100",
    "SalesPriceListId":"pl7","DiscountPercentage":0.125,"CustomerLabels":[{"Id":"l1","Name":"VIP"}],"EmailAddresses":["a@b.se"],
    "DirectDebitCustomerSettings":null,"ChangedUtc":"2026-01-01T00:00:00","UnpaidInvoicesAmount":1e-05,
    "TermsOfPayment":{"Id":"t1","Name":"30 dagar"},"Notes":[],"WebshopCustomerNumber":5})";
  h.route([&](const HttpRequest& r) {
    if (r.method == "GET") return VismaHarness::json(200, current);
    put_body = r.body;
    return VismaHarness::json(200, R"({"Id":"c1","CustomerNumber":"1001","Name":"New Name","TermsOfPaymentId":"t1"})");
  });
  AccountingCustomer c;
  c.id = "c1";
  c.name = "New Name";
  c.terms_of_payment_id = "t1";
  c.invoice_city = "Malmö";
  c.invoice_postal_code = "21134";
  auto updated = h.client->update_customer(c);
  REQUIRE(updated);
  CHECK(updated->name == "New Name");
  const auto requests = h.http.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].method == "PUT");
  CHECK(requests[1].url == "https://api.test/v2/customers/c1");

  Body body(put_body);
  const auto& b = body.root();
  CHECK(raw(b, "Name") == "New Name");
  CHECK(raw(b, "InvoiceCity") == "Malmö");
  CHECK(raw(b, "CustomerNumber") == "1001");  // empty in the domain value: Visma's is kept
  CHECK(b["EmailAddress"].IsNull());          // empty in the domain value: cleared
  CHECK(raw(b, "SalesPriceListId") == "pl7");
  CHECK(raw(b, "DiscountPercentage") == "0.125");
  CHECK(put_body.find(R"("DiscountPercentage":0.125)") != std::string::npos);
  CHECK(b["CustomerLabels"][0]["Name"] == "VIP");
  CHECK(b["EmailAddresses"][0] == "a@b.se");
  for (const char* ro : {"Id", "ChangedUtc", "UnpaidInvoicesAmount", "TermsOfPayment", "Notes"}) {
    INFO(ro);
    CHECK_FALSE(has(b, ro));
  }
  CHECK(b["WebshopCustomerNumber"].IsNull());
  // Every member appears once.
  CHECK(std::count(put_body.begin(), put_body.end(), ':') >= 1);
  std::set<std::string> names;
  for (auto it = b.MemberBegin(); it != b.MemberEnd(); ++it) CHECK(names.insert(it->name.GetString()).second);

  // The article being updated is gone.
  VismaHarness g;
  g.route([](const HttpRequest&) {
    return VismaHarness::json(404, R"({"ErrorCode":3000,"DeveloperErrorMessage":"Article not found","ErrorId":"e"})");
  });
  Article a;
  a.id = "a1";
  a.number = "SKU";
  a.name = "Mug";
  a.unit_id = "u";
  a.coding_id = "c";
  auto gone = g.client->update_article(a);
  REQUIRE_FALSE(gone);
  CHECK(gone.error().kind == ErrorKind::NotFound);
  CHECK(g.http.requests().size() == 1);
}

TEST_CASE("An article update sends prices exactly and keeps stock unless set", "[visma][wire]") {
  VismaHarness h;
  std::string put_body;
  h.route([&](const HttpRequest& r) {
    if (r.method == "GET") {
      return VismaHarness::json(200, R"({"Id":"a1","Number":"SKU","Name":"Old","UnitId":"u","CodingId":"c","IsActive":true,
        "NetPrice":100,"GrossPrice":125,"StockBalance":7,"StockBalanceAvailable":7,"ArticleLabels":[{"Id":"l","Name":"Sale"}],
        "SendToWebshop":false,"HouseWorkType":0})");
    }
    put_body = r.body;
    return VismaHarness::json(200, "");  // no body: the client reads the article back
  });
  Article a;
  a.id = "a1";
  a.number = "SKU";
  a.name = "New";
  a.unit_id = "u";
  a.coding_id = "c";
  a.net_price = dec("79.20");
  a.gross_price = dec("99");
  auto updated = h.client->update_article(a);
  REQUIRE(updated);
  CHECK(h.http.requests().size() == 3);
  Body body(put_body);
  const auto& b = body.root();
  CHECK(raw(b, "NetPrice") == "79.2");
  CHECK(raw(b, "GrossPrice") == "99");
  CHECK(raw(b, "StockBalance") == "7");  // not set by the caller: Visma's value is kept
  CHECK_FALSE(b["SendToWebshop"].GetBool());
  CHECK(b["ArticleLabels"][0]["Name"] == "Sale");
  CHECK_FALSE(has(b, "StockBalanceAvailable"));
  CHECK(b["NameEnglish"].IsNull());
}

TEST_CASE("Number text converts exactly, also in exponent form", "[visma][wire]") {
  using visma_wire::parse_number_text;
  CHECK(parse_number_text("12.5") == dec("12.5"));
  CHECK(parse_number_text("-0.25") == dec("-0.25"));
  CHECK(parse_number_text("1E-05") == dec("0.00001"));
  CHECK(parse_number_text("1.5e3") == dec("1500"));
  CHECK(parse_number_text("-2.5E+2") == dec("-250"));
  CHECK(parse_number_text("123.456e-2") == dec("1.23456"));
  CHECK(parse_number_text("0.1234567") == dec("0.123457"));  // float noise beyond 6 decimals rounds
  CHECK(parse_number_text("99.990000000000009") == dec("99.99"));
  CHECK_FALSE(parse_number_text("abc"));
  CHECK_FALSE(parse_number_text("1e"));
  CHECK_FALSE(parse_number_text("1e400"));
  CHECK_FALSE(parse_number_text(""));
  CHECK_FALSE(parse_number_text("12,5"));

  using visma_wire::utf16_length;
  CHECK(utf16_length("abc") == 3u);
  CHECK(utf16_length("åäö") == 3u);
  CHECK(utf16_length("\xF0\x9F\x98\x80") == 2u);  // one emoji is two UTF-16 units
  CHECK_FALSE(utf16_length("\xC3"));
  CHECK_FALSE(utf16_length("\xC0\xAF"));  // overlong
  CHECK_FALSE(utf16_length("\xED\xA0\x80"));  // surrogate
}
