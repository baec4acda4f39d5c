// WooClient: construction and orders.

#include "connectors/woocommerce/woo_client.hpp"

#include <algorithm>
#include <unordered_map>

#include "connectors/woocommerce/woo_listing.hpp"

namespace wv {

using woo::comma_list;
using woo::QueryParams;

namespace {

// WooCommerce compares modified_after/before to whole seconds; widen the window to whole seconds
// so nothing at the edge is lost.
std::string after_param(Timestamp t) {
  return format_timestamp_no_zone(std::chrono::floor<std::chrono::seconds>(t));
}
std::string before_param(Timestamp t) {
  return format_timestamp_no_zone(std::chrono::ceil<std::chrono::seconds>(t));
}

}  // namespace

WooClient::WooClient(const ShopConfig& shop, HttpClient& http, const Clock& clock,
                     WooClientOptions options)
    : transport_(std::make_unique<woo::Transport>(shop, http, clock)), options_(options) {
  options_.per_page = std::clamp(options_.per_page, 1, 100);
  options_.batch_size = std::max(options_.batch_size, 1);
}

WooClient::~WooClient() = default;

Status WooClient::usable() const {
  return transport_->usable();
}

namespace {

QueryParams order_listing_params(const OrderQuery& query) {
  QueryParams params;
  if (!query.statuses.empty()) params.emplace_back("status", comma_list(query.statuses));
  if (query.modified_after)
    params.emplace_back("modified_after", after_param(*query.modified_after));
  if (query.modified_before) {
    params.emplace_back("modified_before", before_param(*query.modified_before));
  }
  if (query.modified_after || query.modified_before) params.emplace_back("dates_are_gmt", "true");
  if (!query.include.empty()) params.emplace_back("include", comma_list(query.include));
  params.emplace_back("orderby", "modified");
  params.emplace_back("order", "asc");
  return params;
}

bool modified_before(const Order& a, const Order& b) {
  return a.date_modified != b.date_modified ? a.date_modified < b.date_modified : a.id < b.id;
}

}  // namespace

Status WooClient::list_orders_by_page(const OrderQuery& query,
                                      const std::function<Status(WooListing<Order>&&)>& consume) {
  Status consumer_failure;
  auto status = transport_->fetch_pages(
      "/orders", order_listing_params(query), options_.per_page,
      [&](const HttpResponse& page) -> Result<woo::PageSummary> {
        auto parsed = woo::parse_orders(page.body);
        if (!parsed) return std::unexpected(parsed.error());
        WooListing<Order> listing;
        woo::PageSummary summary;
        summary.items = parsed->size();
        for (auto& item : *parsed) {
          if (!item) {
            listing.unreadable.push_back(std::move(item.error()));
            continue;
          }
          summary.ids.push_back(item->id);
          listing.items.push_back(std::move(*item));
        }
        std::stable_sort(listing.items.begin(), listing.items.end(), modified_before);
        if (auto s = consume(std::move(listing)); !s) {
          consumer_failure = s;
          return std::unexpected(s.error());
        }
        return summary;
      });
  if (!consumer_failure) return consumer_failure;
  return status;
}

Result<WooListing<Order>> WooClient::list_orders(const OrderQuery& query) {
  auto listing = woo::read_listing<Order>(*transport_, "/orders", order_listing_params(query),
                                          options_.per_page, woo::parse_orders);
  if (!listing) return listing;
  // Pages read at the same time can overlap when orders change meanwhile: keep each order once,
  // in its latest state, in modification order.
  auto& orders = listing->items;
  std::unordered_map<std::int64_t, std::size_t> latest;
  std::vector<Order> unique;
  unique.reserve(orders.size());
  for (auto& order : orders) {
    const auto [it, inserted] = latest.try_emplace(order.id, unique.size());
    if (inserted) {
      unique.push_back(std::move(order));
    } else if (unique[it->second].date_modified < order.date_modified) {
      unique[it->second] = std::move(order);
    }
  }
  std::stable_sort(unique.begin(), unique.end(), modified_before);
  orders = std::move(unique);
  return listing;
}

Result<std::optional<Order>> WooClient::get_order(std::int64_t id) {
  return woo::parse_unless_absent<Order>(transport_->call("GET", "/orders/" + std::to_string(id)),
                                         woo::parse_order);
}

Result<std::vector<Refund>> WooClient::list_refunds(std::int64_t order_id) {
  auto refunds = woo::all_readable(woo::read_listing<Refund>(
      *transport_, "/orders/" + std::to_string(order_id) + "/refunds", woo::by_id(),
      options_.per_page,
      [&](std::string_view body) { return woo::parse_refunds(body, order_id); }));
  if (refunds) {
    std::sort(refunds->begin(), refunds->end(), [](const Refund& a, const Refund& b) {
      return a.date_created != b.date_created ? a.date_created < b.date_created : a.id < b.id;
    });
  }
  return refunds;
}

Result<Refund> WooClient::create_refund(std::int64_t order_id, const RefundRequest& request) {
  // The answer's `location` header is broken in WooCommerce 7.9 (it holds the route pattern);
  // the body carries the id.
  auto response = transport_->call("POST", "/orders/" + std::to_string(order_id) + "/refunds", {},
                                   woo::refund_body(request), false);
  if (!response) return std::unexpected(response.error());
  return woo::parse_refund(response->body, order_id);
}

Result<Order> WooClient::update_order_status(std::int64_t id, const std::string& status) {
  auto response =
      transport_->call("PUT", "/orders/" + std::to_string(id), {}, woo::order_status_body(status));
  if (!response) return std::unexpected(response.error());
  return woo::parse_order(response->body);
}

Result<std::int64_t> WooClient::add_order_note(std::int64_t id, const std::string& note,
                                               bool customer_note) {
  auto response = transport_->call("POST", "/orders/" + std::to_string(id) + "/notes", {},
                                   woo::order_note_body(note, customer_note), false);
  if (!response) return std::unexpected(response.error());
  return woo::parse_created_id(response->body, "note on order " + std::to_string(id));
}

Result<Order> WooClient::update_order_meta(std::int64_t id, const std::string& key,
                                           const std::string& value) {
  auto response = transport_->call("PUT", "/orders/" + std::to_string(id), {},
                                   woo::order_meta_body(key, value));
  if (!response) return std::unexpected(response.error());
  return woo::parse_order(response->body);
}

}  // namespace wv
