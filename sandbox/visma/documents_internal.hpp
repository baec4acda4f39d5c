#pragma once
// Pieces documents.cpp shares with document_actions.cpp; not an interface for anyone else.

#include <set>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/document_totals.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

enum class DocKind { Draft, Invoice, Order };

struct DocumentContext {
  const Json* customer = nullptr;
  std::string currency;
  bool domestic = true;
  bool includes_vat = false;
  Decimal rate = Decimal::from_int(1);  ///< company currency per unit of `currency`
};

/// Where an invoice comes from, and what it does to stock.
struct InvoiceOrigin {
  std::string draft_id;
  std::string order_id;
  std::string referring_invoice_id;  ///< set on credit invoices
  std::string currency;              ///< forced currency (from an order); empty = the customer's
  bool lowers_stock = false;
  std::vector<Decimal> already_delivered;  ///< per row: quantity that left with a shipped order
};

DocumentContext document_context(const VismaState& state, const Json& customer, std::string currency);
void fill_customer_fields(Json& doc, const Json& customer, DocKind kind);
/// Stored rows from bound rows; fills `totals_in` (one per row). Fails with the row errors of
/// documents.hpp.
ApiResult<Json> build_rows(VismaState& state, DocKind kind, const Json& bound_rows, const DocumentContext& ctx,
                           bool replace_zero_price, std::vector<TotalsRowInput>& totals_in);
/// Books an invoice from bound CustomerInvoiceApi fields.
ApiResult<Json*> store_invoice(VismaState& state, const Json& bound, const InvoiceOrigin& origin, Timestamp now);
Decimal to_base(const DocumentContext& ctx, Decimal amount);
/// 4026 when `date` ("2026-11-24...") is on or before the company's AccountingLockedTo.
std::optional<ApiError> check_locked_period(const VismaState& state, const std::string& date_field, const std::string& date);
/// Advances ChangedUtc of the given articles (their reserved or available stock moved).
void touch_articles(VismaState& state, const std::set<std::string>& article_ids, Timestamp now);
/// Ids of the stock articles on a document's rows.
std::set<std::string> stock_articles_of(const VismaState& state, const Json& doc);
/// Lowers an article's StockBalance by `out_quantity` when it is a stock article.
void move_stock(VismaState& state, const std::string& article_id, Decimal out_quantity, Timestamp now);

}  // namespace wv::sandbox::visma
