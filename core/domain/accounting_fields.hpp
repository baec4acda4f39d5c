#pragma once
// Names for fields of the accounting values (accounting.hpp), so that core can say which field
// it means (what finds a customer, which reference carries the order number) without naming
// the accounting system's wire fields. The Visma adapter translates these into its own names.

#include <string>

#include "core/domain/accounting.hpp"

namespace wv {

/// What a customer is looked up by.
enum class CustomerMatchKey {
  Email,               ///< AccountingCustomer::email
  OrganisationNumber,  ///< AccountingCustomer::corporate_identity_number
  Number,              ///< AccountingCustomer::customer_number
};

/// The reference texts of a sales document; one of them carries the shop's order number, which
/// finds the document again.
enum class DocumentReferenceField {
  BuyerReference,       ///< SalesDocument::your_reference: the buyer's reference
  SellerReference,      ///< SalesDocument::our_reference: the seller's reference
  PurchaseOrderNumber,  ///< SalesDocument::buyers_order_reference: the buyer's order number
  EInvoiceReference,    ///< SalesDocument::electronic_reference: routes an e-invoice
};

/// The text fields of a sales document; the Row* fields are those of each row.
enum class DocumentField {
  BuyerReference,       ///< your_reference
  SellerReference,      ///< our_reference
  PurchaseOrderNumber,  ///< buyers_order_reference
  EInvoiceReference,    ///< electronic_reference
  BillingName,          ///< invoice_customer_name
  BillingAddressLine,   ///< invoice_address1, invoice_address2 (each)
  BillingCity,
  BillingPostcode,
  BillingCountry,
  ShippingName,         ///< delivery_customer_name
  ShippingAddressLine,  ///< delivery_address1, delivery_address2 (each)
  ShippingCity,
  ShippingPostcode,
  ShippingCountry,
  ShippingMethod,       ///< delivery_method_name
  Currency,
  RowText,              ///< SalesRow::text (a text row's text, or an article row's own text)
  RowArticleNumber,     ///< SalesRow::article_number
};

/// The text fields of an accounting customer.
enum class CustomerField {
  Number,
  Name,
  Email,
  Phone,
  Mobile,
  OrganisationNumber,   ///< corporate_identity_number
  VatRegistration,      ///< vat_number
  Currency,
  BillingAddressLine,   ///< invoice_address1, invoice_address2 (each)
  BillingCity,
  BillingPostcode,
  BillingCountry,
  ShippingName,         ///< delivery_customer_name
  ShippingAddressLine,  ///< delivery_address1, delivery_address2 (each)
  ShippingCity,
  ShippingPostcode,
  ShippingCountry,
  ContactPerson,
  Note,
};

/// The text fields of an article.
enum class ArticleField { Number, Name, EnglishName };

/// The document field a reference field is.
DocumentField document_field(DocumentReferenceField field);

/// Sets `field` of `document` to `text`; returns false, changing nothing, for the fields that
/// are not one member of the document (the Row* fields and the address lines).
bool set_text(SalesDocument& document, DocumentField field, std::string text);
/// Sets `field` of `customer` to `text`; returns false, changing nothing, for the address
/// lines (two members each).
bool set_text(AccountingCustomer& customer, CustomerField field, std::string text);

/// The member of `document` that holds `field`; every field has one.
std::string& reference_text(SalesDocument& document, DocumentReferenceField field);
const std::string& reference_text(const SalesDocument& document, DocumentReferenceField field);

/// The member of `customer` that `key` compares; every key has one.
const std::string& match_text(const AccountingCustomer& customer, CustomerMatchKey key);

}  // namespace wv
