// WooClient against the WooCommerce emulator over real sockets (libcurl → the sandbox's HTTP
// server): paging, filters, refunds, SKUs, variations, batches, refusals and both ways of
// authenticating.

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "connectors/woocommerce/woo_client.hpp"
#include "tests/e2e/test_sandbox_support.hpp"
#include "tests/support/checks.hpp"

namespace {

using namespace wv;
using wv::testing::must;
using testing::LiveSandbox;

ShopConfig shop_at(const LiveSandbox& sandbox, std::string key = "ck_demo", std::string secret = "cs_demo") {
  ShopConfig shop;
  shop.name = "demo";
  shop.url = sandbox.base_url();
  shop.consumer_key = std::move(key);
  shop.consumer_secret = std::move(secret);
  return shop;
}

struct WooSide {
  explicit WooSide(bool tls = false, WooClientOptions options = {}) : sandbox(tls), options_(options) {}

  LiveSandbox sandbox;
  WooClientOptions options_;
  CurlHttpClient http{testing::fast_http_options(sandbox.ca_bundle())};
  ShopConfig shop = shop_at(sandbox);
  WooClient client{shop, http, system_clock(), options_};

  std::size_t requests(const std::string& endpoint) { return sandbox.box().log().count(endpoint); }
  std::size_t order_count() {
    return sandbox.woo().with_state([](auto& s) {
      return static_cast<std::size_t>(std::count_if(s.orders.begin(), s.orders.end(),
                                                    [](const auto& o) { return !o.second.is_refund; }));
    });
  }
};

}  // namespace

TEST_CASE("WooClient over a socket reads all orders page by page and filters on modified_after",
          "[e2e][clients][woo]") {
  WooSide woo(false, WooClientOptions{4, 100});
  const std::size_t total = woo.order_count();
  REQUIRE(total > 8);  // three pages at least

  auto all = must(woo.client.list_orders({}), "list_orders");
  CHECK(all.unreadable.empty());
  REQUIRE(all.items.size() == total);
  CHECK(woo.requests("GET /wp-json/wc/v3/orders") == (total + 3) / 4);
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < all.items.size(); ++i) {
    ids.insert(all.items[i].id);
    if (i > 0) CHECK(all.items[i - 1].date_modified <= all.items[i].date_modified);
  }
  CHECK(ids.size() == total);

  // modified_after is exclusive and works on the shop's UTC dates.
  const Timestamp cut = all.items[total / 2].date_modified;
  OrderQuery after;
  after.modified_after = cut;
  auto later = must(woo.client.list_orders(after), "list_orders modified_after");
  std::set<std::int64_t> expected, got;
  for (const auto& o : all.items) {
    if (o.date_modified > cut) expected.insert(o.id);
  }
  for (const auto& o : later.items) got.insert(o.id);
  CHECK(got == expected);
  CHECK(got.size() < total);

  // An order a person changes in wp-admin moves past the cut and comes last.
  const Order oldest = all.items.front();
  REQUIRE(oldest.date_modified <= cut);
  woo.sandbox.control_ok("POST", "/_sandbox/woo/orders/" + std::to_string(oldest.id) + "/note",
                         R"({"note": "Ringde kunden", "customer_note": false})");
  woo.sandbox.control_ok("POST", "/_sandbox/woo/orders/" + std::to_string(oldest.id) + "/status",
                         R"({"status": "on-hold"})");
  auto changed = must(woo.client.list_orders(after), "list_orders after a change");
  REQUIRE(!changed.items.empty());
  CHECK(changed.items.back().id == oldest.id);
  CHECK(changed.items.back().status == "on-hold");
  CHECK(changed.items.size() == expected.size() + 1);

  OrderQuery on_hold;
  on_hold.statuses = {"on-hold"};
  auto held = must(woo.client.list_orders(on_hold), "list_orders status");
  CHECK(std::any_of(held.items.begin(), held.items.end(), [&](const Order& o) { return o.id == oldest.id; }));
  for (const auto& o : held.items) CHECK(o.status == "on-hold");
}

TEST_CASE("WooClient over a socket gets single orders and their refunds, and unknown ids are absent",
          "[e2e][clients][woo]") {
  WooSide woo;
  auto all = must(woo.client.list_orders({}), "list_orders");
  const Order* paid = nullptr;
  for (const auto& o : all.items) {
    if ((o.status == "completed" || o.status == "processing") && o.refunds.empty() && !o.lines.empty() &&
        o.total > Decimal::from_int(50)) {
      paid = &o;
      break;
    }
  }
  REQUIRE(paid != nullptr);

  auto one = must(woo.client.get_order(paid->id), "get_order");
  REQUIRE(one.has_value());
  CHECK(one->number == paid->number);
  CHECK(one->total == paid->total);
  CHECK(one->lines.size() == paid->lines.size());
  CHECK(must(woo.client.get_order(999999), "get_order unknown") == std::nullopt);

  const std::string order = std::to_string(paid->id);
  CHECK(must(woo.client.list_refunds(paid->id), "list_refunds").empty());
  // A person refunds one unit in wp-admin, then the tool refunds 10 kronor of money only.
  woo.sandbox.control_ok("POST", "/_sandbox/woo/orders/" + order + "/refund",
                         R"({"reason": "Trasig vid leverans", "restock": true, "lines": [{"item_id": )" +
                             std::to_string(paid->lines.front().id) + R"(, "quantity": 1}]})");
  RefundRequest money;
  money.amount = *Decimal::parse("10.00");
  money.reason = "Goodwill";
  auto created = must(woo.client.create_refund(paid->id, money), "create_refund");
  CHECK(created.amount == *Decimal::parse("10.00"));
  CHECK(created.reason == "Goodwill");

  auto refunds = must(woo.client.list_refunds(paid->id), "list_refunds");
  REQUIRE(refunds.size() == 2);
  CHECK(refunds[0].reason == "Trasig vid leverans");
  CHECK(refunds[0].lines.size() == 1);
  CHECK(refunds[0].lines.front().quantity == Decimal::from_int(-1));
  CHECK(refunds[1].id == created.id);
  CHECK(refunds[0].date_created <= refunds[1].date_created);

  // WooCommerce lists refunds by parent id without looking the order up.
  CHECK(must(woo.client.list_refunds(999999), "list_refunds of an unknown order").empty());
  auto missing_status = woo.client.update_order_status(999999, "completed");
  REQUIRE_FALSE(missing_status);
  CHECK(missing_status.error().kind == ErrorKind::NotFound);
}

TEST_CASE("WooClient over a socket finds products and variations by SKU and lists variations",
          "[e2e][clients][woo]") {
  WooSide woo(false, WooClientOptions{7, 100});
  auto mug = must(woo.client.find_product_by_sku("MUG-001"), "find MUG-001");
  REQUIRE(mug.has_value());
  REQUIRE(std::holds_alternative<Product>(*mug));
  const auto& product = std::get<Product>(*mug);
  CHECK(product.name == "Kaffemugg Stockholm");
  CHECK(product.regular_price == Decimal::parse("149.00"));

  auto shirt = must(woo.client.find_product_by_sku("TSHIRT-M"), "find TSHIRT-M");
  REQUIRE(shirt.has_value());
  REQUIRE(std::holds_alternative<Variation>(*shirt));
  const auto& medium = std::get<Variation>(*shirt);
  REQUIRE(medium.parent_id != 0);
  CHECK(medium.regular_price == Decimal::parse("199.00"));

  auto variations = must(woo.client.list_variations(medium.parent_id), "list_variations");
  std::set<std::string> skus;
  for (const auto& v : variations) {
    skus.insert(v.sku.str());
    CHECK(v.parent_id == medium.parent_id);
  }
  CHECK(skus == std::set<std::string>{"TSHIRT-S", "TSHIRT-M", "TSHIRT-L"});
  CHECK(must(woo.client.list_variations(product.id), "list_variations of a simple product").empty());

  CHECK(must(woo.client.find_product_by_sku("NO-SUCH-SKU"), "find unknown") == std::nullopt);
  CHECK(must(woo.client.get_product(999999), "get_product unknown") == std::nullopt);

  // Every product, seven per page.
  auto products = must(woo.client.list_products({}), "list_products");
  const auto expected = woo.sandbox.woo().with_state([](auto& s) {
    return static_cast<std::size_t>(
        std::count_if(s.products.begin(), s.products.end(), [](const auto& p) { return !p.second.is_variation; }));
  });
  CHECK(products.items.size() == expected);
  CHECK(woo.requests("GET /wp-json/wc/v3/products") >= (expected + 6) / 7);
}

TEST_CASE("WooClient over a socket batches updates in chunks of 100 with per-item errors",
          "[e2e][clients][woo]") {
  WooSide woo;
  ProductQuery simple;
  simple.type = "simple";
  auto products = must(woo.client.list_products(simple), "list_products");
  std::vector<std::int64_t> ids;
  for (const auto& p : products.items) {
    if (p.manage_stock) ids.push_back(p.id);
  }
  REQUIRE(ids.size() >= 10);

  // 150 updates: several per product (applied in order), two for a product that does not exist.
  std::vector<ProductUpdate> updates;
  std::map<std::int64_t, std::int64_t> last_stock;
  for (int i = 0; i < 150; ++i) {
    ProductUpdate u;
    u.id = (i == 10 || i == 120) ? 999999 : ids[static_cast<std::size_t>(i) % ids.size()];
    u.stock_quantity = 1000 + i;
    if (u.id != 999999) last_stock[u.id] = 1000 + i;
    updates.push_back(u);
  }
  auto results = must(woo.client.batch_update_products(updates), "batch_update_products");
  REQUIRE(results.size() == 150);
  CHECK(woo.requests("POST /wp-json/wc/v3/products/batch") == 2);
  for (int i = 0; i < 150; ++i) {
    INFO("item " << i);
    CHECK(results[static_cast<std::size_t>(i)].id == updates[static_cast<std::size_t>(i)].id);
    if (i == 10 || i == 120) {
      REQUIRE_FALSE(results[static_cast<std::size_t>(i)].outcome);
      const Error& e = results[static_cast<std::size_t>(i)].outcome.error();
      CHECK(e.message.find("999999") != std::string::npos);
      CHECK(e.remote_code == "woocommerce_rest_product_invalid_id");
    } else {
      CHECK(results[static_cast<std::size_t>(i)].outcome.has_value());
    }
  }
  for (const auto& [id, stock] : last_stock) {
    auto p = must(woo.client.get_product(id), "get_product");
    REQUIRE(p.has_value());
    CHECK(p->stock_quantity == stock);
  }

  // Variations too.
  auto shirt = must(woo.client.find_product_by_sku("TSHIRT-S"), "find TSHIRT-S");
  REQUIRE(shirt.has_value());
  const auto& small = std::get<Variation>(*shirt);
  ProductUpdate s;
  s.id = small.id;
  s.stock_quantity = 3;
  ProductUpdate bad;
  bad.id = 999998;
  bad.stock_quantity = 1;
  auto vresults = must(woo.client.batch_update_variations(small.parent_id, {s, bad}), "batch variations");
  REQUIRE(vresults.size() == 2);
  CHECK(vresults[0].outcome.has_value());
  CHECK_FALSE(vresults[1].outcome.has_value());
  auto updated = must(woo.client.find_product_by_sku("TSHIRT-S"), "find TSHIRT-S again");
  CHECK(std::get<Variation>(*updated).stock_quantity == 3);
}

TEST_CASE("WooClient over a socket: a chunk over the shop's 100-item limit fails each of its items",
          "[e2e][clients][woo]") {
  WooSide woo(false, WooClientOptions{100, 101});
  auto mug = must(woo.client.find_product_by_sku("MUG-001"), "find MUG-001");
  const auto id = std::get<Product>(*mug).id;
  std::vector<ProductUpdate> updates(101);
  for (auto& u : updates) {
    u.id = id;
    u.stock_quantity = 5;
  }
  auto results = must(woo.client.batch_update_products(updates), "batch_update_products");
  REQUIRE(results.size() == 101);
  for (const auto& r : results) {
    REQUIRE_FALSE(r.outcome);
    CHECK(r.outcome.error().kind == ErrorKind::Rejected);
    CHECK(r.outcome.error().http_status == 413);
    CHECK(r.outcome.error().remote_code == "woocommerce_rest_request_entity_too_large");
  }
  CHECK(must(woo.client.get_product(id), "get")->stock_quantity != 5);
}

TEST_CASE("WooClient over a socket: wrong or read-only keys are Auth errors, unknown ids NotFound",
          "[e2e][clients][woo]") {
  WooSide woo;
  SECTION("a wrong secret") {
    ShopConfig wrong = shop_at(woo.sandbox, "ck_demo", "cs_not_the_secret");
    WooClient client(wrong, woo.http);
    auto r = client.list_orders({});
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Auth);
    CHECK(r.error().http_status == 401);
    CHECK(r.error().message.find("cs_not_the_secret") == std::string::npos);
  }
  SECTION("an unknown key") {
    ShopConfig unknown = shop_at(woo.sandbox, "ck_nobody", "cs_nobody");
    WooClient client(unknown, woo.http);
    auto r = client.get_order(1);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Auth);
  }
  SECTION("a read-only key reads but cannot write") {
    ShopConfig read_only = shop_at(woo.sandbox, "ck_demo_read", "cs_demo_read");
    WooClient client(read_only, woo.http);
    auto orders = client.list_orders({});
    REQUIRE(orders);
    auto mug = must(client.find_product_by_sku("MUG-001"), "find MUG-001");
    ProductUpdate u;
    u.stock_quantity = 1;
    auto write = client.update_product(std::get<Product>(*mug).id, u);
    REQUIRE_FALSE(write);
    CHECK(write.error().kind == ErrorKind::Auth);
    CHECK(write.error().message.find("cs_demo_read") == std::string::npos);
    u.id = std::get<Product>(*mug).id;
    auto batch = client.batch_update_products({u});
    REQUIRE_FALSE(batch);
    CHECK(batch.error().kind == ErrorKind::Auth);
    auto permissions = must(client.probe_permissions(), "probe_permissions");
    CHECK(permissions.can_read);
    CHECK_FALSE(permissions.can_write);
    CHECK_FALSE(permissions.write_problem.empty());
  }
  SECTION("a read/write key may do both") {
    auto permissions = must(woo.client.probe_permissions(), "probe_permissions");
    CHECK(permissions.can_read);
    CHECK(permissions.can_write);
  }
  SECTION("unknown ids") {
    ProductUpdate u;
    u.stock_quantity = 1;
    auto r = woo.client.update_product(999999, u);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::NotFound);
    CHECK(r.error().message.find("999999") != std::string::npos);
  }
}

TEST_CASE("WooClient signs with OAuth 1.0a over http and refuses Basic over http before sending",
          "[e2e][clients][woo]") {
  WooSide woo;
  auto orders = must(woo.client.list_orders({}), "list_orders");
  CHECK(!orders.items.empty());
  const auto logged = woo.sandbox.box().log().requests();
  REQUIRE(!logged.empty());
  for (const auto& r : logged) {
    INFO(r.method << " " << r.path << "?" << r.query);
    CHECK(r.query.find("oauth_signature=") != std::string::npos);
    CHECK(r.query.find("oauth_signature_method=HMAC-SHA256") != std::string::npos);
    CHECK(r.query.find("consumer_secret") == std::string::npos);
  }

  woo.sandbox.box().log().clear();
  ShopConfig basic = woo.shop;
  basic.auth = WooAuth::Basic;
  WooClient client(basic, woo.http);
  REQUIRE_FALSE(client.usable());
  CHECK(client.usable().error().kind == ErrorKind::Config);
  auto refused = client.list_orders({});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::Config);
  CHECK(refused.error().message.find("cs_demo") == std::string::npos);
  ShopConfig query = woo.shop;
  query.auth = WooAuth::Query;
  WooClient query_client(query, woo.http);
  CHECK_FALSE(query_client.get_order(1));
  CHECK(woo.sandbox.box().log().total() == 0);
}

TEST_CASE("WooClient uses Basic over https when the sandbox's certificate is trusted", "[e2e][clients][woo][tls]") {
  WooSide woo(true);
  REQUIRE(woo.sandbox.base_url().starts_with("https://"));
  REQUIRE(woo.client.usable());
  auto orders = must(woo.client.list_orders({}), "list_orders over https");
  CHECK(orders.items.size() == woo.order_count());
  auto mug = must(woo.client.find_product_by_sku("MUG-001"), "find over https");
  ProductUpdate u;
  u.stock_quantity = 42;
  auto updated = must(woo.client.update_product(std::get<Product>(*mug).id, u), "update over https");
  CHECK(updated.stock_quantity == 42);
  for (const auto& r : woo.sandbox.box().log().requests()) {
    INFO(r.method << " " << r.path << "?" << r.query);
    CHECK(r.query.find("oauth_") == std::string::npos);
    CHECK(r.status / 100 == 2);
  }

  SECTION("a wrong secret over https is an Auth error") {
    ShopConfig wrong = shop_at(woo.sandbox, "ck_demo", "cs_wrong");
    WooClient client(wrong, woo.http);
    auto r = client.get_order(1);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Auth);
  }
  SECTION("without the CA the certificate is refused with a Config error") {
    CurlHttpClient untrusting(testing::fast_http_options());
    WooClient client(woo.shop, untrusting);
    auto r = client.list_orders({});
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Config);
  }
}
