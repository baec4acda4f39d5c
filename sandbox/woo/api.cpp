#include "sandbox/woo/api.hpp"

#include <algorithm>

#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wc_schemas.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {

RenderOptions Call::view() const { return RenderOptions{site_url, false, dp()}; }

RenderOptions Call::edit() const { return RenderOptions{site_url, true, dp()}; }

int Call::dp() const {
  const Json* v = params.get("dp");
  if (v == nullptr) return shop.settings.price_decimals;
  const std::int64_t n = php_int(*v);
  return static_cast<int>(std::clamp<std::int64_t>(n < 0 ? -n : n, 0, 6));
}

void update_address(Address& a, const Json& posted, bool with_email) {
  auto field = [&](const char* name, std::string& out) {
    if (const Json* v = posted.find(name); v && !v->is_null()) out = php_string(*v);
  };
  field("first_name", a.first_name);
  field("last_name", a.last_name);
  field("company", a.company);
  field("address_1", a.address_1);
  field("address_2", a.address_2);
  field("city", a.city);
  field("state", a.state);
  field("postcode", a.postcode);
  field("country", a.country);
  if (with_email) field("email", a.email);
  field("phone", a.phone);
}

Reply ok(Json body) {
  Reply r;
  r.body = std::move(body);
  return r;
}

Reply created(Json body, std::string location) {
  Reply r;
  r.status = 201;
  r.body = std::move(body);
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Reply error(const RestError& e) {
  Reply r;
  r.status = e.status;
  r.body = error_body(e);
  return r;
}

Reply error(const WcError& e) { return error(RestError{e.code, e.message, e.status, Json::object()}); }

Reply error(std::string code, std::string message, int status) {
  return error(RestError{std::move(code), std::move(message), status, Json::object()});
}

Reply paged(Call& call, Json items, std::int64_t total, std::int64_t per_page, std::int64_t page,
            const std::string& collection_path) {
  Reply r = ok(std::move(items));
  const std::int64_t max_pages = per_page > 0 ? (total + per_page - 1) / per_page : 0;
  r.headers.emplace_back("X-WP-Total", std::to_string(total));
  r.headers.emplace_back("X-WP-TotalPages", std::to_string(max_pages));
  const std::string base = call.site_url + "/wp-json/wc/v3" + collection_path;
  call.params.replace_query(sanitized_query(call.params.query(), route_args(call.route + " GET")));
  std::string link;
  if (page > 1) {
    const std::int64_t prev = std::min(page - 1, max_pages);
    link = "<" + wp_paging_url(base, call.params.query(), prev) + ">; rel=\"prev\"";
  }
  if (max_pages > page) {
    if (!link.empty()) link += ", ";
    link += "<" + wp_paging_url(base, call.params.query(), page + 1) + ">; rel=\"next\"";
  }
  if (!link.empty()) {
    r.headers.emplace_back("Link", link);
    r.collection_link = true;
  }
  return r;
}

namespace {

Json sanitize(const Json& value, const Json& schema) {
  const Json* type_node = schema.find("type");
  if (type_node == nullptr) return value;
  std::string type = type_node->is_string() ? type_node->text() : "";
  if (type_node->is_array()) {
    for (const auto& t : type_node->items()) {
      if (!validate_value(value, Json::object().add("type", t), "x")) {
        type = t.text();
        break;
      }
    }
  }
  if (type == "integer") return Json::integer(php_int(value));
  if (type == "boolean") return Json::boolean(php_bool(value));
  if (type == "number") return value.is_number() ? value : Json::number_text(php_string(value));
  if (type == "array") {
    std::vector<Json> items;
    if (value.is_array() || value.is_object()) {
      items = php_values(value);
    } else {
      for (const auto& part : wp_parse_list(php_string(value))) items.push_back(Json::string(part));
    }
    Json out = Json::array();
    const Json* item_schema = schema.find("items");
    for (const auto& item : items) out.push(item_schema ? sanitize(item, *item_schema) : item);
    return out;
  }
  if (type == "string") return value.is_object() || value.is_array() ? value : Json::string(php_string(value));
  return value;
}

bool has_offset(const std::string& text) {
  if (text.size() <= 19) return false;
  if (text.back() == 'Z' || text.back() == 'z') return true;
  const std::string tail = text.substr(19);
  return tail.find('+') != std::string::npos || tail.find('-') != std::string::npos;
}

// The wall time a date-query value stands for in the column's zone (UTC or the site's).
std::optional<Timestamp> wall_time(const ShopState& shop, const std::string& text, bool gmt) {
  auto parsed = parse_timestamp(text);
  if (!parsed) return std::nullopt;
  if (!has_offset(text) || gmt) return whole_seconds(*parsed);
  return whole_seconds(*parsed) + std::chrono::minutes{zone_offset_minutes(shop.settings.zone, *parsed)};
}

Timestamp column_wall(const ShopState& shop, Timestamp t, bool gmt) {
  return gmt ? whole_seconds(t) : whole_seconds(t) + std::chrono::minutes{zone_offset_minutes(shop.settings.zone, t)};
}

}  // namespace

Json sanitized_query(const Json& query, const Json& args) {
  Json out = Json::object();
  for (const auto& [name, value] : query.members()) {
    const Json* schema = nullptr;
    for (const auto& arg : args.items()) {
      if (arg.items()[0].text() == name) schema = &arg.items()[1];
    }
    out.add(name, schema ? sanitize(value, *schema) : value);
  }
  return out;
}

ListWindow list_window(const RestParams& params) {
  ListWindow w;
  w.page = std::max<std::int64_t>(1, params.integer("page", 1));
  w.per_page = params.integer("per_page", 10);
  if (params.get("offset") != nullptr) w.offset = std::max<std::int64_t>(0, params.integer("offset"));
  return w;
}

std::pair<std::size_t, std::size_t> window_slice(const ListWindow& w, std::size_t count) {
  if (w.per_page <= 0) return {0, count};
  const std::int64_t start = w.offset >= 0 ? w.offset : (w.page - 1) * w.per_page;
  const std::size_t first = std::min(count, static_cast<std::size_t>(std::max<std::int64_t>(0, start)));
  const std::size_t last = std::min(count, first + static_cast<std::size_t>(w.per_page));
  return {first, last};
}

bool date_filters_pass(const ShopState& shop, const RestParams& params, Timestamp created, Timestamp modified) {
  const bool gmt = params.boolean("dates_are_gmt", false);
  struct Check {
    const char* name;
    bool after;
    bool modified;
  };
  for (const Check c : {Check{"after", true, false}, Check{"before", false, false}, Check{"modified_after", true, true},
                        Check{"modified_before", false, true}}) {
    const Json* v = params.get(c.name);
    if (v == nullptr) continue;
    const auto bound = wall_time(shop, php_string(*v), gmt);
    if (!bound) continue;
    const Timestamp column = column_wall(shop, c.modified ? modified : created, gmt);
    if (c.after ? !(column > *bound) : !(column < *bound)) return false;
  }
  return true;
}

bool id_filters_pass(const RestParams& params, Id id) {
  const auto include = params.list("include");
  if (!include.empty()) {
    bool found = false;
    for (const auto& s : include) found = found || std::atoll(s.c_str()) == id;
    if (!found) return false;
  }
  for (const auto& s : params.list("exclude")) {
    if (std::atoll(s.c_str()) == id) return false;
  }
  return true;
}

Json with_route_defaults(const Json& body, const std::string& route_key) {
  Json merged = Json::object();
  for (const auto& arg : route_args(route_key).items()) {
    if (const Json* d = arg.items()[1].find("default")) merged.add(arg.items()[0].text(), *d);
  }
  for (const auto& [k, v] : body.members()) merged.set(k, v);
  return merged;
}

Order* find_order(ShopState& shop, Id id) {
  auto it = shop.orders.find(id);
  if (it == shop.orders.end() || it->second.is_refund) return nullptr;
  return &it->second;
}

Product* find_parent_product(ShopState& shop, Id id) {
  auto it = shop.products.find(id);
  if (it == shop.products.end() || it->second.is_variation) return nullptr;
  return &it->second;
}

}  // namespace wv::sandbox::woo
