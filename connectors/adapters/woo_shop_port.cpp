#include "connectors/adapters/woo_shop_port.hpp"

namespace wv {

Status WooShopPort::orders_by_page(const std::vector<std::string>& statuses,
                                   std::optional<Timestamp> since,
                                   const std::function<Status(OrderBatch&&)>& consume) {
  OrderQuery query;
  query.statuses = statuses;
  query.modified_after = since;
  return client_.list_orders_by_page(query, [&](WooListing<Order>&& page) -> Status {
    OrderBatch batch;
    batch.orders = std::move(page.items);
    for (auto& e : page.unreadable) {
      std::int64_t id = 0;
      if (!e.subject_id.empty()) id = std::stoll(e.subject_id);
      batch.unreadable.push_back(UnreadableOrder{id, std::move(e)});
    }
    return consume(std::move(batch));
  });
}

Result<std::optional<Order>> WooShopPort::order(std::int64_t id) { return client_.get_order(id); }

Result<std::vector<Refund>> WooShopPort::refunds(std::int64_t order_id) {
  return client_.list_refunds(order_id);
}

}  // namespace wv
