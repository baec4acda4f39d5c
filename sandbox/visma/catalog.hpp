#pragma once
// Articles and customers: the rules Visma applies when they are created or replaced, shared by
// the API routes, the control API and the seeds (so a seed file is checked like a POST).
//
// Articles: Number unique (ignoring case, 4000); CodingId and UnitId must exist (400/3000);
// NetPrice and GrossPrice must agree with the coding's VAT rate (one is derived from the other
// when only one is sent; 2000 when both are sent and neither rounds to the other); IsStock needs
// the stock module (stock_standard) and a Goods coding (2000); with the stock module active
// StockBalance is read-only (only the control API moves it); a stock article with a balance
// cannot stop being one (5003). ChangedUtc advances on every change, including stock moves.
//
// Customers: CustomerNumber unique (4000), assigned from NextCustomerNumber when not sent;
// TermsOfPaymentId (and SalesPriceListId when sent) must exist (400/3000); VatNumber must be two
// letters and 8-12 digits (2000); CurrencyCode defaults to the company's.

#include <map>
#include <string>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

/// Stock quantity reserved by ongoing sales orders (Status 2), per lower-case article id.
std::map<std::string, Decimal> reserved_stock(const VismaState& state);

/// Creates (existing == nullptr) or replaces an article from bound ArticleApi fields. Returns the
/// stored record; fails with the Visma error listed above.
ApiResult<Json*> save_article(VismaState& state, const Json& bound, Json* existing, Timestamp now);
/// The article as GET shows it (names of coding and unit, stock figures).
Json present_article(const VismaState& state, const Json& article, const std::map<std::string, Decimal>& reserved);
/// Sets an article's stock balance (a stock adjustment made in Visma's UI).
void set_stock_balance(VismaState& state, Json& article, Decimal balance, Timestamp now);

/// Creates or replaces a customer from bound CustomerApi fields.
ApiResult<Json*> save_customer(VismaState& state, const Json& bound, Json* existing, Timestamp now);
struct CustomerInvoiceSummary {
  Decimal unpaid;
  std::string last_invoice_date;
};
/// Unpaid amount and last invoice date per lower-case customer id.
std::map<std::string, CustomerInvoiceSummary> invoice_summaries(const VismaState& state);
/// The customer as GET shows it (TermsOfPayment expanded, unpaid amount).
Json present_customer(const VismaState& state, const Json& customer,
                      const std::map<std::string, CustomerInvoiceSummary>& summaries);

/// A coding's VAT rate in percent (25 for 25 %). Visma writes VatRatePercent as a fraction
/// (0.25), as it does PercentVat on invoice rows and VatPercent in VatSpecification.
Decimal coding_vat_percent(const Json& coding);
/// The VAT percent of an article's coding (0 when the coding is gone).
Decimal article_vat_percent(const VismaState& state, const Json& article);

}  // namespace wv::sandbox::visma
