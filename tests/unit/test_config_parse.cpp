// The config file mapped onto Config: every key, the defaults, and the messages for unknown
// keys, wrong types, invalid choices, invalid values and syntax errors.

#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "core/config/config_enums.hpp"
#include "core/redact.hpp"
#include "tests/unit/test_config_support.hpp"

using namespace std::chrono_literals;
using wv::testing::parse_config;
using wv::testing::parse_error;

namespace {

// A value other than the default for every key the config file may hold.
const std::string kEveryKey = R"(flow = "combo"
store = "/srv/woovisma/state"
secrets_file = "/etc/woovisma/secrets.toml"
dry_run = true

[log]
level = "debug"
format = "json"

[http]
connect_timeout_seconds = 5
total_timeout_seconds = 30
max_in_flight = 8
max_retries = 2
initial_backoff_milliseconds = 250
max_backoff_seconds = 20
max_response_bytes = 1048576
ca_bundle = "/etc/ssl/corp.pem"
user_agent = "acme-sync/1.0"

[visma]
api_url = "http://127.0.0.1:8081/v2"
identity_url = "http://127.0.0.1:8082"
client_id = "acme-client"
client_secret = "visma-secret-123"
redirect_uri = "http://localhost:9999/cb"
scopes = ["ea:api", "offline_access", "ea:sales", "ea:accounting"]
requests_per_minute = 300
page_size = 100
token_refresh_margin_seconds = 60

[[shop]]
name = "se"
url = "https://shop.example.se"
consumer_key = "ck_se_key_1"
consumer_secret = "cs_se_secret_1"
auth = "query"
cost_center_item_id = "cc-se"
assume_https = false

[[shop]]
name = "outlet"
url = "http://outlet.local"
consumer_key = "ck_outlet_2"
consumer_secret = "cs_outlet_2"
auth = "basic"
cost_center_item_id = "cc-outlet"
assume_https = true

[orders]
target = "sales-order"
trigger_statuses = ["completed"]
document_date = "paid"
overlap_seconds = 120
start_date = 2026-10-01
customer_match = "shared-guest"
org_number_meta_key = "_org"
vat_number_meta_key = "_vat"
shared_guest_customer_number = "1000"
customer_numbering = "prefixed"
customer_number_prefix = "SE-"
missing_sku = "text-row"
discounts = "discount-rows"
refunds = "credit"
rounding_article = "ORESAVR"
sales_order_status = 1
reference_field = "BuyersOrderReference"
copy_customer_note = false
copy_payment_method = false
retry_base_seconds = 60
shipping_articles = { "25" = "FRAKT25", "12.5" = "FRAKT12", default = "FRAKT" }
fee_articles = { "25" = "AVG25" }
discount_articles = { "25" = "RAB25" }
generic_articles = { default = "OVRIGT" }
terms_of_payment = { bacs = "tp-30", "klarna payments" = "tp-0", default = "tp-10" }

[articles]
unit_id = "unit-st"
coding_by_vat = { "25" = "coding-25", "6" = "coding-6" }

[[field_mapping]]
entity = "order"
from = "meta:customer_reference"
to = "BuyersOrderReference"

[[field_mapping]]
entity = "customer"
from = "billing.phone"
to = "MobilePhone"
)";

}  // namespace

TEST_CASE("every key of the config file lands in its field", "[config]") {
  wv::clear_registered_secrets_for_tests();
  auto parsed = parse_config(kEveryKey);
  REQUIRE(parsed);
  const wv::Config& c = *parsed;
  CHECK(c.source == "woovisma.toml");
  CHECK(c.flow == wv::Flow::Combo);
  CHECK(c.store_dir == "/srv/woovisma/state");
  CHECK(c.secrets_file == "/etc/woovisma/secrets.toml");
  CHECK(c.dry_run);
  CHECK(c.log_level == wv::LogLevel::Debug);
  CHECK(c.log_format == wv::LogFormat::Json);

  CHECK(c.http.connect_timeout == 5s);
  CHECK(c.http.total_timeout == 30s);
  CHECK(c.http.max_in_flight == 8);
  CHECK(c.http.max_retries == 2);
  CHECK(c.http.initial_backoff == 250ms);
  CHECK(c.http.max_backoff == 20s);
  CHECK(c.http.max_response_bytes == 1048576u);
  CHECK(c.http.ca_bundle == "/etc/ssl/corp.pem");
  CHECK(c.http.user_agent == "acme-sync/1.0");

  CHECK(c.visma.api_url == "http://127.0.0.1:8081/v2");
  CHECK(c.visma.identity_url == "http://127.0.0.1:8082");
  CHECK(c.visma.client_id == "acme-client");
  CHECK(c.visma.client_secret == "visma-secret-123");
  CHECK(c.visma.redirect_uri == "http://localhost:9999/cb");
  CHECK(c.visma.scopes ==
        std::vector<std::string>{"ea:api", "offline_access", "ea:sales", "ea:accounting"});
  CHECK(c.visma.requests_per_minute == 300);
  CHECK(c.visma.page_size == 100);
  CHECK(c.visma.token_refresh_margin == 60s);

  REQUIRE(c.shops.size() == 2);
  CHECK(c.shops[0] == wv::ShopConfig{"se", "https://shop.example.se", "ck_se_key_1",
                                     "cs_se_secret_1", wv::WooAuth::Query, "cc-se", false});
  CHECK(c.shops[1] == wv::ShopConfig{"outlet", "http://outlet.local", "ck_outlet_2",
                                     "cs_outlet_2", wv::WooAuth::Basic, "cc-outlet", true});

  const wv::OrdersConfig& o = c.orders;
  CHECK(o.target == wv::DocumentTarget::SalesOrder);
  CHECK(o.trigger_statuses == std::vector<std::string>{"completed"});
  CHECK(o.document_date == wv::DocumentDate::Paid);
  CHECK(o.overlap == 120s);
  CHECK(o.customer_match == wv::CustomerMatch::SharedGuest);
  CHECK(o.org_number_meta_key == "_org");
  CHECK(o.vat_number_meta_key == "_vat");
  CHECK(o.shared_guest_customer_number == "1000");
  CHECK(o.customer_numbering == wv::CustomerNumbering::Prefixed);
  CHECK(o.customer_number_prefix == "SE-");
  CHECK(o.missing_sku == wv::MissingSkuPolicy::TextRow);
  CHECK(o.discounts == wv::DiscountStyle::DiscountRows);
  CHECK(o.refunds == wv::RefundPolicy::Credit);
  CHECK(o.shipping_articles == std::map<std::string, std::string>{
                                   {"25", "FRAKT25"}, {"12.5", "FRAKT12"}, {"default", "FRAKT"}});
  CHECK(o.fee_articles == std::map<std::string, std::string>{{"25", "AVG25"}});
  CHECK(o.rounding_article == "ORESAVR");
  CHECK(o.sales_order_status == 1);
  CHECK(o.start_date == wv::Date{std::chrono::year{2026}, std::chrono::month{10}, std::chrono::day{1}});
  CHECK(o.discount_articles == std::map<std::string, std::string>{{"25", "RAB25"}});
  CHECK(o.generic_articles == std::map<std::string, std::string>{{"default", "OVRIGT"}});
  CHECK(o.reference_field == wv::DocumentReferenceField::PurchaseOrderNumber);
  CHECK(o.terms_of_payment == std::map<std::string, std::string>{
                                  {"bacs", "tp-30"}, {"klarna payments", "tp-0"}, {"default", "tp-10"}});
  CHECK_FALSE(o.copy_customer_note);
  CHECK_FALSE(o.copy_payment_method);
  CHECK(o.retry_base == 60s);

  CHECK(c.articles.unit_id == "unit-st");
  CHECK(c.articles.coding_by_vat ==
        std::map<std::string, std::string>{{"25", "coding-25"}, {"6", "coding-6"}});
  CHECK(c.field_mappings ==
        std::vector<wv::FieldMapping>{{"order", "meta:customer_reference", wv::DocumentField::PurchaseOrderNumber},
                                      {"customer", "billing.phone", wv::CustomerField::Mobile}});

  // Secrets are registered for redaction the moment they are read.
  CHECK(wv::redact("x cs_se_secret_1 ck_outlet_2 visma-secret-123") == "x *** *** ***");
  wv::clear_registered_secrets_for_tests();
}

TEST_CASE("the every-key text above covers every key the loader knows", "[config]") {
  std::set<std::string> written;
  for (const auto& line : wv::testing::scan_keys(kEveryKey)) written.insert(line.key);
  for (const std::string& key : wv::config_detail::config_key_names()) {
    INFO(key);
    CHECK(written.contains(key));
  }
}

TEST_CASE("absent keys keep their defaults", "[config]") {
  auto empty = parse_config("");
  REQUIRE(empty);
  wv::Config expected;
  expected.source = "woovisma.toml";
  CHECK(*empty == expected);

  // Defaults as documented (the man page test ties these to woovisma.toml(5)).
  CHECK(expected.flow == wv::Flow::Ecom);
  CHECK(expected.store_dir == "/var/lib/woovisma");
  CHECK(expected.orders.target == wv::DocumentTarget::InvoiceDraft);
  CHECK(expected.visma.requests_per_minute == 600);

  // Tables present but empty change nothing either.
  auto tables = parse_config("[log]\n[http]\n[visma]\n[orders]\n[articles]\n");
  REQUIRE(tables);
  CHECK(*tables == expected);

  // One shop without a name is "main" and has every shop default.
  auto one_shop = parse_config("[[shop]]\nurl = \"https://shop.example.com\"\n");
  REQUIRE(one_shop);
  REQUIRE(one_shop->shops.size() == 1);
  wv::ShopConfig shop;
  shop.url = "https://shop.example.com";
  CHECK(one_shop->shops[0] == shop);
  CHECK(one_shop->shops[0].name == "main");
}

TEST_CASE("an unknown key is named with its line and the key probably meant", "[config]") {
  const std::string text =
      "flow = \"ecom\"\n\n[log]\nlevel = \"info\"\n\n[[shop]]\nurl = \"https://a.example\"\n\n"
      "[orders]\nrefunds = \"report\"\ndiscounts = \"row-discount\"\ntargt = \"invoice\"\n";
  CHECK(parse_error(text) ==
        "woovisma.toml:12: unknown key \"orders.targt\" (did you mean \"orders.target\"?)");

  CHECK(parse_error("[[shop]]\nname = \"a\"\n[[shop]]\nname = \"b\"\n"
                    "consumer_secrt = \"x\"\n") ==
        "woovisma.toml:5: unknown key \"shop[1].consumer_secrt\" (did you mean "
        "\"shop[1].consumer_secret\"?)");
  CHECK(parse_error("[ordres]\ntarget = \"invoice\"\n") ==
        "woovisma.toml:1: unknown key \"ordres\" (did you mean \"orders\"?)");
  CHECK(parse_error("[orders]\npage_size = 100\n") ==
        "woovisma.toml:2: unknown key \"orders.page_size\" (\"page_size\" belongs in [visma])");
  CHECK(parse_error("[log]\nstore = \"/x\"\n") ==
        "woovisma.toml:2: unknown key \"log.store\" (\"store\" belongs in the top level (before "
        "the first [table]))");
  CHECK(parse_error("\n\ncolour = \"blue\"\n") == "woovisma.toml:3: unknown key \"colour\"");
  CHECK(parse_error("[http]\n\"connect timeout\" = 3\n") ==
        "woovisma.toml:2: unknown key \"http.'connect timeout'\"");
}

TEST_CASE("a value of the wrong type is named with its line and the type expected", "[config]") {
  CHECK(parse_error("[http]\nconnect_timeout_seconds = \"10\"\n") ==
        "woovisma.toml:2: \"http.connect_timeout_seconds\" must be an integer, not a string");
  CHECK(parse_error("[[shop]]\nname = \"a\"\n[[shop]]\nname = \"b\"\nconsumer_secret = 5\n") ==
        "woovisma.toml:5: \"shop[1].consumer_secret\" must be a string, not an integer");
  CHECK(parse_error("dry_run = \"yes\"\n") ==
        "woovisma.toml:1: \"dry_run\" must be a boolean (true or false), not a string");
  CHECK(parse_error("[orders]\ntrigger_statuses = \"processing\"\n") ==
        "woovisma.toml:2: \"orders.trigger_statuses\" must be an array, not a string");
  CHECK(parse_error("[orders]\ntrigger_statuses = [\"processing\", 3]\n") ==
        "woovisma.toml:2: \"orders.trigger_statuses[1]\" must be a string, not an integer");
  CHECK(parse_error("[http]\nmax_retries = 2.5\n") ==
        "woovisma.toml:2: \"http.max_retries\" must be an integer, not a float");
  CHECK(parse_error("log = \"debug\"\n") ==
        "woovisma.toml:1: \"log\" must be a table ([log]), not a string");
  CHECK(parse_error("[shop]\nurl = \"https://a.example\"\n") ==
        "woovisma.toml:1: \"shop\" must be an array of tables (written [[shop]]), not a table");
  CHECK(parse_error("[orders]\nshipping_articles = { \"25\" = 25 }\n") ==
        "woovisma.toml:2: \"orders.shipping_articles.25\" must be a string, not an "
        "integer");
}

TEST_CASE("an invalid choice lists the valid ones", "[config]") {
  CHECK(parse_error("[orders]\ntarget = \"invoice_draft\"\n") ==
        "woovisma.toml:2: \"orders.target\" = \"invoice_draft\" is not valid; valid values: "
        "invoice-draft, invoice, sales-order");
  CHECK(parse_error("[orders]\nreference_field = \"Reference\"\n") ==
        "woovisma.toml:2: \"orders.reference_field\" = \"Reference\" is not valid; valid values: "
        "YourReference, OurReference, BuyersOrderReference");

  using wv::config_detail::enum_valid_names;
  const std::vector<std::pair<std::string, std::string>> choices = {
      {"flow", enum_valid_names<wv::Flow>()},
      {"[log]\nlevel", enum_valid_names<wv::LogLevel>()},
      {"[log]\nformat", enum_valid_names<wv::LogFormat>()},
      {"[[shop]]\nauth", enum_valid_names<wv::WooAuth>()},
      {"[orders]\ndocument_date", enum_valid_names<wv::DocumentDate>()},
      {"[orders]\ncustomer_match", enum_valid_names<wv::CustomerMatch>()},
      {"[orders]\ncustomer_numbering", enum_valid_names<wv::CustomerNumbering>()},
      {"[orders]\nmissing_sku", enum_valid_names<wv::MissingSkuPolicy>()},
      {"[orders]\ndiscounts", enum_valid_names<wv::DiscountStyle>()},
      {"[orders]\nrefunds", enum_valid_names<wv::RefundPolicy>()},
      {"[[field_mapping]]\nfrom = \"a\"\nto = \"b\"\nentity", "order, customer, product"},
  };
  for (const auto& [key, valid] : choices) {
    INFO(key);
    const std::string message = parse_error(key + " = \"Nope\"\n");
    CHECK_THAT(message, Catch::Contains("= \"Nope\" is not valid; valid values: " + valid));
  }
  CHECK(enum_valid_names<wv::MissingSkuPolicy>() == "create-article, fail, text-row");
  CHECK(enum_valid_names<wv::CustomerMatch>() == "email, org-number, customer-id, shared-guest");
  CHECK(enum_valid_names<wv::DiscountStyle>() == "row-discount, discount-rows");
}

TEST_CASE("every enum value round-trips through its config name", "[config]") {
  auto parsed = parse_config("flow = \"erp\"\n[log]\nlevel = \"trace\"\n[[shop]]\nauth = \"oauth1\"\n"
                             "[orders]\ntarget = \"invoice\"\ncustomer_match = \"customer-id\"\n"
                             "missing_sku = \"create-article\"\n");
  REQUIRE(parsed);
  CHECK(parsed->flow == wv::Flow::Erp);
  CHECK(parsed->log_level == wv::LogLevel::Trace);
  CHECK(parsed->shops.at(0).auth == wv::WooAuth::OAuth1);
  CHECK(parsed->orders.target == wv::DocumentTarget::Invoice);
  CHECK(parsed->orders.customer_match == wv::CustomerMatch::ShopCustomerId);
  CHECK(parsed->orders.missing_sku == wv::MissingSkuPolicy::CreateArticle);
  CHECK(std::string(wv::to_string(wv::DocumentTarget::InvoiceDraft)) == "invoice-draft");
  CHECK(std::string(wv::to_string(wv::CustomerMatch::OrgNumber)) == "org-number");
  CHECK(std::string(wv::to_string(wv::Flow::Combo)) == "combo");
  CHECK(wv::parse_log_level("warn") == wv::LogLevel::Warn);
  CHECK_FALSE(wv::parse_log_level("WARN").has_value());
  CHECK(wv::parse_log_format("json") == wv::LogFormat::Json);
}

TEST_CASE("values out of their range or shape are refused, naming the key", "[config]") {
  CHECK(parse_error("[visma]\npage_size = 0\n") ==
        "woovisma.toml:2: \"visma.page_size\" must be between 1 and 1000, not 0");
  CHECK(parse_error("[visma]\npage_size = 1001\n") ==
        "woovisma.toml:2: \"visma.page_size\" must be between 1 and 1000, not 1001");
  CHECK(parse_config("[visma]\npage_size = 1000\nrequests_per_minute = 1\n").has_value());
  CHECK(parse_error("[visma]\nrequests_per_minute = 601\n") ==
        "woovisma.toml:2: \"visma.requests_per_minute\" must be between 1 and 600, not 601");
  CHECK(parse_error("[visma]\napi_url = \"ftp://visma.example/v2\"\n") ==
        "woovisma.toml:2: \"visma.api_url\" must be an http:// or https:// URL, not "
        "\"ftp://visma.example/v2\"");
  CHECK(parse_error("[[shop]]\nurl = \"shop.example.com\"\n") ==
        "woovisma.toml:2: \"shop[0].url\" must be an http:// or https:// URL such as "
        "\"https://shop.example.com\", not \"shop.example.com\"");
  CHECK_THAT(parse_error("[[shop]]\nurl = \"https://user:pw@shop.example.com\"\n"),
             Catch::Contains("\"shop[0].url\" must be an http:// or https:// URL"));
  CHECK_THAT(parse_error("[visma]\nscopes = [\"ea:api\", \"ea:sales\"]\n"),
             Catch::EndsWith("\"visma.scopes\" must include \"offline_access\""));
  CHECK(parse_error("[orders]\ntrigger_statuses = []\n") ==
        "woovisma.toml:2: \"orders.trigger_statuses\" must not be empty");
  CHECK(parse_error("[orders]\ntrigger_statuses = [\"processing\", \"\"]\n") ==
        "woovisma.toml:2: \"orders.trigger_statuses[1]\" must not be empty");
  CHECK(parse_error("[http]\nconnect_timeout_seconds = 30\ntotal_timeout_seconds = 10\n") ==
        "woovisma.toml:3: \"http.total_timeout_seconds\" (10) must not be less than "
        "\"http.connect_timeout_seconds\" (30)");
  CHECK(parse_error("[orders]\ncustomer_match = \"shared-guest\"\n") ==
        "woovisma.toml:2: \"orders.customer_match\" = \"shared-guest\" needs "
        "\"orders.shared_guest_customer_number\": the Visma customer number guest orders are "
        "booked on");
  CHECK_THAT(parse_error("[orders]\ncustomer_numbering = \"prefixed\"\ncustomer_number_prefix = \"\"\n"),
             Catch::StartsWith("woovisma.toml:2: \"orders.customer_numbering\" = \"prefixed\" needs"));
  CHECK(parse_error("store = \"\"\n") == "woovisma.toml:1: \"store\" must name a directory, not \"\"");
}

TEST_CASE("VAT percent keys are percents in their shortest form", "[config]") {
  CHECK(parse_config("[orders.shipping_articles]\n\"0\" = \"F0\"\n\"6\" = \"F6\"\n\"25\" = \"F25\"\n")
            .has_value());
  CHECK(parse_error("[orders.shipping_articles]\n\"25.0\" = \"FRAKT\"\n") ==
        "woovisma.toml:2: \"orders.shipping_articles.'25.0'\": write the VAT percent as "
        "\"25\"");
  CHECK_THAT(parse_error("[orders.fee_articles]\nstandard = \"AVG\"\n"),
             Catch::Contains("keys must be VAT percents such as \"25\""));
  CHECK_THAT(parse_error("[articles.coding_by_vat]\n\"101\" = \"c\"\n"),
             Catch::Contains("\"articles.coding_by_vat.101\": keys must be VAT percents"));
  CHECK_THAT(parse_error("[orders.shipping_articles]\n\"25\" = \"\"\n"),
             Catch::EndsWith("\"orders.shipping_articles.25\" must not be empty"));
}

TEST_CASE("shop names are unique, usable and required with several shops", "[config]") {
  CHECK(parse_error("[[shop]]\nname = \"se\"\n[[shop]]\nname = \"se\"\n") ==
        "woovisma.toml:4: shop name \"se\" is used by both shop[0] and shop[1]; names must be "
        "unique");
  CHECK(parse_error("[[shop]]\nname = \"\"\n") ==
        "woovisma.toml:2: \"shop[0].name\" = \"\" is not a usable name: it must not be empty or "
        "start or end with blanks");
  CHECK(parse_error("[[shop]]\nname = \"a\"\n[[shop]]\nurl = \"https://b.example\"\n") ==
        "woovisma.toml:3: shop[1] has no name: when there are several [[shop]] tables, each must "
        "set name = \"...\"");
  CHECK(parse_error("[[shop]]\nname = \"se-shop\"\n[[shop]]\nname = \"se_shop\"\n") ==
        "woovisma.toml:4: shop names \"se-shop\" and \"se_shop\" give the same environment "
        "variable names (WOOVISMA_SHOP_SE_SHOP_CONSUMER_KEY); rename one");
  auto two = parse_config("[[shop]]\nname = \"se\"\n[[shop]]\nname = \"outlet\"\n");
  REQUIRE(two);
  CHECK(two->shops.at(1).name == "outlet");
}

TEST_CASE("field mappings need entity, from and to", "[config]") {
  CHECK(parse_error("[[field_mapping]]\nentity = \"order\"\nto = \"BuyersOrderReference\"\n") ==
        "woovisma.toml:1: field_mapping[0] needs from = \"...\" (e.g. \"meta:customer_reference\")");
  CHECK(parse_error("[[field_mapping]]\nentity = \"order\"\nfrom = \"a\"\nto = \"\"\n") ==
        "woovisma.toml:4: \"field_mapping[0].to\" must not be empty");
}

TEST_CASE("the earliest problem in the file is the one reported", "[config]") {
  CHECK(parse_error("[visma]\npage_size = 0\n[orders]\ntargt = \"x\"\n[http]\nmax_retries = -1\n") ==
        "woovisma.toml:2: \"visma.page_size\" must be between 1 and 1000, not 0");
  CHECK(parse_error("[orders]\nzzz = 1\naaa = 2\n") == "woovisma.toml:2: unknown key \"orders.zzz\"");
}

TEST_CASE("a syntax error is one line with file, line, column and the parser's words", "[config]") {
  const std::string message = parse_error("flow = \"ecom\"\n\n[orders\ntarget = \"invoice\"\n");
  INFO(message);
  CHECK(std::regex_match(message, std::regex(R"(woovisma\.toml:3:\d+: \S.*)")));
  CHECK(message.find('\n') == std::string::npos);

  const std::string unterminated = parse_error("[visma]\nclient_id = \"abc\n");
  INFO(unterminated);
  CHECK(std::regex_match(unterminated, std::regex(R"(woovisma\.toml:2:\d+: \S.*)")));
  CHECK(parse_error("flow = ecom\n").rfind("woovisma.toml:1:", 0) == 0);
}
