#include <catch2/catch.hpp>

#include "connectors/visma/odata_filter.hpp"
#include "core/http/http.hpp"
#include "tests/unit/test_visma_support.hpp"

using namespace wv;
using namespace wv::odata;

TEST_CASE("OData literals: strings quoted with quotes doubled, datetimes, numbers, booleans", "[visma][odata]") {
  CHECK(eq("Number", "SKU-1").text() == "Number eq 'SKU-1'");
  CHECK(eq("Number", std::string("O'Brien's")).text() == "Number eq 'O''Brien''s'");
  CHECK(eq("Number", std::string_view("''")).text() == "Number eq ''''''");
  CHECK(eq("Number", "").text() == "Number eq ''");
  CHECK(gt("ChangedUtc", *parse_timestamp("2024-05-01T10:00:00Z")).text() == "ChangedUtc gt 2024-05-01T10:00:00Z");
  CHECK(ge("ModifiedUtc", *parse_timestamp("2024-05-01T10:00:00.250Z")).text() ==
        "ModifiedUtc ge 2024-05-01T10:00:00.250Z");
  CHECK(eq("IsActive", true).text() == "IsActive eq true");
  CHECK(ne("IsActive", false).text() == "IsActive ne false");
  CHECK(lt("Number", 1000).text() == "Number lt 1000");
  CHECK(le("NetPrice", *Decimal::parse("199.50")).text() == "NetPrice le 199.5");
  CHECK(eq("RemainingAmount", *Decimal::parse("-0.01")).text() == "RemainingAmount eq -0.01");
  CHECK(contains("Number", "frakt_25").text() == "contains(Number,'frakt_25')");
  CHECK(contains("Rows/Text", "it's").text() == "contains(Rows/Text,'it''s')");
}

TEST_CASE("OData: a value cannot inject a condition", "[visma][odata]") {
  const std::string evil = "x' or 1 eq 1 or Number eq 'y";
  const auto f = eq("Number", evil);
  CHECK(f.text() == "Number eq 'x'' or 1 eq 1 or Number eq ''y'");
  // Every quote in the literal is doubled, so the literal is the whole rest of the expression:
  // scanning it the way an OData parser does ends exactly at the final quote.
  const std::string& t = f.text();
  const std::size_t open = t.find('\'');
  std::size_t i = open + 1;
  std::string decoded;
  while (i < t.size()) {
    if (t[i] == '\'') {
      if (i + 1 < t.size() && t[i + 1] == '\'') {
        decoded += '\'';
        i += 2;
        continue;
      }
      break;
    }
    decoded += t[i++];
  }
  CHECK(i == t.size() - 1);
  CHECK(decoded == evil);
  // The same inside contains().
  CHECK(contains("Number", "a') or contains(Name,'b").text() == "contains(Number,'a'') or contains(Name,''b')");
}

TEST_CASE("OData: field names are validated", "[visma][odata]") {
  CHECK(is_valid_field("Number"));
  CHECK(is_valid_field("Rows/Text"));
  CHECK(is_valid_field("CostCenterItemId1"));
  CHECK_FALSE(is_valid_field(""));
  CHECK_FALSE(is_valid_field("1Number"));
  CHECK_FALSE(is_valid_field("Number eq 1 or Name"));
  CHECK_FALSE(is_valid_field("Number)"));
  CHECK_FALSE(is_valid_field("Näme"));
  CHECK_THROWS_AS(eq("Number or 1 eq 1", "x"), std::invalid_argument);
  CHECK_THROWS_AS(contains("a,b", "x"), std::invalid_argument);
}

TEST_CASE("OData: and/or combine with the right grouping", "[visma][odata]") {
  const auto a = eq("EmailAddress", "a@b.se");
  const auto b = eq("IsActive", true);
  const auto c = eq("CorporateIdentityNumber", "556677-8899");
  CHECK((a && b).text() == "EmailAddress eq 'a@b.se' and IsActive eq true");
  CHECK((a || c).text() == "EmailAddress eq 'a@b.se' or CorporateIdentityNumber eq '556677-8899'");
  CHECK(((a || c) && b).text() ==
        "(EmailAddress eq 'a@b.se' or CorporateIdentityNumber eq '556677-8899') and IsActive eq true");
  CHECK((a && b && c).text() ==
        "EmailAddress eq 'a@b.se' and IsActive eq true and CorporateIdentityNumber eq '556677-8899'");
  CHECK((b || (a && c)).text() ==
        "IsActive eq true or (EmailAddress eq 'a@b.se' and CorporateIdentityNumber eq '556677-8899')");
  CHECK((ODataFilter() && a).text() == a.text());
  CHECK((a || ODataFilter()).text() == a.text());
  CHECK(ODataFilter().empty());
}

TEST_CASE("OData: the whole query string is percent-encoded", "[visma][odata]") {
  const auto f = eq("Number", "A&B=C 'x'") && gt("ChangedUtc", *parse_timestamp("2024-05-01T10:00:00Z"));
  const std::string q = visma_query({{"$page", "1"}, {"$pagesize", "500"}, {"$filter", f.text()}});
  CHECK(q ==
        "$page=1&$pagesize=500&$filter=Number%20eq%20%27A%26B%3DC%20%27%27x%27%27%27%20and%20ChangedUtc%20gt%20"
        "2024-05-01T10%3A00%3A00Z");
  // Nothing in the encoded value can end the parameter or start another.
  const std::string value = q.substr(q.find("$filter=") + 8);
  CHECK(value.find_first_of("&=' +#") == std::string::npos);
  CHECK(url_decode(value) == f.text());
}

TEST_CASE("OData: a filter reaches Visma encoded and intact", "[visma][odata]") {
  testing::VismaHarness h;
  std::string seen_url;
  h.route([&](const HttpRequest& r) {
    seen_url = r.url;
    return testing::VismaHarness::json(200, testing::page_body("", 1, 0, 0));
  });
  const std::string sku = "TS'; DROP";
  auto listed = h.client->list_articles(eq("Number", sku));
  REQUIRE(listed);
  CHECK(listed->items.empty());
  REQUIRE(seen_url.rfind("https://api.test/v2/articles?", 0) == 0);
  const auto filter_at = seen_url.find("$filter=");
  REQUIRE(filter_at != std::string::npos);
  CHECK(url_decode(seen_url.substr(filter_at + 8)) == "Number eq 'TS''; DROP'");
  CHECK(seen_url.find("$page=1&$pagesize=2") != std::string::npos);
}
