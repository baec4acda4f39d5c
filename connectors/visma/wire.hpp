#pragma once
// Private to the Visma connector: conversion between Visma's JSON objects and the domain types
// (core/domain/accounting.hpp). Field names, required fields and lengths (core/domain/field_limits.hpp) follow Visma's
// published swagger (eaccounting v2). Writers send only fields Visma accepts on that object
// (read-only ones are never sent; a domain value for a field that is read-only on this kind of
// document, e.g. InvoiceCity on a draft, is left out because Visma takes it from the customer).

#include <set>
#include <string>

#include "connectors/visma/wire_json.hpp"
#include "core/domain/accounting.hpp"
#include "core/domain/field_limits.hpp"

namespace wv::visma_wire {

enum class WriteMode {
  Create,  ///< POST: empty optional values are left out (Visma applies its defaults)
  Update,  ///< PUT: empty optional values are sent as null (the domain value replaces Visma's)
};

// ---- reading (problems are noted in the reader; the caller checks them) ----
Article read_article(FieldReader& f);
AccountingCustomer read_customer(FieldReader& f);
SalesDocument read_sales_document(FieldReader& f, DocumentKind kind);
InvoicePayment read_payment(FieldReader& f);
Unit read_unit(FieldReader& f);
ArticleAccountCoding read_account_coding(FieldReader& f);
TermsOfPayment read_terms_of_payment(FieldReader& f);
CostCenter read_cost_center(FieldReader& f);
CompanySettings read_company_settings(FieldReader& f);
SalesPriceList read_sales_price_list(FieldReader& f);
SalesPrice read_sales_price(FieldReader& f);

// ---- writing (problems are noted in the writer's WriteProblems) ----
void write_article(BodyWriter& w, const Article& a, WriteMode mode);
void write_customer(BodyWriter& w, const AccountingCustomer& c, WriteMode mode);
/// A draft, an invoice or a sales order, by doc.kind.
void write_sales_document(BodyWriter& w, const SalesDocument& doc);
void write_payment(BodyWriter& w, const InvoicePayment& p);

/// Read-only members of a fetched object that a PUT must not send back.
const std::set<std::string, std::less<>>& article_read_only_fields();
const std::set<std::string, std::less<>>& customer_read_only_fields();

// ---- shared rules ----
/// Decimals Visma allows in a unit price: 2 in SEK (or when the currency is not known), 4 in a
/// foreign currency.
int unit_price_decimals(const std::string& currency_code);
/// Visma's DiscountPercentage is a fraction (0.25 = 25 %); the domain carries percent.
Decimal discount_percent_from_wire(Decimal fraction);
/// VAT rates arrive as a fraction (0.25) in some places; the domain carries percent (25). A
/// value above 1 is taken as percent already (no VAT rate is 1 % or less, except 0).
Decimal vat_percent_from_wire(Decimal value);

}  // namespace wv::visma_wire
