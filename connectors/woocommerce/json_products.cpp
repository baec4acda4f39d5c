// Products and variations from WooCommerce's JSON.
//
// Prices are strings and "" where unset (a variable parent's regular_price, an absent
// sale_price). A variation object has no name or parent_id of its own; the caller supplies the
// parent. /products?sku= also finds variations: they come with type "variation" and parent_id.

#include "connectors/woocommerce/json_reader.hpp"
#include "connectors/woocommerce/woo_json.hpp"

namespace wv::woo {
namespace {

std::vector<ProductAttribute> read_attributes(const Node& n) {
  std::vector<ProductAttribute> out;
  for (const Node& a : n.array("attributes")) {
    ProductAttribute attribute;
    attribute.name = a.text("name");
    attribute.option = a.text("option");
    for (const Node& option : a.array("options"))
      attribute.options.push_back(option.string_value());
    out.push_back(std::move(attribute));
  }
  return out;
}

// Variations may say "parent": stock is then managed on the parent product.
bool read_manage_stock(const Node& n) {
  const Node field = n["manage_stock"];
  if (field.present() && field.raw()->IsString()) {
    const std::string value = n.text("manage_stock");
    if (value != "parent")
      n.problems().report(field.path(), quote_value(value) + " is not true or false");
    return false;
  }
  return n.flag("manage_stock");
}

Product read_product(const Node& n) {
  Product p;
  p.id = n.id("id");
  if (p.id != 0) n.problems().set_subject("product " + std::to_string(p.id));
  p.name = n.text("name");
  p.type = n.text("type");
  p.status = n.text("status");
  p.sku = Sku(n.text("sku"));
  p.description = n.text("description");
  p.short_description = n.text("short_description");
  p.regular_price = n.optional_amount("regular_price");
  p.sale_price = n.optional_amount("sale_price");
  p.price = n.optional_amount("price");
  p.sale_from = n.time("date_on_sale_from_gmt");
  p.sale_to = n.time("date_on_sale_to_gmt");
  p.tax_status = n.text("tax_status");
  p.tax_class = n.text("tax_class");
  p.manage_stock = read_manage_stock(n);
  p.stock_quantity = n.optional_int("stock_quantity");
  p.stock_status = n.text("stock_status");
  p.is_virtual = n.flag("virtual");
  for (const Node& v : n.array("variations")) p.variation_ids.push_back(v.integer());
  p.attributes = read_attributes(n);
  p.meta = n.meta();
  p.date_modified = n.time("date_modified_gmt");
  p.parent_id = n.optional_int("parent_id").value_or(0);
  return p;
}

Variation read_variation(const Node& n, std::int64_t parent_id) {
  Variation v;
  v.id = n.id("id");
  if (v.id != 0) {
    n.problems().set_subject("variation " + std::to_string(v.id) + " of product " +
                             std::to_string(parent_id));
  }
  v.parent_id = parent_id;
  v.sku = Sku(n.text("sku"));
  v.description = n.text("description");
  v.regular_price = n.optional_amount("regular_price");
  v.sale_price = n.optional_amount("sale_price");
  v.price = n.optional_amount("price");
  v.sale_from = n.time("date_on_sale_from_gmt");
  v.sale_to = n.time("date_on_sale_to_gmt");
  v.tax_status = n.text("tax_status");
  v.tax_class = n.text("tax_class");
  v.manage_stock = read_manage_stock(n);
  v.stock_quantity = n.optional_int("stock_quantity");
  v.stock_status = n.text("stock_status");
  v.status = n.text("status");
  v.attributes = read_attributes(n);
  v.meta = n.meta();
  v.date_modified = n.time("date_modified_gmt");
  return v;
}

CatalogItem read_catalog_item(const Node& n) {
  if (n.text("type") == "variation") {
    const std::int64_t parent = n.id("parent_id");
    return read_variation(n, parent);
  }
  return read_product(n);
}

}  // namespace

Result<Product> parse_product(std::string_view body) {
  return read_object<Product>(body, "product", read_product);
}

Result<ParsedList<Product>> parse_products(std::string_view body) {
  return read_list<Product>(body, "product", read_product);
}

Result<ParsedList<CatalogItem>> parse_catalog_items(std::string_view body) {
  return read_list<CatalogItem>(body, "product", read_catalog_item);
}

Result<Variation> parse_variation(std::string_view body, std::int64_t parent_id) {
  return read_object<Variation>(body, "variation of product " + std::to_string(parent_id),
                                [&](const Node& n) { return read_variation(n, parent_id); });
}

Result<ParsedList<Variation>> parse_variations(std::string_view body, std::int64_t parent_id) {
  return read_list<Variation>(body, "variation of product " + std::to_string(parent_id),
                              [&](const Node& n) { return read_variation(n, parent_id); });
}

}  // namespace wv::woo
