// Customers: /v2/customers (CustomerApi).
#include "connectors/visma/wire.hpp"

#include <limits>

namespace wv::visma_wire {

AccountingCustomer read_customer(FieldReader& f) {
  AccountingCustomer c;
  c.id = f.text("Id", /*required=*/true);
  c.customer_number = f.text("CustomerNumber");
  c.name = f.text("Name");
  c.is_private_person = f.flag("IsPrivatePerson", true);
  c.is_active = f.flag("IsActive", true);
  c.email = f.text("EmailAddress");
  c.phone = f.text("Telephone");
  c.mobile_phone = f.text("MobilePhone");
  c.corporate_identity_number = f.text("CorporateIdentityNumber");
  c.vat_number = f.text("VatNumber");
  c.terms_of_payment_id = f.text("TermsOfPaymentId");
  c.currency_code = f.text("CurrencyCode");
  c.invoice_address1 = f.text("InvoiceAddress1");
  c.invoice_address2 = f.text("InvoiceAddress2");
  c.invoice_city = f.text("InvoiceCity");
  c.invoice_postal_code = f.text("InvoicePostalCode");
  c.invoice_country_code = f.text("InvoiceCountryCode");
  c.delivery_customer_name = f.text("DeliveryCustomerName");
  c.delivery_address1 = f.text("DeliveryAddress1");
  c.delivery_address2 = f.text("DeliveryAddress2");
  c.delivery_city = f.text("DeliveryCity");
  c.delivery_postal_code = f.text("DeliveryPostalCode");
  c.delivery_country_code = f.text("DeliveryCountryCode");
  c.contact_person_name = f.text("ContactPersonName");
  c.note = f.text("Note");
  c.webshop_customer_number = f.optional_integer("WebshopCustomerNumber");
  c.changed_utc = f.timestamp("ChangedUtc");
  return c;
}

void write_customer(BodyWriter& w, const AccountingCustomer& c, WriteMode mode) {
  w.subject("customer " + (c.customer_number.empty() ? c.name : c.customer_number));
  const bool create = mode == WriteMode::Create;
  auto optional_text = [&](std::string_view name, const std::string& value, std::size_t max) {
    if (create) {
      w.text_if_set(name, value, max);
    } else {
      w.text_or_null(name, value, max);
    }
  };
  w.begin_object();
  // Assigned by Visma when not given; an update never clears it.
  w.text_if_set("CustomerNumber", c.customer_number, max_length(CustomerField::Number));
  w.required_text("Name", c.name, max_length(CustomerField::Name));
  w.flag("IsPrivatePerson", c.is_private_person);
  w.flag("IsActive", c.is_active);
  optional_text("EmailAddress", c.email, max_length(CustomerField::Email));
  optional_text("Telephone", c.phone, max_length(CustomerField::Phone));
  optional_text("MobilePhone", c.mobile_phone, max_length(CustomerField::Mobile));
  optional_text("CorporateIdentityNumber", c.corporate_identity_number, max_length(CustomerField::OrganisationNumber));
  optional_text("VatNumber", c.vat_number, max_length(CustomerField::VatRegistration));
  w.required_text("TermsOfPaymentId", c.terms_of_payment_id);
  w.text_if_set("CurrencyCode", c.currency_code, max_length(CustomerField::Currency));  // Visma's default: the company currency
  optional_text("InvoiceAddress1", c.invoice_address1, max_length(CustomerField::BillingAddressLine));
  optional_text("InvoiceAddress2", c.invoice_address2, max_length(CustomerField::BillingAddressLine));
  w.required_text("InvoiceCity", c.invoice_city, max_length(CustomerField::BillingCity));
  w.required_text("InvoicePostalCode", c.invoice_postal_code, max_length(CustomerField::BillingPostcode));
  optional_text("InvoiceCountryCode", c.invoice_country_code, max_length(CustomerField::BillingCountry));
  optional_text("DeliveryCustomerName", c.delivery_customer_name, max_length(CustomerField::ShippingName));
  optional_text("DeliveryAddress1", c.delivery_address1, max_length(CustomerField::ShippingAddressLine));
  optional_text("DeliveryAddress2", c.delivery_address2, max_length(CustomerField::ShippingAddressLine));
  optional_text("DeliveryCity", c.delivery_city, max_length(CustomerField::ShippingCity));
  optional_text("DeliveryPostalCode", c.delivery_postal_code, max_length(CustomerField::ShippingPostcode));
  optional_text("DeliveryCountryCode", c.delivery_country_code, max_length(CustomerField::ShippingCountry));
  optional_text("ContactPersonName", c.contact_person_name, max_length(CustomerField::ContactPerson));
  optional_text("Note", c.note, max_length(CustomerField::Note));
  if (c.webshop_customer_number) {
    if (*c.webshop_customer_number < 0 || *c.webshop_customer_number > std::numeric_limits<std::int32_t>::max()) {
      w.problem("WebshopCustomerNumber", "does not fit Visma's 32-bit number");
    }
    w.integer("WebshopCustomerNumber", *c.webshop_customer_number);
  } else if (!create) {
    w.null("WebshopCustomerNumber");
  }
  w.end_object();
}

const std::set<std::string, std::less<>>& customer_read_only_fields() {
  static const std::set<std::string, std::less<>> fields = {
      "Id",    "ChangedUtc",     "IsFutureInvoiceDateAllowed", "LastInvoiceDate",     "MessageThreads",
      "Notes", "PayToAccountId", "TermsOfPayment",             "UnpaidInvoicesAmount"};
  return fields;
}

}  // namespace wv::visma_wire
