// The articles the orders config names, resolved once for sync-orders and for `woovisma check`:
// each found and usable, or its problem named by its config key.
#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "core/sync/orders/configured_articles.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/memory_ports.hpp"

namespace {

using namespace wv;

void add_article(testing::MemoryAccounting& visma, const std::string& number, const std::string& coding,
                 bool active = true) {
  Article a;
  a.id = "art-" + number;
  a.number = number;
  a.coding_id = coding;
  a.is_active = active;
  visma.articles[a.id] = a;
}

}  // namespace

TEST_CASE("configured articles resolve, or name their key and what is wrong", "[sync][articles]") {
  testing::TempDir dir;
  testing::FakeClock clock;
  auto store = Store::open(dir.path() / "store");
  REQUIRE(store);
  testing::MemoryAccounting visma;
  add_article(visma, "FRAKT25", "c25");
  add_article(visma, "FRAKT12", "c25");  // 25 % VAT configured for 12 %
  add_article(visma, "OLD", "c25", false);
  add_article(visma, "ORE", "c0");
  const std::map<std::string, Decimal> vat = {{"c25", Decimal::from_int(25)}, {"c0", Decimal()}};
  ArticleResolver articles(ArticlesConfig{}, visma, **store, clock, vat);

  OrdersConfig orders;
  orders.shipping_articles = {{"25", "FRAKT25"}, {"12", "FRAKT12"}};
  orders.fee_articles = {{"default", "OLD"}};
  orders.rounding_article = "ORE";
  auto configured = resolve_configured_articles(orders, articles);
  REQUIRE(configured);
  REQUIRE(configured->checked.size() == 4);
  CHECK(configured->shipping.at("25").number == "FRAKT25");
  CHECK_FALSE(configured->shipping.contains("12"));
  CHECK(configured->fee.empty());
  REQUIRE(configured->rounding);
  CHECK(configured->rounding->number == "ORE");

  const auto problem = configured->first_problem();
  REQUIRE(problem);
  CHECK(problem->kind == ErrorKind::Config);
  CHECK(problem->message.find("orders.shipping_articles.12") != std::string::npos);
  CHECK(problem->message.find("25 % VAT") != std::string::npos);
  for (const auto& c : configured->checked) {
    if (c.key == "orders.fee_articles.default") {
      REQUIRE(c.problem);
      CHECK(c.problem->message.find("does not have (or is inactive)") != std::string::npos);
    }
  }

  orders.shipping_articles = {{"25", "FRAKT25"}};
  orders.fee_articles.clear();
  auto clean = resolve_configured_articles(orders, articles);
  REQUIRE(clean);
  CHECK_FALSE(clean->first_problem());
}
