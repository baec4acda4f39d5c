#pragma once
// The text lengths Visma eAccounting accepts, by domain field, from its published API
// description (the customer, invoice draft, invoice, order and article APIs and their rows).
// One table for everyone: the mapping cuts shop text to these lengths at a character boundary
// (a long street name must not make Visma refuse a whole order), field mappings refuse longer
// values, and the Visma connector refuses anything longer before sending it.

#include <cstddef>

#include "core/domain/accounting.hpp"
#include "core/domain/accounting_fields.hpp"

namespace wv {

/// The most characters Visma accepts in `field` of a document of `kind`; 0 when Visma sets no
/// limit. Some limits differ by kind (an invoice's delivery name and billing postcode are
/// longer); a field a kind does not send has the limit of the kinds that do.
constexpr std::size_t max_length(DocumentField field, DocumentKind kind) {
  const bool invoice = kind == DocumentKind::Invoice;
  switch (field) {
    case DocumentField::BuyerReference: return 100;
    case DocumentField::SellerReference: return 100;
    case DocumentField::PurchaseOrderNumber: return 35;
    case DocumentField::EInvoiceReference: return invoice ? 0 : 100;
    case DocumentField::BillingName: return 50;
    case DocumentField::BillingAddressLine: return 50;
    case DocumentField::BillingCity: return 50;
    case DocumentField::BillingPostcode: return invoice ? 50 : 10;
    case DocumentField::BillingCountry: return 2;
    case DocumentField::ShippingName: return invoice ? 100 : 50;
    case DocumentField::ShippingAddressLine: return 50;
    case DocumentField::ShippingCity: return 50;
    case DocumentField::ShippingPostcode: return 10;
    case DocumentField::ShippingCountry: return 2;
    case DocumentField::ShippingMethod: return 50;
    case DocumentField::Currency: return 3;
    case DocumentField::RowText: return 2000;
    case DocumentField::RowArticleNumber: return 40;
  }
  return 0;
}

/// The most characters Visma accepts in `field` of a customer; 0 when Visma sets no limit.
constexpr std::size_t max_length(CustomerField field) {
  switch (field) {
    case CustomerField::Number: return 16;
    case CustomerField::Name: return 50;
    case CustomerField::Email: return 255;
    case CustomerField::Phone: return 50;
    case CustomerField::Mobile: return 50;
    case CustomerField::OrganisationNumber: return 20;
    case CustomerField::VatRegistration: return 20;
    case CustomerField::Currency: return 3;
    case CustomerField::BillingAddressLine: return 50;
    case CustomerField::BillingCity: return 50;
    case CustomerField::BillingPostcode: return 10;
    case CustomerField::BillingCountry: return 2;
    case CustomerField::ShippingName: return 100;
    case CustomerField::ShippingAddressLine: return 50;
    case CustomerField::ShippingCity: return 50;
    case CustomerField::ShippingPostcode: return 10;
    case CustomerField::ShippingCountry: return 2;
    case CustomerField::ContactPerson: return 100;
    case CustomerField::Note: return 4000;
  }
  return 0;
}

/// The most characters Visma accepts in `field` of an article; 0 when Visma sets no limit.
constexpr std::size_t max_length(ArticleField field) {
  switch (field) {
    case ArticleField::Number: return 40;
    case ArticleField::Name: return 50;
    case ArticleField::EnglishName: return 50;
  }
  return 0;
}

}  // namespace wv
