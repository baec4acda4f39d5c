// Products and variations: listing, paging, filters, writes, batches, validation.
#include <catch2/catch.hpp>

#include <set>

#include "tests/sandbox/test_woo_support.hpp"

using namespace wv::testing::woo;
using wv::sandbox::woo::WooEmulator;
using wv::sandbox::woo::WooOptions;

namespace {

struct CatalogShop {
  ManualClock clock{wv::parse_timestamp("2026-11-24T12:00:00Z").value()};
  WooEmulator woo{WooOptions{false, &clock, wv::sandbox::woo::InitialData::fixture}};
  explicit CatalogShop(bool with_demo = true) : demo(with_demo) {
    if (with_demo) woo.seed_demo();
  }
  Response get(const std::string& target) {
    return send(woo, basic(make_request("GET", target), demo_key(), demo_secret()));
  }
  Response write(const std::string& method, const std::string& target, const std::string& body) {
    return send(woo, basic(make_request(method, target, body), demo_key(), demo_secret()));
  }
  bool demo;
  std::string demo_key() const { return demo ? "ck_demo" : "ck_TEST"; }
  std::string demo_secret() const { return demo ? "cs_demo" : "cs_TEST"; }
};

std::string link_target(const std::string& link, const std::string& rel) {
  const auto pos = link.find("rel=\"" + rel + "\"");
  if (pos == std::string::npos) return "";
  const auto open = link.rfind('<', pos);
  const auto close = link.find('>', open);
  const std::string url = link.substr(open + 1, close - open - 1);
  return url.substr(url.find("/wp-json"));
}

}  // namespace

TEST_CASE("Paging walks the whole catalogue with WooCommerce's headers and links", "[woo][products]") {
  CatalogShop shop;
  auto first = shop.get("/wp-json/wc/v3/products?per_page=7");
  REQUIRE(first.status == 200);
  const int total = std::stoi(header_of(first, "X-WP-Total"));
  CHECK(total >= 30);
  CHECK(header_of(first, "X-WP-TotalPages") == std::to_string((total + 6) / 7));
  CHECK(link_target(header_of(first, "Link"), "prev").empty());
  std::set<std::string> seen;
  std::string target = "/wp-json/wc/v3/products?per_page=7";
  int pages = 0;
  while (!target.empty()) {
    auto page = shop.get(target);
    REQUIRE(page.status == 200);
    const Json items = body_of(page);
    for (const auto& p : items.items()) CHECK(seen.insert(p.find("id")->text()).second);
    ++pages;
    if (pages > 1) CHECK_FALSE(link_target(header_of(page, "Link"), "prev").empty());
    target = link_target(header_of(page, "Link"), "next");
  }
  CHECK(static_cast<int>(seen.size()) == total);
  CHECK(pages == (total + 6) / 7);
  // A page past the end is empty, with the same totals and a link back to the last page.
  auto beyond = shop.get("/wp-json/wc/v3/products?per_page=7&page=99");
  CHECK(body_of(beyond).items().empty());
  CHECK(header_of(beyond, "X-WP-Total") == std::to_string(total));
  CHECK(link_target(header_of(beyond, "Link"), "prev").find("page=" + std::to_string(pages)) != std::string::npos);
}

TEST_CASE("per_page and page are validated as WordPress validates them", "[woo][products][validation]") {
  CatalogShop shop;
  auto over = shop.get("/wp-json/wc/v3/products?per_page=101");
  CHECK(over.status == 400);
  CHECK(body_of(over) == parse(R"J({"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400,
    "params":{"per_page":"per_page must be between 1 (inclusive) and 100 (inclusive)"},
    "details":{"per_page":{"code":"rest_out_of_bounds","message":"per_page must be between 1 (inclusive) and 100 (inclusive)","data":null}}}})J"));
  CHECK(shop.get("/wp-json/wc/v3/products?per_page=100").status == 200);
  auto zero = shop.get("/wp-json/wc/v3/products?page=0");
  CHECK(at(body_of(zero), {"data", "params", "page"}).text() == "page must be greater than or equal to 1");
  auto word = shop.get("/wp-json/wc/v3/products?per_page=ten");
  CHECK(at(body_of(word), {"data", "params", "per_page"}).text() == "per_page is not of type integer.");
  auto status = shop.get("/wp-json/wc/v3/products?status=gone");
  CHECK(at(body_of(status), {"data", "params", "status"}).text() ==
        "status is not one of any, future, trash, draft, pending, private, and publish.");
}

TEST_CASE("Products are found by SKU, id lists, type and status", "[woo][products]") {
  CatalogShop shop;
  auto one = shop.get("/wp-json/wc/v3/products?sku=MUG-001");
  REQUIRE(body_of(one).items().size() == 1);
  CHECK(at(body_of(one), {"0", "name"}).text() == "Kaffemugg Stockholm");
  CHECK(header_of(one, "X-WP-Total") == "1");
  CHECK(header_of(one, "Link") == "<https://shop.example.com/wp-json/>; rel=\"https://api.w.org/\"");
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?sku=mug-001,LAMP-3")).items().size() == 2);
  auto none = shop.get("/wp-json/wc/v3/products?sku=NOPE");
  CHECK(body_of(none).items().empty());
  CHECK(header_of(none, "X-WP-TotalPages") == "0");
  // With a sku filter WooCommerce v3 searches variations too (post_type product and
  // product_variation in WC_REST_Products_Controller::prepare_objects_query).
  auto variation = body_of(shop.get("/wp-json/wc/v3/products?sku=TSHIRT-M")).items();
  REQUIRE(variation.size() == 1);
  REQUIRE(variation[0].find("sku") != nullptr);
  CHECK(variation[0].find("sku")->text() == "TSHIRT-M");
  auto ordered = body_of(shop.get("/wp-json/wc/v3/products?include=14,12,13&orderby=include"));
  REQUIRE(ordered.items().size() == 3);
  CHECK(at(ordered, {"0", "id"}).text() == "14");
  CHECK(at(ordered, {"2", "id"}).text() == "13");
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?type=variable")).items().size() == 1);
  const auto all = body_of(shop.get("/wp-json/wc/v3/products?per_page=100")).items().size();
  const auto published = body_of(shop.get("/wp-json/wc/v3/products?per_page=100&status=publish")).items().size();
  CHECK(all == published + 1);  // the draft
}

TEST_CASE("modified_after finds what changed, in GMT or site time", "[woo][products]") {
  CatalogShop shop;
  shop.clock.set("2026-11-24T13:00:00Z");
  REQUIRE(shop.write("PUT", "/wp-json/wc/v3/products/13", R"({"regular_price":"699.00"})").status == 200);
  auto gmt = body_of(shop.get("/wp-json/wc/v3/products?modified_after=2026-11-24T12:59:59&dates_are_gmt=true"));
  REQUIRE(gmt.items().size() == 1);
  CHECK(at(gmt, {"0", "id"}).text() == "13");
  CHECK(at(gmt, {"0", "date_modified_gmt"}).text() == "2026-11-24T13:00:00");
  CHECK(at(gmt, {"0", "date_modified"}).text() == "2026-11-24T14:00:00");
  // Without dates_are_gmt the value is site time (UTC+1 in November).
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?modified_after=2026-11-24T13:59:59")).items().size() == 1);
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?modified_after=2026-11-24T14:00:00")).items().empty());
  // An explicit offset is honoured.
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?modified_after=2026-11-24T12:59:59Z&dates_are_gmt=1")).items().size() == 1);
  auto bad = shop.get("/wp-json/wc/v3/products?modified_after=yesterday");
  CHECK(at(body_of(bad), {"data", "params", "modified_after"}).text() == "Invalid date.");
}

TEST_CASE("Creating a product checks types as WordPress does and keeps SKUs unique", "[woo][products][validation]") {
  CatalogShop shop;
  auto number_price = shop.write("POST", "/wp-json/wc/v3/products", R"({"name":"A","regular_price":199,"stock_quantity":"tolv"})");
  CHECK(number_price.status == 400);
  CHECK(at(body_of(number_price), {"message"}).text() == "Invalid parameter(s): regular_price, stock_quantity");
  CHECK(at(body_of(number_price), {"data", "details", "stock_quantity", "data", "param"}).text() == "stock_quantity");
  auto numeric_string = shop.write("POST", "/wp-json/wc/v3/products",
                                   R"({"name":"Ny vas","sku":"VASE-1","regular_price":"249,50","manage_stock":true,"stock_quantity":"12"})");
  REQUIRE(numeric_string.status == 201);
  const Json created = body_of(numeric_string);
  CHECK(at(created, {"stock_quantity"}).text() == "12");
  CHECK(at(created, {"regular_price"}).text() == "249.50");  // the decimal comma is taken
  CHECK(at(created, {"slug"}).text() == "ny-vas");
  CHECK(at(created, {"average_rating"}).text() == "0");  // edit context after a write
  CHECK(header_of(numeric_string, "Location") ==
        "https://shop.example.com/wp-json/wc/v3/products/" + at(created, {"id"}).text());
  auto dup = shop.write("POST", "/wp-json/wc/v3/products", R"({"name":"Kopia","sku":"vase-1"})");
  CHECK(dup.status == 400);
  CHECK(body_of(dup) == parse(R"({"code":"product_invalid_sku","message":"Invalid or duplicated SKU.","data":{"status":400,"resource_id":)" +
                              at(created, {"id"}).text() + R"(,"unique_sku":"vase-1-1"}})"));
  // A second product of the same name gets the next slug.
  auto twin = shop.write("POST", "/wp-json/wc/v3/products", R"({"name":"Ny vas"})");
  CHECK(at(body_of(twin), {"slug"}).text() == "ny-vas-2");
}

TEST_CASE("Updates move date_modified and keep the variable product in step", "[woo][products]") {
  CatalogShop shop;
  shop.clock.set("2026-11-24T12:30:00Z");
  const Json tshirt = body_of(shop.get("/wp-json/wc/v3/products?sku=TSHIRT")).items()[0];
  const std::string id = tshirt.find("id")->text();
  const std::string large = at(tshirt, {"variations", "2"}).text();
  auto changed = shop.write("PUT", "/wp-json/wc/v3/products/" + id + "/variations/" + large,
                            R"({"regular_price":"249.00","stock_quantity":3})");
  REQUIRE(changed.status == 200);
  CHECK(at(body_of(changed), {"date_modified_gmt"}).text() == "2026-11-24T12:30:00");
  const Json parent = body_of(shop.get("/wp-json/wc/v3/products/" + id));
  CHECK(at(parent, {"date_modified_gmt"}).text() == "2026-11-24T12:30:00");
  CHECK(at(parent, {"price_html"}).text().find("249,00") != std::string::npos);
  auto variations = body_of(shop.get("/wp-json/wc/v3/products/" + id + "/variations"));
  CHECK(variations.items().size() == 3);
  CHECK(at(variations, {"0", "id"}).text() == large);  // newest first
  CHECK(shop.get("/wp-json/wc/v3/products/" + id + "/variations/12").status == 404);
}

TEST_CASE("Batches: the 100-item limit applies to everything together, failures stay per item", "[woo][products][batch]") {
  CatalogShop shop;
  const std::string stock_before = at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"stock_quantity"}).text();
  std::string items;
  for (int i = 0; i < 60; ++i) items += std::string(i ? "," : "") + R"({"id":12,"stock_quantity":1})";
  std::string deletes;
  for (int i = 0; i < 41; ++i) deletes += std::string(i ? "," : "") + "999";
  auto too_many = shop.write("POST", "/wp-json/wc/v3/products/batch", "{\"update\":[" + items + "],\"delete\":[" + deletes + "]}");
  CHECK(too_many.status == 413);
  CHECK(body_of(too_many) == parse(R"({"code":"woocommerce_rest_request_entity_too_large","message":"Unable to accept more than 100 items for this request.","data":{"status":413}})"));
  CHECK(at(body_of(shop.get("/wp-json/wc/v3/products/12")), {"stock_quantity"}).text() == stock_before);  // nothing applied

  auto mixed = shop.write("POST", "/wp-json/wc/v3/products/batch",
                          R"({"create":[{"name":"Batchvara","sku":"BATCH-1","regular_price":99}],
                              "update":[{"id":12,"stock_quantity":55},{"id":999999,"stock_quantity":1}],
                              "delete":[424242]})");
  REQUIRE(mixed.status == 200);
  const Json result = body_of(mixed);
  CHECK(at(result, {"create", "0", "regular_price"}).text() == "99");  // batch items are not type-checked
  CHECK(at(result, {"update", "0", "stock_quantity"}).text() == "55");
  CHECK(at(result, {"update", "1"}) == parse(R"({"id":999999,"error":{"code":"woocommerce_rest_product_invalid_id","message":"Invalid ID.","data":{"status":400}}})"));
  CHECK(at(result, {"delete", "0", "error", "code"}).text() == "woocommerce_rest_product_invalid_id");
  CHECK(header_of(mixed, "Allow") == "POST, PUT, PATCH");
  auto only_update = body_of(shop.write("POST", "/wp-json/wc/v3/products/batch", R"({"update":[{"id":13,"sale_price":"599.00"}]})"));
  CHECK(only_update.members().size() == 1);  // only the keys sent
  CHECK(at(only_update, {"update", "0", "on_sale"}).bool_value());
}

TEST_CASE("Deleting a product trashes it first", "[woo][products]") {
  CatalogShop shop;
  auto trashed = shop.write("DELETE", "/wp-json/wc/v3/products/14", "");
  CHECK(at(body_of(trashed), {"status"}).text() == "trash");
  CHECK(shop.write("DELETE", "/wp-json/wc/v3/products/14", "").status == 410);
  CHECK(body_of(shop.get("/wp-json/wc/v3/products?status=trash")).items().size() == 1);
  CHECK(shop.write("DELETE", "/wp-json/wc/v3/products/14?force=true", "").status == 200);
  CHECK(shop.get("/wp-json/wc/v3/products/14").status == 404);
}

TEST_CASE("Malformed requests get WordPress's errors", "[woo][products][validation]") {
  CatalogShop shop;
  Request bad = basic(make_request("POST", "/wp-json/wc/v3/products", "{\"name\":"), "ck_demo", "cs_demo");
  auto r = send(shop.woo, bad);
  CHECK(r.status == 400);
  CHECK(at(body_of(r), {"code"}).text() == "rest_invalid_json");
  auto route = shop.get("/wp-json/wc/v3/nothing");
  CHECK(route.status == 404);
  CHECK(at(body_of(route), {"code"}).text() == "rest_no_route");
  CHECK(shop.write("PATCH", "/wp-json/wc/v3/products", "{}").status == 404);
  CHECK(shop.get("/wp-json/wc/v3/products/999999").status == 404);
}
