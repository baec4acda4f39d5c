#include "core/domain/accounting_fields.hpp"

namespace wv {

std::string& reference_text(SalesDocument& document, DocumentReferenceField field) {
  switch (field) {
    case DocumentReferenceField::BuyerReference: return document.your_reference;
    case DocumentReferenceField::SellerReference: return document.our_reference;
    case DocumentReferenceField::PurchaseOrderNumber: return document.buyers_order_reference;
    case DocumentReferenceField::EInvoiceReference: return document.electronic_reference;
  }
  return document.your_reference;  // unreachable for a valid enum value
}

const std::string& reference_text(const SalesDocument& document, DocumentReferenceField field) {
  return reference_text(const_cast<SalesDocument&>(document), field);
}

DocumentField document_field(DocumentReferenceField field) {
  switch (field) {
    case DocumentReferenceField::BuyerReference: return DocumentField::BuyerReference;
    case DocumentReferenceField::SellerReference: return DocumentField::SellerReference;
    case DocumentReferenceField::PurchaseOrderNumber: return DocumentField::PurchaseOrderNumber;
    case DocumentReferenceField::EInvoiceReference: return DocumentField::EInvoiceReference;
  }
  return DocumentField::BuyerReference;  // unreachable for a valid enum value
}

namespace {

std::string* member(SalesDocument& d, DocumentField field) {
  switch (field) {
    case DocumentField::BuyerReference: return &d.your_reference;
    case DocumentField::SellerReference: return &d.our_reference;
    case DocumentField::PurchaseOrderNumber: return &d.buyers_order_reference;
    case DocumentField::EInvoiceReference: return &d.electronic_reference;
    case DocumentField::BillingName: return &d.invoice_customer_name;
    case DocumentField::BillingCity: return &d.invoice_city;
    case DocumentField::BillingPostcode: return &d.invoice_postal_code;
    case DocumentField::BillingCountry: return &d.invoice_country_code;
    case DocumentField::ShippingName: return &d.delivery_customer_name;
    case DocumentField::ShippingCity: return &d.delivery_city;
    case DocumentField::ShippingPostcode: return &d.delivery_postal_code;
    case DocumentField::ShippingCountry: return &d.delivery_country_code;
    case DocumentField::ShippingMethod: return &d.delivery_method_name;
    case DocumentField::Currency: return &d.currency_code;
    case DocumentField::BillingAddressLine:
    case DocumentField::ShippingAddressLine:
    case DocumentField::RowText:
    case DocumentField::RowArticleNumber: return nullptr;
  }
  return nullptr;
}

std::string* member(AccountingCustomer& c, CustomerField field) {
  switch (field) {
    case CustomerField::Number: return &c.customer_number;
    case CustomerField::Name: return &c.name;
    case CustomerField::Email: return &c.email;
    case CustomerField::Phone: return &c.phone;
    case CustomerField::Mobile: return &c.mobile_phone;
    case CustomerField::OrganisationNumber: return &c.corporate_identity_number;
    case CustomerField::VatRegistration: return &c.vat_number;
    case CustomerField::Currency: return &c.currency_code;
    case CustomerField::BillingCity: return &c.invoice_city;
    case CustomerField::BillingPostcode: return &c.invoice_postal_code;
    case CustomerField::BillingCountry: return &c.invoice_country_code;
    case CustomerField::ShippingName: return &c.delivery_customer_name;
    case CustomerField::ShippingCity: return &c.delivery_city;
    case CustomerField::ShippingPostcode: return &c.delivery_postal_code;
    case CustomerField::ShippingCountry: return &c.delivery_country_code;
    case CustomerField::ContactPerson: return &c.contact_person_name;
    case CustomerField::Note: return &c.note;
    case CustomerField::BillingAddressLine:
    case CustomerField::ShippingAddressLine: return nullptr;
  }
  return nullptr;
}

}  // namespace

bool set_text(SalesDocument& document, DocumentField field, std::string text) {
  std::string* m = member(document, field);
  if (m == nullptr) return false;
  *m = std::move(text);
  return true;
}

bool set_text(AccountingCustomer& customer, CustomerField field, std::string text) {
  std::string* m = member(customer, field);
  if (m == nullptr) return false;
  *m = std::move(text);
  return true;
}

const std::string& match_text(const AccountingCustomer& customer, CustomerMatchKey key) {
  switch (key) {
    case CustomerMatchKey::Email: return customer.email;
    case CustomerMatchKey::OrganisationNumber: return customer.corporate_identity_number;
    case CustomerMatchKey::Number: return customer.customer_number;
  }
  return customer.email;  // unreachable for a valid enum value
}

}  // namespace wv
