// WooClient: products, variations and batch updates.

#include <span>

#include "connectors/woocommerce/woo_client.hpp"
#include "connectors/woocommerce/woo_listing.hpp"

namespace wv {

using woo::QueryParams;

bool ProductUpdate::empty() const {
  return !name && !type && !status && !sku && !regular_price && !sale_price && !remove_sale_price &&
         !tax_class && !manage_stock && !stock_quantity && !short_description && meta.empty();
}

Result<WooListing<Product>> WooClient::list_products(const ProductQuery& query) {
  QueryParams params;
  if (!query.sku.empty()) params.emplace_back("sku", query.sku);
  if (query.modified_after) {
    params.emplace_back(
        "modified_after",
        format_timestamp_no_zone(std::chrono::floor<std::chrono::seconds>(*query.modified_after)));
    params.emplace_back("dates_are_gmt", "true");
  }
  if (!query.status.empty()) params.emplace_back("status", query.status);
  if (!query.type.empty()) params.emplace_back("type", query.type);
  params.emplace_back("orderby", "id");
  params.emplace_back("order", "asc");
  auto listing = woo::read_listing<CatalogItem>(*transport_, "/products", params, options_.per_page,
                                                woo::parse_catalog_items);
  if (!listing) return std::unexpected(listing.error());
  // A SKU filter also finds variations; a product listing leaves them out.
  WooListing<Product> out;
  out.unreadable = std::move(listing->unreadable);
  for (auto& item : listing->items) {
    if (auto* product = std::get_if<Product>(&item)) out.items.push_back(std::move(*product));
  }
  return out;
}

Result<std::optional<Product>> WooClient::get_product(std::int64_t id) {
  return woo::parse_unless_absent<Product>(
      transport_->call("GET", "/products/" + std::to_string(id)), woo::parse_product);
}

Result<std::optional<CatalogItem>> WooClient::find_product_by_sku(const std::string& sku) {
  if (sku.empty()) return std::optional<CatalogItem>();
  auto listing = woo::read_listing<CatalogItem>(*transport_, "/products", {{"sku", sku}},
                                                options_.per_page, woo::parse_catalog_items);
  if (!listing) return std::unexpected(listing.error());
  // The shop splits the filter at commas and matches each part; only an exact match counts.
  std::vector<CatalogItem> matches;
  for (auto& item : listing->items) {
    const Sku& found = std::visit([](const auto& x) -> const Sku& { return x.sku; }, item);
    if (found.str() == sku) matches.push_back(std::move(item));
  }
  if (matches.empty()) {
    if (!listing->unreadable.empty()) return std::unexpected(listing->unreadable.front());
    return std::optional<CatalogItem>();
  }
  if (matches.size() > 1) {
    return fail(ErrorKind::Conflict, "WooCommerce has SKU \"" + sku + "\" on both product " +
                                         std::to_string(woo::id_of(matches[0])) + " and product " +
                                         std::to_string(woo::id_of(matches[1])) +
                                         "; give each a unique SKU");
  }
  return std::optional<CatalogItem>(std::move(matches.front()));
}

Result<std::vector<Variation>> WooClient::list_variations(std::int64_t product_id) {
  return woo::all_readable(woo::read_listing<Variation>(
      *transport_, "/products/" + std::to_string(product_id) + "/variations", woo::by_id(),
      options_.per_page,
      [&](std::string_view body) { return woo::parse_variations(body, product_id); }));
}

Result<Product> WooClient::create_product(const ProductUpdate& fields) {
  if (!fields.name || fields.name->empty()) {
    return fail(ErrorKind::Internal, "create_product needs a name");
  }
  ProductUpdate body = fields;
  if (!body.type) body.type = "simple";
  auto response = transport_->call("POST", "/products", {}, woo::product_body(body), false);
  if (!response) return std::unexpected(response.error());
  return woo::parse_product(response->body);
}

Result<Product> WooClient::update_product(std::int64_t id, const ProductUpdate& fields) {
  auto response =
      transport_->call("PUT", "/products/" + std::to_string(id), {}, woo::product_body(fields));
  if (!response) return std::unexpected(response.error());
  return woo::parse_product(response->body);
}

Result<Variation> WooClient::update_variation(std::int64_t product_id, std::int64_t variation_id,
                                              const ProductUpdate& fields) {
  auto response = transport_->call(
      "PUT",
      "/products/" + std::to_string(product_id) + "/variations/" + std::to_string(variation_id), {},
      woo::product_body(fields));
  if (!response) return std::unexpected(response.error());
  return woo::parse_variation(response->body, product_id);
}

Result<std::vector<BatchItemResult>> WooClient::batch_update_products(
    const std::vector<ProductUpdate>& updates) {
  return batch_update("/products/batch", updates, "product");
}

Result<std::vector<BatchItemResult>> WooClient::batch_update_variations(
    std::int64_t product_id, const std::vector<ProductUpdate>& updates) {
  return batch_update("/products/" + std::to_string(product_id) + "/variations/batch", updates,
                      "variation");
}

Result<std::vector<BatchItemResult>> WooClient::batch_update(
    const std::string& path, const std::vector<ProductUpdate>& updates, const char* item_noun) {
  std::vector<BatchItemResult> results;
  results.reserve(updates.size());
  const std::size_t chunk_size = static_cast<std::size_t>(options_.batch_size);
  for (std::size_t start = 0; start < updates.size(); start += chunk_size) {
    const std::span<const ProductUpdate> chunk(updates.data() + start,
                                               std::min(chunk_size, updates.size() - start));
    std::vector<std::int64_t> ids;
    for (const auto& u : chunk) ids.push_back(u.id);

    // Only updates: setting the same values again does no harm, so the request may be retried.
    auto response = transport_->call("POST", path, {}, woo::batch_update_body(chunk), true);
    Result<std::vector<BatchItemResult>> chunk_results =
        response ? woo::parse_batch_update(response->body, ids, transport_->label("POST", path),
                                           item_noun)
                 : std::unexpected(response.error());
    if (!chunk_results) {
      const Error& error = chunk_results.error();
      if (error.kind == ErrorKind::Auth || error.kind == ErrorKind::Config) {
        return std::unexpected(error);
      }
      for (const auto id : ids) results.push_back({id, std::unexpected(error)});
      continue;
    }
    for (auto& r : *chunk_results) results.push_back(std::move(r));
  }
  return results;
}

}  // namespace wv
