// Products and variations as WooCommerce renders them (see render.hpp).
#include "sandbox/woo/render.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/render_parts.hpp"
#include "sandbox/woo/tax_math.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
using namespace parts;

namespace {

PriceFormat price_format(const ShopSettings& s) {
  PriceFormat f;
  f.decimal_separator = s.decimal_separator;
  f.thousand_separator = s.thousand_separator;
  f.decimals = s.price_decimals;
  f.currency_symbol_html = s.currency_symbol_html;
  f.position = s.currency_position;
  return f;
}

bool on_sale(const Product& p) {
  if (p.sale_price.empty()) return false;
  if (p.regular_price.empty()) return true;
  return Decimal::parse(p.sale_price, true).value_or(Decimal()) < Decimal::parse(p.regular_price, true).value_or(Decimal());
}

std::vector<const Product*> children(const ShopState& shop, const Product& parent) {
  std::vector<const Product*> out;
  for (const auto& [id, p] : shop.products) {
    if (p.is_variation && p.parent_id == parent.id) out.push_back(&p);
  }
  std::stable_sort(out.begin(), out.end(), [](const Product* a, const Product* b) {
    return a->menu_order < b->menu_order;
  });
  return out;
}

std::string price_html(const ShopState& shop, const Product& p) {
  const PriceFormat format = price_format(shop.settings);
  if (p.type == "variable") {
    std::optional<Decimal> min, max, min_regular;
    for (const Product* child : children(shop, p)) {
      if (child->status != "publish" || child->price.empty()) continue;
      const Decimal price = Decimal::parse(child->price, true).value_or(Decimal());
      const Decimal regular = Decimal::parse(child->regular_price, true).value_or(price);
      if (!min || price < *min) min = price;
      if (!max || price > *max) max = price;
      if (!min_regular || regular < *min_regular) min_regular = regular;
    }
    if (!min) return "";
    if (*min != *max) return wc_price_html(*min, format) + " &ndash; " + wc_price_html(*max, format);
    if (min_regular && *min_regular > *min) {
      return "<del aria-hidden=\"true\">" + wc_price_html(*min_regular, format) + "</del> <ins>" +
             wc_price_html(*min, format) + "</ins>";
    }
    return wc_price_html(*min, format);
  }
  if (p.price.empty()) return "";
  const Decimal price = Decimal::parse(p.price, true).value_or(Decimal());
  if (on_sale(p) && !p.regular_price.empty()) {
    return "<del aria-hidden=\"true\">" + wc_price_html(Decimal::parse(p.regular_price, true).value_or(Decimal()), format) +
           "</del> <ins>" + wc_price_html(price, format) + "</ins>";
  }
  return wc_price_html(price, format);
}

std::string permalink(const ShopState& shop, const Product& p, const std::string& site) {
  (void)shop;
  return site + "/product/" + p.slug + "/";
}

std::vector<Id> related_ids(const ShopState& shop, const Product& p) {
  std::vector<Id> pool;
  for (const auto& [id, other] : shop.products) {
    if (other.is_variation || other.id == p.id || other.status != "publish") continue;
    bool shares = other.categories.empty() && p.categories.empty();
    for (const auto& c : other.categories) {
      for (const auto& mine : p.categories) shares = shares || c.id == mine.id;
    }
    if (shares) pool.push_back(id);
  }
  // WooCommerce shuffles; a fixed shuffle per product and modification keeps answers repeatable.
  std::uint64_t state = static_cast<std::uint64_t>(p.id) * 0x9E3779B97F4A7C15ULL +
                        static_cast<std::uint64_t>(p.date_modified.time_since_epoch().count());
  for (std::size_t i = pool.size(); i > 1; --i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    std::swap(pool[i - 1], pool[static_cast<std::size_t>((state >> 33) % i)]);
  }
  if (pool.size() > 5) pool.resize(5);
  return pool;
}

Json dimensions(const Product& p) {
  return Json::object().add("length", p.length).add("width", p.width).add("height", p.height);
}

bool backordered(const Product& p) {
  return p.manage_stock && p.backorders != "no" && p.stock_quantity.value_or(0) < 0;
}

bool purchasable(const ShopState& shop, const Product& p) {
  if (p.type == "variable") {
    for (const Product* c : children(shop, p)) {
      if (c->status == "publish" && !c->price.empty()) return true;
    }
    return false;
  }
  if (p.type == "external" || p.type == "grouped") return p.type != "grouped" && !p.price.empty();
  return p.status == "publish" && !p.price.empty();
}

}  // namespace

Json render_product(const ShopState& shop, const Product& p, const RenderOptions& options) {
  const std::string& site = options.site_url;
  Json o = Json::object();
  o.add("id", p.id).add("name", p.name).add("slug", p.slug).add("permalink", permalink(shop, p, site));
  o.add("date_created", local_date(shop, p.date_created)).add("date_created_gmt", gmt_date(p.date_created));
  o.add("date_modified", local_date(shop, p.date_modified)).add("date_modified_gmt", gmt_date(p.date_modified));
  o.add("type", p.type).add("status", p.status).add("featured", p.featured);
  o.add("catalog_visibility", p.catalog_visibility);
  o.add("description", options.edit ? p.description : wpautop(p.description));
  o.add("short_description", options.edit ? p.short_description : wpautop(p.short_description));
  o.add("sku", p.sku).add("price", p.price).add("regular_price", p.regular_price).add("sale_price", p.sale_price);
  o.add("date_on_sale_from", local_date(shop, p.date_on_sale_from)).add("date_on_sale_from_gmt", gmt_date(p.date_on_sale_from));
  o.add("date_on_sale_to", local_date(shop, p.date_on_sale_to)).add("date_on_sale_to_gmt", gmt_date(p.date_on_sale_to));
  o.add("on_sale", p.type != "variable" && on_sale(p)).add("purchasable", purchasable(shop, p));
  o.add("total_sales", p.total_sales).add("virtual", p.is_virtual).add("downloadable", p.downloadable);
  o.add("downloads", p.downloads).add("download_limit", p.download_limit).add("download_expiry", p.download_expiry);
  o.add("external_url", p.external_url).add("button_text", p.button_text);
  o.add("tax_status", p.tax_status).add("tax_class", p.tax_class).add("manage_stock", p.manage_stock);
  o.add("stock_quantity", p.manage_stock ? optional_int(p.stock_quantity) : Json::null());
  o.add("backorders", p.backorders).add("backorders_allowed", p.backorders != "no").add("backordered", backordered(p));
  o.add("low_stock_amount", optional_int(p.low_stock_amount)).add("sold_individually", p.sold_individually);
  o.add("weight", p.weight).add("dimensions", dimensions(p));
  o.add("shipping_required", !p.is_virtual).add("shipping_taxable", !p.is_virtual && p.tax_status == "taxable");
  o.add("shipping_class", p.shipping_class).add("shipping_class_id", 0);
  o.add("reviews_allowed", p.reviews_allowed);
  o.add("average_rating", options.edit ? p.average_rating
                                       : Decimal::parse(p.average_rating, true).value_or(Decimal()).to_string(2));
  o.add("rating_count", p.rating_count);
  o.add("upsell_ids", ids(p.upsell_ids)).add("cross_sell_ids", ids(p.cross_sell_ids));
  o.add("parent_id", p.parent_id).add("purchase_note", options.edit ? p.purchase_note : wpautop(p.purchase_note));
  o.add("categories", terms(p.categories)).add("tags", terms(p.tags)).add("images", p.images);
  Json attributes = Json::array();
  for (const auto& a : p.attributes) {
    Json options_list = Json::array();
    for (const auto& opt : a.options) options_list.push(Json::string(opt));
    attributes.push(Json::object()
                        .add("id", a.id)
                        .add("name", a.name)
                        .add("position", a.position)
                        .add("visible", a.visible)
                        .add("variation", a.variation)
                        .add("options", options_list));
  }
  o.add("attributes", attributes);
  Json defaults = Json::array();
  for (const auto& d : p.default_attributes) {
    defaults.push(Json::object().add("id", d.id).add("name", d.name).add("option", d.option));
  }
  o.add("default_attributes", defaults);
  std::vector<Id> variation_ids;
  if (p.type == "variable") {
    for (const Product* c : children(shop, p)) variation_ids.push_back(c->id);
  }
  o.add("variations", ids(variation_ids)).add("grouped_products", Json::array());
  o.add("menu_order", p.menu_order).add("price_html", price_html(shop, p));
  o.add("related_ids", ids(related_ids(shop, p))).add("meta_data", meta_list(p.meta_data));
  o.add("stock_status", p.stock_status).add("has_options", p.type == "variable" && !variation_ids.empty());
  if (options.edit) {
    o.add("permalink_template", site + "/product/%pagename%/").add("generated_slug", p.slug);
  }
  o.add("_links", links(site + kApi + "/products/" + std::to_string(p.id), site + kApi + "/products"));
  return o;
}

Json render_variation(const ShopState& shop, const Product& v, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const Product* parent = find_product(shop, v.parent_id);
  std::string link = parent ? permalink(shop, *parent, site) : site + "/";
  std::string query;
  for (const auto& a : v.variation_attributes) {
    query += (query.empty() ? "?" : "&") + std::string("attribute_") + sanitize_title(a.name) + "=" + php_urlencode(a.option);
  }
  const std::string base = site + kApi + "/products/" + std::to_string(v.parent_id) + "/variations";
  Json o = Json::object();
  o.add("id", v.id);
  o.add("date_created", local_date(shop, v.date_created)).add("date_created_gmt", gmt_date(v.date_created));
  o.add("date_modified", local_date(shop, v.date_modified)).add("date_modified_gmt", gmt_date(v.date_modified));
  o.add("description", options.edit ? v.description : wpautop(v.description));
  o.add("permalink", link + query).add("sku", v.sku).add("price", v.price);
  o.add("regular_price", v.regular_price).add("sale_price", v.sale_price);
  o.add("date_on_sale_from", local_date(shop, v.date_on_sale_from)).add("date_on_sale_from_gmt", gmt_date(v.date_on_sale_from));
  o.add("date_on_sale_to", local_date(shop, v.date_on_sale_to)).add("date_on_sale_to_gmt", gmt_date(v.date_on_sale_to));
  o.add("on_sale", on_sale(v)).add("status", v.status).add("purchasable", purchasable(shop, v));
  o.add("virtual", v.is_virtual).add("downloadable", v.downloadable).add("downloads", v.downloads);
  o.add("download_limit", v.download_limit).add("download_expiry", v.download_expiry);
  // A variation's "parent" tax class reads as its parent's class.
  o.add("tax_status", v.tax_status)
      .add("tax_class", v.tax_class == "parent" ? (parent ? parent->tax_class : std::string()) : v.tax_class);
  o.add("manage_stock", v.manage_stock);
  o.add("stock_quantity", v.manage_stock ? optional_int(v.stock_quantity) : Json::null());
  o.add("stock_status", v.stock_status).add("backorders", v.backorders);
  o.add("backorders_allowed", v.backorders != "no").add("backordered", backordered(v));
  o.add("low_stock_amount", optional_int(v.low_stock_amount)).add("weight", v.weight).add("dimensions", dimensions(v));
  o.add("shipping_class", v.shipping_class).add("shipping_class_id", 0);
  o.add("image", v.images.items().empty() ? Json::null() : v.images.items()[0]);
  Json attributes = Json::array();
  for (const auto& a : v.variation_attributes) {
    attributes.push(Json::object().add("id", a.id).add("name", a.name).add("option", a.option));
  }
  o.add("attributes", attributes).add("menu_order", v.menu_order).add("meta_data", meta_list(v.meta_data));
  Json l = links(base + "/" + std::to_string(v.id), base);
  l.add("up", Json::array().push(Json::object().add("href", site + kApi + "/products/" + std::to_string(v.parent_id))));
  o.add("_links", l);
  return o;
}

}  // namespace wv::sandbox::woo
