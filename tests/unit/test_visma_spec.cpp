// Conformance with Visma's published swagger (eaccounting v2): answers generated from the
// definitions parse without a problem, and every field the client writes exists in the
// definition, is not read-only there, and every required field is written.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <set>

#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/unit/test_visma_support.hpp"

using namespace wv;
using wv::testing::dec;
using wv::testing::VismaHarness;

namespace {

constexpr const char* kUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";

const rapidjson::Document& spec() {
  static const rapidjson::Document doc = [] {
    rapidjson::Document d;
    const std::string text = testing::read_file(testing::shared_dir() / "specs" / "visma" / "eaccounting-v2.swagger.json");
    d.Parse(text.c_str());
    if (d.HasParseError()) throw std::runtime_error("the swagger file is not JSON");
    return d;
  }();
  return doc;
}

const rapidjson::Value& definition(const std::string& name) {
  const auto& defs = spec()["definitions"];
  if (!defs.HasMember(name.c_str())) throw std::runtime_error("no definition " + name);
  return defs[name.c_str()];
}

std::string ref_name(const rapidjson::Value& v) {
  const std::string ref = v["$ref"].GetString();
  return ref.substr(ref.rfind('/') + 1);
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// A sample JSON value for `schema`: every property filled with a value of its declared type.
std::string sample(const rapidjson::Value& schema, int depth);

std::string sample_object(const std::string& name, int depth) {
  const auto& def = definition(name);
  std::string out = "{";
  if (def.HasMember("properties") && depth < 4) {
    for (auto it = def["properties"].MemberBegin(); it != def["properties"].MemberEnd(); ++it) {
      if (out.size() > 1) out += ",";
      out += quoted(it->name.GetString()) + ":" + sample(it->value, depth + 1);
    }
  }
  return out + "}";
}

std::string sample(const rapidjson::Value& schema, int depth) {
  if (schema.HasMember("$ref")) return sample_object(ref_name(schema), depth);
  const std::string type = schema.HasMember("type") ? schema["type"].GetString() : "object";
  if (type == "array") return "[" + sample(schema["items"], depth) + "]";
  if (type == "boolean") return "true";
  if (type == "integer") {
    if (schema.HasMember("enum")) return std::to_string(schema["enum"][0].GetInt64());
    std::int64_t n = schema.HasMember("minimum") ? std::max<std::int64_t>(1, static_cast<std::int64_t>(schema["minimum"].GetDouble())) : 1;
    if (schema.HasMember("maximum")) n = std::min<std::int64_t>(n, static_cast<std::int64_t>(schema["maximum"].GetDouble()));
    return std::to_string(n);
  }
  if (type == "number") {
    const bool fraction = schema.HasMember("maximum") && schema["maximum"].GetDouble() <= 1;
    return fraction ? "0.25" : "1234.5";
  }
  if (type == "string") {
    const std::string format = schema.HasMember("format") ? schema["format"].GetString() : "";
    if (format == "uuid") return quoted(kUuid);
    if (format == "date-time") return quoted("2026-03-01T12:34:56.789Z");
    std::size_t len = 4;
    if (schema.HasMember("maxLength")) len = std::min<std::size_t>(len, schema["maxLength"].GetUint());
    return quoted(std::string(len, 'x'));
  }
  return "{}";
}

std::string sample_page(const std::string& item_definition) {
  return testing::page_body(sample_object(item_definition, 0), 1, 1, 1);
}

// Checks a written object against `def_name`: names known and writable, required ones present.
void check_written(const rapidjson::Value& body, const std::string& def_name, const std::string& row_def = {},
                   const std::set<std::string>& required_exempt = {}) {
  INFO(def_name);
  const auto& def = definition(def_name);
  const auto& props = def["properties"];
  for (auto it = body.MemberBegin(); it != body.MemberEnd(); ++it) {
    const std::string name = it->name.GetString();
    INFO(name);
    REQUIRE(props.HasMember(name.c_str()));
    const auto& p = props[name.c_str()];
    CHECK_FALSE((p.HasMember("readOnly") && p["readOnly"].GetBool()));
    if (p.HasMember("maxLength") && it->value.IsString()) {
      CHECK(it->value.GetStringLength() <= p["maxLength"].GetUint());
    }
    if (name == "Rows" && !row_def.empty()) {
      for (const auto& row : it->value.GetArray()) check_written(row, row_def);
    }
  }
  if (def.HasMember("required")) {
    for (const auto& r : def["required"].GetArray()) {
      const std::string name = r.GetString();
      INFO("required " << name);
      if (required_exempt.count(name)) continue;
      CHECK(body.HasMember(name.c_str()));
    }
  }
}

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

}  // namespace

TEST_CASE("Answers shaped by Visma's definitions parse", "[visma][spec]") {
  VismaHarness h;
  std::string answer;
  h.route([&](const HttpRequest&) { return VismaHarness::json(200, answer); });

  answer = sample_object("PaginatedResponse[ArticleApi]", 0);
  auto articles = h.client->list_articles();
  REQUIRE(articles);
  REQUIRE(articles->items.size() == 1);
  CHECK(articles->items[0].id == kUuid);
  CHECK(articles->items[0].net_price == dec("1234.5"));
  CHECK(format_timestamp(articles->server_time) == "2026-03-01T12:34:56.789Z");

  answer = sample_page("CustomerApi");
  auto customers = h.client->list_customers();
  REQUIRE(customers);
  CHECK(customers->items.at(0).id == kUuid);
  CHECK(customers->items.at(0).webshop_customer_number == 1);

  answer = sample_page("CustomerInvoiceDraftApi");
  auto drafts = h.client->list_invoice_drafts();
  REQUIRE(drafts);
  CHECK(drafts->items.at(0).rows.size() == 1);
  CHECK(drafts->items.at(0).rows.at(0).discount_percentage == dec("25"));  // 0.25 on the wire

  answer = sample_page("CustomerInvoiceApi");
  auto invoices = h.client->list_invoices();
  REQUIRE(invoices);
  CHECK(invoices->items.at(0).number == "1");
  CHECK(invoices->items.at(0).vat_specification.size() == 1);
  CHECK(invoices->items.at(0).credited_by == std::vector<std::string>{kUuid});

  answer = sample_page("OrderApi");
  auto orders = h.client->list_sales_orders();
  REQUIRE(orders);
  CHECK(orders->items.at(0).order_status == SalesOrderStatus::Draft);
  CHECK(orders->items.at(0).rows.at(0).amount == dec("1234.5"));

  answer = sample_page("UnitApi");
  REQUIRE(h.client->list_units());
  answer = sample_page("ArticleAccountCodingAPI");
  auto codings = h.client->list_article_account_codings();
  REQUIRE(codings);
  CHECK(codings->at(0).domestic_sales_account == "1");
  answer = sample_page("TermsOfPaymentApi");
  REQUIRE(h.client->list_terms_of_payment());
  answer = sample_page("CostCenterApi");
  auto centres = h.client->list_cost_centers();
  REQUIRE(centres);
  CHECK(centres->at(0).items.size() == 1);
  answer = sample_page("SalesPriceListApi");
  REQUIRE(h.client->list_sales_price_lists());
  answer = sample_page("SalesPriceListRowApi");
  REQUIRE(h.client->list_sales_prices());

  answer = sample_object("CompanySettingsApi", 0);
  auto settings = h.client->company_settings();
  REQUIRE(settings);
  CHECK(settings->activated_modules == std::vector<std::string>{"xxxx"});

  answer = sample_object("ArticleApi", 0);
  REQUIRE(h.client->get_article(kUuid));
  answer = sample_object("CustomerApi", 0);
  REQUIRE(h.client->get_customer(kUuid));
  answer = sample_object("CustomerInvoiceDraftApi", 0);
  REQUIRE(h.client->get_invoice_draft(kUuid));
  answer = sample_object("CustomerInvoiceApi", 0);
  REQUIRE(h.client->get_invoice(kUuid));
  answer = sample_object("OrderApi", 0);
  REQUIRE(h.client->get_sales_order(kUuid));
  answer = sample_object("SalesPriceListApi", 0);
  REQUIRE(h.client->get_sales_price_list(kUuid));
  answer = sample_object("SalesPriceListRowApi", 0);
  REQUIRE(h.client->get_sales_price(kUuid, kUuid));
}

TEST_CASE("Written fields exist in Visma's definitions, are writable, and cover the required ones", "[visma][spec]") {
  VismaHarness h;
  std::vector<std::string> bodies;
  std::string answer;
  h.route([&](const HttpRequest& r) {
    bodies.push_back(r.body);
    return VismaHarness::json(200, answer);
  });

  SalesDocument d;
  d.customer_id = kUuid;
  d.currency_code = "SEK";
  d.date = *parse_date("2026-03-01");
  d.due_date = *parse_date("2026-03-31");
  d.delivery_date = *parse_date("2026-03-02");
  d.your_reference = "Y";
  d.our_reference = "O";
  d.buyers_order_reference = "B";
  d.electronic_reference = "E";
  d.terms_of_payment_id = kUuid;
  d.invoice_customer_name = "N";
  d.invoice_address1 = "A1";
  d.invoice_address2 = "A2";
  d.invoice_city = "C";
  d.invoice_postal_code = "P";
  d.invoice_country_code = "SE";
  d.delivery_customer_name = "DN";
  d.delivery_address1 = "D1";
  d.delivery_address2 = "D2";
  d.delivery_city = "DC";
  d.delivery_postal_code = "DP";
  d.delivery_country_code = "SE";
  d.delivery_method_name = "Post";
  d.order_status = SalesOrderStatus::Ongoing;
  d.shipped_utc = *parse_timestamp("2026-03-02T10:00:00Z");
  SalesRow r;
  r.article_id = kUuid;
  r.article_number = "SKU";
  r.text = "T";
  r.quantity = dec("2");
  r.delivered_quantity = dec("1");
  r.unit_price = dec("10.5");
  r.discount_percentage = dec("10");
  r.cost_center_item_id1 = kUuid;
  r.cost_center_item_id2 = kUuid;
  r.cost_center_item_id3 = kUuid;
  r.project_id = kUuid;
  SalesRow text;
  text.is_text_row = true;
  text.text = "note";
  d.rows = {r, text};

  answer = sample_object("CustomerInvoiceDraftApi", 0);
  d.kind = DocumentKind::InvoiceDraft;
  REQUIRE(h.client->create_invoice_draft(d));
  check_written(parsed(bodies.back()), "CustomerInvoiceDraftApi", "CustomerInvoiceDraftRowApi");

  answer = sample_object("CustomerInvoiceApi", 0);
  d.kind = DocumentKind::Invoice;
  REQUIRE(h.client->create_invoice(d));
  check_written(parsed(bodies.back()), "CustomerInvoiceApi", "CustomerInvoiceRowApi");

  answer = sample_object("OrderApi", 0);
  d.kind = DocumentKind::SalesOrder;
  REQUIRE(h.client->create_sales_order(d));
  check_written(parsed(bodies.back()), "OrderApi", "OrderRowApi");

  answer = sample_object("InvoicePaymentApi", 0);
  InvoicePayment p;
  p.company_bank_account_id = kUuid;
  p.payment_date = *parse_date("2026-03-01");
  p.amount = dec("100");
  p.currency = "SEK";
  REQUIRE(h.client->register_payment(kUuid, p));
  check_written(parsed(bodies.back()), "InvoicePaymentApi");

  Article a;
  a.number = "SKU";
  a.name = "Name";
  a.name_english = "Name";
  a.unit_id = kUuid;
  a.coding_id = kUuid;
  a.net_price = dec("80");
  a.gross_price = dec("100");
  a.purchase_price = dec("40");
  a.stock_balance = dec("3");
  answer = sample_object("ArticleApi", 0);
  REQUIRE(h.client->create_article(a));
  check_written(parsed(bodies.back()), "ArticleApi");

  AccountingCustomer c;
  c.customer_number = "1";
  c.name = "N";
  c.email = "e@x.se";
  c.phone = "1";
  c.mobile_phone = "2";
  c.corporate_identity_number = "556000-0000";
  c.vat_number = "SE556000000001";
  c.terms_of_payment_id = kUuid;
  c.currency_code = "SEK";
  c.invoice_address1 = "a";
  c.invoice_address2 = "b";
  c.invoice_city = "c";
  c.invoice_postal_code = "p";
  c.invoice_country_code = "SE";
  c.delivery_customer_name = "d";
  c.delivery_address1 = "d1";
  c.delivery_address2 = "d2";
  c.delivery_city = "dc";
  c.delivery_postal_code = "dp";
  c.delivery_country_code = "SE";
  c.contact_person_name = "cp";
  c.note = "n";
  c.webshop_customer_number = 5;
  answer = sample_object("CustomerApi", 0);
  REQUIRE(h.client->create_customer(c));
  check_written(parsed(bodies.back()), "CustomerApi");

  // An update's merged body: the written fields plus what Visma had, minus read-only ones.
  c.id = kUuid;
  REQUIRE(h.client->update_customer(c));
  check_written(parsed(bodies.back()), "CustomerApi");
  a.id = kUuid;
  answer = sample_object("ArticleApi", 0);
  REQUIRE(h.client->update_article(a));
  check_written(parsed(bodies.back()), "ArticleApi");
}
