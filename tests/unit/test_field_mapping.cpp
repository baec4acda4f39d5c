#include <catch2/catch.hpp>

#include "core/sync/field_mapping.hpp"
#include "tests/unit/test_config_support.hpp"

namespace {
using wv::testing::parse_error;
wv::Order order() {
  wv::Order o;
  o.number = "26";
  o.billing.phone = "+46 18 55 66 77";
  o.meta = {{"customer_reference", "PO-2026-117"}, {"_billing_org_no", "556677-8899"}};
  return o;
}
}  // namespace

TEST_CASE("field mappings may not write what finds documents and customers again", "[mapping][fields]") {
  wv::OrdersConfig orders;
  orders.reference_field = wv::DocumentReferenceField::PurchaseOrderNumber;
  auto onto_reference = wv::validate_field_mappings({{"order", "number", wv::DocumentField::PurchaseOrderNumber}}, orders);
  REQUIRE_FALSE(onto_reference);
  CHECK(onto_reference.error().kind == wv::ErrorKind::Config);
  CHECK(onto_reference.error().message.find("BuyersOrderReference") != std::string::npos);
  CHECK(onto_reference.error().message.find("orders.reference_field") != std::string::npos);
  CHECK(wv::validate_field_mappings({{"order", "number", wv::DocumentField::BuyerReference}}, orders));

  const std::vector<wv::FieldMapping> email = {{"customer", "meta:mail", wv::CustomerField::Email}};
  const std::vector<wv::FieldMapping> org = {{"customer", "meta:org", wv::CustomerField::OrganisationNumber}};
  orders.customer_match = wv::CustomerMatch::Email;
  auto onto_email = wv::validate_field_mappings(email, orders);
  REQUIRE_FALSE(onto_email);
  CHECK(onto_email.error().kind == wv::ErrorKind::Config);
  CHECK(onto_email.error().message.find("EmailAddress") != std::string::npos);
  CHECK(onto_email.error().message.find("customer_match = \"email\"") != std::string::npos);
  CHECK(wv::validate_field_mappings(org, orders));
  orders.customer_match = wv::CustomerMatch::OrgNumber;
  auto onto_org = wv::validate_field_mappings(org, orders);
  REQUIRE_FALSE(onto_org);
  CHECK(onto_org.error().message.find("customer_match = \"org-number\"") != std::string::npos);
  CHECK(wv::validate_field_mappings(email, orders));
}

TEST_CASE("field mappings copy order values into document and customer fields", "[mapping][fields]") {
  const std::vector<wv::FieldMapping> mappings = {
      {"order", "meta:customer_reference", wv::DocumentField::PurchaseOrderNumber},
      {"order", "payment_method_title", wv::DocumentField::RowText},
      {"order", "meta:absent", wv::DocumentField::SellerReference},
      {"customer", "billing.phone", wv::CustomerField::Mobile}};
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
  auto bad_source = wv::validate_field_mappings({{"order", "billing.shoe_size", wv::DocumentField::BuyerReference}});
  REQUIRE_FALSE(bad_source);
  CHECK(bad_source.error().message.find("billing.shoe_size") != std::string::npos);
  // The config reads targets by name (an unknown one is a config error, listing the valid
  // names); what reaches here is typed, and must belong to its entity.
  auto bad_target = parse_error("[[field_mapping]]\nentity = \"order\"\nfrom = \"number\"\nto = \"InvoiceColour\"\n");
  CHECK(bad_target.find("BuyersOrderReference") != std::string::npos);
  CHECK(bad_target.find("field_mapping[0].to") != std::string::npos);
  CHECK_FALSE(wv::validate_field_mappings({{"order", "number", wv::CustomerField::Mobile}}));
  CHECK_FALSE(wv::validate_field_mappings({{"product", "number", wv::MappingTarget{}}}));

  wv::Order o = order();
  o.meta.push_back({"long", std::string(40, 'x')});
  wv::SalesDocument doc;
  auto too_long = wv::apply_document_mappings({{"order", "meta:long", wv::DocumentField::PurchaseOrderNumber}}, o, doc);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().kind == wv::ErrorKind::Rejected);
  CHECK(too_long.error().message.find("35") != std::string::npos);
}
