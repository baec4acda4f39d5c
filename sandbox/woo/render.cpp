#include "sandbox/woo/render.hpp"

#include <algorithm>
#include <cstdlib>

#include "sandbox/woo/order_engine.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/render_parts.hpp"
#include "sandbox/woo/tax_math.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {
namespace parts {

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

Json optional_int(const std::optional<std::int64_t>& v) { return v ? Json::integer(*v) : Json::null(); }

}  // namespace parts

using namespace parts;

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
