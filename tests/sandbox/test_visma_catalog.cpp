// Articles, customers and lookups: validation, conflicts, not found, prices, stock.

#include "tests/sandbox/test_visma_support.hpp"

#include "core/http/http.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

struct Catalog : VismaFixture {
  std::string coding25;
  std::string coding12;
  std::string service;
  std::string unit;
  std::string terms;
  Catalog() {
    const Json codings = get("/v2/articleaccountcodings");
    for (const auto& c : codings["Data"].items()) {
      if (c.str("Name") == "Varor 25%") coding25 = c.str("Id");
      if (c.str("Name") == "Varor 12%") coding12 = c.str("Id");
      if (c.str("Name") == "Tjänster 25%") service = c.str("Id");
    }
    unit = get("/v2/units")["Data"].items()[0].str("Id");
    terms = get("/v2/termsofpayments")["Data"].items()[0].str("Id");
  }
  Json article(const std::string& number) {
    Json a = Json::object();
    a.set("Number", Json::string(number));
    a.set("Name", Json::string("Testartikel"));
    a.set("CodingId", Json::string(coding25));
    a.set("UnitId", Json::string(unit));
    a.set("IsActive", Json::boolean(true));
    return a;
  }
  Json customer(const std::string& name) {
    Json c = Json::object();
    c.set("Name", Json::string(name));
    c.set("InvoiceCity", Json::string("Lund"));
    c.set("InvoicePostalCode", Json::string("222 22"));
    c.set("TermsOfPaymentId", Json::string(terms));
    c.set("IsPrivatePerson", Json::boolean(true));
    c.set("IsActive", Json::boolean(true));
    return c;
  }
};

}  // namespace

TEST_CASE("articles are created, read back and replaced", "[visma][catalog]") {
  Catalog t;
  Json a = t.article("NEW-1");
  a.set("NetPrice", Json::number_text("80"));
  auto created = t.call("POST", "/v2/articles", a.dump());
  REQUIRE(created.status == 201);
  auto body = body_of(created);
  const std::string id = body.str("Id");
  CHECK(id.size() == 36);
  CHECK(body["GrossPrice"].text() == "100.0");
  CHECK(body["NetPrice"].text() == "80.0");
  CHECK(body.str("CodingName") == "Varor 25%");
  CHECK(body.str("UnitName") == "Styck");
  CHECK(body.flag("IsServiceArticle") == false);
  CHECK(body.str("CreatedUtc") == "2026-03-10T09:00:00.001Z");
  CHECK(body.find("Barcodes")->is_array());   // every field of ArticleApi is present
  CHECK(body.find("NameEnglish")->is_null());
  CHECK(created.body.find("\"NetPrice\":80.0") != std::string::npos);  // a JSON number, not a string

  CHECK(t.get("/v2/articles/" + id).str("Number") == "NEW-1");
  CHECK(t.get("/v2/articles/" + std::string(id.begin(), id.end())).str("Id") == id);

  Json replaced = t.article("NEW-1");
  replaced.set("Name", Json::string("Nytt namn"));
  replaced.set("GrossPrice", Json::number_text("125.00"));
  auto put = t.call("PUT", "/v2/articles/" + id, replaced.dump());
  REQUIRE(put.status == 200);
  CHECK(body_of(put)["NetPrice"].text() == "100.0");
  CHECK(body_of(put).str("Name") == "Nytt namn");
}

TEST_CASE("article validation: required fields, maxLength, decimals, types", "[visma][catalog][validation]") {
  Catalog t;
  Json missing = t.article("X-1");
  missing.erase("Name");
  missing.erase("UnitId");
  auto r = t.call("POST", "/v2/articles", missing.dump());
  CHECK(r.status == 400);
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("Name: The Name field is required.") != std::string::npos);
  CHECK(message(r).find("UnitId: The UnitId field is required.") != std::string::npos);
  CHECK(!body_of(r).str("ErrorId").empty());

  Json too_long = t.article(std::string(41, 'A'));
  r = t.call("POST", "/v2/articles", too_long.dump());
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("Number: The field Number must be a string or array type with a maximum length of '40'.") != std::string::npos);
  // Forty characters, some of them outside ASCII, fit.
  CHECK(t.call("POST", "/v2/articles", t.article("ÅÄÖ" + std::string(37, 'x')).dump()).status == 201);

  Json decimals = t.article("X-2");
  decimals.set("NetPrice", Json::number_text("10.123"));
  r = t.call("POST", "/v2/articles", decimals.dump());
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("NetPrice") != std::string::npos);

  Json wrong_type = t.article("X-3");
  wrong_type.set("IsActive", Json::string("yes"));
  wrong_type.set("CodingId", Json::string("not-a-guid"));
  r = t.call("POST", "/v2/articles", wrong_type.dump());
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("IsActive") != std::string::npos);
  CHECK(message(r).find("CodingId") != std::string::npos);

  CHECK(error_code(t.call("POST", "/v2/articles", "{not json")) == 2000);

  Json mismatch = t.article("X-4");
  mismatch.set("NetPrice", Json::number_text("80"));
  mismatch.set("GrossPrice", Json::number_text("99"));
  r = t.call("POST", "/v2/articles", mismatch.dump());
  CHECK(error_code(r) == 2000);
  CHECK(message(r).find("GrossPrice") != std::string::npos);

  // Member names bind ignoring case, as ASP.NET does; unknown members are ignored.
  Json lower = Json::object();
  lower.set("number", Json::string("X-5"));
  lower.set("name", Json::string("n"));
  lower.set("codingId", Json::string(t.coding12));
  lower.set("unitid", Json::string(t.unit));
  lower.set("isactive", Json::boolean(true));
  lower.set("Whatever", Json::integer(1));
  CHECK(t.call("POST", "/v2/articles", lower.dump()).status == 201);
}

TEST_CASE("duplicate numbers conflict, unknown ids are not found", "[visma][catalog]") {
  Catalog t;
  auto dup = t.call("POST", "/v2/articles", t.article("mug-001").dump());
  CHECK(dup.status == 400);
  CHECK(error_code(dup) == 4000);

  Json bad_coding = t.article("X-9");
  bad_coding.set("CodingId", Json::string("11111111-2222-4333-8444-555555555555"));
  auto r = t.call("POST", "/v2/articles", bad_coding.dump());
  CHECK(r.status == 400);
  CHECK(error_code(r) == 3000);

  auto missing = t.call("GET", "/v2/articles/11111111-2222-4333-8444-555555555555");
  CHECK(missing.status == 404);
  CHECK(error_code(missing) == 3000);
  CHECK(t.call("PUT", "/v2/articles/11111111-2222-4333-8444-555555555555", t.article("Y").dump()).status == 404);

  auto c1 = t.customer("Kund Ett");
  c1.set("CustomerNumber", Json::string("K-1"));
  CHECK(t.call("POST", "/v2/customers", c1.dump()).status == 201);
  auto c2 = t.customer("Kund Två");
  c2.set("CustomerNumber", Json::string("k-1"));
  auto conflict = t.call("POST", "/v2/customers", c2.dump());
  CHECK(conflict.status == 400);
  CHECK(error_code(conflict) == 4000);
  CHECK(t.call("GET", "/v2/customers/11111111-2222-4333-8444-555555555555").status == 404);
}

TEST_CASE("stock: read-only with the stock module, adjustable from the control API", "[visma][catalog][stock]") {
  Catalog t;
  const std::string id = t.article_id("MUG-001");
  auto mug = t.get("/v2/articles/" + id);
  CHECK(mug["StockBalance"].text() == "120.0");
  CHECK(mug["StockBalanceAvailable"].text() == "120.0");
  mug.set("StockBalance", Json::number_text("5"));
  auto put = t.call("PUT", "/v2/articles/" + id, mug.dump());
  REQUIRE(put.status == 200);
  CHECK(body_of(put)["StockBalance"].text() == "120.0");

  auto adjusted = t.control_ok("POST", "/_sandbox/visma/articles/MUG-001/stock", R"({"delta": -20})");
  CHECK(adjusted["StockBalance"].text() == "100.0");

  // A stock article with a balance cannot stop being one.
  Json plain = t.get("/v2/articles/" + id);
  plain.set("IsStock", Json::boolean(false));
  CHECK(error_code(t.call("PUT", "/v2/articles/" + id, plain.dump())) == 5003);

  // A service coding cannot carry stock.
  Json svc = t.article("SVC-1");
  svc.set("CodingId", Json::string(t.service));
  svc.set("IsStock", Json::boolean(true));
  CHECK(error_code(t.call("POST", "/v2/articles", svc.dump())) == 2000);

  // Without the stock module StockBalance is the article's own field.
  t.control_ok("POST", "/_sandbox/visma/company/modules", R"({"deactivate": ["stock_standard"]})");
  Json manual = t.article("MAN-1");
  manual.set("StockBalance", Json::number_text("7"));
  CHECK(body_of(t.call("POST", "/v2/articles", manual.dump()))["StockBalance"].text() == "7.0");
}

TEST_CASE("customers: numbers assigned, defaults, delete rules", "[visma][catalog]") {
  Catalog t;
  auto created = t.call("POST", "/v2/customers", t.customer("Berit Berg").dump());
  REQUIRE(created.status == 201);
  auto body = body_of(created);
  CHECK(body.str("CustomerNumber") == "1004");
  CHECK(body.str("CurrencyCode") == "SEK");
  CHECK(body["TermsOfPayment"].str("Id") == t.terms);
  CHECK(body["UnpaidInvoicesAmount"].text() == "0.0");

  auto vat = t.customer("Bolaget AB");
  vat.set("VatNumber", Json::string("SE12"));
  CHECK(error_code(t.call("POST", "/v2/customers", vat.dump())) == 2000);

  auto missing_terms = t.customer("Z");
  missing_terms.set("TermsOfPaymentId", Json::string("11111111-2222-4333-8444-555555555555"));
  CHECK(error_code(t.call("POST", "/v2/customers", missing_terms.dump())) == 3000);

  auto too_long = t.customer(std::string(51, 'n'));
  CHECK(error_code(t.call("POST", "/v2/customers", too_long.dump())) == 2000);

  const std::string id = body.str("Id");
  auto del = t.call("DELETE", "/v2/customers/" + id);
  CHECK(del.status == 200);
  CHECK(del.body.empty());
  CHECK(t.call("GET", "/v2/customers/" + id).status == 404);
  CHECK(t.call("DELETE", "/v2/customers/" + id).status == 404);
}

TEST_CASE("lookups are listed and fetched one by one", "[visma][catalog][lookups]") {
  Catalog t;
  CHECK(t.get("/v2/units")["Meta"].integer_or("TotalNumberOfResults", 0) == 5);
  auto codings = t.get("/v2/articleaccountcodings")["Data"].items();
  REQUIRE(codings.size() == 5);
  CHECK(codings[0]["VatRatePercent"].text() == "0.25");
  CHECK(t.get("/v2/articleaccountcodings/" + t.coding12).str("VatRate") == "12%");
  CHECK(t.get("/v2/termsofpayments")["Data"].items().size() == 5);
  auto centers = t.get("/v2/costcenters")["Data"].items();
  REQUIRE(centers.size() == 1);
  CHECK(centers[0]["Items"].items().size() == 3);
  const std::string item = centers[0]["Items"].items()[0].str("Id");
  CHECK(t.get("/v2/costcenteritems/" + item).str("ShortName") == "WEB");
  auto company = t.get("/v2/companysettings");
  CHECK(company.str("CurrencyCode") == "SEK");
  CHECK(company["ActivatedModules"].items().size() == 4);
  CHECK(company.flag("UsesCostCenter"));
  CHECK(t.get("/v2/bankaccounts")["Data"].items().size() == 2);
  CHECK(t.get("/v2/fiscalyears")["Data"].items().size() == 3);
  auto lists = t.get("/v2/salespricelists")["Data"].items();
  REQUIRE(lists.size() == 2);
  const std::string campaign = lists[1].str("Id");
  const std::string mug = t.article_id("MUG-001");
  CHECK(t.get("/v2/salespricelists/prices/" + campaign + "/" + mug)["GrossPrice"].text() == "79.0");
  CHECK(t.get("/v2/salespricelists/prices")["Meta"].integer_or("TotalNumberOfResults", 0) == 18);
  CHECK(t.call("GET", "/v2/salespricelists/prices/" + campaign + "/" + t.article_id("FOOD-7")).status == 404);

  // Price lists exist only in the Pro variant.
  t.control_ok("POST", "/_sandbox/visma/company", R"({"ProductVariant": 1})");
  auto standard = t.call("GET", "/v2/salespricelists");
  CHECK(standard.status == 403);
  CHECK(error_code(standard) == 4009);

  // POST cost center items, PUT cost centers.
  Json new_item = Json::object();
  new_item.set("CostCenterId", centers[0]["Id"]);
  new_item.set("Name", Json::string("Butik Uppsala"));
  new_item.set("ShortName", Json::string("UPPSALA-01"));
  new_item.set("IsActive", Json::boolean(true));
  CHECK(error_code(t.call("POST", "/v2/costcenteritems", new_item.dump())) == 2000);  // ShortName ≤ 9
  new_item.set("ShortName", Json::string("UPS"));
  CHECK(t.call("POST", "/v2/costcenteritems", new_item.dump()).status == 201);
  CHECK(t.get("/v2/costcenters")["Data"].items()[0]["Items"].items().size() == 4);
}

TEST_CASE("articles show the prices of the customer's price list with ?customerId", "[visma][catalog]") {
  Catalog t;
  const std::string campaign = t.get("/v2/salespricelists")["Data"].items()[1].str("Id");
  auto c = t.customer("Kampanjkund");
  c.set("SalesPriceListId", Json::string(campaign));
  const std::string customer = body_of(t.call("POST", "/v2/customers", c.dump())).str("Id");
  const std::string mug = t.article_id("MUG-001");
  CHECK(t.get("/v2/articles/" + mug)["GrossPrice"].text() == "99.0");
  CHECK(t.get("/v2/articles/" + mug + "?customerId=" + customer)["GrossPrice"].text() == "79.0");
}
