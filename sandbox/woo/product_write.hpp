#pragma once
// Writing a product or variation from a request body the way WooCommerce's products controller
// does (prepare_object_for_database): tolerant of loose JSON types (batch items are not
// validated), refusing a SKU another product holds.

#include <optional>

#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/woo/model.hpp"
#include "sandbox/woo/rest_request.hpp"

namespace wv::sandbox::woo {

/// Applies the fields present in `body` to `product` (a new one when its id is 0, which then
/// gets its post id, slug and dates). Fails with product_invalid_sku (400, resource_id and
/// unique_sku in data) without changing anything when the SKU is taken.
std::optional<RestError> apply_product_fields(ShopState& shop, Product& product, const Json& body, Timestamp now);
/// Stores `product` (new or changed): ids, slug, dates, derived fields, parent sync. Returns its id.
Id store_product(ShopState& shop, Product product, Timestamp now);
/// wc_format_decimal for a price sent by a client: "149,00" → "149.00", "" stays "".
std::string format_price_input(const Json& value);
/// The id of the product or variation holding `sku` (case-insensitive), 0 when none.
Id product_id_by_sku(const ShopState& shop, const std::string& sku, Id except = 0);

}  // namespace wv::sandbox::woo
