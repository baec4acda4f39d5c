// Seed files (format in seed.hpp).
#include <algorithm>

#include "sandbox/woo/api.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/product_write.hpp"
#include "sandbox/woo/seed.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace {

Error config(const std::string& where, const std::string& what) {
  return Error(ErrorKind::Config, "seed file " + where + ": " + what);
}

const std::vector<Json> list_of(const Json& section, const char* key) {
  const Json* v = section.find(key);
  return v ? php_values(*v) : std::vector<Json>{};
}

Status apply_settings(ShopSettings& s, const Json& settings) {
  auto text = [&](const char* name, std::string& out) {
    if (const Json* v = settings.find(name)) out = php_string(*v);
  };
  text("home_url", s.home_url);
  text("currency", s.currency);
  text("tax_based_on", s.tax_based_on);
  text("base_country", s.base_country);
  text("base_state", s.base_state);
  text("base_city", s.base_city);
  text("base_postcode", s.base_postcode);
  text("shipping_tax_class", s.shipping_tax_class);
  if (const Json* v = settings.find("prices_include_tax")) s.prices_include_tax = php_bool(*v);
  if (const Json* v = settings.find("manage_stock")) s.manage_stock = php_bool(*v);
  if (const Json* v = settings.find("order_modified_on_any_change")) s.order_modified_on_any_change = php_bool(*v);
  if (s.tax_based_on != "base" && s.tax_based_on != "billing" && s.tax_based_on != "shipping") {
    return fail(config("woocommerce.settings.tax_based_on", "must be base, billing or shipping"));
  }
  return {};
}

Status add_customer(ShopState& shop, const Json& body, Timestamp now, const std::string& where) {
  Customer c;
  c.email = body.find("email") ? php_string(*body.find("email")) : "";
  if (c.email.find('@') == std::string::npos) return fail(config(where + ".email", "is not an email address"));
  for (const auto& [id, other] : shop.customers) {
    if (lowercase(other.email) == lowercase(c.email)) {
      return fail(config(where + ".email", "an account with " + c.email + " already exists"));
    }
  }
  c.username = body.find("username") ? php_string(*body.find("username")) : c.email.substr(0, c.email.find('@'));
  if (const Json* v = body.find("first_name")) c.first_name = php_string(*v);
  if (const Json* v = body.find("last_name")) c.last_name = php_string(*v);
  auto address = [&](const char* name, Address& a) {
    const Json* posted = body.find(name);
    if (posted == nullptr) return;
    for (auto [key, field] : std::initializer_list<std::pair<const char*, std::string*>>{
             {"first_name", &a.first_name}, {"last_name", &a.last_name}, {"company", &a.company},
             {"address_1", &a.address_1}, {"address_2", &a.address_2}, {"city", &a.city}, {"state", &a.state},
             {"postcode", &a.postcode}, {"country", &a.country}, {"email", &a.email}, {"phone", &a.phone}}) {
      if (const Json* v = posted->find(key)) *field = php_string(*v);
    }
  };
  address("billing", c.billing);
  address("shipping", c.shipping);
  c.id = shop.next_user_id++;
  c.date_created = whole_seconds(now);
  c.date_modified = c.date_created;
  shop.customers[c.id] = c;
  return {};
}

Status add_order(ShopState& shop, const Json& body, Timestamp fallback, const std::string& where) {
  Timestamp when = fallback;
  Json request = Json::object();
  for (const auto& [k, v] : body.members()) {
    if (k == "date") {
      auto t = parse_timestamp(php_string(v));
      if (!t) return fail(config(where + ".date", "is not an ISO-8601 time"));
      when = *t;
    } else if (k != "refunds" && k != "later") {
      request.add(k, v);
    }
  }
  auto saved = save_order_from_request(shop, with_route_defaults(request, "/orders POST"), 0, when);
  if (!saved) return fail(config(where, saved.error().message));
  Order& order = shop.orders.at(*saved);
  // "later": status changes after the order was placed: [{"date": ..., "status": ...}].
  for (const auto& step : list_of(body, "later")) {
    auto t = step.find("date") ? parse_timestamp(php_string(*step.find("date"))) : std::optional<Timestamp>(when);
    if (!t) return fail(config(where + ".later.date", "is not an ISO-8601 time"));
    if (const Json* status = step.find("status")) set_order_status(shop, order, php_string(*status), *t);
  }
  std::size_t n = 0;
  for (const auto& r : list_of(body, "refunds")) {
    const std::string rwhere = where + ".refunds[" + std::to_string(n++) + "]";
    auto t = r.find("date") ? parse_timestamp(php_string(*r.find("date"))) : std::optional<Timestamp>(when);
    if (!t) return fail(config(rwhere + ".date", "is not an ISO-8601 time"));
    RefundRequest request_r;
    request_r.reason = r.find("reason") ? php_string(*r.find("reason")) : "";
    request_r.restock = r.find("restock") ? php_bool(*r.find("restock")) : true;
    Decimal from_lines;
    for (const auto& l : list_of(r, "lines")) {
      const std::string sku = l.find("sku") ? php_string(*l.find("sku")) : "";
      const std::string method = l.find("shipping") ? "shipping" : "";
      const std::int64_t qty = l.find("quantity") ? php_int(*l.find("quantity")) : 1;
      const OrderItem* item = nullptr;
      for (const auto& i : order.items) {
        if (!method.empty() && i.type == ItemType::Shipping) item = &i;
        if (method.empty() && i.type == ItemType::Line) {
          const Product* p = find_product(shop, i.variation_id ? i.variation_id : i.product_id);
          if (p && p->sku == sku) item = &i;
        }
      }
      if (item == nullptr) return fail(config(rwhere + ".lines", "no line for sku \"" + sku + "\""));
      RefundLine line;
      line.item_id = item->id;
      line.quantity = item->type == ItemType::Line ? qty : 0;
      const std::int64_t units = item->type == ItemType::Line ? std::max<std::int64_t>(1, item->quantity) : 1;
      const std::int64_t refunded = item->type == ItemType::Line ? qty : 1;
      line.refund_total = item->total.times_divided_by(Decimal::from_int(refunded), Decimal::from_int(units)).rounded(2);
      for (const auto& [rate, amount] : item->taxes_total) {
        line.refund_tax.emplace_back(rate, amount.times_divided_by(Decimal::from_int(refunded), Decimal::from_int(units)).rounded(2));
      }
      from_lines += line.refund_total + sum(line.refund_tax);
      request_r.lines.push_back(line);
    }
    request_r.amount = r.find("amount") ? Decimal::parse(php_string(*r.find("amount")), true).value_or(from_lines) : from_lines;
    auto refund = create_refund(shop, order, request_r, *t);
    if (!refund) return fail(config(rwhere, refund.error().message));
  }
  return {};
}

}  // namespace

Status seed_from_json(ShopState& target, std::string_view seed_file_text, Timestamp now) {
  auto doc = parse_json(seed_file_text);
  if (!doc) return fail(Error(ErrorKind::Config, "seed file is not JSON: " + doc.error().message));
  if (!doc->is_object()) return fail(Error(ErrorKind::Config, "seed file must be a JSON object"));
  const Json* section = doc->find("woocommerce");
  ShopState shop;
  const std::string base = section && section->find("base") ? php_string(*section->find("base")) : "empty";
  if (base == "empty") {
    seed_empty(shop);
  } else if (base == "demo") {
    seed_demo(shop);
  } else if (base == "fixture") {
    seed_fixture(shop);
  } else {
    return fail(config("woocommerce.base", "must be \"empty\", \"demo\" or \"fixture\""));
  }
  if (section == nullptr) {
    target = std::move(shop);
    return {};
  }
  if (!section->is_object()) return fail(config("woocommerce", "must be an object"));
  if (const Json* settings = section->find("settings")) {
    if (auto s = apply_settings(shop.settings, *settings); !s) return s;
  }
  std::size_t i = 0;
  for (const auto& k : list_of(*section, "credentials")) {
    const std::string where = "woocommerce.credentials[" + std::to_string(i++) + "]";
    ApiKey key;
    key.consumer_key = k.find("consumer_key") ? php_string(*k.find("consumer_key")) : "";
    key.consumer_secret = k.find("consumer_secret") ? php_string(*k.find("consumer_secret")) : "";
    key.permissions = k.find("permissions") ? php_string(*k.find("permissions")) : "read_write";
    if (key.consumer_key.empty()) return fail(config(where + ".consumer_key", "is required"));
    if (key.consumer_secret.empty()) return fail(config(where + ".consumer_secret", "is required"));
    if (key.permissions != "read" && key.permissions != "write" && key.permissions != "read_write") {
      return fail(config(where + ".permissions", "must be read, write or read_write"));
    }
    shop.keys.erase(std::remove_if(shop.keys.begin(), shop.keys.end(),
                                   [&](const ApiKey& a) { return a.consumer_key == key.consumer_key; }),
                    shop.keys.end());
    shop.keys.push_back(key);
  }
  if (const Json* classes = section->find("tax_classes")) {
    shop.tax_classes = {{"standard", "Standard rate"}};
    i = 0;
    for (const auto& c : php_values(*classes)) {
      const std::string where = "woocommerce.tax_classes[" + std::to_string(i++) + "]";
      TaxClass tc;
      tc.name = c.find("name") ? php_string(*c.find("name")) : "";
      tc.slug = c.find("slug") ? php_string(*c.find("slug")) : sanitize_title(tc.name);
      if (tc.slug.empty()) return fail(config(where + ".slug", "is required"));
      if (tc.slug != "standard") shop.tax_classes.push_back(tc);
    }
  }
  if (const Json* rates = section->find("tax_rates")) {
    shop.tax_rates.clear();
    i = 0;
    for (const auto& r : php_values(*rates)) {
      const std::string where = "woocommerce.tax_rates[" + std::to_string(i++) + "]";
      TaxRate rate;
      rate.id = r.find("id") ? php_int(*r.find("id")) : static_cast<Id>(i);
      rate.country = r.find("country") ? php_string(*r.find("country")) : "";
      rate.state = r.find("state") ? php_string(*r.find("state")) : "";
      rate.postcode = r.find("postcode") ? php_string(*r.find("postcode")) : "";
      rate.city = r.find("city") ? php_string(*r.find("city")) : "";
      const std::string pct = r.find("rate") ? php_string(*r.find("rate")) : "";
      auto value = Decimal::parse(pct, true);
      if (!value) return fail(config(where + ".rate", "must be a percentage such as \"25.0000\""));
      rate.rate = value->to_string(4);
      rate.name = r.find("name") ? php_string(*r.find("name")) : "";
      rate.priority = r.find("priority") ? php_int(*r.find("priority")) : 1;
      rate.compound = r.find("compound") && php_bool(*r.find("compound"));
      rate.shipping = r.find("shipping") ? php_bool(*r.find("shipping")) : true;
      rate.order = r.find("order") ? php_int(*r.find("order")) : 0;
      rate.tax_class = r.find("class") ? php_string(*r.find("class")) : "standard";
      if (rate.tax_class.empty()) rate.tax_class = "standard";
      const bool known = std::any_of(shop.tax_classes.begin(), shop.tax_classes.end(),
                                     [&](const TaxClass& c) { return c.slug == rate.tax_class; });
      if (!known) return fail(config(where + ".class", "names no tax class \"" + rate.tax_class + "\""));
      shop.tax_rates.push_back(rate);
    }
  }
  i = 0;
  for (const auto& c : list_of(*section, "coupons")) {
    const std::string where = "woocommerce.coupons[" + std::to_string(i++) + "]";
    Coupon coupon;
    coupon.code = lowercase(c.find("code") ? php_string(*c.find("code")) : "");
    if (coupon.code.empty()) return fail(config(where + ".code", "is required"));
    coupon.discount_type = c.find("discount_type") ? php_string(*c.find("discount_type")) : "fixed_cart";
    if (coupon.discount_type != "percent" && coupon.discount_type != "fixed_cart" && coupon.discount_type != "fixed_product") {
      return fail(config(where + ".discount_type", "must be percent, fixed_cart or fixed_product"));
    }
    coupon.amount = c.find("amount") ? format_price_input(*c.find("amount")) : "0";
    coupon.description = c.find("description") ? php_string(*c.find("description")) : "";
    coupon.minimum_amount = c.find("minimum_amount") ? format_price_input(*c.find("minimum_amount")) : "";
    coupon.maximum_amount = c.find("maximum_amount") ? format_price_input(*c.find("maximum_amount")) : "";
    coupon.usage_limit = c.find("usage_limit") ? php_int(*c.find("usage_limit")) : 0;
    coupon.exclude_sale_items = c.find("exclude_sale_items") && php_bool(*c.find("exclude_sale_items"));
    coupon.id = shop.next_post_id++;
    coupon.date_created = whole_seconds(now);
    coupon.date_modified = coupon.date_created;
    shop.coupons[coupon.id] = coupon;
  }
  i = 0;
  for (const auto& p : list_of(*section, "products")) {
    const std::string where = "woocommerce.products[" + std::to_string(i++) + "]";
    if (!p.is_object()) return fail(config(where, "must be an object"));
    Product product;
    Json body = with_route_defaults(p, "/products POST");
    body.erase("variations");
    if (auto err = apply_product_fields(shop, product, body, now)) return fail(config(where, err->message));
    if (product.name.empty()) return fail(config(where + ".name", "is required"));
    const Id parent = store_product(shop, std::move(product), now);
    std::size_t j = 0;
    for (const auto& v : list_of(p, "variations")) {
      const std::string vwhere = where + ".variations[" + std::to_string(j++) + "]";
      Product variation;
      variation.is_variation = true;
      variation.parent_id = parent;
      variation.type = "variation";
      variation.tax_class = "parent";
      if (auto err = apply_product_fields(shop, variation, with_route_defaults(v, "/products/{product_id}/variations POST"), now)) {
        return fail(config(vwhere, err->message));
      }
      store_product(shop, std::move(variation), now);
    }
  }
  i = 0;
  for (const auto& c : list_of(*section, "customers")) {
    if (auto s = add_customer(shop, c, now, "woocommerce.customers[" + std::to_string(i++) + "]"); !s) return s;
  }
  i = 0;
  for (const auto& o : list_of(*section, "orders")) {
    if (auto s = add_order(shop, o, now, "woocommerce.orders[" + std::to_string(i++) + "]"); !s) return s;
  }
  target = std::move(shop);
  return {};
}

}  // namespace wv::sandbox::woo
