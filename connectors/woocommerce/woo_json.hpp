#pragma once
// WooCommerce wire JSON to domain values and back (private to the connector).
//
// Every parse failure is a Rejected error naming the object and the field:
// `order 24: line_items[1].total "abc" is not an amount`. A list parses element by element, so
// one unreadable order does not hide the others; the list itself fails only when the body is not
// a JSON list.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/woocommerce/woo_errors.hpp"
#include "connectors/woocommerce/woo_types.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"

namespace wv::woo {

template <class T>
using ParsedList = std::vector<Result<T>>;

// Orders and refunds (json_orders.cpp).
Result<Order> parse_order(std::string_view body);
Result<ParsedList<Order>> parse_orders(std::string_view body);
Result<Refund> parse_refund(std::string_view body, std::int64_t order_id);
Result<ParsedList<Refund>> parse_refunds(std::string_view body, std::int64_t order_id);

// Products and variations (json_products.cpp).
Result<Product> parse_product(std::string_view body);
Result<ParsedList<Product>> parse_products(std::string_view body);
/// A /products?sku= answer: products, and variations (type "variation") as Variation.
Result<ParsedList<CatalogItem>> parse_catalog_items(std::string_view body);
Result<Variation> parse_variation(std::string_view body, std::int64_t parent_id);
Result<ParsedList<Variation>> parse_variations(std::string_view body, std::int64_t parent_id);

// Customers, taxes, shop facts, small answers (json_misc.cpp).
Result<ShopCustomer> parse_customer(std::string_view body);
Result<ParsedList<ShopCustomer>> parse_customers(std::string_view body);
Result<ParsedList<TaxRate>> parse_taxes(std::string_view body);
Result<std::vector<TaxClass>> parse_tax_classes(std::string_view body);
/// GET /system_status: versions, home URL, currency, decimals (tax settings are separate).
Result<ShopStatus> parse_system_status(std::string_view body);
/// GET /settings/{group}/{id}: the setting's "value" as text.
Result<std::string> parse_setting_value(std::string_view body);
/// The "id" of a created object (a note).
Result<std::int64_t> parse_created_id(std::string_view body, std::string_view what);
/// A batch answer {"update": [...]}: per sent id, ok or the shop's per-item error. `item_noun`
/// names items in messages ("product", "variation").
Result<std::vector<BatchItemResult>> parse_batch_update(std::string_view body,
                                                        std::span<const std::int64_t> sent_ids,
                                                        const RequestLabel& request,
                                                        std::string_view item_noun);

// Request bodies (json_write.cpp). Amounts are written exactly, prices as strings.
std::string product_body(const ProductUpdate& fields);
std::string batch_update_body(std::span<const ProductUpdate> updates);
std::string order_status_body(std::string_view status);
std::string order_meta_body(std::string_view key, std::string_view value);
std::string order_note_body(std::string_view note, bool customer_note);
std::string refund_body(const RefundRequest& request);

}  // namespace wv::woo
