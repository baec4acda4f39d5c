#include "sandbox/woo/woo_emulator.hpp"

#include <algorithm>
#include <cctype>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/auth.hpp"
#include "sandbox/woo/control.hpp"
#include "sandbox/woo/seed.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wc_schemas.hpp"

namespace wv::sandbox::woo {
namespace {

const std::string kPrefix = "/wp-json/wc/v3";

enum class Kind { List, Read, Create, Update, Delete, Batch };

struct Method {
  const char* verb;
  Kind kind;
  Reply (*handler)(Call&);
};

struct Route {
  const char* pattern;
  std::vector<Method> methods;
  /// True when WooCommerce checks the permission against the object, so that a request for an
  /// object that does not exist passes the check even unauthenticated (products, orders).
  bool object_permission = false;
};

std::vector<Method> item(Reply (*get)(Call&), Reply (*update)(Call&), Reply (*remove)(Call&)) {
  return {{"GET", Kind::Read, get},
          {"POST", Kind::Update, update},
          {"PUT", Kind::Update, update},
          {"PATCH", Kind::Update, update},
          {"DELETE", Kind::Delete, remove}};
}

std::vector<Method> batch(Reply (*fn)(Call&)) {
  return {{"POST", Kind::Batch, fn}, {"PUT", Kind::Batch, fn}, {"PATCH", Kind::Batch, fn}};
}

Reply not_implemented(Call& call) {
  return error("woovisma_sandbox_not_implemented",
               "The WooCommerce emulator does not implement " + call.request.method + " " + call.route + ".", 501);
}

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"/products", {{"GET", Kind::List, products_list}, {"POST", Kind::Create, products_create}}},
      {"/products/batch", batch(products_batch)},
      {"/products/{id}", item(product_get, product_update, product_delete), true},
      {"/products/{product_id}/variations",
       {{"GET", Kind::List, variations_list}, {"POST", Kind::Create, variations_create}}},
      {"/products/{product_id}/variations/batch", batch(variations_batch)},
      {"/products/{product_id}/variations/{id}", item(variation_get, variation_update, variation_delete), true},
      {"/orders", {{"GET", Kind::List, orders_list}, {"POST", Kind::Create, orders_create}}},
      {"/orders/batch", batch(orders_batch)},
      {"/orders/{id}", item(order_get, order_update, order_delete), true},
      {"/orders/{order_id}/notes", {{"GET", Kind::List, notes_list}, {"POST", Kind::Create, notes_create}}},
      {"/orders/{order_id}/notes/{id}", {{"GET", Kind::Read, note_get}, {"DELETE", Kind::Delete, note_delete}}},
      {"/orders/{order_id}/refunds", {{"GET", Kind::List, refunds_list}, {"POST", Kind::Create, refunds_create}}},
      {"/orders/{order_id}/refunds/{id}", {{"GET", Kind::Read, refund_get}, {"DELETE", Kind::Delete, refund_delete}}},
      {"/customers", {{"GET", Kind::List, customers_list}, {"POST", Kind::Create, customers_create}}},
      {"/customers/batch", batch(customers_batch)},
      {"/customers/{id}", item(customer_get, customer_update, customer_delete)},
      {"/coupons", {{"GET", Kind::List, coupons_list}, {"POST", Kind::Create, not_implemented}}},
      {"/coupons/{id}", item(coupon_get, not_implemented, not_implemented)},
      {"/taxes", {{"GET", Kind::List, taxes_list}, {"POST", Kind::Create, not_implemented}}},
      {"/taxes/classes", {{"GET", Kind::List, tax_classes_list}, {"POST", Kind::Create, not_implemented}}},
      {"/taxes/{id}", item(tax_get, not_implemented, not_implemented)},
      {"/system_status", {{"GET", Kind::Read, system_status_get}}},
  };
  return table;
}

// Matches `path` ("/products/17/variations") against a pattern; numeric parameters go to ids.
bool match(const std::string& pattern, const std::string& path, std::vector<Id>& ids) {
  auto split = [](const std::string& s) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= s.size()) {
      std::size_t slash = s.find('/', start);
      if (slash == std::string::npos) slash = s.size();
      parts.push_back(s.substr(start, slash - start));
      start = slash + 1;
    }
    return parts;
  };
  const auto want = split(pattern);
  const auto got = split(path);
  if (want.size() != got.size()) return false;
  ids.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].front() == '{') {
      if (got[i].empty() || !std::all_of(got[i].begin(), got[i].end(), [](unsigned char c) { return std::isdigit(c); })) {
        return false;
      }
      ids.push_back(std::atoll(got[i].c_str()));
    } else if (lowercase(want[i]) != lowercase(got[i])) {
      return false;
    }
  }
  return true;
}

bool object_exists(const ShopState& shop, const std::string& pattern, const std::vector<Id>& ids) {
  if (pattern == "/orders/{id}") {
    auto it = shop.orders.find(ids[0]);
    return it != shop.orders.end();
  }
  const Id id = ids.back();
  return shop.products.count(id) > 0;
}

RestError permission_error(Kind kind) {
  switch (kind) {
    case Kind::List: return {"woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401, Json::object()};
    case Kind::Read: return {"woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.", 401, Json::object()};
    case Kind::Create:
      return {"woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.", 401, Json::object()};
    case Kind::Update:
      return {"woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.", 401, Json::object()};
    case Kind::Delete:
      return {"woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource.", 401, Json::object()};
    case Kind::Batch:
      return {"woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.", 401,
              Json::object()};
  }
  return {};
}

std::string host_of(const std::string& url) {
  std::string rest = url;
  if (const auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  return rest;
}

Response to_response(const Reply& reply, const std::string& site_url, const std::string& allow) {
  Response r = Response::json(reply.status, to_php_json(reply.body));
  for (const auto& h : reply.headers) {
    if (h.first != "Link") r.headers.push_back(h);
  }
  if (reply.collection_link) {
    for (const auto& h : reply.headers) {
      if (h.first == "Link") r.headers.push_back(h);
    }
  } else {
    r.headers.emplace_back("Link", "<" + site_url + "/wp-json/>; rel=\"https://api.w.org/\"");
  }
  if (!allow.empty()) r.headers.emplace_back("Allow", allow);
  r.headers.emplace_back("X-Robots-Tag", "noindex");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link");
  r.headers.emplace_back("Access-Control-Allow-Headers",
                         "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type");
  return r;
}

}  // namespace

WooEmulator::WooEmulator(WooOptions options) : options_(options) {
  switch (options_.initial) {
    case InitialData::empty: woo::seed_empty(state_); break;
    case InitialData::fixture: woo::seed_fixture(state_); break;
    case InitialData::demo: woo::seed_demo(state_); break;
  }
}

Timestamp WooEmulator::now() const {
  const Clock& clock = options_.clock ? *options_.clock : system_clock();
  return clock.now() + clock_offset_;
}

std::optional<Response> WooEmulator::handle(const Request& request) {
  std::lock_guard lock(mutex_);
  return handle_locked(request);
}

void WooEmulator::on_listening(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  adopted_home_url_ = base_url;
  state_.settings.home_url = base_url;
}

void WooEmulator::keep_adopted_address(bool seed_named_one) {
  if (!adopted_home_url_.empty() && !seed_named_one) state_.settings.home_url = adopted_home_url_;
}

std::optional<Response> WooEmulator::handle_locked(const Request& request) {
  if (lowercase(request.path).rfind(kPrefix, 0) != 0) return std::nullopt;
  std::string path = request.path.substr(kPrefix.size());
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty()) path = "/";
  const Timestamp now_ts = now();
  const bool https = request.tls || options_.treat_http_as_https;
  const std::string host = state_.settings.home_url.empty()
                               ? request.header("host").value_or("shop.example.com")
                               : host_of(state_.settings.home_url);
  const std::string site_url = (https ? "https://" : "http://") + host;
  std::string method = request.method;
  if (method == "POST") {
    if (auto override_method = request.header("x-http-method-override")) method = *override_method;
  }
  if (method == "HEAD") method = "GET";

  Json query = php_parse_str(request.raw_query);
  if (request.raw_query.empty() && !request.query.empty()) {
    for (const auto& [k, v] : request.query) query.set(k, Json::string(v));
  }
  const std::string content_type = lowercase(request.header("content-type").value_or(""));
  Json form = Json::object();
  if (content_type.rfind("application/x-www-form-urlencoded", 0) == 0) form = php_parse_str(request.body);

  auto plain_error = [&](const RestError& e) {
    return to_response(error(e), site_url, "");
  };
  // 1. Authentication, before anything is routed.
  AuthOutcome auth = authenticate(state_, request, https, site_url, query, form, now_ts);
  if (auth.error) return plain_error(*auth.error);
  // 2. rest_pre_dispatch: the key's read/write permission.
  if (auth.key) {
    if (auto denied = check_key_permission(*auth.key, method)) return plain_error(*denied);
  }
  // 3. Routing.
  const Route* route = nullptr;
  const Method* handler = nullptr;
  std::vector<Id> ids;
  for (const auto& r : routes()) {
    if (!match(r.pattern, path, ids)) continue;
    for (const auto& m : r.methods) {
      if (m.verb == method) handler = &m;
    }
    if (handler) {
      route = &r;
      break;
    }
  }
  if (route == nullptr) {
    return plain_error(
        RestError{"rest_no_route", "No route was found matching the URL and request method.", 404, Json::object()});
  }
  // Which methods this caller may use (the Allow header) and whether it may use this one.
  const bool exists = route->object_permission && object_exists(state_, route->pattern, ids);
  auto permitted = [&](Kind kind) {
    if (auth.key) return true;
    if (route->object_permission && (kind == Kind::Read || kind == Kind::Update || kind == Kind::Delete)) return !exists;
    return false;
  };
  std::string allow;
  for (const auto& m : route->methods) {
    if (permitted(m.kind)) allow += (allow.empty() ? "" : ", ") + std::string(m.verb);
  }
  // 4. Parameters: the JSON body (parse errors surface here, as in WordPress), then validation.
  Json body = form;
  if (content_type.rfind("application/json", 0) == 0 && !request.body.empty()) {
    auto parsed = parse_json(request.body);
    if (!parsed) {
      return to_response(error(RestError{"rest_invalid_json", "Invalid JSON body passed.", 400,
                                         Json::object().add("json_error_code", 4).add("json_error_message", "Syntax error")}),
                         site_url, allow);
    }
    body = parsed->is_object() ? std::move(*parsed) : Json::object();
  }
  // PATCH takes the same arguments as PUT (WordPress registers them as one EDITABLE handler).
  std::string schema_key = std::string(route->pattern) + " " + (method == "PATCH" ? "PUT" : method);
  if (method == "PATCH" && route_args(schema_key).items().empty()) schema_key = std::string(route->pattern) + " POST";
  const Json& args = route_args(schema_key);
  RestParams params(query, body, args);
  if (auto invalid = validate_params(args, params)) return to_response(error(*invalid), site_url, allow);
  // 5. The route's permission callback.
  if (!permitted(handler->kind)) return to_response(error(permission_error(handler->kind)), site_url, allow);
  // 6. The handler.
  Call call{state_, request, params, ids, "", site_url, route->pattern, now_ts, auth.key};
  Reply reply = handler->handler(call);
  return to_response(reply, site_url, allow);
}

std::optional<Response> WooEmulator::control(const Request& request) {
  std::lock_guard lock(mutex_);
  return control_locked(request);
}

}  // namespace wv::sandbox::woo

namespace wv::sandbox::woo {

std::optional<Response> WooEmulator::control_locked(const Request& request) {
  const Clock& clock = options_.clock ? *options_.clock : system_clock();
  const bool https = request.tls || options_.treat_http_as_https;
  std::string host = state_.settings.home_url;
  if (const auto p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
  if (host.empty()) host = request.header("host").value_or("shop.example.com");
  ControlContext context{state_, now(), clock_offset_, clock.now(), (https ? "https://" : "http://") + host};
  std::string reset_to;
  auto response = handle_control(context, request, reset_to);
  if (reset_to == "demo") {
    woo::seed_demo(state_);
  } else if (reset_to == "fixture") {
    woo::seed_fixture(state_);
  } else if (reset_to == "empty") {
    woo::seed_empty(state_);
  }
  if (!reset_to.empty()) keep_adopted_address();
  return response;
}

void WooEmulator::seed_demo() {
  std::lock_guard lock(mutex_);
  woo::seed_demo(state_);
  keep_adopted_address();
}

void WooEmulator::seed_fixture() {
  std::lock_guard lock(mutex_);
  woo::seed_fixture(state_);
  keep_adopted_address();
}

Status WooEmulator::seed_json(std::string_view seed_file_text) {
  std::lock_guard lock(mutex_);
  auto seeded = seed_from_json(state_, seed_file_text, now());
  if (!seeded) return seeded;
  bool named = false;
  if (auto doc = parse_json(seed_file_text)) {
    const Json* settings = doc->find("woocommerce") ? doc->find("woocommerce")->find("settings") : nullptr;
    named = settings != nullptr && settings->has("home_url");
  }
  keep_adopted_address(named);
  return seeded;
}

}  // namespace wv::sandbox::woo
