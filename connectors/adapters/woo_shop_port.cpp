#include "connectors/adapters/woo_shop_port.hpp"

namespace wv {

Result<OrderBatch> WooShopPort::orders_modified_since(const std::vector<std::string>& statuses,
                                                      std::optional<Timestamp> since) {
  OrderQuery query;
  query.statuses = statuses;
  query.modified_after = since;
  auto listing = client_.list_orders(query);
  if (!listing) return fail(listing.error());
  OrderBatch batch;
  batch.orders = std::move(listing->items);
  for (auto& e : listing->unreadable) batch.unreadable.push_back(UnreadableOrder{0, std::move(e)});
  return batch;
}

Result<std::optional<Order>> WooShopPort::order(std::int64_t id) { return client_.get_order(id); }

Result<std::vector<Refund>> WooShopPort::refunds(std::int64_t order_id) {
  return client_.list_refunds(order_id);
}

}  // namespace wv
