// Paging, $filter, $orderby and the delta fields (ChangedUtc, ModifiedUtc, modifiedSinceUtc).

#include "tests/sandbox/test_visma_support.hpp"

#include "core/http/http.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

std::string filter(const std::string& expression) { return "$filter=" + url_encode(expression); }

std::vector<std::string> numbers(const Json& page) {
  std::vector<std::string> out;
  for (const auto& a : page["Data"].items()) out.push_back(a.str("Number"));
  return out;
}

std::string new_article(VismaFixture& t, const std::string& number, const std::string& name) {
  const std::string coding = t.get("/v2/articles?" + filter("Number eq 'MUG-001'"))["Data"].items()[0].str("CodingId");
  const std::string unit = t.get("/v2/articles?" + filter("Number eq 'MUG-001'"))["Data"].items()[0].str("UnitId");
  Json body = Json::object();
  body.set("Number", Json::string(number));
  body.set("Name", Json::string(name));
  body.set("CodingId", Json::string(coding));
  body.set("UnitId", Json::string(unit));
  body.set("IsActive", Json::boolean(true));
  body.set("NetPrice", Json::number_text("10"));
  auto r = t.call("POST", "/v2/articles", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 201);
  return body_of(r).str("Id");
}

}  // namespace

TEST_CASE("lists are paged with Visma's envelope", "[visma][listing]") {
  VismaFixture t;
  auto all = t.get("/v2/articles");
  const auto total = all["Meta"].integer_or("TotalNumberOfResults", -1);
  REQUIRE(total == 16);
  CHECK(all["Meta"].integer_or("CurrentPage", -1) == 1);
  CHECK(all["Meta"].integer_or("PageSize", -1) == 50);
  CHECK(all["Meta"].integer_or("TotalNumberOfPages", -1) == 1);
  CHECK(all["Meta"].str("ServerTimeUtc") == "2026-03-10T09:00:00Z");

  std::vector<std::string> seen;
  for (int page = 1; page <= 4; ++page) {
    auto p = t.get("/v2/articles?$page=" + std::to_string(page) + "&$pagesize=5");
    CHECK(p["Meta"].integer_or("TotalNumberOfPages", -1) == 4);
    CHECK(p["Meta"].integer_or("TotalNumberOfResults", -1) == 16);
    CHECK(p["Meta"].integer_or("CurrentPage", -1) == page);
    CHECK(p["Data"].items().size() == (page < 4 ? 5u : 1u));
    for (const auto& n : numbers(p)) seen.push_back(n);
  }
  CHECK(seen == numbers(all));
  CHECK(t.get("/v2/articles?$page=5&$pagesize=5")["Data"].items().empty());

  // Above the maximum the page size is clamped, and Meta says so.
  CHECK(t.get("/v2/articles?$pagesize=5000")["Meta"].integer_or("PageSize", -1) == 1000);

  for (const char* bad : {"$page=0", "$page=abc", "$pagesize=-1", "$pagesize=1.5"}) {
    auto r = t.call("GET", std::string("/v2/articles?") + bad);
    CHECK(r.status == 400);
    CHECK(error_code(r) == 6000);
  }
}

TEST_CASE("$filter comparison operators on strings, numbers, booleans and GUIDs", "[visma][listing][filter]") {
  VismaFixture t;
  CHECK(numbers(t.get("/v2/articles?" + filter("Number eq 'LAMP-3'"))) == std::vector<std::string>{"LAMP-3"});
  CHECK(numbers(t.get("/v2/articles?" + filter("Number eq 'lamp-3'"))) == std::vector<std::string>{"LAMP-3"});
  CHECK(t.get("/v2/articles?" + filter("Number ne 'LAMP-3'"))["Data"].items().size() == 15);
  CHECK(numbers(t.get("/v2/articles?" + filter("GrossPrice gt 400"))) == std::vector<std::string>{"LAMP-3", "SERVICE-INSTALL"});
  CHECK(numbers(t.get("/v2/articles?" + filter("GrossPrice ge 499"))) == std::vector<std::string>{"LAMP-3", "SERVICE-INSTALL"});
  CHECK(numbers(t.get("/v2/articles?" + filter("GrossPrice lt 59"))) == std::vector<std::string>{"FRAKT-25", "AVGIFT-25", "AVRUNDNING", "BAG-01"});
  CHECK(numbers(t.get("/v2/articles?" + filter("GrossPrice le 59"))) == std::vector<std::string>{"TEA-12", "FRAKT-25", "AVGIFT-25", "AVRUNDNING", "BAG-01"});
  CHECK(numbers(t.get("/v2/articles?" + filter("59 ge GrossPrice"))) == std::vector<std::string>{"TEA-12", "FRAKT-25", "AVGIFT-25", "AVRUNDNING", "BAG-01"});
  CHECK(numbers(t.get("/v2/articles?" + filter("IsActive eq false"))) == std::vector<std::string>{"BAG-01"});
  CHECK(numbers(t.get("/v2/articles?" + filter("StockBalance eq 0 and IsStock eq true"))) ==
        std::vector<std::string>{"CANDLE-2", "BAG-01"});
  const std::string lamp = t.article_id("LAMP-3");
  CHECK(numbers(t.get("/v2/articles?" + filter("Id eq " + lamp))) == std::vector<std::string>{"LAMP-3"});
  CHECK(numbers(t.get("/v2/articles?" + filter("Id eq '" + lamp + "'"))) == std::vector<std::string>{"LAMP-3"});
  CHECK(t.get("/v2/customers?" + filter("CorporateIdentityNumber eq '556000-0001'"))["Data"].items().size() == 1);
  CHECK(t.get("/v2/customers?" + filter("EmailAddress eq 'ANNA.ANDERSSON@example.se'"))["Data"].items().size() == 1);
  CHECK(t.get("/v2/customers?" + filter("CustomerNumber eq '1002'"))["Data"].items()[0].str("Name") == "Företaget i Norr AB");
  CHECK(t.get("/v2/customers?" + filter("EmailAddress eq null"))["Data"].items().empty());
  CHECK(t.get("/v2/customers?" + filter("CorporateIdentityNumber ne null"))["Data"].items().size() == 1);
}

TEST_CASE("$filter logic, functions, parentheses and quote escaping", "[visma][listing][filter]") {
  VismaFixture t;
  CHECK(numbers(t.get("/v2/articles?" + filter("contains(Number,'SHIRT')"))) ==
        std::vector<std::string>{"TSHIRT-S", "TSHIRT-M", "TSHIRT-L"});
  CHECK(numbers(t.get("/v2/articles?" + filter("startswith(Number,'T')"))) ==
        std::vector<std::string>{"TEA-12", "TSHIRT-S", "TSHIRT-M", "TSHIRT-L"});
  CHECK(numbers(t.get("/v2/articles?" + filter("endswith(Number,'-L')"))) == std::vector<std::string>{"TSHIRT-L"});
  CHECK(numbers(t.get("/v2/articles?" + filter("Number eq 'MUG-001' or Number eq 'LAMP-3'"))) ==
        std::vector<std::string>{"MUG-001", "LAMP-3"});
  CHECK(numbers(t.get("/v2/articles?" + filter("(Number eq 'MUG-001' or Number eq 'LAMP-3') and GrossPrice gt 100"))) ==
        std::vector<std::string>{"LAMP-3"});
  CHECK(numbers(t.get("/v2/articles?" + filter("Number eq 'MUG-001' or Number eq 'LAMP-3' and GrossPrice gt 100"))) ==
        std::vector<std::string>{"MUG-001", "LAMP-3"});
  CHECK(numbers(t.get("/v2/articles?" + filter("not contains(Number,'-')"))) == std::vector<std::string>{"AVRUNDNING"});

  new_article(t, "QUOTE-1", "Kaffe 'Java' blend");
  auto quoted = t.get("/v2/articles?" + filter("Name eq 'Kaffe ''Java'' blend'"));
  REQUIRE(quoted["Data"].items().size() == 1);
  CHECK(quoted["Data"].items()[0].str("Name") == "Kaffe 'Java' blend");
  CHECK(t.get("/v2/articles?" + filter("contains(Name,'''Java''')"))["Data"].items().size() == 1);
}

TEST_CASE("invalid filters are 6000, malformed dates 6001", "[visma][listing][filter]") {
  VismaFixture t;
  for (const char* bad : {"Number eq", "Number eq 'x", "Number equals 'x'", "Nope eq 'x'", "number eq 'x'",
                          "ChangedUtc gt '2026-01-01T00:00:00Z'", "Number eq 5", "IsActive gt true",
                          "tolower(Number) eq 'x'", "(Number eq 'x'", "Rows/any(r: r/Text eq 'x')", "Number eq Name"}) {
    auto r = t.call("GET", "/v2/articles?" + filter(bad));
    INFO(bad << " → " << r.body);
    CHECK(r.status == 400);
    CHECK(error_code(r) == 6000);
  }
  auto date = t.call("GET", "/v2/articles?" + filter("ChangedUtc gt 2026-13-45T00:00:00Z"));
  CHECK(date.status == 400);
  CHECK(error_code(date) == 6001);
  auto since = t.call("GET", "/v2/customerinvoices?modifiedSinceUtc=yesterday");
  CHECK(since.status == 400);
  CHECK(error_code(since) == 6001);
}

TEST_CASE("ChangedUtc advances on every change and filters by date-time", "[visma][listing][delta]") {
  VismaFixture t;
  auto before = t.get("/v2/articles?" + filter("ChangedUtc gt 2026-03-10T09:00:00Z"));
  CHECK(before["Data"].items().empty());
  t.clock.advance(std::chrono::minutes(10));
  const std::string id = t.article_id("MUG-001");
  auto mug = t.get("/v2/articles/" + id);
  mug.set("Name", Json::string("Kaffemugg svart"));
  auto put = t.call("PUT", "/v2/articles/" + id, mug.dump());
  REQUIRE(put.status == 200);
  const std::string changed = body_of(put).str("ChangedUtc");
  CHECK(changed == "2026-03-10T09:10:00Z");
  CHECK(numbers(t.get("/v2/articles?" + filter("ChangedUtc gt 2026-03-10T09:05:00Z"))) == std::vector<std::string>{"MUG-001"});
  CHECK(numbers(t.get("/v2/articles?" + filter("ChangedUtc ge 2026-03-10T09:10:00Z"))) == std::vector<std::string>{"MUG-001"});
  CHECK(t.get("/v2/articles?" + filter("ChangedUtc gt 2026-03-10T09:10:00Z"))["Data"].items().empty());
  CHECK(numbers(t.get("/v2/articles?" + filter("ChangedUtc gt 2026-03-10T10:05:00+01:00"))) == std::vector<std::string>{"MUG-001"});

  // Two changes at the same instant still get distinct, increasing stamps.
  auto again = t.call("PUT", "/v2/articles/" + id, mug.dump());
  CHECK(body_of(again).str("ChangedUtc") == "2026-03-10T09:10:00.001Z");

  // A stock adjustment in Visma moves ChangedUtc too.
  t.clock.advance(std::chrono::minutes(1));
  t.control_ok("POST", "/_sandbox/visma/articles/LAMP-3/stock", R"({"balance": 3})");
  CHECK(numbers(t.get("/v2/articles?" + filter("ChangedUtc gt 2026-03-10T09:10:30Z"))) == std::vector<std::string>{"LAMP-3"});
}

TEST_CASE("$orderby sorts ascending and descending", "[visma][listing]") {
  VismaFixture t;
  auto asc = numbers(t.get("/v2/articles?$orderby=GrossPrice,Number&" + filter("startswith(Number,'T')")));
  CHECK(asc == std::vector<std::string>{"TEA-12", "TSHIRT-L", "TSHIRT-M", "TSHIRT-S"});
  auto desc = numbers(t.get("/v2/articles?$orderby=Number%20desc&" + filter("startswith(Number,'T')")));
  CHECK(desc == std::vector<std::string>{"TSHIRT-S", "TSHIRT-M", "TSHIRT-L", "TEA-12"});
  CHECK(error_code(t.call("GET", "/v2/articles?$orderby=Nope")) == 6000);
  CHECK(error_code(t.call("GET", "/v2/articles?$orderby=Number%20sideways")) == 6000);
}
