// Orders and refunds from WooCommerce's JSON.
//
// Amounts are strings with two decimals except: line `price` (a float with noise, rounded to 6
// decimals here), `taxes[].total/subtotal` (up to 6 decimals, and `subtotal` "" on shipping and
// fee lines, read as equal to `total` since those lines have no discount), `rate_percent` (a
// number). Dates are read from the *_gmt fields (UTC); the local dates give calendar days.

#include <optional>

#include "connectors/woocommerce/json_reader.hpp"
#include "connectors/woocommerce/woo_json.hpp"

namespace wv::woo {
namespace {

std::vector<LineTax> read_taxes(const Node& line) {
  std::vector<LineTax> out;
  for (const Node& t : line.array("taxes")) {
    LineTax tax;
    tax.rate_id = t.id("id");
    tax.total = t.amount("total");
    tax.subtotal = t.optional_amount("subtotal").value_or(tax.total);
    out.push_back(tax);
  }
  return out;
}

OrderLine read_line(const Node& n) {
  OrderLine line;
  line.id = n.id("id");
  line.name = n.text("name");
  line.product_id = n.id("product_id");
  line.variation_id = n.optional_int("variation_id").value_or(0);
  line.sku = Sku(n.text("sku"));
  line.quantity = n.amount("quantity");
  line.tax_class = n.text("tax_class");
  line.subtotal = n.amount("subtotal");
  line.subtotal_tax = n.amount("subtotal_tax");
  line.total = n.amount("total");
  line.total_tax = n.amount("total_tax");
  line.price = n.float_amount("price");
  line.taxes = read_taxes(n);
  line.meta = n.meta();
  line.parent_name = n.text("parent_name");
  return line;
}

ShippingLine read_shipping(const Node& n) {
  ShippingLine line;
  line.id = n.id("id");
  line.method_title = n.text("method_title");
  line.method_id = n.text("method_id");
  line.instance_id = n.text("instance_id");
  line.total = n.amount("total");
  line.total_tax = n.amount("total_tax");
  line.taxes = read_taxes(n);
  line.meta = n.meta();
  return line;
}

FeeLine read_fee(const Node& n) {
  FeeLine line;
  line.id = n.id("id");
  line.name = n.text("name");
  line.tax_class = n.text("tax_class");
  line.tax_status = n.text("tax_status");
  line.total = n.amount("total");
  line.total_tax = n.amount("total_tax");
  line.taxes = read_taxes(n);
  line.meta = n.meta();
  return line;
}

// WooCommerce before 8.7 keeps a snapshot of the whole coupon in the `coupon_data` meta; later
// versions keep `coupon_info`, a JSON text [id, code, type or null (= fixed_cart), amount, ...].
void read_coupon_terms(const Node& coupon, CouponLine& line) {
  for (const Node& entry : coupon.array("meta_data")) {
    const std::string key = entry.text("key");
    const Node value = entry["value"];
    if (key == "coupon_data" && value.is_object()) {
      line.discount_type = value.text("discount_type");
      line.nominal = value.optional_amount("amount");
      return;
    }
    if (key == "coupon_info" && value.present()) {
      const std::string info = entry.text("value");
      auto doc = WireDocument::parse(info, "coupon_info");
      if (!doc || !(*doc)->root().IsArray() || (*doc)->root().Size() < 4) {
        coupon.problems().report(value.path(), quote_value(info) + " is not coupon information");
        return;
      }
      const auto& array = (*doc)->root();
      const Node type(**doc, &array[2], value.path() + "[2]", coupon.problems());
      line.discount_type = type.present() ? type.string_value() : "fixed_cart";
      const Node amount(**doc, &array[3], value.path() + "[3]", coupon.problems());
      if (amount.raw()->IsString() && amount.raw()->GetStringLength() > 0) {
        line.nominal = decimal_from_number_text(
            {amount.raw()->GetString(), amount.raw()->GetStringLength()}, false);
        if (!line.nominal) {
          coupon.problems().report(amount.path(), "is not an amount");
        }
      }
      return;
    }
  }
}

CouponLine read_coupon(const Node& n) {
  CouponLine line;
  line.id = n.id("id");
  line.code = n.text("code");
  line.discount = n.amount("discount");
  line.discount_tax = n.amount("discount_tax");
  read_coupon_terms(n, line);
  return line;
}

TaxLine read_tax_line(const Node& n) {
  TaxLine line;
  line.id = n.id("id");
  line.rate_id = n.id("rate_id");
  line.rate_code = n.text("rate_code");
  line.label = n.text("label");
  line.compound = n.flag("compound");
  line.tax_total = n.amount("tax_total");
  line.shipping_tax_total = n.amount("shipping_tax_total");
  line.rate = VatRate{n.amount("rate_percent")};
  return line;
}

template <class T, class Read>
std::vector<T> read_all(const Node& n, const char* key, Read read) {
  std::vector<T> out;
  for (const Node& element : n.array(key)) out.push_back(read(element));
  return out;
}

Order read_order(const Node& n) {
  Order o;
  o.id = n.id("id");
  if (o.id != 0) n.problems().set_subject("order " + std::to_string(o.id));
  o.number = n.text("number");
  o.order_key = n.text("order_key");
  o.status = n.required_text("status");
  o.currency = n.required_text("currency");
  o.prices_include_tax = n.required_flag("prices_include_tax");
  o.date_created = n.required_time("date_created_gmt");
  o.date_modified = n.required_time("date_modified_gmt");
  o.date_paid = n.time("date_paid_gmt");
  o.date_completed = n.time("date_completed_gmt");
  o.date_created_local = n.local_date("date_created");
  o.date_paid_local = n.local_date("date_paid");
  o.discount_total = n.amount("discount_total");
  o.discount_tax = n.amount("discount_tax");
  o.shipping_total = n.amount("shipping_total");
  o.shipping_tax = n.amount("shipping_tax");
  o.cart_tax = n.amount("cart_tax");
  o.total = n.amount("total");
  o.total_tax = n.amount("total_tax");
  o.customer_id = n.optional_int("customer_id").value_or(0);
  o.customer_note = n.text("customer_note");
  o.billing = read_address(n["billing"]);
  o.shipping = read_address(n["shipping"]);
  o.payment_method = n.text("payment_method");
  o.payment_method_title = n.text("payment_method_title");
  o.transaction_id = n.text("transaction_id");
  o.meta = n.meta();
  if (!n["line_items"].present()) n.problems().report("line_items", "is missing");
  o.lines = read_all<OrderLine>(n, "line_items", read_line);
  o.tax_lines = read_all<TaxLine>(n, "tax_lines", read_tax_line);
  o.shipping_lines = read_all<ShippingLine>(n, "shipping_lines", read_shipping);
  o.fee_lines = read_all<FeeLine>(n, "fee_lines", read_fee);
  o.coupon_lines = read_all<CouponLine>(n, "coupon_lines", read_coupon);
  o.refunds = read_all<RefundSummary>(n, "refunds", [](const Node& r) {
    RefundSummary s;
    s.id = r.id("id");
    s.reason = r.text("reason");
    s.total = r.amount("total");
    return s;
  });
  return o;
}

Refund read_refund(const Node& n, std::int64_t order_id) {
  Refund r;
  r.id = n.id("id");
  r.order_id = order_id;
  if (r.id != 0) {
    n.problems().set_subject("refund " + std::to_string(r.id) + " of order " +
                             std::to_string(order_id));
  }
  r.date_created = n.required_time("date_created_gmt");
  r.amount = n.amount("amount");
  r.reason = n.text("reason");
  r.refunded_payment = n.flag("refunded_payment");
  r.lines = read_all<OrderLine>(n, "line_items", read_line);
  r.shipping_lines = read_all<ShippingLine>(n, "shipping_lines", read_shipping);
  r.fee_lines = read_all<FeeLine>(n, "fee_lines", read_fee);
  return r;
}

}  // namespace

Result<Order> parse_order(std::string_view body) {
  return read_object<Order>(body, "order", read_order);
}

Result<ParsedList<Order>> parse_orders(std::string_view body) {
  return read_list<Order>(body, "order", read_order);
}

Result<Refund> parse_refund(std::string_view body, std::int64_t order_id) {
  return read_object<Refund>(body, "refund of order " + std::to_string(order_id),
                             [&](const Node& n) { return read_refund(n, order_id); });
}

Result<ParsedList<Refund>> parse_refunds(std::string_view body, std::int64_t order_id) {
  return read_list<Refund>(body, "refund of order " + std::to_string(order_id),
                           [&](const Node& n) { return read_refund(n, order_id); });
}

}  // namespace wv::woo
