#include "sandbox/woo/product_write.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace {

// Post meta rows a new product or variation writes (_sku, _price, _stock, ...).
constexpr Id kProductInternalPostMeta = 30;


std::int64_t stock_amount(const Json& v) {
  // wc_stock_amount: intval of a float.
  const std::string s = php_string(v);
  return static_cast<std::int64_t>(std::strtod(s.c_str(), nullptr));
}

std::vector<Id> id_list(const Json& v) {
  std::vector<Id> out;
  for (const auto& item : php_values(v)) {
    const std::int64_t id = php_int(item);
    if (id > 0) out.push_back(id);
  }
  return out;
}

std::string valid_tax_class(const ShopState& shop, const std::string& raw) {
  std::string slug = sanitize_title(raw);
  if (slug == "standard") return "";
  for (const auto& c : shop.tax_classes) {
    if (c.slug == slug && slug != "standard") return slug;
  }
  return "";
}

std::string unique_slug(const ShopState& shop, const std::string& wanted, Id self) {
  std::string base = wanted.empty() ? "product" : wanted;
  auto taken = [&](const std::string& s) {
    for (const auto& [id, p] : shop.products) {
      if (id != self && !p.is_variation && p.slug == s) return true;
    }
    return false;
  };
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string candidate = base + "-" + std::to_string(n);
    if (!taken(candidate)) return candidate;
  }
}

std::vector<Term> known_terms(const ShopState& shop, const Json& list, bool categories) {
  std::vector<Term> out;
  for (const auto& item : php_values(list)) {
    const Id id = item.is_object() ? php_int(item.find("id") ? *item.find("id") : Json()) : php_int(item);
    Term term{id, "", ""};
    for (const auto& [pid, p] : shop.products) {
      for (const auto& t : categories ? p.categories : p.tags) {
        if (t.id == id) term = t;
      }
    }
    if (term.name.empty() && item.is_object()) {
      if (const Json* name = item.find("name")) term.name = php_string(*name);
      term.slug = sanitize_title(term.name);
    }
    if (categories && term.id == 15 && term.name.empty()) term = Term{15, "Uncategorized", "uncategorized"};
    if (term.id > 0 && !term.name.empty()) out.push_back(term);
  }
  return out;
}

std::optional<Timestamp> date_field(const ShopState& shop, const Json& body, const std::string& name) {
  if (const Json* gmt = body.find(name + "_gmt"); gmt && !gmt->is_null() && !php_string(*gmt).empty()) {
    if (auto t = parse_timestamp(php_string(*gmt))) return whole_seconds(*t);
  }
  if (const Json* local = body.find(name); local && !local->is_null() && !php_string(*local).empty()) {
    const std::string text = php_string(*local);
    if (text.size() > 19) {
      if (auto t = parse_timestamp(text)) return whole_seconds(*t);
    }
    if (auto t = from_local(shop.settings.zone, text)) return whole_seconds(*t);
  }
  return std::nullopt;
}

}  // namespace

std::string format_price_input(const Json& value) {
  if (value.is_null()) return "";
  std::string s = php_string(value);
  std::replace(s.begin(), s.end(), ',', '.');
  std::string kept;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '-') kept += c;
  }
  // Only the last dot stays a decimal point.
  const auto last = kept.rfind('.');
  std::string out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i] == '.' && i != last) continue;
    out += kept[i];
  }
  return out;
}

Id product_id_by_sku(const ShopState& shop, const std::string& sku, Id except) {
  if (sku.empty()) return 0;
  const std::string wanted = lowercase(sku);
  for (const auto& [id, p] : shop.products) {
    if (id != except && p.status != "trash" && lowercase(p.sku) == wanted) return id;
  }
  return 0;
}

std::optional<RestError> apply_product_fields(ShopState& shop, Product& p, const Json& body, Timestamp now) {
  (void)now;
  if (const Json* v = body.find("sku"); v && !v->is_null()) {
    const std::string sku = php_string(*v);
    if (const Id holder = product_id_by_sku(shop, sku, p.id); holder != 0 && !sku.empty()) {
      std::string unique;
      for (int n = 1;; ++n) {
        unique = sku + "-" + std::to_string(n);
        if (product_id_by_sku(shop, unique, p.id) == 0) break;
      }
      return RestError{"product_invalid_sku", "Invalid or duplicated SKU.", 400,
                       Json::object().add("resource_id", holder).add("unique_sku", unique)};
    }
    p.sku = sku;
  }
  auto text = [&](const char* name, std::string& field) {
    if (const Json* v = body.find(name); v && !v->is_null()) field = php_string(*v);
  };
  auto flag = [&](const char* name, bool& field) {
    if (const Json* v = body.find(name); v && !v->is_null()) field = php_bool(*v);
  };
  auto integer = [&](const char* name, std::int64_t& field) {
    if (const Json* v = body.find(name); v && !v->is_null()) field = php_int(*v);
  };
  text("name", p.name);
  if (const Json* v = body.find("type"); v && !v->is_null() && !p.is_variation) p.type = php_string(*v);
  text("status", p.status);
  if (const Json* v = body.find("slug"); v && !v->is_null()) p.slug = sanitize_title(php_string(*v));
  text("description", p.description);
  text("short_description", p.short_description);
  integer("menu_order", p.menu_order);
  flag("reviews_allowed", p.reviews_allowed);
  flag("virtual", p.is_virtual);
  text("tax_status", p.tax_status);
  if (const Json* v = body.find("tax_class"); v && !v->is_null()) {
    const std::string raw = php_string(*v);
    p.tax_class = p.is_variation && raw == "parent" ? "parent" : valid_tax_class(shop, raw);
  }
  text("catalog_visibility", p.catalog_visibility);
  text("purchase_note", p.purchase_note);
  flag("featured", p.featured);
  text("weight", p.weight);
  if (const Json* d = body.find("dimensions"); d && d->is_object()) {
    if (const Json* v = d->find("length")) p.length = php_string(*v);
    if (const Json* v = d->find("width")) p.width = php_string(*v);
    if (const Json* v = d->find("height")) p.height = php_string(*v);
  }
  text("shipping_class", p.shipping_class);
  if (const Json* v = body.find("attributes"); v && !v->is_null()) {
    if (p.is_variation) {
      p.variation_attributes.clear();
      for (const auto& a : php_values(*v)) {
        AttributeValue av;
        if (const Json* x = a.find("id")) av.id = php_int(*x);
        if (const Json* x = a.find("name")) av.name = php_string(*x);
        if (const Json* x = a.find("option")) av.option = php_string(*x);
        p.variation_attributes.push_back(av);
      }
    } else {
      p.attributes.clear();
      int position = 0;
      for (const auto& a : php_values(*v)) {
        ProductAttribute pa;
        if (const Json* x = a.find("id")) pa.id = php_int(*x);
        if (const Json* x = a.find("name")) pa.name = php_string(*x);
        pa.position = position++;
        if (const Json* x = a.find("position")) pa.position = static_cast<int>(php_int(*x));
        if (const Json* x = a.find("visible")) pa.visible = php_bool(*x);
        if (const Json* x = a.find("variation")) pa.variation = php_bool(*x);
        if (const Json* x = a.find("options")) {
          if (x->is_array()) {
            for (const auto& o : x->items()) pa.options.push_back(php_string(o));
          } else {
            for (auto& o : wp_parse_list(php_string(*x))) pa.options.push_back(o);
          }
        }
        p.attributes.push_back(pa);
      }
    }
  }
  if (const Json* v = body.find("regular_price"); v && !v->is_null()) p.regular_price = format_price_input(*v);
  if (const Json* v = body.find("sale_price"); v && !v->is_null()) p.sale_price = format_price_input(*v);
  if (body.has("date_on_sale_from") || body.has("date_on_sale_from_gmt")) {
    p.date_on_sale_from = date_field(shop, body, "date_on_sale_from");
  }
  if (body.has("date_on_sale_to") || body.has("date_on_sale_to_gmt")) {
    p.date_on_sale_to = date_field(shop, body, "date_on_sale_to");
  }
  if (!p.is_variation) integer("parent_id", p.parent_id);
  flag("sold_individually", p.sold_individually);
  // Stock, as WooCommerce does it when the shop manages stock.
  const std::string stock_status =
      body.find("stock_status") && !body.find("stock_status")->is_null() ? php_string(*body.find("stock_status")) : p.stock_status;
  if (shop.settings.manage_stock) {
    flag("manage_stock", p.manage_stock);
    text("backorders", p.backorders);
    if (p.manage_stock) {
      if (p.type != "variable") p.stock_status = stock_status;
      if (const Json* v = body.find("stock_quantity"); v && !v->is_null()) {
        p.stock_quantity = stock_amount(*v);
      } else if (const Json* d = body.find("inventory_delta"); d && !d->is_null()) {
        p.stock_quantity = p.stock_quantity.value_or(0) + stock_amount(*d);
      }
      if (!p.stock_quantity) p.stock_quantity = 0;
    } else {
      p.stock_quantity.reset();
      p.stock_status = stock_status;
    }
  } else if (p.type != "variable") {
    p.stock_status = stock_status;
  }
  if (const Json* v = body.find("low_stock_amount")) {
    p.low_stock_amount = v->is_null() || php_string(*v).empty() ? std::nullopt : std::optional<std::int64_t>(php_int(*v));
  }
  if (const Json* v = body.find("upsell_ids"); v && !v->is_null()) p.upsell_ids = id_list(*v);
  if (const Json* v = body.find("cross_sell_ids"); v && !v->is_null()) p.cross_sell_ids = id_list(*v);
  flag("downloadable", p.downloadable);
  if (const Json* v = body.find("categories"); v && !v->is_null()) p.categories = known_terms(shop, *v, true);
  if (const Json* v = body.find("tags"); v && !v->is_null()) p.tags = known_terms(shop, *v, false);
  if (const Json* v = body.find("downloads"); v && v->is_array()) p.downloads = *v;
  integer("download_limit", p.download_limit);
  integer("download_expiry", p.download_expiry);
  text("external_url", p.external_url);
  text("button_text", p.button_text);
  if (const Json* v = body.find("default_attributes"); v && !v->is_null()) {
    p.default_attributes.clear();
    for (const auto& a : php_values(*v)) {
      AttributeValue av;
      if (const Json* x = a.find("id")) av.id = php_int(*x);
      if (const Json* x = a.find("name")) av.name = php_string(*x);
      if (const Json* x = a.find("option")) av.option = php_string(*x);
      p.default_attributes.push_back(av);
    }
  }
  if (const Json* v = p.is_variation ? body.find("image") : body.find("images"); v && !v->is_null()) {
    p.images = Json::array();
    if (p.is_variation) {
      p.images.push(*v);
    } else {
      for (const auto& img : php_values(*v)) p.images.push(img);
    }
  }
  if (const Json* v = body.find("meta_data"); v && !v->is_null()) {
    for (const auto& m : php_values(*v)) {
      const Json* key = m.find("key");
      if (key == nullptr) continue;
      const Json value = m.find("value") ? *m.find("value") : Json::string("");
      const Id id = m.find("id") ? php_int(*m.find("id")) : 0;
      auto existing = std::find_if(p.meta_data.begin(), p.meta_data.end(), [&](const Meta& x) {
        return id ? x.id == id : x.key == php_string(*key);
      });
      if (existing != p.meta_data.end()) {
        existing->value = value;
      } else {
        p.meta_data.push_back(Meta{0, php_string(*key), value, ""});
      }
    }
  }
  if (body.has("date_created") || body.has("date_created_gmt")) {
    if (auto t = date_field(shop, body, "date_created")) p.date_created = *t;
  }
  return std::nullopt;
}

Id store_product(ShopState& shop, Product p, Timestamp now) {
  if (p.id == 0) {
    p.id = shop.next_post_id++;
    if (p.date_created == Timestamp{}) p.date_created = whole_seconds(now);
    shop.next_post_meta_id += kProductInternalPostMeta;
    if (!p.is_variation && p.categories.empty()) p.categories.push_back(Term{15, "Uncategorized", "uncategorized"});
    if (p.is_variation && p.name.empty()) {
      if (const Product* parent = find_product(shop, p.parent_id)) {
        std::string values;
        for (const auto& a : p.variation_attributes) values += (values.empty() ? "" : ", ") + a.option;
        p.name = values.empty() ? parent->name : parent->name + " - " + values;
      }
    }
  }
  if (!p.is_variation) p.slug = unique_slug(shop, p.slug.empty() ? sanitize_title(p.name) : p.slug, p.id);
  for (auto& m : p.meta_data) {
    if (m.id == 0) m.id = shop.next_post_meta_id++;
  }
  const Id id = p.id;
  shop.products[id] = std::move(p);
  Product& stored = shop.products[id];
  touch_product(shop, stored, now);
  return id;
}

}  // namespace wv::sandbox::woo
