// /products, /products/{id}, /products/batch and the variations routes.
#include <algorithm>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/batch.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"
#include "sandbox/woo/wc_schemas.hpp"

namespace wv::sandbox::woo {
namespace {

std::string product_location(const Call& call, Id id) {
  return call.site_url + "/wp-json/wc/v3/products/" + std::to_string(id);
}

std::string variation_location(const Call& call, Id parent, Id id) {
  return call.site_url + "/wp-json/wc/v3/products/" + std::to_string(parent) + "/variations/" + std::to_string(id);
}

Json render_any(const Call& call, const Product& p, bool edit) {
  const RenderOptions o = edit ? call.edit() : call.view();
  return render_product(call.shop, p, o);
}

bool status_matches(const Product& p, const std::string& wanted) {
  if (wanted.empty() || wanted == "any") return p.status != "trash" && p.status != "auto-draft";
  return p.status == wanted;
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  return lowercase(haystack).find(lowercase(needle)) != std::string::npos;
}

Decimal price_of(const Product& p) { return Decimal::parse(p.price, true).value_or(Decimal()); }

// The order WooCommerce lists products in. Same-second ties are arbitrary in MariaDB; these are
// broken by modification time, then id, which reproduces the recorded pages.
void sort_products(std::vector<const Product*>& list, const RestParams& params, bool variations) {
  const std::string orderby = params.string("orderby").empty() ? "date" : params.string("orderby");
  const bool desc = params.string("order") != "asc";
  std::vector<std::string> include = params.list("include");
  auto index_in_include = [&](Id id) {
    for (std::size_t i = 0; i < include.size(); ++i) {
      if (std::atoll(include[i].c_str()) == id) return static_cast<std::int64_t>(i);
    }
    return static_cast<std::int64_t>(include.size());
  };
  std::stable_sort(list.begin(), list.end(), [&](const Product* a, const Product* b) {
    auto cmp = [&](auto x, auto y) -> int { return x < y ? -1 : (y < x ? 1 : 0); };
    int c = 0;
    if (orderby == "id") {
      c = cmp(a->id, b->id);
    } else if (orderby == "include") {
      return index_in_include(a->id) < index_in_include(b->id);
    } else if (orderby == "title") {
      c = cmp(lowercase(a->name), lowercase(b->name));
    } else if (orderby == "slug") {
      c = cmp(a->slug, b->slug);
    } else if (orderby == "modified") {
      c = cmp(a->date_modified, b->date_modified);
    } else if (orderby == "menu_order") {
      c = cmp(a->menu_order, b->menu_order);
      if (c == 0) c = cmp(lowercase(a->name), lowercase(b->name));
    } else if (orderby == "price") {
      c = cmp(price_of(*a), price_of(*b));
    } else if (orderby == "popularity") {
      c = cmp(a->total_sales, b->total_sales);
    } else if (orderby == "rating") {
      c = cmp(a->average_rating, b->average_rating);
    } else {
      c = cmp(a->date_created, b->date_created);
      if (c == 0 && !variations) {
        c = cmp(a->date_modified, b->date_modified);
        if (c == 0) return a->id < b->id;  // ascending id within the same second
      }
    }
    if (c == 0) c = cmp(a->id, b->id);
    return desc ? c > 0 : c < 0;
  });
}

bool common_filters(const Call& call, const Product& p) {
  const RestParams& params = call.params;
  if (!id_filters_pass(params, p.id)) return false;
  if (!date_filters_pass(call.shop, params, p.date_created, p.date_modified)) return false;
  if (const auto search = params.string("search"); !search.empty()) {
    if (!contains_ci(p.name, search) && !contains_ci(p.description, search) &&
        !contains_ci(p.short_description, search)) {
      return false;
    }
  }
  if (const auto skus = params.string("sku"); !skus.empty()) {
    bool found = false;
    std::string all = skus;
    std::size_t start = 0;
    while (start <= all.size()) {
      std::size_t comma = all.find(',', start);
      if (comma == std::string::npos) comma = all.size();
      found = found || (!p.sku.empty() && lowercase(all.substr(start, comma - start)) == lowercase(p.sku));
      start = comma + 1;
    }
    found = found || lowercase(skus) == lowercase(p.sku);
    if (!found) return false;
  }
  if (const auto stock = params.string("stock_status"); !stock.empty() && p.stock_status != stock) return false;
  if (const auto tax_class = params.string("tax_class"); !tax_class.empty()) {
    if ((tax_class == "standard" ? std::string() : tax_class) != p.tax_class) return false;
  }
  if (params.get("on_sale") != nullptr) {
    const bool sale = !p.sale_price.empty() && p.price == p.sale_price;
    if (sale != params.boolean("on_sale")) return false;
  }
  return true;
}

Reply list_products(Call& call, bool variations) {
  RestParams& params = call.params;
  std::vector<const Product*> matching;
  const std::string status = params.string("status");
  // WC_REST_Products_Controller::prepare_objects_query: a `sku` filter queries the post types
  // product and product_variation, so /products?sku= also finds variations.
  const bool with_variations = !variations && !params.string("sku").empty();
  for (const auto& [id, p] : call.shop.products) {
    if (variations ? (!p.is_variation || p.parent_id != call.ids[0]) : (p.is_variation && !with_variations)) continue;
    if (!status_matches(p, status)) continue;
    if (!common_filters(call, p)) continue;
    if (!variations) {
      if (const auto type = params.string("type"); !type.empty() && p.type != type) continue;
      if (params.get("featured") != nullptr && p.featured != params.boolean("featured")) continue;
      if (const auto slug = params.string("slug"); !slug.empty() && p.slug != slug) continue;
      if (const auto parents = params.list("parent"); !parents.empty()) {
        if (std::none_of(parents.begin(), parents.end(), [&](const auto& s) { return std::atoll(s.c_str()) == p.parent_id; })) {
          continue;
        }
      }
      if (const auto category = params.string("category"); !category.empty()) {
        const auto wanted = wp_parse_list(category);
        const bool in = std::any_of(p.categories.begin(), p.categories.end(), [&](const Term& t) {
          return std::find(wanted.begin(), wanted.end(), std::to_string(t.id)) != wanted.end();
        });
        if (!in) continue;
      }
    }
    matching.push_back(&p);
  }
  sort_products(matching, params, variations);
  const ListWindow window = list_window(params);
  const auto [first, last] = window_slice(window, matching.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) {
    items.push(variations ? render_variation(call.shop, *matching[i], call.view()) : render_any(call, *matching[i], false));
  }
  const std::string path = variations ? "/products/" + std::to_string(call.ids[0]) + "/variations" : "/products";
  return paged(call, std::move(items), static_cast<std::int64_t>(matching.size()), window.per_page, window.page, path);
}

// create_item / update_item of a product; `id` 0 creates.
Reply write_product(Call& call, const Json& body, Id id, bool batch) {
  Product product;
  if (id != 0) {
    Product* existing = find_product(call.shop, id);
    if (existing == nullptr) return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 400);
    product = *existing;
  } else {
    if (const Json* v = body.find("id"); v && php_int(*v) != 0) {
      return error("woocommerce_rest_product_exists", "Cannot create existing product.", 400);
    }
    // Route defaults (the batch path passes them in by hand, like WooCommerce).
    product.type = "simple";
    product.status = "publish";
  }
  (void)batch;
  if (auto err = apply_product_fields(call.shop, product, body, call.now)) return error(*err);
  const bool creating = product.id == 0;
  const Id stored_id = store_product(call.shop, std::move(product), call.now);
  const Product& stored = call.shop.products.at(stored_id);
  Json rendered = render_any(call, stored, true);
  if (creating) return created(std::move(rendered), product_location(call, stored_id));
  return ok(std::move(rendered));
}

Reply delete_product(Call& call, Id id, bool force) {
  Product* p = find_product(call.shop, id);
  if (p == nullptr) return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
  Json rendered = p->is_variation ? render_variation(call.shop, *p, call.edit()) : render_any(call, *p, true);
  if (force) {
    if (!p->is_variation && p->type == "variable") {
      for (auto it = call.shop.products.begin(); it != call.shop.products.end();) {
        it = it->second.is_variation && it->second.parent_id == id ? call.shop.products.erase(it) : std::next(it);
      }
    }
    const Id parent = p->is_variation ? p->parent_id : 0;
    call.shop.products.erase(id);
    if (Product* pp = find_product(call.shop, parent)) touch_product(call.shop, *pp, call.now);
    return ok(std::move(rendered));
  }
  if (p->is_variation) {
    return error("woocommerce_rest_trash_not_supported", "Variations do not support trashing. Set 'force' to true.", 501);
  }
  if (p->status == "trash") {
    return error("woocommerce_rest_already_trashed", "The product has already been deleted.", 410);
  }
  p->status = "trash";
  touch_product(call.shop, *p, call.now);
  return ok(render_any(call, *p, true));
}

Product* variation_of(Call& call, Id parent, Id id) {
  Product* v = find_product(call.shop, id);
  if (v == nullptr || !v->is_variation || v->parent_id != parent) return nullptr;
  return v;
}

Reply write_variation(Call& call, const Json& body, Id id) {
  const Id parent_id = call.ids[0];
  Product* parent = find_parent_product(call.shop, parent_id);
  if (parent == nullptr) return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
  Product variation;
  if (id != 0) {
    Product* existing = variation_of(call, parent_id, id);
    if (existing == nullptr) return error("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", 400);
    variation = *existing;
  } else {
    variation.is_variation = true;
    variation.parent_id = parent_id;
    variation.type = "variation";
    variation.tax_class = "parent";
    Id menu = 0;
    for (const auto& [pid, p] : call.shop.products) {
      if (p.is_variation && p.parent_id == parent_id) ++menu;
    }
    variation.menu_order = 0;
    (void)menu;
  }
  if (auto err = apply_product_fields(call.shop, variation, body, call.now)) return error(*err);
  const bool creating = variation.id == 0;
  const Id stored_id = store_product(call.shop, std::move(variation), call.now);
  Json rendered = render_variation(call.shop, call.shop.products.at(stored_id), call.edit());
  if (creating) return created(std::move(rendered), variation_location(call, parent_id, stored_id));
  return ok(std::move(rendered));
}

}  // namespace

Reply products_list(Call& call) { return list_products(call, false); }

Reply products_create(Call& call) {
  return write_product(call, with_route_defaults(call.params.body(), "/products POST"), 0, false);
}

Reply product_get(Call& call) {
  const Product* p = find_product(call.shop, call.ids[0]);
  if (p == nullptr) return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
  return ok(render_any(call, *p, call.params.string("context") == "edit"));
}

Reply product_update(Call& call) { return write_product(call, call.params.body(), call.ids[0], false); }

Reply product_delete(Call& call) { return delete_product(call, call.ids[0], call.params.boolean("force")); }

Reply products_batch(Call& call) {
  return batch_items(call, {
      [&](const Json& item) {
        return write_product(call, with_route_defaults(item, "/products POST"), 0, true);
      },
      [&](const Json& item, Id id) { return write_product(call, item, id, true); },
      [&](Id id) { return delete_product(call, id, true); }});
}

Reply variations_list(Call& call) {
  if (find_parent_product(call.shop, call.ids[0]) == nullptr) {
    return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
  }
  return list_products(call, true);
}

Reply variations_create(Call& call) {
  return write_variation(call, with_route_defaults(call.params.body(), "/products/{product_id}/variations POST"), 0);
}

Reply variation_get(Call& call) {
  const Product* v = variation_of(call, call.ids[0], call.ids[1]);
  if (v == nullptr) return error("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", 404);
  return ok(render_variation(call.shop, *v, call.params.string("context") == "edit" ? call.edit() : call.view()));
}

Reply variation_update(Call& call) { return write_variation(call, call.params.body(), call.ids[1]); }

Reply variation_delete(Call& call) {
  if (variation_of(call, call.ids[0], call.ids[1]) == nullptr) {
    return error("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", 404);
  }
  return delete_product(call, call.ids[1], call.params.boolean("force"));
}

Reply variations_batch(Call& call) {
  return batch_items(call, {
      [&](const Json& item) {
        return write_variation(
            call, with_route_defaults(item, "/products/{product_id}/variations POST"), 0);
      },
      [&](const Json& item, Id id) { return write_variation(call, item, id); },
      [&](Id id) {
        if (variation_of(call, call.ids[0], id) == nullptr) {
          return error("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", 404);
        }
        return delete_product(call, id, true);
      }});
}

}  // namespace wv::sandbox::woo
