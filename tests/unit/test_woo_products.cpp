#include <catch2/catch.hpp>

#include "connectors/woocommerce/woo_client.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fake_http.hpp"
#include "tests/unit/test_woo_support.hpp"

using namespace wv;
using namespace wv::testing;

TEST_CASE("A simple product on sale", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "03-");
  WooClient client(fixture_shop(), http);
  auto product = client.get_product(14);
  REQUIRE(product.has_value());
  REQUIRE(product->has_value());
  const Product& p = **product;
  CHECK(p.id == 14);
  CHECK(p.sku.str() == "FOOD-7");
  CHECK(p.name == "Kaffebönor mörkrost 500 g");
  CHECK(p.type == "simple");
  CHECK(p.status == "publish");
  CHECK(p.regular_price == dec("119.00"));
  CHECK(p.sale_price == dec("99.00"));
  CHECK(p.price == dec("99.00"));
  CHECK_FALSE(p.sale_from.has_value());
  CHECK(p.tax_class == "reduced-rate");
  CHECK(p.tax_status == "taxable");
  CHECK(p.manage_stock);
  CHECK(p.stock_quantity == 96);
  CHECK(p.stock_status == "instock");
  CHECK(p.parent_id == 0);
  CHECK(p.date_modified == parse_timestamp("2026-11-24T14:33:51Z"));
  CHECK(http.requests().at(0).url == "https://shop.example.com/wp-json/wc/v3/products/14");
}

TEST_CASE("A variable product and its variations", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "04-");
  serve(http, "05-");
  WooClient client(fixture_shop(), http);

  auto parent = client.get_product(17);
  REQUIRE(parent.has_value());
  REQUIRE(parent->has_value());
  const Product& p = **parent;
  CHECK(p.type == "variable");
  CHECK(p.sku.str() == "TSHIRT");
  CHECK_FALSE(p.regular_price.has_value());  // "" on a variable parent
  CHECK_FALSE(p.sale_price.has_value());
  CHECK_FALSE(p.manage_stock);
  CHECK_FALSE(p.stock_quantity.has_value());
  CHECK(p.variation_ids == std::vector<std::int64_t>{18, 19, 20});
  REQUIRE(p.attributes.size() == 1);
  CHECK(p.attributes[0].name == "Size");
  CHECK(p.attributes[0].options == std::vector<std::string>{"S", "M", "L"});

  auto variations = client.list_variations(17);
  REQUIRE(variations.has_value());
  REQUIRE(variations->size() == 3);
  std::map<std::string, const Variation*> by_sku;
  for (const auto& v : *variations) {
    CHECK(v.parent_id == 17);
    by_sku[v.sku.str()] = &v;
  }
  REQUIRE(by_sku.count("TSHIRT-L") == 1);
  const Variation& large = *by_sku["TSHIRT-L"];
  CHECK(large.id == 20);
  CHECK(large.regular_price == dec("229.00"));
  CHECK_FALSE(large.sale_price.has_value());
  CHECK(large.manage_stock);
  CHECK(large.stock_quantity == 6);
  CHECK(large.status == "publish");
  REQUIRE(large.attributes.size() == 1);
  CHECK(large.attributes[0].option == "L");
  CHECK(by_sku["TSHIRT-S"]->stock_quantity == 12);
  CHECK(by_sku["TSHIRT-M"]->regular_price == dec("199.00"));
  const auto url = http.requests().at(1).url;
  CHECK(without_query(url) == "https://shop.example.com/wp-json/wc/v3/products/17/variations");
  CHECK(query_value(url, "per_page") == "100");
}

TEST_CASE("Finding by SKU: a product, a variation, nothing", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "02-");
  // The shop's answer for a variation's SKU: the variation in product shape.
  http.push(
      200,
      R"([{"id":19,"name":"T-shirt - M","type":"variation","parent_id":17,"sku":"TSHIRT-M",)"
      R"("price":"199.00","regular_price":"199.00","sale_price":"","manage_stock":true,)"
      R"("stock_quantity":18,"attributes":[{"id":0,"name":"Size","option":"M"}],"meta_data":[]}])",
      {{"x-wp-total", "1"}, {"x-wp-totalpages", "1"}});
  http.push(200, "[]", {{"x-wp-total", "0"}, {"x-wp-totalpages", "0"}});
  // A comma in the filter makes the shop match several SKUs; only the exact one counts.
  http.push(200, R"([{"id":12,"sku":"MUG-001"},{"id":13,"sku":"LAMP-3"}])",
            {{"x-wp-totalpages", "1"}});
  WooClient client(fixture_shop(), http);

  auto mug = client.find_product_by_sku("MUG-001");
  REQUIRE(mug.has_value());
  REQUIRE(mug->has_value());
  REQUIRE(std::holds_alternative<Product>(**mug));
  CHECK(std::get<Product>(**mug).id == 12);
  CHECK(std::get<Product>(**mug).stock_quantity == 58);
  CHECK(query_value(http.requests().at(0).url, "sku") == "MUG-001");

  auto shirt = client.find_product_by_sku("TSHIRT-M");
  REQUIRE(shirt.has_value());
  REQUIRE(shirt->has_value());
  REQUIRE(std::holds_alternative<Variation>(**shirt));
  const Variation& v = std::get<Variation>(**shirt);
  CHECK(v.id == 19);
  CHECK(v.parent_id == 17);
  CHECK(v.stock_quantity == 18);

  auto none = client.find_product_by_sku("NOPE-1");
  REQUIRE(none.has_value());
  CHECK_FALSE(none->has_value());

  auto odd = client.find_product_by_sku("MUG-001,LAMP-3");
  REQUIRE(odd.has_value());
  CHECK_FALSE(odd->has_value());
}

TEST_CASE("Creating and updating products send prices as strings", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "06-");
  serve(http, "10-");
  WooClient client(fixture_shop(), http);

  ProductUpdate teapot;
  teapot.name = "Tekanna gjutjärn";
  teapot.status = "publish";
  teapot.sku = "TEAPOT-9";
  teapot.regular_price = dec("349");
  teapot.tax_class = "";
  teapot.manage_stock = true;
  teapot.stock_quantity = 12;
  auto created = client.create_product(teapot);
  REQUIRE(created.has_value());
  CHECK(created->id == 23);
  CHECK(created->sku.str() == "TEAPOT-9");
  const auto post = http.requests().at(0);
  CHECK(post.method == "POST");
  CHECK_FALSE(post.idempotent);
  CHECK(post.body ==
        R"({"name":"Tekanna gjutjärn","type":"simple","status":"publish","sku":"TEAPOT-9",)"
        R"("regular_price":"349.00","tax_class":"","manage_stock":true,"stock_quantity":12})");

  ProductUpdate lamp;
  lamp.regular_price = dec("649.00");
  lamp.stock_quantity = 6;
  auto updated = client.update_product(13, lamp);
  REQUIRE(updated.has_value());
  CHECK(updated->regular_price == dec("649.00"));
  CHECK(updated->stock_quantity == 6);
  const auto put = http.requests().at(1);
  CHECK(put.method == "PUT");
  CHECK(put.url == "https://shop.example.com/wp-json/wc/v3/products/13");
  CHECK(put.body == transcript("10-").request_body);
}

TEST_CASE("Ending a sale sends an empty sale price; meta goes as strings", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "03-");
  WooClient client(fixture_shop(), http);
  ProductUpdate u;
  u.remove_sale_price = true;
  u.meta.push_back({"_visma_article", "FOOD-7"});
  REQUIRE(client.update_product(14, u).has_value());
  CHECK(http.requests().at(0).body ==
        R"({"sale_price":"","meta_data":[{"key":"_visma_article","value":"FOOD-7"}]})");
}

TEST_CASE("A duplicate SKU is refused with the product that holds it", "[woo][products]") {
  FakeHttpClient http;
  serve(http, "07-");
  WooClient client(fixture_shop(), http);
  ProductUpdate dup;
  dup.name = "Kaffemugg (dubblett)";
  dup.sku = "MUG-001";
  dup.regular_price = dec("149.00");
  auto created = client.create_product(dup);
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().kind == ErrorKind::Rejected);
  CHECK(created.error().remote_code == "product_invalid_sku");
  CHECK(created.error().http_status == 400);
  CHECK(created.error().message ==
        "WooCommerce refused POST /products: Invalid or duplicated SKU. Product 12 already has "
        "this SKU. (product_invalid_sku, HTTP 400)");
}

TEST_CASE("Batch update: per-item errors inside a 200", "[woo][products][batch]") {
  FakeHttpClient http;
  serve(http, "11-");
  WooClient client(fixture_shop(), http);
  std::vector<ProductUpdate> updates(2);
  updates[0].id = 12;
  updates[0].stock_quantity = 60;
  updates[1].id = 999999;
  updates[1].stock_quantity = 1;
  auto results = client.batch_update_products(updates);
  REQUIRE(results.has_value());
  REQUIRE(results->size() == 2);
  CHECK((*results)[0].id == 12);
  CHECK((*results)[0].outcome.has_value());
  CHECK((*results)[1].id == 999999);
  REQUIRE_FALSE((*results)[1].outcome.has_value());
  const Error& e = (*results)[1].outcome.error();
  CHECK(e.kind == ErrorKind::Rejected);
  CHECK(e.remote_code == "woocommerce_rest_product_invalid_id");
  CHECK(e.message ==
        "WooCommerce refused product 999999 in POST /products/batch: Invalid ID. "
        "(woocommerce_rest_product_invalid_id, HTTP 400)");
  const auto r = http.requests().at(0);
  CHECK(r.url == "https://shop.example.com/wp-json/wc/v3/products/batch");
  CHECK(r.body == transcript("11-").request_body);
}

TEST_CASE("Batch update of variations", "[woo][products][batch]") {
  FakeHttpClient http;
  serve(http, "13-");
  WooClient client(fixture_shop(), http);
  std::vector<ProductUpdate> updates(3);
  const std::int64_t ids[] = {18, 19, 20};
  const std::int64_t stock[] = {12, 20, 6};
  for (int i = 0; i < 3; ++i) {
    updates[i].id = ids[i];
    updates[i].stock_quantity = stock[i];
  }
  auto results = client.batch_update_variations(17, updates);
  REQUIRE(results.has_value());
  REQUIRE(results->size() == 3);
  for (const auto& r : *results) CHECK(r.outcome.has_value());
  CHECK(http.requests().at(0).url ==
        "https://shop.example.com/wp-json/wc/v3/products/17/variations/batch");
  CHECK(http.requests().at(0).body == transcript("13-").request_body);
}

TEST_CASE("Batch updates are split into chunks of at most 100", "[woo][products][batch]") {
  FakeHttpClient http;
  std::vector<std::size_t> chunk_sizes;
  http.on_request([&](const HttpRequest& r) -> Result<HttpResponse> {
    // Answer each sent id with a minimal object, as the shop answers with full ones.
    std::string body = R"({"update":[)";
    std::size_t count = 0;
    for (std::size_t at = r.body.find("{\"id\":"); at != std::string::npos;
         at = r.body.find("{\"id\":", at + 1)) {
      const auto end = r.body.find(',', at);
      body += (count++ ? "," : "") + r.body.substr(at, end - at) + "}";
    }
    chunk_sizes.push_back(count);
    return HttpResponse{200, {}, body + "]}"};
  });
  WooClient client(fixture_shop(), http);
  std::vector<ProductUpdate> updates(250);
  for (std::size_t i = 0; i < updates.size(); ++i) {
    updates[i].id = static_cast<std::int64_t>(1000 + i);
    updates[i].stock_quantity = 1;
  }
  auto results = client.batch_update_products(updates);
  REQUIRE(results.has_value());
  REQUIRE(results->size() == 250);
  CHECK(chunk_sizes == std::vector<std::size_t>{100, 100, 50});
  for (std::size_t i = 0; i < results->size(); ++i) {
    CHECK((*results)[i].id == static_cast<std::int64_t>(1000 + i));
    CHECK((*results)[i].outcome.has_value());
  }
}

TEST_CASE("A 413 for too many items fails each item of the chunk", "[woo][products][batch]") {
  FakeHttpClient http;
  serve(http, "12-");
  // A shop whose limit was raised by a filter would take 101; this one does not.
  WooClient client(fixture_shop(), http, system_clock(), {.batch_size = 101});
  std::vector<ProductUpdate> updates(101);
  for (std::size_t i = 0; i < updates.size(); ++i) {
    updates[i].id = static_cast<std::int64_t>(i + 1);
    updates[i].stock_quantity = 1;
  }
  auto results = client.batch_update_products(updates);
  REQUIRE(results.has_value());
  REQUIRE(results->size() == 101);
  for (const auto& r : *results) {
    REQUIRE_FALSE(r.outcome.has_value());
    CHECK(r.outcome.error().kind == ErrorKind::Rejected);
    CHECK(r.outcome.error().http_status == 413);
  }
  CHECK(results->front().outcome.error().message ==
        "WooCommerce refused POST /products/batch: Unable to accept more than 100 items for this "
        "request. (woocommerce_rest_request_entity_too_large, HTTP 413)");
}

TEST_CASE("A batch refused for the key fails as a whole", "[woo][products][batch]") {
  FakeHttpClient http;
  serve(http, "31-");
  WooClient client(fixture_shop(), http);
  std::vector<ProductUpdate> updates(1);
  updates[0].id = 12;
  updates[0].stock_quantity = 1;
  auto results = client.batch_update_products(updates);
  REQUIRE_FALSE(results.has_value());
  CHECK(results.error().kind == ErrorKind::Auth);
}
