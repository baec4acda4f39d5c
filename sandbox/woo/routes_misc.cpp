// /customers, /coupons, /taxes, /taxes/classes and /system_status.
#include <algorithm>

#include "core/crypto.hpp"
#include "sandbox/woo/api.hpp"
#include "sandbox/woo/batch.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wc_schemas.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace {

void customer_fields(Customer& c, const Json& body) {
  if (const Json* v = body.find("first_name"); v && !v->is_null()) c.first_name = php_string(*v);
  if (const Json* v = body.find("last_name"); v && !v->is_null()) c.last_name = php_string(*v);
  if (const Json* v = body.find("billing"); v && v->is_object()) update_address(c.billing, *v, true);
  if (const Json* v = body.find("shipping"); v && v->is_object()) update_address(c.shipping, *v, false);
  if (const Json* v = body.find("meta_data"); v && !v->is_null()) {
    for (const auto& m : php_values(*v)) {
      const Json* key = m.find("key");
      if (key == nullptr) continue;
      const Json value = m.find("value") ? *m.find("value") : Json::string("");
      auto existing = std::find_if(c.meta_data.begin(), c.meta_data.end(), [&](const Meta& x) { return x.key == php_string(*key); });
      if (existing != c.meta_data.end()) {
        existing->value = value;
      } else {
        c.meta_data.push_back(Meta{0, php_string(*key), value, ""});
      }
    }
  }
}

Customer* find_customer(ShopState& shop, Id id) {
  auto it = shop.customers.find(id);
  return it == shop.customers.end() ? nullptr : &it->second;
}

Reply write_customer(Call& call, const Json& body, Id id) {
  ShopState& shop = call.shop;
  if (id == 0) {
    if (const Json* v = body.find("id"); v && php_int(*v) != 0) {
      return error("woocommerce_rest_customer_exists", "Cannot create existing resource.", 400);
    }
    Customer c;
    c.email = body.find("email") ? php_string(*body.find("email")) : "";
    if (!wp_is_email(c.email)) {
      return error("registration-error-invalid-email", "Please provide a valid email address.", 400);
    }
    for (const auto& [cid, other] : shop.customers) {
      if (lowercase(other.email) == lowercase(c.email)) {
        return error("registration-error-email-exists",
                     "An account is already registered with your email address. <a href=\"#\" class=\"showlogin\">Please "
                     "log in.</a>",
                     400);
      }
    }
    c.username = body.find("username") ? php_string(*body.find("username")) : "";
    if (c.username.empty()) {
      std::string base = c.email.substr(0, c.email.find('@'));
      std::string candidate = base;
      for (int n = 1; std::any_of(shop.customers.begin(), shop.customers.end(),
                                  [&](const auto& e) { return e.second.username == candidate; });
           ++n) {
        candidate = base + std::to_string(n);
      }
      c.username = candidate;
    } else if (std::any_of(shop.customers.begin(), shop.customers.end(),
                           [&](const auto& e) { return e.second.username == c.username; })) {
      return error("registration-error-username-exists",
                   "An account is already registered with that username. Please choose another.", 400);
    }
    c.password = body.find("password") ? php_string(*body.find("password")) : random_hex(12);
    customer_fields(c, body);
    c.id = shop.next_user_id++;
    c.date_created = whole_seconds(call.now);
    c.date_modified = c.date_created;
    const Id new_id = c.id;
    shop.customers[new_id] = std::move(c);
    return created(render_customer(shop, shop.customers.at(new_id), call.edit()),
                   call.site_url + "/wp-json/wc/v3/customers/" + std::to_string(new_id));
  }
  Customer* existing = find_customer(shop, id);
  if (existing == nullptr) return error("woocommerce_rest_invalid_id", "Invalid resource ID.", 400);
  if (const Json* v = body.find("username"); v && !v->is_null() && php_string(*v) != existing->username) {
    return error("woocommerce_rest_customer_invalid_argument", "Username isn't editable.", 400);
  }
  Customer c = *existing;
  if (const Json* v = body.find("email"); v && !v->is_null()) {
    const std::string email = php_string(*v);
    if (!email.empty() && !wp_is_email(email)) return error("customer_invalid_email", "Invalid billing email address", 400);
    c.email = email;
  }
  if (const Json* v = body.find("password"); v && !v->is_null()) c.password = php_string(*v);
  customer_fields(c, body);
  c.date_modified = whole_seconds(call.now);
  *existing = std::move(c);
  return ok(render_customer(shop, *existing, call.edit()));
}

Reply delete_customer(Call& call, Id id, bool force) {
  if (!force) return error("woocommerce_rest_trash_not_supported", "Customers do not support trashing.", 501);
  Customer* c = find_customer(call.shop, id);
  if (c == nullptr) return error("woocommerce_rest_invalid_id", "Invalid resource id.", 400);
  Json rendered = render_customer(call.shop, *c, call.edit());
  call.shop.customers.erase(id);
  return ok(std::move(rendered));
}

std::string display_name(const Customer& c) {
  std::string name = c.first_name;
  if (!c.last_name.empty()) name += (name.empty() ? "" : " ") + c.last_name;
  return name.empty() ? c.username : name;
}

}  // namespace

Reply customers_list(Call& call) {
  RestParams& params = call.params;
  const std::string role = params.string("role").empty() ? "customer" : params.string("role");
  std::vector<const Customer*> matching;
  for (const auto& [id, c] : call.shop.customers) {
    if (role != "all" && c.role != role) continue;
    if (!id_filters_pass(params, id)) continue;
    if (const auto email = params.string("email"); !email.empty() && lowercase(email) != lowercase(c.email)) continue;
    if (const auto search = params.string("search"); !search.empty()) {
      const std::string s = lowercase(search);
      if (lowercase(c.email).find(s) == std::string::npos && lowercase(c.username).find(s) == std::string::npos &&
          lowercase(display_name(c)).find(s) == std::string::npos) {
        continue;
      }
    }
    matching.push_back(&c);
  }
  const std::string orderby = params.string("orderby").empty() ? "name" : params.string("orderby");
  const bool desc = params.string("order") == "desc";
  std::stable_sort(matching.begin(), matching.end(), [&](const Customer* a, const Customer* b) {
    int c = 0;
    if (orderby == "id") {
      c = a->id < b->id ? -1 : a->id > b->id ? 1 : 0;
    } else if (orderby == "registered_date") {
      c = a->date_created < b->date_created ? -1 : a->date_created > b->date_created ? 1 : 0;
    } else {
      const std::string x = lowercase(display_name(*a));
      const std::string y = lowercase(display_name(*b));
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    if (c == 0) c = a->id < b->id ? -1 : a->id > b->id ? 1 : 0;
    return desc ? c > 0 : c < 0;
  });
  const ListWindow window = list_window(params);
  const auto [first, last] = window_slice(window, matching.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) items.push(render_customer(call.shop, *matching[i], call.view()));
  return paged(call, std::move(items), static_cast<std::int64_t>(matching.size()), window.per_page, window.page,
               "/customers");
}

Reply customers_create(Call& call) { return write_customer(call, call.params.body(), 0); }

Reply customer_get(Call& call) {
  Customer* c = find_customer(call.shop, call.ids[0]);
  if (c == nullptr) return error("woocommerce_rest_invalid_id", "Invalid resource ID.", 404);
  return ok(render_customer(call.shop, *c, call.view()));
}

Reply customer_update(Call& call) { return write_customer(call, call.params.body(), call.ids[0]); }

Reply customer_delete(Call& call) { return delete_customer(call, call.ids[0], call.params.boolean("force")); }

Reply customers_batch(Call& call) {
  return batch_items(call, {
      [&](const Json& item) { return write_customer(call, item, 0); },
      [&](const Json& item, Id id) { return write_customer(call, item, id == 0 ? -1 : id); },
      [&](Id id) { return delete_customer(call, id, true); }});
}

Reply coupons_list(Call& call) {
  std::vector<const Coupon*> matching;
  const std::string code = lowercase(call.params.string("code"));
  for (const auto& [id, c] : call.shop.coupons) {
    if (c.status == "trash") continue;
    if (!code.empty() && c.code != code) continue;
    if (!id_filters_pass(call.params, id)) continue;
    matching.push_back(&c);
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Coupon* a, const Coupon* b) {
    return a->date_created != b->date_created ? a->date_created > b->date_created : a->id > b->id;
  });
  const ListWindow window = list_window(call.params);
  const auto [first, last] = window_slice(window, matching.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) items.push(render_coupon(call.shop, *matching[i], call.view()));
  return paged(call, std::move(items), static_cast<std::int64_t>(matching.size()), window.per_page, window.page, "/coupons");
}

Reply coupon_get(Call& call) {
  auto it = call.shop.coupons.find(call.ids[0]);
  if (it == call.shop.coupons.end()) return error("woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.", 404);
  return ok(render_coupon(call.shop, it->second, call.view()));
}

Reply taxes_list(Call& call) {
  std::vector<const TaxRate*> matching;
  const std::string tax_class = call.params.string("class");
  for (const auto& r : call.shop.tax_rates) {
    if (!tax_class.empty() && r.tax_class != tax_class) continue;
    matching.push_back(&r);
  }
  const std::string orderby = call.params.string("orderby").empty() ? "order" : call.params.string("orderby");
  const bool desc = call.params.string("order") == "desc";
  std::stable_sort(matching.begin(), matching.end(), [&](const TaxRate* a, const TaxRate* b) {
    std::int64_t x = orderby == "id" ? a->id : a->order;
    std::int64_t y = orderby == "id" ? b->id : b->order;
    if (x == y) {
      x = a->id;
      y = b->id;
    }
    return desc ? x > y : x < y;
  });
  const ListWindow window = list_window(call.params);
  const auto [first, last] = window_slice(window, matching.size());
  Json items = Json::array();
  for (std::size_t i = first; i < last; ++i) items.push(render_tax_rate(*matching[i], call.view()));
  return paged(call, std::move(items), static_cast<std::int64_t>(matching.size()), window.per_page, window.page, "/taxes");
}

Reply tax_get(Call& call) {
  for (const auto& r : call.shop.tax_rates) {
    if (r.id == call.ids[0]) return ok(render_tax_rate(r, call.view()));
  }
  return error("woocommerce_rest_invalid_id", "Invalid resource ID.", 404);
}

Reply tax_classes_list(Call& call) {
  Json items = Json::array();
  // The standard class first, then the others by slug (as WooCommerce lists them).
  std::vector<const TaxClass*> classes;
  for (const auto& c : call.shop.tax_classes) classes.push_back(&c);
  std::stable_sort(classes.begin(), classes.end(), [](const TaxClass* a, const TaxClass* b) {
    if (a->slug == "standard") return b->slug != "standard";
    if (b->slug == "standard") return false;
    return a->slug < b->slug;
  });
  for (const TaxClass* c : classes) items.push(render_tax_class(*c, call.view()));
  return ok(std::move(items));
}

Reply system_status_get(Call& call) { return ok(render_system_status(call.shop, call.view())); }

}  // namespace wv::sandbox::woo
