#pragma once
// What goes into and comes out of WooClient besides the domain types: list filters, product
// changes, refund requests, batch outcomes and what `check` needs to know about a shop.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/decimal.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv {

/// A listing in which single objects may be unreadable (a plugin wrote "" into a total): the
/// readable ones, and one Rejected error per unreadable one, naming it and the field.
template <class T>
struct WooListing {
  std::vector<T> items;
  std::vector<Error> unreadable;
};

struct OrderQuery {
  std::vector<std::string> statuses;         ///< empty = every status
  std::optional<Timestamp> modified_after;   ///< UTC, exclusive
  std::optional<Timestamp> modified_before;  ///< UTC, exclusive
  std::vector<std::int64_t> include;         ///< only these ids; empty = no restriction
};

struct ProductQuery {
  std::string sku;  ///< exact SKU; "" = any (the shop also matches variations then)
  std::optional<Timestamp> modified_after;  ///< UTC
  std::string status;                       ///< "publish", "draft", ...; "" = any
  std::string type;                         ///< "simple", "variable", ...; "" = any
};

/// Fields to write on a product or variation; unset fields are left as they are. Also the body of
/// create_product (name required there).
struct ProductUpdate {
  std::int64_t id = 0;  ///< the product or variation to change (batch and update)
  std::optional<std::string> name;
  std::optional<std::string> type;    ///< create only: "simple" when unset
  std::optional<std::string> status;  ///< "publish", "draft", "private", "pending"
  std::optional<std::string> sku;
  std::optional<Decimal> regular_price;
  std::optional<Decimal> sale_price;
  bool remove_sale_price = false;        ///< end a sale (sends "" for sale_price)
  std::optional<std::string> tax_class;  ///< "" = standard
  std::optional<bool> manage_stock;
  std::optional<std::int64_t> stock_quantity;  ///< WooCommerce keeps whole units
  std::optional<std::string> short_description;
  std::vector<MetaItem> meta;  ///< set these keys (string values)

  [[nodiscard]] bool empty() const;
};

/// One item of a batch update: the id sent and whether the shop applied it.
struct BatchItemResult {
  std::int64_t id = 0;
  Status outcome;  ///< the shop's per-item error, or the error of the whole chunk
};

/// A product or a variation: what a SKU lookup finds.
using CatalogItem = std::variant<Product, Variation>;

struct RefundLineRequest {
  std::int64_t item_id = 0;  ///< the order's line item id
  std::int64_t quantity = 0;
  Decimal refund_total;  ///< excluding VAT
  struct Tax {
    std::int64_t rate_id = 0;
    Decimal refund_total;
  };
  std::vector<Tax> refund_tax;
};

struct RefundRequest {
  Decimal amount;  ///< positive, including VAT
  std::string reason;
  bool api_refund = false;  ///< true asks the payment gateway to pay the money back
  bool api_restock = true;  ///< put refunded items back in stock
  std::vector<RefundLineRequest> lines;
};

/// What `check` reports about the shop (GET /system_status plus two tax settings).
struct ShopStatus {
  std::string woocommerce_version;  ///< "7.9.0"
  std::string wordpress_version;
  std::string home_url;
  std::string currency;  ///< "SEK"
  int price_decimals = 2;
  /// woocommerce_prices_include_tax / woocommerce_calc_taxes; nullopt when the key may not read
  /// settings. WooCommerce 7.9 reports no site time zone; orders carry local and UTC dates.
  std::optional<bool> prices_include_tax;
  std::optional<bool> taxes_enabled;
};

/// What the API key may do.
struct KeyPermissions {
  bool can_read = false;
  bool can_write = false;
  std::string read_problem;   ///< the shop's refusal when !can_read
  std::string write_problem;  ///< the shop's refusal when !can_write
};

}  // namespace wv
