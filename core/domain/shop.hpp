#pragma once
// What the web shop knows: products, variations, stock, customers, orders and taxes.
// Plain values; the WooCommerce connector converts its wire format into these.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/domain/sku.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

namespace wv {

/// A VAT percentage such as 25, 12, 6 or 0.
struct VatRate {
  Decimal percent;
  friend auto operator<=>(const VatRate&, const VatRate&) = default;
};

/// A custom field. Non-string values (numbers, objects) are kept as their compact text.
struct MetaItem {
  std::string key;
  std::string value;
};

/// The value of the first meta item with `key`, or nullopt.
std::optional<std::string> find_meta(const std::vector<MetaItem>& meta, const std::string& key);

struct Address {
  std::string first_name;
  std::string last_name;
  std::string company;
  std::string address_1;
  std::string address_2;
  std::string city;
  std::string state;
  std::string postcode;
  std::string country;  ///< ISO 3166-1 alpha-2, "SE"
  std::string email;    ///< billing only
  std::string phone;

  /// "First Last", or the company when there is no name.
  [[nodiscard]] std::string full_name() const;
};

/// A tax rate as the shop defines it (/taxes).
struct TaxRate {
  std::int64_t id = 0;
  std::string country;
  VatRate rate;
  std::string name;
  std::string tax_class;  ///< slug; "standard" for the standard class
  bool applies_to_shipping = false;
  bool compound = false;
  int priority = 1;
};

struct TaxClass {
  std::string slug;
  std::string name;
};

struct ShopCustomer {
  std::int64_t id = 0;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string username;
  Address billing;
  Address shipping;
  std::vector<MetaItem> meta;
  std::optional<Timestamp> date_modified;
};

/// One entry of a line's `taxes`: the unrounded tax of one rate on that line.
struct LineTax {
  std::int64_t rate_id = 0;
  Decimal total;
  Decimal subtotal;  ///< before discounts; equal to total on shipping and fee lines
};

/// A product line of an order (or, with negative quantity and amounts, of a refund).
struct OrderLine {
  std::int64_t id = 0;
  std::string name;
  std::int64_t product_id = 0;
  std::int64_t variation_id = 0;  ///< 0 for a simple product
  Sku sku;                        ///< the variation's SKU for a variation line; may be empty
  Decimal quantity;
  std::string tax_class;
  Decimal subtotal;      ///< before discounts, excluding VAT
  Decimal subtotal_tax;  ///< VAT on subtotal
  Decimal total;         ///< after discounts, excluding VAT
  Decimal total_tax;     ///< VAT on total
  std::vector<LineTax> taxes;
  std::vector<MetaItem> meta;
  std::string parent_name;  ///< the variable product's name on a variation line
  /// total ÷ quantity as the shop reports it (a float there), rounded to 6 decimals. For
  /// information only: amounts are taken from total and total_tax.
  Decimal price;
};

struct ShippingLine {
  std::int64_t id = 0;
  std::string method_title;
  std::string method_id;
  std::string instance_id;
  Decimal total;      ///< excluding VAT
  Decimal total_tax;
  std::vector<LineTax> taxes;
  std::vector<MetaItem> meta;
};

struct FeeLine {
  std::int64_t id = 0;
  std::string name;
  std::string tax_class;
  std::string tax_status;  ///< "taxable" or "none"
  Decimal total;           ///< excluding VAT
  Decimal total_tax;
  std::vector<LineTax> taxes;
  std::vector<MetaItem> meta;
};

struct CouponLine {
  std::int64_t id = 0;
  std::string code;
  Decimal discount;      ///< excluding VAT
  Decimal discount_tax;
  std::string discount_type;      ///< "percent", "fixed_cart", "fixed_product"; "" when unknown
  std::optional<Decimal> nominal;  ///< the coupon's own amount (10 for 10 %), when known
};

/// One entry of an order's `tax_lines`: the order's VAT of one rate.
struct TaxLine {
  std::int64_t id = 0;
  std::int64_t rate_id = 0;
  std::string rate_code;
  std::string label;
  bool compound = false;
  Decimal tax_total;           ///< items and fees
  Decimal shipping_tax_total;  ///< shipping
  VatRate rate;
};

struct RefundSummary {
  std::int64_t id = 0;
  std::string reason;
  Decimal total;  ///< negative, as the shop lists it
};

struct Refund {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  Timestamp date_created;
  Decimal amount;  ///< positive
  std::string reason;
  bool refunded_payment = false;
  std::vector<OrderLine> lines;  ///< negative quantities and amounts
  std::vector<ShippingLine> shipping_lines;
  std::vector<FeeLine> fee_lines;
};

struct Order {
  std::int64_t id = 0;
  std::string number;
  std::string order_key;
  std::string status;  ///< "processing", "completed", ... (shops add their own)
  CurrencyCode currency;
  bool prices_include_tax = false;
  Timestamp date_created;   ///< UTC
  Timestamp date_modified;  ///< UTC
  std::optional<Timestamp> date_paid;
  std::optional<Timestamp> date_completed;
  /// The shop's own calendar dates (site time zone), for dating documents.
  std::optional<Date> date_created_local;
  std::optional<Date> date_paid_local;
  Decimal discount_total;
  Decimal discount_tax;
  Decimal shipping_total;
  Decimal shipping_tax;
  Decimal cart_tax;
  Decimal total;
  Decimal total_tax;
  std::int64_t customer_id = 0;  ///< 0 for a guest
  std::string customer_note;
  Address billing;
  Address shipping;
  std::string payment_method;
  std::string payment_method_title;
  std::string transaction_id;
  std::vector<MetaItem> meta;
  std::vector<OrderLine> lines;
  std::vector<TaxLine> tax_lines;
  std::vector<ShippingLine> shipping_lines;
  std::vector<FeeLine> fee_lines;
  std::vector<CouponLine> coupon_lines;
  std::vector<RefundSummary> refunds;

  [[nodiscard]] bool is_guest() const { return customer_id == 0; }
};

struct ProductAttribute {
  std::string name;
  std::string option;  ///< a variation's chosen value; empty on a parent
  std::vector<std::string> options;  ///< a parent's values
};

struct Product {
  std::int64_t id = 0;
  std::string name;
  std::string type;    ///< "simple", "variable", "grouped", "external"
  std::string status;  ///< "publish", "draft", ...
  Sku sku;
  std::string description;
  std::string short_description;
  std::optional<Decimal> regular_price;  ///< absent when the shop sends ""
  std::optional<Decimal> sale_price;
  std::optional<Decimal> price;
  std::optional<Timestamp> sale_from;
  std::optional<Timestamp> sale_to;
  std::string tax_status;
  std::string tax_class;  ///< "" is the standard class
  bool manage_stock = false;
  std::optional<std::int64_t> stock_quantity;
  std::string stock_status;
  bool is_virtual = false;
  std::vector<std::int64_t> variation_ids;
  std::vector<ProductAttribute> attributes;
  std::vector<MetaItem> meta;
  std::optional<Timestamp> date_modified;
  std::int64_t parent_id = 0;  ///< non-zero for a variation fetched through /products/{id}
};

struct Variation {
  std::int64_t id = 0;
  std::int64_t parent_id = 0;  ///< filled in by the connector (the wire object lacks it)
  Sku sku;
  std::string description;
  std::optional<Decimal> regular_price;
  std::optional<Decimal> sale_price;
  std::optional<Decimal> price;
  std::optional<Timestamp> sale_from;
  std::optional<Timestamp> sale_to;
  std::string tax_status;
  std::string tax_class;  ///< "parent" inherits the product's class
  bool manage_stock = false;  ///< WooCommerce also allows "parent"; taken as false here
  std::optional<std::int64_t> stock_quantity;
  std::string stock_status;
  std::string status;
  std::vector<ProductAttribute> attributes;
  std::vector<MetaItem> meta;
  std::optional<Timestamp> date_modified;
};

/// A stock quantity for one SKU. Visma may hold fractions; WooCommerce takes whole numbers.
struct StockLevel {
  Sku sku;
  Decimal quantity;
};

}  // namespace wv
