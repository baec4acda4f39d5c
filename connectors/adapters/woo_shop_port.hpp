#pragma once
// ShopPort over the WooCommerce client.

#include "connectors/woocommerce/woo_client.hpp"
#include "core/sync/ports.hpp"

namespace wv {

class WooShopPort final : public ShopPort {
 public:
  explicit WooShopPort(WooClient& client) : client_(client) {}
  Result<OrderBatch> orders_modified_since(const std::vector<std::string>& statuses,
                                           std::optional<Timestamp> since) override;
  Result<std::optional<Order>> order(std::int64_t id) override;
  Result<std::vector<Refund>> refunds(std::int64_t order_id) override;

 private:
  WooClient& client_;
};

}  // namespace wv
