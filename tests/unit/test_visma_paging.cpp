#include <catch2/catch.hpp>

#include "tests/unit/test_visma_support.hpp"

using namespace wv;
using wv::testing::page_body;
using wv::testing::VismaHarness;

namespace {

std::string article(int n) {
  return fmt::format(
      R"({{"Id":"a{0}","Number":"SKU-{0}","Name":"Article {0}","UnitId":"u","CodingId":"c","IsActive":true,"NetPrice":{0}.5,"GrossPrice":{0}.63}})",
      n);
}

int page_of(const std::string& url) {
  const auto at = url.find("$page=");
  return std::stoi(url.substr(at + 6));
}

// Five articles, two per page: pages 1..3.
Result<HttpResponse> five_articles(const HttpRequest& r) {
  const int page = page_of(r.url);
  std::string items;
  for (int n = (page - 1) * 2 + 1; n <= std::min(5, page * 2); ++n) {
    if (!items.empty()) items += ",";
    items += article(n);
  }
  const std::string server_time = fmt::format("2026-03-02T08:59:5{}.5170000", page);
  return VismaHarness::json(200, page_body(items, page, 3, 5, server_time));
}

}  // namespace

TEST_CASE("All pages of a list are read, the rest after page 1 together", "[visma][paging]") {
  VismaHarness h;
  h.route(five_articles);
  auto listed = h.client->list_articles();
  REQUIRE(listed);
  REQUIRE(listed->items.size() == 5);
  for (int n = 1; n <= 5; ++n) {
    CHECK(listed->items[static_cast<std::size_t>(n - 1)].number == fmt::format("SKU-{}", n));
  }
  CHECK(listed->items[4].net_price == *Decimal::parse("5.5"));
  // The cursor is the server's time of the first page (the earliest).
  CHECK(format_timestamp(listed->server_time) == "2026-03-02T08:59:51.517Z");
  const auto requests = h.http.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].url == "https://api.test/v2/articles?$page=1&$pagesize=2");
  CHECK(requests[1].url == "https://api.test/v2/articles?$page=2&$pagesize=2");
  CHECK(requests[2].url == "https://api.test/v2/articles?$page=3&$pagesize=2");
}

TEST_CASE("Pages 2..N go through send_all", "[visma][paging]") {
  // A client that records how requests arrive: one by one or as a batch.
  class BatchRecorder final : public HttpClient {
   public:
    std::vector<std::size_t> batches;
    Result<HttpResponse> send(const HttpRequest& r) override {
      batches.push_back(1);
      return five_articles(r);
    }
    std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> rs) override {
      batches.push_back(rs.size() * 100);
      std::vector<Result<HttpResponse>> out;
      for (const auto& r : rs) out.push_back(five_articles(r));
      return out;
    }
  } http;
  VismaHarness h;
  VismaClient client(h.config, http, h.vault, h.clock);
  auto listed = client.list_articles();
  REQUIRE(listed);
  CHECK(listed->items.size() == 5);
  CHECK(http.batches == std::vector<std::size_t>{1, 200});
}

TEST_CASE("A single page and an empty list need one request", "[visma][paging]") {
  VismaHarness h;
  h.route([](const HttpRequest&) { return VismaHarness::json(200, page_body("", 1, 0, 0)); });
  auto listed = h.client->list_customers(odata::eq("EmailAddress", "nobody@example.se"));
  REQUIRE(listed);
  CHECK(listed->items.empty());
  CHECK(h.http.requests().size() == 1);
}

TEST_CASE("Filters and extra parameters are kept on every page", "[visma][paging]") {
  VismaHarness h;
  std::vector<std::string> urls;
  h.route([&](const HttpRequest& r) {
    urls.push_back(r.url);
    const int page = page_of(r.url);
    return VismaHarness::json(200, page_body(fmt::format(R"({{"Id":"i{}","InvoiceNumber":{}}})", page, page), page, 2, 2));
  });
  auto listed = h.client->list_invoices_modified_since(*parse_timestamp("2026-03-01T00:00:00Z"),
                                                       odata::eq("PaymentStatus", 1));
  REQUIRE(listed);
  REQUIRE(listed->items.size() == 2);
  CHECK(listed->items[1].number == "2");
  REQUIRE(urls.size() == 2);
  for (const auto& url : urls) {
    CHECK(url.find("modifiedSinceUtc=2026-03-01T00%3A00%3A00Z") != std::string::npos);
    CHECK(url.find("$filter=PaymentStatus%20eq%201") != std::string::npos);
  }
}

TEST_CASE("Pages that appear while reading are read too; moved items are not doubled", "[visma][paging]") {
  VismaHarness h;
  h.route([](const HttpRequest& r) {
    const int page = page_of(r.url);
    // Page 1 says 2 pages; by the time page 2 is read an item was added and a third page exists,
    // and a2 has slid from page 1 onto page 2.
    if (page == 1) return VismaHarness::json(200, page_body(article(1) + "," + article(2), 1, 2, 4));
    if (page == 2) return VismaHarness::json(200, page_body(article(2) + "," + article(3), 2, 3, 5));
    return VismaHarness::json(200, page_body(article(4), 3, 3, 5));
  });
  auto listed = h.client->list_articles();
  REQUIRE(listed);
  std::vector<std::string> ids;
  for (const auto& a : listed->items) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"a1", "a2", "a3", "a4"});
  CHECK(h.http.requests().size() == 3);
}

TEST_CASE("A broken envelope is an error naming the endpoint and the field", "[visma][paging]") {
  struct Case {
    std::string body;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {R"({"Data":[]})", "Visma sent an unexpected answer to GET /articles page 1: Meta is missing"},
      {R"({"Meta":{"CurrentPage":1,"PageSize":2,"TotalNumberOfPages":1,"TotalNumberOfResults":0,"ServerTimeUtc":"2026-03-02T09:00:00"}})",
       "Visma sent an unexpected answer to GET /articles page 1: Data is missing"},
      {R"({"Meta":{"CurrentPage":1,"PageSize":2,"TotalNumberOfPages":1,"TotalNumberOfResults":0,"ServerTimeUtc":"2026-03-02T09:00:00"},"Data":{}})",
       "Visma sent an unexpected answer to GET /articles page 1: Data is an object, expected an array"},
      {R"({"Meta":{"CurrentPage":1,"PageSize":2,"TotalNumberOfPages":"many","TotalNumberOfResults":0,"ServerTimeUtc":"2026-03-02T09:00:00"},"Data":[]})",
       "Visma sent an unexpected answer to GET /articles page 1: Meta.TotalNumberOfPages is not a whole number (\"many\")"},
      {R"({"Meta":{"CurrentPage":1,"PageSize":2,"TotalNumberOfPages":1,"TotalNumberOfResults":0,"ServerTimeUtc":"soon"},"Data":[]})",
       "Visma sent an unexpected answer to GET /articles page 1: Meta.ServerTimeUtc is not a date-time (\"soon\")"},
      {R"({"Meta":{"CurrentPage":2,"PageSize":2,"TotalNumberOfPages":1,"TotalNumberOfResults":0,"ServerTimeUtc":"2026-03-02T09:00:00"},"Data":[]})",
       "Visma sent an unexpected answer to GET /articles page 1: Meta.CurrentPage is 2 for page 1"},
      {"<html>gateway</html>", "Visma sent an unexpected answer to GET /articles page 1: the body is not JSON"},
      {"[1,2]", "Visma sent an unexpected answer to GET /articles page 1: the body is an array, not an object"},
      {page_body(R"({"Id":"a1","NetPrice":"12,50"})", 1, 1, 1),
       "Visma sent an unexpected answer to GET /articles page 1: Data[0].NetPrice is not an amount (\"12,50\")"},
      {page_body(R"({"Id":"a1","NetPrice":true})", 1, 1, 1),
       "Visma sent an unexpected answer to GET /articles page 1: Data[0].NetPrice is a boolean, expected a number"},
      {page_body(R"({"Id":"a1"},{"Name":"no id"})", 1, 1, 2),
       "Visma sent an unexpected answer to GET /articles page 1: Data[1].Id is missing"},
      {page_body(R"({"Id":"a1","IsActive":"yes"})", 1, 1, 1),
       "Visma sent an unexpected answer to GET /articles page 1: Data[0].IsActive is text, expected true or false"},
      {page_body(R"(true)", 1, 1, 1), "Visma sent an unexpected answer to GET /articles page 1: Data[0] is a boolean, expected an object"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    VismaHarness h;
    h.route([&](const HttpRequest&) { return VismaHarness::json(200, c.body); });
    auto listed = h.client->list_articles();
    REQUIRE_FALSE(listed);
    CHECK(listed.error().kind == ErrorKind::Internal);
    CHECK(listed.error().message.rfind(c.expected, 0) == 0);
    CHECK(listed.error().message.find('\n') == std::string::npos);
  }
}

TEST_CASE("A failing later page fails the list with Visma's reason", "[visma][paging]") {
  VismaHarness h;
  h.route([](const HttpRequest& r) -> Result<HttpResponse> {
    if (page_of(r.url) == 3) {
      return VismaHarness::json(
          429, R"({"ErrorCode":4010,"DeveloperErrorMessage":"Try again in 30 seconds.","ErrorId":"e1"})");
    }
    return five_articles(r);
  });
  auto listed = h.client->list_articles();
  REQUIRE_FALSE(listed);
  CHECK(listed.error().kind == ErrorKind::Transient);
  REQUIRE(listed.error().retry_after);
  CHECK(listed.error().retry_after->count() == 30);
}
