#include "sandbox/woo/render.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/tax_math.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace {

const std::string kApi = "/wp-json/wc/v3";

Json links(const std::string& self, const std::string& collection) {
  return Json::object()
      .add("self", Json::array().push(Json::object().add("href", self)))
      .add("collection", Json::array().push(Json::object().add("href", collection)));
}

Json local_date(const ShopState& shop, Timestamp t) { return Json::string(wp_local(shop.settings.zone, t)); }
Json gmt_date(Timestamp t) { return Json::string(wp_gmt(t)); }
Json local_date(const ShopState& shop, const std::optional<Timestamp>& t) {
  return t ? local_date(shop, *t) : Json::null();
}
Json gmt_date(const std::optional<Timestamp>& t) { return t ? gmt_date(*t) : Json::null(); }

Json ids(const std::vector<Id>& list) {
  Json out = Json::array();
  for (Id id : list) out.push(Json::integer(id));
  return out;
}

Json terms(const std::vector<Term>& list) {
  Json out = Json::array();
  for (const auto& t : list) out.push(Json::object().add("id", t.id).add("name", t.name).add("slug", t.slug));
  return out;
}

Json meta_list(const std::vector<Meta>& meta) {
  Json out = Json::array();
  for (const auto& m : meta) out.push(Json::object().add("id", m.id).add("key", m.key).add("value", m.value));
  return out;
}

Json item_meta_list(const std::vector<Meta>& meta) {
  Json out = Json::array();
  for (const auto& m : meta) {
    out.push(Json::object()
                 .add("id", m.id)
                 .add("key", m.key)
                 .add("value", m.value)
                 .add("display_key", m.display_key.empty() ? m.key : m.display_key)
                 .add("display_value", m.value));
  }
  return out;
}

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

Json optional_int(const std::optional<std::int64_t>& v) { return v ? Json::integer(*v) : Json::null(); }

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

Json address(const Address& a, bool order, bool with_email) {
  Json o = Json::object();
  o.add("first_name", a.first_name).add("last_name", a.last_name).add("company", a.company);
  o.add("address_1", a.address_1).add("address_2", a.address_2).add("city", a.city);
  if (order) {
    o.add("state", a.state).add("postcode", a.postcode).add("country", a.country);
  } else {
    o.add("postcode", a.postcode).add("country", a.country).add("state", a.state);
  }
  if (with_email) o.add("email", a.email);
  o.add("phone", a.phone);
  return o;
}

Json tax_amounts(const RateAmounts& total, const RateAmounts* subtotal) {
  Json out = Json::array();
  for (const auto& [rate, amount] : total) {
    Json sub = Json::string("");
    if (subtotal) {
      for (const auto& [srate, samount] : *subtotal) {
        if (srate == rate) sub = Json::string(samount.to_plain_string());
      }
    }
    out.push(Json::object().add("id", rate).add("total", amount.to_plain_string()).add("subtotal", sub));
  }
  return out;
}

Json line_item(const ShopState& shop, const OrderItem& item, int dp) {
  const Product* product = find_product(shop, item.variation_id ? item.variation_id : item.product_id);
  const Product* parent = item.variation_id ? find_product(shop, item.product_id) : nullptr;
  Json o = Json::object();
  o.add("id", item.id).add("name", item.name).add("product_id", item.product_id).add("variation_id", item.variation_id);
  o.add("quantity", item.quantity).add("tax_class", item.tax_class);
  o.add("subtotal", format_amount(item.subtotal, dp)).add("subtotal_tax", format_amount(item.subtotal_tax, dp));
  o.add("total", format_amount(item.total, dp)).add("total_tax", format_amount(item.total_tax, dp));
  o.add("taxes", tax_amounts(item.taxes_total, &item.taxes_subtotal));
  o.add("meta_data", item_meta_list(item.meta_data));
  o.add("sku", product ? Json::string(product->sku) : Json::null());
  const double price = item.quantity != 0 ? std::strtod(item.total.to_plain_string().c_str(), nullptr) /
                                                static_cast<double>(item.quantity)
                                          : 0.0;
  o.add("price", Json::number_text(php_float_text(price)));
  o.add("image", Json::object()
                     .add("id", item.variation_id ? Json::integer(0) : Json::string(""))
                     .add("src", ""));
  o.add("parent_name", parent ? Json::string(parent->name) : Json::null());
  return o;
}

Json tax_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("rate_code", item.rate_code)
      .add("rate_id", item.rate_id)
      .add("label", item.label)
      .add("compound", item.compound)
      .add("tax_total", format_amount(item.tax_total, dp))
      .add("shipping_tax_total", format_amount(item.shipping_tax_total, dp))
      .add("rate_percent", Json::number_text(item.rate_percent.to_plain_string()))
      .add("meta_data", meta_list({}));
}

Json shipping_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("method_title", item.method_title)
      .add("method_id", item.method_id)
      .add("instance_id", item.instance_id)
      .add("total", format_amount(item.total, dp))
      .add("total_tax", format_amount(item.total_tax, dp))
      .add("taxes", tax_amounts(item.taxes_total, nullptr))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json fee_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("name", item.name)
      .add("tax_class", item.tax_class)
      .add("tax_status", item.tax_status)
      .add("amount", "")
      .add("total", format_amount(item.total, dp))
      .add("total_tax", format_amount(item.total_tax, dp))
      .add("taxes", tax_amounts(item.taxes_total, nullptr))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json coupon_line(const OrderItem& item, int dp) {
  return Json::object()
      .add("id", item.id)
      .add("code", item.code)
      .add("discount", format_amount(item.discount, dp))
      .add("discount_tax", format_amount(item.discount_tax, dp))
      .add("meta_data", item_meta_list(item.meta_data));
}

Json items_of_type(const ShopState& shop, const Order& order, ItemType type, int dp) {
  Json out = Json::array();
  for (const auto& item : order.items) {
    if (item.type != type) continue;
    switch (type) {
      case ItemType::Line: out.push(line_item(shop, item, dp)); break;
      case ItemType::Tax: out.push(tax_line(item, dp)); break;
      case ItemType::Shipping: out.push(shipping_line(item, dp)); break;
      case ItemType::Fee: out.push(fee_line(item, dp)); break;
      case ItemType::Coupon: out.push(coupon_line(item, dp)); break;
    }
  }
  return out;
}

}  // namespace

std::string format_amount(Decimal amount, int dp) { return amount.to_string(std::clamp(dp, 0, 6)); }

std::string currency_symbol(const std::string& currency) {
  static const std::pair<const char*, const char*> kSymbols[] = {
      {"SEK", "kr"}, {"NOK", "kr"}, {"DKK", "kr."}, {"ISK", "kr."}, {"EUR", "€"}, {"USD", "$"}, {"GBP", "£"},
      {"CHF", "CHF"}, {"PLN", "zł"}, {"JPY", "¥"}, {"CAD", "$"}, {"AUD", "$"}, {"CZK", "Kč"}, {"HUF", "Ft"}};
  for (const auto& [code, symbol] : kSymbols) {
    if (currency == code) return symbol;
  }
  return currency;
}

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

Json render_order(const ShopState& shop, const Order& order, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const int dp = options.dp;
  Json o = Json::object();
  o.add("id", order.id).add("parent_id", order.parent_id).add("status", order.status);
  o.add("currency", order.currency).add("version", order.version).add("prices_include_tax", order.prices_include_tax);
  o.add("date_created", local_date(shop, order.date_created)).add("date_modified", local_date(shop, order.date_modified));
  o.add("discount_total", format_amount(order.discount_total, dp)).add("discount_tax", format_amount(order.discount_tax, dp));
  o.add("shipping_total", format_amount(order.shipping_total, dp)).add("shipping_tax", format_amount(order.shipping_tax, dp));
  o.add("cart_tax", format_amount(order.cart_tax, dp)).add("total", format_amount(order.total, dp));
  o.add("total_tax", format_amount(order.total_tax, dp)).add("customer_id", order.customer_id);
  o.add("order_key", order.order_key);
  o.add("billing", address(order.billing, true, true)).add("shipping", address(order.shipping, true, false));
  o.add("payment_method", order.payment_method).add("payment_method_title", order.payment_method_title);
  o.add("transaction_id", order.transaction_id).add("customer_ip_address", order.customer_ip_address);
  o.add("customer_user_agent", order.customer_user_agent).add("created_via", order.created_via);
  o.add("customer_note", order.customer_note);
  o.add("date_completed", local_date(shop, order.date_completed)).add("date_paid", local_date(shop, order.date_paid));
  o.add("cart_hash", order.cart_hash).add("number", std::to_string(order.id));
  o.add("meta_data", meta_list(order.meta_data));
  o.add("line_items", items_of_type(shop, order, ItemType::Line, dp));
  o.add("tax_lines", items_of_type(shop, order, ItemType::Tax, dp));
  o.add("shipping_lines", items_of_type(shop, order, ItemType::Shipping, dp));
  o.add("fee_lines", items_of_type(shop, order, ItemType::Fee, dp));
  o.add("coupon_lines", items_of_type(shop, order, ItemType::Coupon, dp));
  Json refunds = Json::array();
  for (Id id : order.refund_ids) {
    auto it = shop.orders.find(id);
    if (it == shop.orders.end()) continue;
    refunds.push(Json::object()
                     .add("id", id)
                     .add("reason", it->second.reason)
                     .add("total", "-" + format_amount(it->second.amount, dp)));
  }
  o.add("refunds", refunds);
  o.add("payment_url", site + "/checkout/order-pay/" + std::to_string(order.id) +
                           "/?pay_for_order=true&key=" + order.order_key);
  o.add("is_editable", order.status == "pending" || order.status == "on-hold" || order.status == "auto-draft");
  o.add("needs_payment", order_needs_payment(order)).add("needs_processing", order_needs_processing(shop, order));
  o.add("date_created_gmt", gmt_date(order.date_created)).add("date_modified_gmt", gmt_date(order.date_modified));
  o.add("date_completed_gmt", gmt_date(order.date_completed)).add("date_paid_gmt", gmt_date(order.date_paid));
  o.add("currency_symbol", currency_symbol(order.currency));
  Json l = links(site + kApi + "/orders/" + std::to_string(order.id), site + kApi + "/orders");
  if (order.customer_id > 0) {
    l.add("customer", Json::array().push(Json::object().add(
                          "href", site + kApi + "/customers/" + std::to_string(order.customer_id))));
  }
  o.add("_links", l);
  return o;
}

Json render_refund(const ShopState& shop, const Order& refund, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const int dp = options.dp;
  const std::string base = site + kApi + "/orders/" + std::to_string(refund.parent_id) + "/refunds";
  Json o = Json::object();
  o.add("id", refund.id);
  o.add("date_created", local_date(shop, refund.date_created)).add("date_created_gmt", gmt_date(refund.date_created));
  o.add("amount", format_amount(refund.amount, dp)).add("reason", refund.reason);
  o.add("refunded_by", refund.refunded_by).add("refunded_payment", refund.refunded_payment);
  o.add("meta_data", meta_list(refund.meta_data));
  o.add("line_items", items_of_type(shop, refund, ItemType::Line, dp));
  o.add("shipping_lines", items_of_type(shop, refund, ItemType::Shipping, dp));
  o.add("tax_lines", items_of_type(shop, refund, ItemType::Tax, dp));
  o.add("fee_lines", items_of_type(shop, refund, ItemType::Fee, dp));
  Json l = links(base + "/" + std::to_string(refund.id), base);
  l.add("up", Json::array().push(Json::object().add("href", site + kApi + "/orders/" + std::to_string(refund.parent_id))));
  o.add("_links", l);
  return o;
}

Json render_customer(const ShopState& shop, const Customer& c, const RenderOptions& options) {
  const std::string& site = options.site_url;
  Json o = Json::object();
  o.add("id", c.id);
  o.add("date_created", local_date(shop, c.date_created)).add("date_created_gmt", gmt_date(c.date_created));
  o.add("date_modified", local_date(shop, c.date_modified)).add("date_modified_gmt", gmt_date(c.date_modified));
  o.add("email", c.email).add("first_name", c.first_name).add("last_name", c.last_name);
  o.add("role", c.role).add("username", c.username);
  o.add("billing", address(c.billing, false, true)).add("shipping", address(c.shipping, false, false));
  o.add("is_paying_customer", c.is_paying_customer);
  std::string email = lowercase(c.email);
  while (!email.empty() && email.back() == ' ') email.pop_back();
  o.add("avatar_url", "https://secure.gravatar.com/avatar/" + md5_hex(email) + "?s=96&d=mm&r=g");
  o.add("meta_data", meta_list(c.meta_data));
  o.add("_links", links(site + kApi + "/customers/" + std::to_string(c.id), site + kApi + "/customers"));
  return o;
}

Json render_note(const ShopState& shop, const OrderNote& n, const RenderOptions& options) {
  const std::string& site = options.site_url;
  const std::string base = site + kApi + "/orders/" + std::to_string(n.order_id) + "/notes";
  Json o = Json::object();
  o.add("id", n.id).add("author", n.author);
  o.add("date_created", local_date(shop, n.date_created)).add("date_created_gmt", gmt_date(n.date_created));
  o.add("note", n.note).add("customer_note", n.customer_note);
  Json l = links(base + "/" + std::to_string(n.id), base);
  l.add("up", Json::array().push(Json::object().add("href", site + kApi + "/orders/" + std::to_string(n.order_id))));
  o.add("_links", l);
  return o;
}

Json render_tax_rate(const TaxRate& r, const RenderOptions& options) {
  const std::string& site = options.site_url;
  Json postcodes = Json::array();
  for (const auto& p : wp_parse_list(r.postcode)) postcodes.push(Json::string(p));
  Json cities = Json::array();
  if (!r.city.empty()) cities.push(Json::string(r.city));
  Json o = Json::object();
  o.add("id", r.id).add("country", r.country).add("state", r.state).add("postcode", r.postcode).add("city", r.city);
  o.add("rate", r.rate).add("name", r.name).add("priority", r.priority).add("compound", r.compound);
  o.add("shipping", r.shipping).add("order", r.order).add("class", r.tax_class);
  o.add("postcodes", postcodes).add("cities", cities);
  o.add("_links", links(site + kApi + "/taxes/" + std::to_string(r.id), site + kApi + "/taxes"));
  return o;
}

Json render_tax_class(const TaxClass& c, const RenderOptions& options) {
  return Json::object()
      .add("slug", c.slug)
      .add("name", c.name)
      .add("_links", Json::object().add(
                         "collection",
                         Json::array().push(Json::object().add("href", options.site_url + kApi + "/taxes/classes"))));
}

Json render_coupon(const ShopState& shop, const Coupon& c, const RenderOptions& options) {
  const std::string& site = options.site_url;
  Json o = Json::object();
  o.add("id", c.id).add("code", c.code).add("amount", Decimal::parse(c.amount, true).value_or(Decimal()).to_string(2));
  o.add("status", c.status);
  o.add("date_created", local_date(shop, c.date_created)).add("date_created_gmt", gmt_date(c.date_created));
  o.add("date_modified", local_date(shop, c.date_modified)).add("date_modified_gmt", gmt_date(c.date_modified));
  o.add("discount_type", c.discount_type).add("description", c.description);
  o.add("date_expires", local_date(shop, c.date_expires)).add("date_expires_gmt", gmt_date(c.date_expires));
  o.add("usage_count", c.usage_count).add("individual_use", c.individual_use);
  o.add("product_ids", ids(c.product_ids)).add("excluded_product_ids", ids(c.excluded_product_ids));
  o.add("usage_limit", c.usage_limit > 0 ? Json::integer(c.usage_limit) : Json::null());
  o.add("usage_limit_per_user", c.usage_limit_per_user > 0 ? Json::integer(c.usage_limit_per_user) : Json::null());
  o.add("limit_usage_to_x_items", optional_int(c.limit_usage_to_x_items));
  o.add("free_shipping", c.free_shipping).add("product_categories", Json::array());
  o.add("excluded_product_categories", Json::array()).add("exclude_sale_items", c.exclude_sale_items);
  o.add("minimum_amount", Decimal::parse(c.minimum_amount, true).value_or(Decimal()).to_string(2));
  o.add("maximum_amount", Decimal::parse(c.maximum_amount, true).value_or(Decimal()).to_string(2));
  o.add("email_restrictions", Json::array());
  Json used_by = Json::array();
  for (const auto& u : c.used_by) used_by.push(Json::string(u));
  o.add("used_by", used_by).add("meta_data", Json::array());
  o.add("_links", links(site + kApi + "/coupons/" + std::to_string(c.id), site + kApi + "/coupons"));
  return o;
}

}  // namespace wv::sandbox::woo
