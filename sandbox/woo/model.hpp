#pragma once
// The emulated shop's state: what WooCommerce keeps in its tables, reduced to what the REST API
// shows. Ids come from the same counters WordPress uses (one for posts — products, variations,
// coupons, orders and refunds share it — one for order items, one for order item meta, one for
// post meta, one for comments, which order notes are), so ids advance exactly as in a real shop.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {

using Id = std::int64_t;

/// One meta_data entry. `value` is what the API shows (a string, or an object for coupon_data).
struct Meta {
  Id id = 0;
  std::string key;
  Json value;
  std::string display_key;  ///< order item meta only ("Size" for the "size" attribute)
};

struct Term {
  Id id = 0;
  std::string name;
  std::string slug;
};

struct ProductAttribute {
  Id id = 0;
  std::string name;
  int position = 0;
  bool visible = true;
  bool variation = false;
  std::vector<std::string> options;
};

/// A chosen attribute value: a variation's own ("Size": "M") or a default attribute.
struct AttributeValue {
  Id id = 0;
  std::string name;
  std::string option;
};

/// Products and variations (post types product and product_variation).
struct Product {
  Id id = 0;
  bool is_variation = false;
  Id parent_id = 0;
  std::string name;
  std::string slug;
  std::string type = "simple";  ///< simple, variable, grouped, external; "variation"
  std::string status = "publish";
  bool featured = false;
  std::string catalog_visibility = "visible";
  std::string description;
  std::string short_description;
  std::string sku;
  std::string regular_price;  ///< as WooCommerce stores it: "149.00", "10", "" for none
  std::string sale_price;
  std::string price;  ///< the active price; for a variable product the lowest child price
  Timestamp date_created{};
  Timestamp date_modified{};
  std::optional<Timestamp> date_on_sale_from;
  std::optional<Timestamp> date_on_sale_to;
  std::int64_t total_sales = 0;
  bool is_virtual = false;
  bool downloadable = false;
  std::int64_t download_limit = -1;
  std::int64_t download_expiry = -1;
  std::string external_url;
  std::string button_text;
  std::string tax_status = "taxable";
  std::string tax_class;  ///< "" is the standard class
  bool manage_stock = false;
  std::optional<std::int64_t> stock_quantity;
  std::string stock_status = "instock";
  std::string backorders = "no";
  std::optional<std::int64_t> low_stock_amount;
  bool sold_individually = false;
  std::string weight;
  std::string length, width, height;
  std::string shipping_class;
  bool reviews_allowed = true;
  std::string average_rating = "0";
  std::int64_t rating_count = 0;
  std::vector<Id> upsell_ids;
  std::vector<Id> cross_sell_ids;
  std::string purchase_note;
  std::int64_t menu_order = 0;
  std::vector<Term> categories;
  std::vector<Term> tags;
  Json images = Json::array();
  Json downloads = Json::array();
  std::vector<ProductAttribute> attributes;         ///< parent products
  std::vector<AttributeValue> default_attributes;   ///< variable products
  std::vector<AttributeValue> variation_attributes; ///< variations
  std::vector<Meta> meta_data;
};

struct Address {
  std::string first_name, last_name, company, address_1, address_2, city, state, postcode, country, email,
      phone;
};

struct Customer {
  Id id = 0;
  Timestamp date_created{};
  Timestamp date_modified{};
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string role = "customer";
  std::string username;
  std::string password;
  Address billing;
  Address shipping;
  bool is_paying_customer = false;
  std::vector<Meta> meta_data;
};

/// Per-rate tax amounts of an item, keyed by tax rate id in the order WooCommerce found them.
using RateAmounts = std::vector<std::pair<Id, Decimal>>;

enum class ItemType { Line, Shipping, Fee, Tax, Coupon };

struct OrderItem {
  Id id = 0;
  ItemType type = ItemType::Line;
  std::string name;
  // Line items.
  Id product_id = 0;
  Id variation_id = 0;
  std::int64_t quantity = 1;
  std::string tax_class;
  std::string tax_status = "taxable";  ///< fees
  Decimal subtotal;
  Decimal subtotal_tax;
  Decimal total;  ///< line, shipping and fee lines
  Decimal total_tax;
  RateAmounts taxes_total;
  RateAmounts taxes_subtotal;  ///< line items only
  // Shipping lines.
  std::string method_id;
  std::string method_title;
  std::string instance_id;
  // Tax lines.
  Id rate_id = 0;
  std::string rate_code;
  std::string label;
  bool compound = false;
  Decimal tax_total;
  Decimal shipping_tax_total;
  Decimal rate_percent;
  // Coupon lines.
  std::string code;
  Decimal discount;
  Decimal discount_tax;
  std::vector<Meta> meta_data;
};

/// Orders and refunds (post types shop_order and shop_order_refund).
struct Order {
  Id id = 0;
  bool is_refund = false;
  Id parent_id = 0;
  std::string status = "pending";
  std::string currency = "SEK";
  std::string version = "7.9.0";
  bool prices_include_tax = true;
  Timestamp date_created{};
  Timestamp date_modified{};
  std::optional<Timestamp> date_completed;
  std::optional<Timestamp> date_paid;
  Decimal discount_total, discount_tax, shipping_total, shipping_tax, cart_tax, total, total_tax;
  Id customer_id = 0;
  std::string order_key;
  Address billing;
  Address shipping;
  std::string payment_method;
  std::string payment_method_title;
  std::string transaction_id;
  std::string customer_ip_address;
  std::string customer_user_agent;
  std::string created_via;
  std::string customer_note;
  std::string cart_hash;
  std::vector<Meta> meta_data;
  std::vector<OrderItem> items;  ///< in the order they were added
  bool stock_reduced = false;
  bool recorded_sales = false;
  bool coupon_usage_recorded = false;
  std::vector<Id> refund_ids;  ///< newest first, as WooCommerce lists them
  /// A digest of the order as last stored, to move date_modified only when something changed.
  std::string stored_fingerprint;
  // Refunds only.
  Decimal amount;
  std::string reason;
  Id refunded_by = 0;
  bool refunded_payment = false;
};

struct OrderNote {
  Id id = 0;
  Id order_id = 0;
  std::string author = "WooCommerce";
  Timestamp date_created{};
  std::string note;
  bool customer_note = false;
};

struct TaxRate {
  Id id = 0;
  std::string country;
  std::string state;
  std::string postcode;
  std::string city;
  std::string rate;  ///< "25.0000"
  std::string name;
  std::int64_t priority = 1;
  bool compound = false;
  bool shipping = true;
  std::int64_t order = 0;
  std::string tax_class = "standard";  ///< slug; "standard" for the standard class
};

struct TaxClass {
  std::string slug;
  std::string name;
};

struct Coupon {
  Id id = 0;
  std::string code;  ///< lower case
  std::string amount;  ///< as stored: "10", "50.00"
  std::string discount_type = "fixed_cart";  ///< percent, fixed_cart, fixed_product
  std::string description;
  std::string status = "publish";
  Timestamp date_created{};
  Timestamp date_modified{};
  std::optional<Timestamp> date_expires;
  std::int64_t usage_count = 0;
  bool individual_use = false;
  std::vector<Id> product_ids;
  std::vector<Id> excluded_product_ids;
  std::int64_t usage_limit = 0;
  std::int64_t usage_limit_per_user = 0;
  std::optional<std::int64_t> limit_usage_to_x_items;
  bool free_shipping = false;
  bool exclude_sale_items = false;
  std::string minimum_amount;
  std::string maximum_amount;
  std::vector<std::string> used_by;
};

struct ApiKey {
  std::string consumer_key;
  std::string consumer_secret;
  std::string permissions = "read_write";  ///< read, write, read_write
  Id user_id = 1;
  /// OAuth nonces accepted, each with the timestamp it came with; kept while that timestamp is
  /// within the 15-minute window (WooCommerce keeps them as long). See auth.hpp.
  std::map<std::string, std::int64_t> nonces{};
  /// The same nonces by timestamp, to forget the expired ones cheaply.
  std::multimap<std::int64_t, std::string> nonces_by_time{};
};

struct ShippingMethod {
  std::string method_id = "flat_rate";
  std::string title = "Frakt";
  std::string instance_id = "1";
  Decimal cost = Decimal::from_minor(3920);
};

/// The shop's settings that change what the API answers.
struct ShopSettings {
  /// The shop's address; its scheme is replaced per request. Empty: the Host the client used
  /// (shop.example.com when there is none).
  std::string home_url;
  std::string currency = "SEK";
  std::string currency_symbol = "kr";
  std::string currency_symbol_html = "&#107;&#114;";
  std::string currency_position = "right_space";
  std::string thousand_separator = " ";
  std::string decimal_separator = ",";
  int price_decimals = 2;
  bool prices_include_tax = true;
  std::string tax_based_on = "base";  ///< base, billing, shipping
  std::string base_country = "SE";
  std::string base_state;
  std::string base_postcode = "111 22";
  std::string base_city = "Stockholm";
  std::string base_address = "Storgatan 1";
  std::string shipping_tax_class;  ///< "" standard, "inherit", or a class slug
  bool manage_stock = true;
  SiteZone zone;
  /// When false, an order's date_modified moves only when its status, customer note or parent
  /// changes, as WooCommerce's posts storage does (the post row is rewritten only then; changes
  /// to items, totals and addresses leave it, see woocommerce/woocommerce#34798). When true
  /// (the default) every stored change moves it.
  bool order_modified_on_any_change = true;
  std::string admin_display_name = "admin";
  ShippingMethod shipping;
  std::vector<std::pair<std::string, std::string>> payment_gateways{{"bacs", "Banköverföring"}};
};

/// Everything the emulator holds; one instance per emulated shop.
struct ShopState {
  ShopSettings settings;
  std::map<Id, Product> products;  ///< products and variations by post id
  std::map<Id, Customer> customers;
  std::map<Id, Order> orders;  ///< orders and refunds by post id
  std::map<Id, OrderNote> notes;
  std::map<Id, Coupon> coupons;
  std::vector<TaxRate> tax_rates;
  std::vector<TaxClass> tax_classes;  ///< standard first, then as added
  std::vector<ApiKey> keys;
  /// Counters: the next id each table hands out.
  Id next_post_id = 1;
  Id next_user_id = 1;
  Id next_item_id = 1;
  Id next_item_meta_id = 1;
  Id next_post_meta_id = 1;
  Id next_comment_id = 1;
  /// Seed for the pseudo-random parts (order keys, related products), so runs repeat.
  std::uint64_t random_state = 0x9E3779B97F4A7C15ULL;
};

}  // namespace wv::sandbox::woo
