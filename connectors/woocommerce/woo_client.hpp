#pragma once
// The WooCommerce REST API v3 client: orders, refunds, products, variations, customers, taxes and
// shop facts as domain values. Wire formats stay inside the connector.
//
// Failures, unless a method says otherwise: Config (unusable shop URL, missing keys, Basic or
// query credentials over plain http, no WooCommerce API at the URL), Auth (401/403: wrong key or
// secret, a read-only key writing), Transient (no answer after the HTTP layer's retries, 429,
// 5xx), Rejected (the shop refused the request, 400/413; or its answer cannot be read: the
// message names the object and the field). Every message is one line without secrets.
//
// Thread-safe: worker threads may call any method of one client at once (it keeps no state
// between calls but its settings; each request is signed with a fresh random nonce), given a
// thread-safe HttpClient such as CurlHttpClient.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/woocommerce/woo_types.hpp"
#include "core/config/config.hpp"
#include "core/http/http.hpp"
#include "core/time.hpp"

namespace wv {

namespace woo {
class Transport;
}

struct WooClientOptions {
  int per_page = 100;    ///< objects per list page (WordPress allows at most 100)
  int batch_size = 100;  ///< items per batch request (the shop's default limit)
};

class WooClient {
 public:
  /// Keeps references to `http` and `clock`; registers the consumer secret for redaction.
  WooClient(const ShopConfig& shop, HttpClient& http, const Clock& clock = system_clock(),
            WooClientOptions options = {});
  ~WooClient();
  WooClient(const WooClient&) = delete;
  WooClient& operator=(const WooClient&) = delete;

  /// Ok, or the Config error every call would fail with (checked without a request).
  [[nodiscard]] Status usable() const;

  // Orders ---------------------------------------------------------------------------------
  /// Every matching order once, sorted by date_modified then id (the shop is asked for
  /// orderby=modified ascending); unreadable orders are listed apart. An order modified while
  /// the pages are read may be missed: callers keep an overlap between runs.
  Result<WooListing<Order>> list_orders(const OrderQuery& query);
  /// The same orders as list_orders, passed to `consume` a page at a time (each page sorted by
  /// date_modified then id) so that memory stays flat. Returns consume's first error as it is.
  Status list_orders_by_page(const OrderQuery& query,
                             const std::function<Status(WooListing<Order>&&)>& consume);
  /// The order, or nullopt when the shop has no order `id`.
  Result<std::optional<Order>> get_order(std::int64_t id);
  /// The refunds of order `id`, oldest first; empty when none, also for an unknown order
  /// (WooCommerce lists refunds by parent id without checking that the order exists).
  Result<std::vector<Refund>> list_refunds(std::int64_t order_id);
  /// Creates a refund and returns it. Not repeated on an ambiguous failure: list_refunds first.
  Result<Refund> create_refund(std::int64_t order_id, const RefundRequest& request);
  /// Sets the order's status ("completed"); returns the order as saved. NotFound when unknown.
  Result<Order> update_order_status(std::int64_t id, const std::string& status);
  /// Adds a note (shown to and mailed to the customer when `customer_note`); returns its id.
  Result<std::int64_t> add_order_note(std::int64_t id, const std::string& note, bool customer_note);
  /// Sets the order meta `key` to `value`; returns the order as saved. NotFound when unknown.
  Result<Order> update_order_meta(std::int64_t id, const std::string& key,
                                  const std::string& value);

  // Products and variations ----------------------------------------------------------------
  /// Every matching product (not variations); unreadable ones are listed apart.
  Result<WooListing<Product>> list_products(const ProductQuery& query);
  /// The product (or variation, type "variation"), or nullopt when there is none with `id`.
  Result<std::optional<Product>> get_product(std::int64_t id);
  /// The product or variation whose SKU is exactly `sku`, or nullopt when none has it. Conflict
  /// when several have it.
  Result<std::optional<CatalogItem>> find_product_by_sku(const std::string& sku);
  /// The variations of product `product_id` with parent_id set; empty for a simple product.
  Result<std::vector<Variation>> list_variations(std::int64_t product_id);
  /// Creates a product from `fields` (name required) and returns it. Rejected for a duplicate
  /// SKU (the message names the product holding it).
  Result<Product> create_product(const ProductUpdate& fields);
  /// Changes the set fields of product `id` and returns it. NotFound when unknown.
  Result<Product> update_product(std::int64_t id, const ProductUpdate& fields);
  /// Changes the set fields of one variation and returns it. NotFound when unknown.
  Result<Variation> update_variation(std::int64_t product_id, std::int64_t variation_id,
                                     const ProductUpdate& fields);
  /// Applies `updates` (each with its id) in chunks of at most batch_size and returns one result
  /// per update, in order: the shop's per-item refusal, or the failure of its chunk. Fails as a
  /// whole only with Auth or Config, when no item can succeed.
  Result<std::vector<BatchItemResult>> batch_update_products(
      const std::vector<ProductUpdate>& updates);
  /// As batch_update_products, for variations of product `product_id`.
  Result<std::vector<BatchItemResult>> batch_update_variations(
      std::int64_t product_id, const std::vector<ProductUpdate>& updates);

  // Customers, taxes, the shop --------------------------------------------------------------
  /// Every registered customer (role "customer"), or those with `email` when given.
  Result<WooListing<ShopCustomer>> list_customers(const std::string& email = "");
  /// The customer, or nullopt when there is none with `id`.
  Result<std::optional<ShopCustomer>> get_customer(std::int64_t id);
  /// Every tax rate. Rejected when one is unreadable (rates must all be known).
  Result<std::vector<TaxRate>> list_taxes();
  /// Every tax class, "standard" included.
  Result<std::vector<TaxClass>> list_tax_classes();
  /// Versions, currency and the two tax settings (nullopt when the key may not read settings).
  Result<ShopStatus> system_status();
  /// Whether the key may read (GET /products?per_page=1) and write. Writing is probed with an
  /// empty batch (POST /products/batch with {}), which the shop authorises like any write but
  /// which changes nothing; a read-only key gets 401 "does not have write permissions". Fails
  /// only when a probe gets no usable answer (network, Config, 5xx).
  Result<KeyPermissions> probe_permissions();

 private:
  Result<std::vector<BatchItemResult>> batch_update(const std::string& path,
                                                    const std::vector<ProductUpdate>& updates,
                                                    const char* item_noun);

  std::unique_ptr<woo::Transport> transport_;
  WooClientOptions options_;
};

}  // namespace wv
