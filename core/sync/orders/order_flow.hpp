#pragma once
// Inside sync-orders: the order flow as the engine sees it (reading the shop's orders, fetching
// one again, handling one). Thread-safe: the engine hands it several orders at once.

#include <cstdint>
#include <string>

#include "core/sync/engine/flow.hpp"
#include "core/sync/orders/order_setup.hpp"
#include "core/sync/orders/order_sync.hpp"

namespace wv::orders {

class OrderFlow final : public engine::Flow<Order, std::int64_t> {
 public:
  /// Keeps references; all must outlive it. Counts into `report` under the engine's lock.
  OrderFlow(OrderSetup& setup, ShopPort& shop_port, const OrderSyncOptions& options,
            OrderSyncReport& report)
      : s_(setup), shop_port_(shop_port), options_(options), report_(report) {}

  [[nodiscard]] Stream stream() const override { return Stream::Orders; }
  [[nodiscard]] EntityKind kind() const override { return EntityKind::Order; }
  [[nodiscard]] std::vector<EntityKind> retried_kinds() const override {
    return {EntityKind::Order, EntityKind::Refund};
  }
  [[nodiscard]] std::string start_setting() const override { return "orders.start_date"; }
  [[nodiscard]] engine::Position<std::int64_t> position(const Order& order) const override {
    return {order.date_modified, order.id};
  }
  [[nodiscard]] std::string id_of(const Order& order) const override { return std::to_string(order.id); }

  Status read(Timestamp since,
              const std::function<Status(engine::Page<Order>&&)>& consume) override;
  Result<std::optional<Order>> fetch(const std::string& id) override;
  Status handle(const Order& order, engine::ItemScope& scope) override;

 private:
  OrderSetup& s_;
  ShopPort& shop_port_;
  const OrderSyncOptions& options_;
  OrderSyncReport& report_;
};

}  // namespace wv::orders
