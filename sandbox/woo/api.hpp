#pragma once
// What the route handlers share: the call being answered and the reply they give. Handlers live
// in routes_*.cpp, one file per resource; woo_emulator.cpp routes to them.

#include <string>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/json.hpp"
#include "sandbox/woo/model.hpp"
#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/render.hpp"
#include "sandbox/woo/rest_request.hpp"

namespace wv::sandbox::woo {

struct Call {
  ShopState& shop;
  const Request& request;
  RestParams& params;
  std::vector<Id> ids;  ///< the numeric path parameters in order (product id, then variation id)
  std::string slug;     ///< a non-numeric path parameter (a tax class slug)
  std::string site_url;
  std::string route;  ///< "/products/{id}"
  Timestamp now{};
  const ApiKey* key = nullptr;

  [[nodiscard]] RenderOptions view() const;
  [[nodiscard]] RenderOptions edit() const;
  /// The request's `dp` (order decimals), default 2.
  [[nodiscard]] int dp() const;
};

struct Reply {
  int status = 200;
  Json body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< X-WP-Total, Link, Location
  bool collection_link = false;  ///< a Link header replaces WordPress's api.w.org link
};

Reply ok(Json body);
Reply created(Json body, std::string location);
Reply error(const RestError& e);
Reply error(const WcError& e);
Reply error(std::string code, std::string message, int status);

/// A list response with X-WP-Total, X-WP-TotalPages and prev/next Link headers built from the
/// request's sanitized query the way WooCommerce builds them.
Reply paged(Call& call, Json items, std::int64_t total, std::int64_t per_page, std::int64_t page,
            const std::string& collection_path);

/// Copies the fields of a posted billing or shipping address onto `a` (null and absent fields
/// leave it as it was); `with_email` for billing addresses, which have one.
void update_address(Address& a, const Json& posted, bool with_email);

/// The request's query with every declared argument sanitized as WordPress does it (integers
/// cast, booleans made true/false, lists split), in the order the client sent them.
Json sanitized_query(const Json& query, const Json& args);

/// Query helpers shared by the list handlers.
struct ListWindow {
  std::int64_t page = 1;
  std::int64_t per_page = 10;
  std::int64_t offset = -1;  ///< -1 when not given
};
ListWindow list_window(const RestParams& params);
/// The slice of `count` items the window shows: [first, last).
std::pair<std::size_t, std::size_t> window_slice(const ListWindow& w, std::size_t count);
/// True when `t` passes the after/before/modified_after/modified_before filters of `params`.
bool date_filters_pass(const ShopState& shop, const RestParams& params, Timestamp created, Timestamp modified);
/// include/exclude id filters.
bool id_filters_pass(const RestParams& params, Id id);

// Handlers, by resource.
Reply products_list(Call& call);
Reply products_create(Call& call);
Reply product_get(Call& call);
Reply product_update(Call& call);
Reply product_delete(Call& call);
Reply products_batch(Call& call);
Reply variations_list(Call& call);
Reply variations_create(Call& call);
Reply variation_get(Call& call);
Reply variation_update(Call& call);
Reply variation_delete(Call& call);
Reply variations_batch(Call& call);
Reply orders_list(Call& call);
Reply orders_create(Call& call);
Reply order_get(Call& call);
Reply order_update(Call& call);
Reply order_delete(Call& call);
Reply orders_batch(Call& call);
Reply notes_list(Call& call);
Reply notes_create(Call& call);
Reply note_get(Call& call);
Reply note_delete(Call& call);
Reply refunds_list(Call& call);
Reply refunds_create(Call& call);
Reply refund_get(Call& call);
Reply refund_delete(Call& call);
Reply customers_list(Call& call);
Reply customers_create(Call& call);
Reply customer_get(Call& call);
Reply customer_update(Call& call);
Reply customer_delete(Call& call);
Reply customers_batch(Call& call);
Reply coupons_list(Call& call);
Reply coupon_get(Call& call);
Reply taxes_list(Call& call);
Reply tax_get(Call& call);
Reply tax_classes_list(Call& call);
Reply system_status_get(Call& call);

/// `body` with the route's schema defaults filled in where absent (WordPress's default params).
Json with_route_defaults(const Json& body, const std::string& route_key);
/// WC_REST_Orders_Controller::save_object for a create (`id` 0, body with defaults) or update:
/// the order's id, or the error WooCommerce answers. A coupon error after the order was first
/// saved leaves the order in place, as in WooCommerce.
std::expected<Id, WcError> save_order_from_request(ShopState& shop, const Json& body, Id id, Timestamp now);

/// Applies a request's meta_data list to `meta` (update_meta_data: by id, else by key, else added).
void update_meta_list(std::vector<Meta>& meta, const Json& list, bool item_meta);

/// The order or product (not a variation, not a refund) with `id`; nullptr when absent.
Order* find_order(ShopState& shop, Id id);
Product* find_parent_product(ShopState& shop, Id id);

}  // namespace wv::sandbox::woo
