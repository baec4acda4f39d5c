#pragma once
// A sync-orders test bench without a network: the in-memory shop and Visma, a store in a
// temporary directory, a fake clock, and a config with the articles the generated orders use.

#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "core/sync/orders/order_sync.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/memory_ports.hpp"
#include "tests/support/order_generator.hpp"

namespace wv::testing {

struct OrderSyncWorld {
  TempDir dir;
  FakeClock clock;
  std::unique_ptr<Store> store;
  MemoryShop shop;
  MemoryAccounting visma;
  Config config;
  OrderGenerator generator{42};

  OrderSyncWorld() {
    auto opened = Store::open(dir.path() / "store");
    REQUIRE(opened);
    store = std::move(*opened);
    config.shops.push_back(ShopConfig{});
    config.orders.start_date = Date{std::chrono::year{2020}, std::chrono::month{1}, std::chrono::day{1}};
    config.orders.terms_of_payment["default"] = "terms-30";
    config.orders.rounding_article = "AVRUNDNING";
    for (int rate : {25, 12, 6, 0}) {
      config.orders.shipping_articles[std::to_string(rate)] = "FRAKT" + std::to_string(rate);
      visma.add_article("FRAKT" + std::to_string(rate), rate);
      config.orders.fee_articles[std::to_string(rate)] = "FRAKT" + std::to_string(rate);
      for (int i = 1; i <= 8; ++i) visma.add_article(OrderGenerator::sku_for(rate, i), rate);
    }
    visma.add_article("AVRUNDNING", 0);
  }

  Order& add_order(const std::string& email = "anna@example.se") {
    Order o = generator.next({});
    o.billing.email = email;
    o.date_modified = clock.now() - std::chrono::minutes(5) + std::chrono::seconds(o.id % 60);
    return shop.orders[o.id] = o;
  }

  Result<OrderSyncReport> run(OrderSyncOptions options = {}) {
    OrderSync sync(config, config.shops.front(), shop, visma, *store, clock);
    return sync.run(options);
  }

  std::vector<FailedItem> failed() {
    std::vector<FailedItem> out;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto f = r.all_failed();
      REQUIRE(f);
      out = *f;
      return {};
    }));
    return out;
  }

  std::optional<Checkpoint> checkpoint() {
    std::optional<Checkpoint> out;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto c = r.checkpoint(config.shops.front().name, Stream::Orders);
      REQUIRE(c);
      out = *c;
      return {};
    }));
    return out;
  }

  /// The intents the store holds.
  [[nodiscard]] std::vector<PendingWrite> pending_writes() const {
    std::vector<PendingWrite> out;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto p = r.all_pending();
      REQUIRE(p);
      out = *p;
      return {};
    }));
    return out;
  }

  [[nodiscard]] std::size_t documents_for(const Order& o) const { return visma.documents_with(o.number).size(); }
};

}  // namespace wv::testing
