#pragma once
// ShopPort over the WooCommerce client.

#include "connectors/woocommerce/woo_client.hpp"
#include "core/sync/ports.hpp"

namespace wv {

class WooShopPort final : public ShopPort {
 public:
  explicit WooShopPort(WooClient& client) : client_(client) {}
  Status orders_by_page(const std::vector<std::string>& statuses, std::optional<Timestamp> since,
                        const std::function<Status(OrderBatch&&)>& consume) override;
  Result<std::optional<Order>> order(std::int64_t id) override;
  Result<std::vector<Refund>> refunds(std::int64_t order_id) override;

 private:
  WooClient& client_;
};

}  // namespace wv
