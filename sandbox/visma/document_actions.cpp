// What happens to documents after they exist: convert, ship, pay, credit, void.

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"
#include "sandbox/visma/documents.hpp"
#include "sandbox/visma/documents_internal.hpp"
#include "sandbox/visma/dotnet_number.hpp"

namespace wv::sandbox::visma {
namespace {

constexpr const char* kCopiedRowFields[] = {"Text", "UnitPrice", "DiscountPercentage", "Quantity", "CostCenterItemId1",
                                            "CostCenterItemId2", "CostCenterItemId3", "ProjectId"};

// A CustomerInvoiceApi body carrying the header fields `doc` shares with an invoice.
Json invoice_body_from(const Json& doc) {
  const Schema& s = schema("CustomerInvoiceApi");
  Json body = Json::object();
  for (const auto& f : s.fields) {
    if (f.read_only || f.name == "Rows" || f.name == "InvoiceDate" || f.name == "DueDate" ||
        f.name == "CreatedFromDraftId") {
      continue;
    }
    if (const Json* v = doc.find_ignoring_case(f.name); v && !v->is_null()) body.set(f.name, *v);
  }
  if (body["EuThirdParty"].is_null()) body.set("EuThirdParty", Json::boolean(false));
  if (body["RotReducedInvoicingType"].is_null()) body.set("RotReducedInvoicingType", Json::integer(0));
  Json rows = Json::array();
  for (const auto& row : doc["Rows"].items()) {
    Json r = Json::object();
    r.set("ArticleId", row.flag("IsTextRow") ? Json::null() : row["ArticleId"]);
    for (const char* f : kCopiedRowFields) {
      if (const Json* v = row.find_ignoring_case(f); v && !v->is_null()) r.set(f, *v);
    }
    rows.push(std::move(r));
  }
  body.set("Rows", std::move(rows));
  return body;
}

// The draft's totals recomputed from its rows, for the convert validation.
DocumentTotals draft_totals(const VismaState& state, const Json& draft) {
  std::vector<TotalsRowInput> in;
  for (const auto& row : draft["Rows"].items()) {
    TotalsRowInput t;
    t.is_text_row = row.flag("IsTextRow");
    t.quantity = row.dec("Quantity");
    t.unit_price = row.dec("UnitPrice");
    t.discount_percentage = row.dec("DiscountPercentage");
    if (const Json* a = state.articles.find(row.str("ArticleId"))) t.vat_percent = article_vat_percent(state, *a);
    in.push_back(t);
  }
  const bool whole = state.company.integer_or("DomesticCurrencyRounding", 0) == 1 &&
                     draft.str("InvoiceCurrencyCode") == state.company_currency();
  return compute_totals(in, draft.flag("IncludesVat"), Decimal(), whole);
}

std::optional<ApiError> check_validation(const VismaState& state, const Json& draft, const Json& validation) {
  if (!validation.is_object()) return std::nullopt;
  const DocumentTotals t = draft_totals(state, draft);
  auto differs = [&](std::string_view field, Decimal actual) -> std::optional<ApiError> {
    const Json* v = validation.find_ignoring_case(field);
    if (!v || !v->is_number()) return std::nullopt;
    const Decimal expected = v->as_decimal().value_or(Decimal());
    if (expected == actual) return std::nullopt;
    return ApiError{400, ErrorCode::DataModelValidation,
                    std::string(field) + ": the invoice would be " + actual.to_string(2) + ", not " + expected.to_string(2) + "."};
  };
  if (auto e = differs("TotalAmountInvoiceCurrency", t.total)) return e;
  if (auto e = differs("TotalVatAmountInvoiceCurrency", t.total_vat)) return e;
  if (auto e = differs("TotalRoundingsInvoiceCurrency", t.roundings)) return e;
  const auto& rows = draft["Rows"].items();
  for (const auto& check : validation["Rows"].items()) {
    const long long line = check.integer_or("LineNumber", -1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].integer_or("LineNumber", -2) != line) continue;
      const Decimal no_vat = t.rows[i].amount_excluding_vat;
      const Decimal inc_vat = t.rows[i].amount_excluding_vat + t.rows[i].vat;
      if (check.find_ignoring_case("TotalAmountIncVatInvoiceCurrency") && check.dec("TotalAmountIncVatInvoiceCurrency") != inc_vat) {
        return ApiError{400, ErrorCode::DataModelValidation,
                        "Rows (LineNumber " + std::to_string(line) + ").TotalAmountIncVatInvoiceCurrency: the row would be " +
                            inc_vat.to_string(2) + ", not " + check.dec("TotalAmountIncVatInvoiceCurrency").to_string(2) + "."};
      }
      if (check.find_ignoring_case("TotalAmountNoVatInvoiceCurrency") && check.dec("TotalAmountNoVatInvoiceCurrency") != no_vat) {
        return ApiError{400, ErrorCode::DataModelValidation,
                        "Rows (LineNumber " + std::to_string(line) + ").TotalAmountNoVatInvoiceCurrency: the row would be " +
                            no_vat.to_string(2) + ", not " + check.dec("TotalAmountNoVatInvoiceCurrency").to_string(2) + "."};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

ApiResult<Json*> convert_draft(VismaState& state, const std::string& draft_id, const ConvertDraftOptions& options,
                               Timestamp now) {
  const Json* draft = state.drafts.find(draft_id);
  if (!draft) return not_found("CustomerInvoiceDraft", draft_id);
  if (auto e = check_validation(state, *draft, options.validation)) return std::unexpected(*e);
  const bool keep = options.keep_original_draft_date.value_or(state.company.flag("KeepOriginalDraftDate"));
  Json body = invoice_body_from(*draft);
  if (keep && !draft->str("InvoiceDate").empty()) {
    if (draft->str("InvoiceDate").substr(0, 10) > format_date(now)) {
      return validation_fail("InvoiceDate: a draft dated in the future (" + draft->str("InvoiceDate").substr(0, 10) +
                             ") cannot be converted with its original date.");
    }
    body.set("InvoiceDate", (*draft)["InvoiceDate"]);
    if (!draft->str("DueDate").empty()) body.set("DueDate", (*draft)["DueDate"]);
  }
  InvoiceOrigin origin;
  origin.draft_id = draft->str("Id");
  origin.lowers_stock = true;
  auto invoice = store_invoice(state, body, origin, now);
  if (!invoice) return invoice;
  state.drafts.erase(origin.draft_id);
  return invoice;
}

ApiResult<Json*> ship_order(VismaState& state, const std::string& order_id, Timestamp date, Timestamp now) {
  Json* order = state.orders.find(order_id);
  if (!order) return not_found("Order", order_id);
  if (order->integer_or("Status", 0) == 4) {
    return validation_fail("Order " + (*order)["Number"].text() + " is already invoiced.");
  }
  for (auto& row : (*order->find_ignoring_case("Rows")).items()) {
    if (row.flag("IsTextRow")) continue;
    move_stock(state, row.str("ArticleId"), row.dec("Quantity") - row.dec("DeliveredQuantity"), now);
    row.set("DeliveredQuantity", row["Quantity"]);
  }
  order->set("Status", Json::integer(3));
  order->set("ShippedDateTime", Json::string(date_text(date)));
  order->set("DeliveredAmount", (*order)["Amount"]);
  order->set("DeliveredVatAmount", (*order)["VatAmount"]);
  order->set("DeliveredRoundingsAmount", (*order)["RoundingsAmount"]);
  order->set("ModifiedUtc", Json::string(utc_text(state.stamp(now))));
  touch_articles(state, stock_articles_of(state, *order), now);
  return order;
}

ApiResult<Json*> convert_order(VismaState& state, const std::string& order_id, Timestamp now) {
  Json* order = state.orders.find(order_id);
  if (!order) return not_found("Order", order_id);
  if (order->integer_or("Status", 0) == 4) {
    return validation_fail("Order " + (*order)["Number"].text() + " is already invoiced.");
  }
  Json body = invoice_body_from(*order);
  InvoiceOrigin origin;
  origin.order_id = order->str("Id");
  origin.currency = order->str("CurrencyCode");
  origin.lowers_stock = true;
  for (const auto& row : (*order)["Rows"].items()) origin.already_delivered.push_back(row.dec("DeliveredQuantity"));
  auto invoice = store_invoice(state, body, origin, now);
  if (!invoice) return invoice;
  for (auto& row : (*order->find_ignoring_case("Rows")).items()) {
    if (!row.flag("IsTextRow")) row.set("DeliveredQuantity", row["Quantity"]);
  }
  order->set("Status", Json::integer(4));
  order->set("DeliveredAmount", (*order)["Amount"]);
  order->set("DeliveredVatAmount", (*order)["VatAmount"]);
  order->set("DeliveredRoundingsAmount", (*order)["RoundingsAmount"]);
  order->set("ModifiedUtc", Json::string(utc_text(state.stamp(now))));
  touch_articles(state, stock_articles_of(state, *order), now);
  return invoice;
}

ApiResult<Json> register_payment(VismaState& state, const std::string& invoice_id, const Json& bound, Timestamp now) {
  Json* invoice = state.invoices.find(invoice_id);
  if (!invoice) return not_found("CustomerInvoice", invoice_id);
  if (!state.bank_accounts.find(bound.str("CompanyBankAccountId"))) {
    return api_fail(400, ErrorCode::ResourceNotFound,
                    "CompanyBankAccountId: BankAccount with id '" + bound.str("CompanyBankAccountId") + "' was not found.");
  }
  const std::string date = bound.str("PaymentDate");
  if (date.substr(0, 10) > format_date(now)) {
    return api_fail(400, ErrorCode::FutureDateCannotBeSet,
                    "FutureDateCannotBeSet: PaymentDate " + date.substr(0, 10) + " is in the future.");
  }
  if (auto locked = check_locked_period(state, "PaymentDate", date)) return std::unexpected(*locked);
  if (!ascii_iequals(bound.str("PaymentCurrency"), invoice->str("CurrencyCode"))) {
    return validation_fail("PaymentCurrency: '" + bound.str("PaymentCurrency") + "' is not the invoice currency '" +
                           invoice->str("CurrencyCode") + "'.");
  }
  const long long type = bound.integer_or("PaymentType", 0);
  if (type < 1 || type > 4) return validation_fail("PaymentType: must be 1 (Partial), 2 (Complete), 3 (Rounding) or 4 (Bank charge).");
  const Decimal amount = bound.dec("PaymentAmount");
  const Decimal remaining = invoice->dec("RemainingAmountInvoiceCurrency");
  if (remaining.is_zero()) {
    return api_fail(400, ErrorCode::CanNotBeCreatedOrUpdated,
                    "CanNotBeCreatedOrUpdated: invoice " + (*invoice)["InvoiceNumber"].text() + " is already fully paid.");
  }
  if (amount.is_zero() || amount.is_negative() != remaining.is_negative()) {
    return validation_fail("PaymentAmount: " + amount.to_string(2) + " does not go towards the remaining amount " +
                           remaining.to_string(2) + ".");
  }
  Decimal left = remaining - amount;
  if (type == 2 && !left.is_zero()) {
    return validation_fail("PaymentAmount: a complete payment must equal the remaining amount " + remaining.to_string(2) +
                           " (got " + amount.to_string(2) + ").");
  }
  if (type == 3) {
    // The emulator accepts a rounding payment within one unit of the remaining amount.
    if (left.abs() > Decimal::from_int(1)) {
      return validation_fail("PaymentAmount: a rounding payment must be within 1.00 of the remaining amount " +
                             remaining.to_string(2) + ".");
    }
    left = Decimal();
  }
  if (!left.is_zero() && left.is_negative() != remaining.is_negative()) {
    return validation_fail("PaymentAmount: " + amount.to_string(2) + " exceeds the remaining amount " + remaining.to_string(2) + ".");
  }
  const Decimal rate = invoice->dec("CurrencyRate", Decimal::from_int(1));
  invoice->set("RemainingAmountInvoiceCurrency", dotnet_number(left));
  invoice->set("RemainingAmount", dotnet_number(invoice->str("CurrencyCode") == state.company_currency() ? left : left.times(rate, 2)));
  if (left.is_zero()) invoice->set("PaymentDate", Json::string(date));
  invoice->set("ModifiedUtc", Json::string(utc_text(state.stamp(now))));
  Json payment = bound;
  payment.set("Id", Json::string(state.new_id("payment")));
  payment.set("@InvoiceId", (*invoice)["Id"]);
  state.payments.add(payment);
  return payment;
}

ApiResult<Json*> credit_invoice(VismaState& state, const std::string& invoice_id, Timestamp now) {
  const Json* original = state.invoices.find(invoice_id);
  if (!original) return not_found("CustomerInvoice", invoice_id);
  if (original->flag("IsCreditInvoice")) {
    return api_fail(400, ErrorCode::CanNotBeCreatedOrUpdated, "CanNotBeCreatedOrUpdated: a credit invoice cannot be credited.");
  }
  if (!(*original)["CreditedBy"].items().empty()) {
    return api_fail(400, ErrorCode::CanNotBeCreatedOrUpdated,
                    "CanNotBeCreatedOrUpdated: invoice " + (*original)["InvoiceNumber"].text() + " has been credited already.");
  }
  Json body = invoice_body_from(*original);
  body.set("IsCreditInvoice", Json::boolean(true));
  for (auto& row : (*body.find_ignoring_case("Rows")).items()) {
    if (const Json* q = row.find_ignoring_case("Quantity"); q && q->is_number()) row.set("Quantity", dotnet_number(-*q->as_decimal()));
  }
  InvoiceOrigin origin;
  origin.referring_invoice_id = original->str("Id");
  origin.currency = original->str("CurrencyCode");
  const std::string original_id = original->str("Id");
  auto credit = store_invoice(state, body, origin, now);
  if (!credit) return credit;
  // store_invoice may have moved the invoices: look both up again.
  const std::string credit_id = (*credit)->str("Id");
  Json* orig = state.invoices.find(original_id);
  Json* cred = state.invoices.find(credit_id);
  const Decimal credit_amount = -cred->dec("TotalAmountInvoiceCurrency");
  const Decimal open = orig->dec("RemainingAmountInvoiceCurrency");
  const Decimal applied = open < credit_amount ? (open.is_negative() ? Decimal() : open) : credit_amount;
  const Decimal rate = orig->dec("CurrencyRate", Decimal::from_int(1));
  const bool domestic = orig->str("CurrencyCode") == state.company_currency();
  auto set_remaining = [&](Json& inv, Decimal value) {
    inv.set("RemainingAmountInvoiceCurrency", dotnet_number(value));
    inv.set("RemainingAmount", dotnet_number(domestic ? value : value.times(rate, 2)));
  };
  set_remaining(*orig, open - applied);
  set_remaining(*cred, -(credit_amount - applied));
  Json credited_by = (*orig)["CreditedBy"].is_array() ? (*orig)["CreditedBy"] : Json::array();
  Json entry = Json::object();
  entry.set("CreditInvoiceId", Json::string(credit_id));
  credited_by.push(std::move(entry));
  orig->set("CreditedBy", std::move(credited_by));
  const std::string stamp = utc_text(state.stamp(now));
  orig->set("ModifiedUtc", Json::string(stamp));
  cred->set("ModifiedUtc", Json::string(stamp));
  return cred;
}

ApiResult<void> void_invoice(VismaState& state, const std::string& invoice_id) {
  const Json* invoice = state.invoices.find(invoice_id);
  if (!invoice) return not_found("CustomerInvoice", invoice_id);
  const std::string id = invoice->str("Id");
  state.invoices.erase(id);
  std::vector<std::string> payment_ids;
  for (const auto& p : state.payments.all()) {
    if (ascii_iequals(p.str("@InvoiceId"), id)) payment_ids.push_back(p.str("Id"));
  }
  for (const auto& p : payment_ids) state.payments.erase(p);
  return {};
}

}  // namespace wv::sandbox::visma
