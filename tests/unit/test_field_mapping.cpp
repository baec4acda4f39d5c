#include <catch2/catch.hpp>

#include "core/sync/field_mapping.hpp"

namespace {
wv::Order order() {
  wv::Order o;
  o.number = "26";
  o.billing.phone = "+46 18 55 66 77";
  o.meta = {{"customer_reference", "PO-2026-117"}, {"_billing_org_no", "556677-8899"}};
  return o;
}
}  // namespace

TEST_CASE("field mappings copy order values into document and customer fields", "[mapping][fields]") {
  const std::vector<wv::FieldMapping> mappings = {
      {"order", "meta:customer_reference", "BuyersOrderReference"},
      {"order", "payment_method_title", "TextRow"},
      {"order", "meta:absent", "OurReference"},
      {"customer", "billing.phone", "MobilePhone"}};
  REQUIRE(wv::validate_field_mappings(mappings));
  wv::SalesDocument doc;
  doc.rows.resize(1);
  REQUIRE(wv::apply_document_mappings(mappings, order(), doc));
  CHECK(doc.buyers_order_reference == "PO-2026-117");
  CHECK(doc.our_reference.empty());  // an absent value changes nothing
  CHECK(doc.rows.size() == 1);       // the payment method title was empty
  wv::AccountingCustomer customer;
  REQUIRE(wv::apply_customer_mappings(mappings, order(), customer));
  CHECK(customer.mobile_phone == "+46 18 55 66 77");
}

TEST_CASE("field mappings refuse unknown sources and targets, and too long values", "[mapping][fields]") {
  auto bad_source = wv::validate_field_mappings({{"order", "billing.shoe_size", "YourReference"}});
  REQUIRE_FALSE(bad_source);
  CHECK(bad_source.error().message.find("billing.shoe_size") != std::string::npos);
  auto bad_target = wv::validate_field_mappings({{"order", "number", "InvoiceColour"}});
  REQUIRE_FALSE(bad_target);
  CHECK(bad_target.error().message.find("BuyersOrderReference") != std::string::npos);
  CHECK_FALSE(wv::validate_field_mappings({{"product", "number", "Name"}}));

  wv::Order o = order();
  o.meta.push_back({"long", std::string(40, 'x')});
  wv::SalesDocument doc;
  auto too_long = wv::apply_document_mappings({{"order", "meta:long", "BuyersOrderReference"}}, o, doc);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().kind == wv::ErrorKind::Rejected);
  CHECK(too_long.error().message.find("35") != std::string::npos);
}
