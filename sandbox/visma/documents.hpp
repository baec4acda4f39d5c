#pragma once
// Sales documents: customer invoice drafts, customer invoices and sales orders, and what happens
// to them (convert, ship, pay, credit, void). Shared by the API routes and the control API.
//
// Creating or replacing a document (beyond the swagger rules checked at binding):
//   * CustomerId must exist (400/3000). CustomerName/Number/IsPrivatePerson come from it; the
//     invoice and delivery address fields default to the customer's when not sent (on drafts and
//     invoices InvoiceCustomerName, InvoiceCity, InvoicePostalCode and InvoiceCountryCode are
//     read-only and always the customer's).
//   * Currency: drafts and invoices take the customer's CurrencyCode (else the company's); orders
//     send CurrencyCode.
//   * Rows: a non-text row needs an existing, active ArticleId (2000/3000); Text defaults to the
//     article name; UnitPrice defaults to the article's price (gross when IncludesVat, else net),
//     and on drafts a 0 is replaced by it when ReplaceUnitPriceWhenZero; UnitPrice takes at most
//     2 decimals in the company currency and 4 in a foreign one, DiscountPercentage is a fraction
//     0-1 with at most 4 decimals (2000); CostCenterItemIdN must be an item of cost centre dimension N (3000/2000) and
//     active, as must its cost centre (5006). Invoice rows are text rows when they have no
//     ArticleId (IsTextRow is read-only there). Draft row Ids change on every save, as Visma says.
//   * Totals by the model in document_totals.hpp.
//   * Invoices: InvoiceDate defaults to today, DueDate to InvoiceDate + the terms' days; an
//     InvoiceDate on or before the company's AccountingLockedTo is 400/4026; invoicing lowers the
//     StockBalance of stock articles (unless the goods left with a shipped order).
//   * Orders: the module sales_standard is required (checked by the route). Status 1 Draft,
//     2 Ongoing, 3 Shipped may be sent; 4 Invoiced only comes from converting (2000). Sending 3
//     ships the order (ShippedDateTime defaults to today). An invoiced order cannot be changed or
//     converted again (400/2000, as Visma answers), nor deleted (400/4001); a shipped one cannot
//     be changed either (400/2000, the emulator's assumption: its goods have left the stock).

#include <optional>
#include <string>

#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

/// Creates (existing == nullptr) or replaces a draft from bound CustomerInvoiceDraftApi fields.
ApiResult<Json*> save_draft(VismaState& state, const Json& bound, Json* existing, Timestamp now);
/// Creates or replaces a sales order from bound OrderApi fields.
ApiResult<Json*> save_order(VismaState& state, const Json& bound, Json* existing, Timestamp now);
/// Deletes an order (400/4001 once invoiced).
ApiResult<void> delete_order(VismaState& state, const std::string& order_id, Timestamp now);
/// Creates a booked invoice from bound CustomerInvoiceApi fields (POST /customerinvoices). A
/// CreatedFromDraftId converts that draft instead.
ApiResult<Json*> create_invoice(VismaState& state, const Json& bound, Timestamp now);

struct ConvertDraftOptions {
  std::optional<bool> keep_original_draft_date;  ///< the query parameter; else the company setting
  /// Totals the caller expects (CustomerInvoiceDraftValidationApi); 2000 when they differ.
  Json validation = Json::null();
};
/// Books a draft as an invoice and removes the draft. 404/3000 when the draft is unknown.
ApiResult<Json*> convert_draft(VismaState& state, const std::string& draft_id, const ConvertDraftOptions& options,
                               Timestamp now);
/// Invoices an order (its Status becomes 4). 404/3000 unknown, 400/2000 already invoiced.
ApiResult<Json*> convert_order(VismaState& state, const std::string& order_id, Timestamp now);
/// Marks an order shipped on `date` (Status 3, DeliveredQuantity = Quantity, stock lowered).
ApiResult<Json*> ship_order(VismaState& state, const std::string& order_id, Timestamp date, Timestamp now);
/// Registers a payment (bound InvoicePaymentApi) on an invoice; returns the stored payment.
ApiResult<Json> register_payment(VismaState& state, const std::string& invoice_id, const Json& bound, Timestamp now);
/// Credits an invoice in full: a credit invoice (IsCreditInvoice, negated rows) that settles the
/// original's remaining amount; the original lists it in CreditedBy. Returns the credit invoice.
ApiResult<Json*> credit_invoice(VismaState& state, const std::string& invoice_id, Timestamp now);
/// Voids an invoice: it disappears from the API (the emulator's reading of Visma's unpublished
/// representation) together with its payments.
ApiResult<void> void_invoice(VismaState& state, const std::string& invoice_id);

/// The documents as GET shows them.
Json present_draft(const VismaState& state, const Json& draft);
Json present_invoice(const VismaState& state, const Json& invoice, Timestamp now);
Json present_order(const VismaState& state, const Json& order);

}  // namespace wv::sandbox::visma
