#include <map>

#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

namespace {

// A list page holding the order bodies given.
std::string order_page(const std::vector<std::string>& bodies) {
  std::string out = "[";
  for (const auto& b : bodies) out += (out.size() > 1 ? "," : "") + b;
  return out + "]";
}

std::string product_page(std::initializer_list<int> ids) {
  std::string out = "[";
  for (int id : ids) {
    out += (out.size() > 1 ? "," : "") + std::string("{\"id\":") + std::to_string(id) +
           ",\"name\":\"p\",\"sku\":\"SKU-" + std::to_string(id) + "\",\"price\":\"1.00\"}";
  }
  return out + "]";
}

}  // namespace

TEST_CASE("Orders are read across pages and sorted by modification", "[woo][paging]") {
  const Transcript page1 = transcript("16-");
  const Transcript order24 = transcript("15-");  // the answer that created order 24
  FakeHttpClient http;
  http.on_request([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (query_value(r.url, "page") == "1") return page1.response;
    HttpResponse second = page1.response;
    second.body = order_page({order24.response.body});
    return second;
  });
  WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
  OrderQuery query;
  query.statuses = {"processing"};
  query.modified_after = parse_timestamp("2026-11-24T14:33:49.250Z");
  auto listing = client.list_orders(query);
  REQUIRE(listing.has_value());
  CHECK(listing->unreadable.empty());
  std::vector<std::int64_t> ids;
  for (const auto& o : listing->items) ids.push_back(o.id);
  CHECK(ids == std::vector<std::int64_t>{24, 25, 26});

  const auto requests = http.requests();
  REQUIRE(requests.size() == 2);
  const std::map<std::string, std::string> expected = {
      {"status", "processing"},  {"modified_after", "2026-11-24T14:33:49"},
      {"dates_are_gmt", "true"}, {"orderby", "modified"},
      {"order", "asc"},          {"per_page", "2"}};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    CHECK(without_query(requests[i].url) == "https://shop.example.com/wp-json/wc/v3/orders");
    for (const auto& [name, value] : expected) CHECK(query_value(requests[i].url, name) == value);
    CHECK(query_value(requests[i].url, "page") == std::to_string(i + 1));
    // Our own page URL, not the shop's normalised `next` link.
    CHECK(query_value(requests[i].url, "context").empty());
  }
}

TEST_CASE("Several statuses and ids go as comma lists", "[woo][paging]") {
  FakeHttpClient http;
  http.push(200, "[]", {{"x-wp-total", "0"}, {"x-wp-totalpages", "0"}});
  WooClient client(fixture_shop(), http);
  OrderQuery query;
  query.statuses = {"processing", "completed"};
  query.include = {24, 25};
  query.modified_before = parse_timestamp("2026-11-24T14:33:49.250Z");
  auto listing = client.list_orders(query);
  REQUIRE(listing.has_value());
  CHECK(listing->items.empty());
  const std::string url = http.requests().at(0).url;
  CHECK(query_value(url, "status") == "processing,completed");
  CHECK(query_value(url, "include") == "24,25");
  CHECK(query_value(url, "modified_before") == "2026-11-24T14:33:50");
  CHECK(query_value(url, "per_page") == "100");
}

TEST_CASE("An order seen on two pages is kept once, in its latest state", "[woo][paging]") {
  const std::string older = transcript("15-").response.body;  // order 24 at 14:33:50
  const std::string newer = transcript("21-").response.body;  // order 24 at 14:33:55
  const std::string other = transcript("25-").response.body;  // order 28
  FakeHttpClient http;
  http.on_request([&](const HttpRequest& r) -> Result<HttpResponse> {
    const bool first = query_value(r.url, "page") == "1";
    return HttpResponse{
        200, {{"x-wp-totalpages", "2"}}, first ? order_page({older, other}) : order_page({newer})};
  });
  WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
  auto listing = client.list_orders({});
  REQUIRE(listing.has_value());
  REQUIRE(listing->items.size() == 2);
  CHECK(listing->items[0].id == 28);
  CHECK(listing->items[1].id == 24);
  CHECK(listing->items[1].refunds.size() == 1);  // the later state
}

TEST_CASE("Without paging headers pages are read until a short one", "[woo][paging]") {
  SECTION("short last page") {
    FakeHttpClient http;
    http.push(200, product_page({1, 2}));
    http.push(200, product_page({3, 4}));
    http.push(200, product_page({5}));
    WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
    auto listing = client.list_products({});
    REQUIRE(listing.has_value());
    CHECK(listing->items.size() == 5);
    REQUIRE(http.requests().size() == 3);
    CHECK(query_value(http.requests()[2].url, "page") == "3");
  }
  SECTION("empty last page") {
    FakeHttpClient http;
    http.push(200, product_page({1, 2}));
    http.push(200, "[]");
    WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
    auto listing = client.list_products({});
    REQUIRE(listing.has_value());
    CHECK(listing->items.size() == 2);
    CHECK(http.requests().size() == 2);
  }
}

TEST_CASE("A shop that serves the same page for every page number is noticed", "[woo][paging]") {
  FakeHttpClient http;
  http.on_request([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, product_page({1, 2})};
  });
  WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
  auto listing = client.list_products({});
  REQUIRE_FALSE(listing.has_value());
  CHECK(listing.error().kind == ErrorKind::Config);
  CHECK(listing.error().message.find("same objects for page 2 as for page 1") != std::string::npos);
  CHECK(http.requests().size() == 2);
}

TEST_CASE("Many pages are all fetched once, in rounds", "[woo][paging]") {
  FakeHttpClient http;
  http.on_request([](const HttpRequest& r) -> Result<HttpResponse> {
    const int page = std::stoi(query_value(r.url, "page"));
    return HttpResponse{200,
                        {{"x-wp-total", "40"}, {"x-wp-totalpages", "20"}},
                        product_page({page * 2 - 1, page * 2})};
  });
  WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
  auto listing = client.list_products({});
  REQUIRE(listing.has_value());
  REQUIRE(listing->items.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) CHECK(listing->items[i].id == static_cast<int>(i + 1));
  std::vector<std::string> pages;
  for (const auto& r : http.requests()) pages.push_back(query_value(r.url, "page"));
  REQUIRE(pages.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(pages[i] == std::to_string(i + 1));
}

TEST_CASE("A failing later page fails the listing", "[woo][paging]") {
  FakeHttpClient http;
  http.on_request([](const HttpRequest& r) -> Result<HttpResponse> {
    if (query_value(r.url, "page") == "1") {
      return HttpResponse{200, {{"x-wp-totalpages", "3"}}, product_page({1, 2})};
    }
    if (query_value(r.url, "page") == "2") {
      return fail(ErrorKind::Transient, "HTTP 502 after 5 attempts");
    }
    return HttpResponse{200, {{"x-wp-totalpages", "3"}}, product_page({5})};
  });
  WooClient client(fixture_shop(), http, system_clock(), {.per_page = 2});
  auto listing = client.list_products({});
  REQUIRE_FALSE(listing.has_value());
  CHECK(listing.error().kind == ErrorKind::Transient);
  CHECK(listing.error().message == "WooCommerce GET /products: HTTP 502 after 5 attempts");
}

TEST_CASE("The tax classes list has no paging headers and is read once", "[woo][paging]") {
  FakeHttpClient http;
  const Transcript t = transcript("28-");
  http.push(t.response.status, t.response.body, t.response.headers);
  WooClient client(fixture_shop(), http);
  auto classes = client.list_tax_classes();
  REQUIRE(classes.has_value());
  REQUIRE(classes->size() == 4);
  CHECK((*classes)[0].slug == "standard");
  CHECK((*classes)[0].name == "Standard rate");
  CHECK((*classes)[1].slug == "low-rate");
  CHECK((*classes)[3].slug == "zero-rate");
  CHECK(http.requests().size() == 1);
}
