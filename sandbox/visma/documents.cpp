#include "sandbox/visma/documents.hpp"

#include <set>

#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"
#include "sandbox/visma/document_totals.hpp"
#include "sandbox/visma/documents_internal.hpp"
#include "sandbox/visma/dotnet_number.hpp"
#include "sandbox/visma/schema.hpp"

namespace wv::sandbox::visma {
namespace {

constexpr const char* kAddressFields[] = {"InvoiceAddress1", "InvoiceAddress2", "InvoiceCity", "InvoicePostalCode",
                                          "InvoiceCountryCode"};
constexpr std::pair<const char*, const char*> kDeliveryFields[] = {
    {"DeliveryCustomerName", "DeliveryCustomerName"}, {"DeliveryAddress1", "DeliveryAddress1"},
    {"DeliveryAddress2", "DeliveryAddress2"},         {"DeliveryCity", "DeliveryCity"},
    {"DeliveryPostalCode", "DeliveryPostalCode"},     {"DeliveryCountryCode", "DeliveryCountryCode"}};

std::string row_path(std::size_t i, std::string_view field) {
  return "Rows[" + std::to_string(i) + "]." + std::string(field);
}

std::unexpected<ApiError> missing_reference(const std::string& path, std::string_view what, const std::string& id) {
  return api_fail(400, ErrorCode::ResourceNotFound, path + ": " + std::string(what) + " with id '" + id + "' was not found.");
}

bool is_empty(const Json& v) { return v.is_null() || (v.is_string() && v.text().empty()); }

}  // namespace

// ---- shared with document_actions.cpp (documents_internal.hpp) ----

DocumentContext document_context(const VismaState& state, const Json& customer, std::string currency) {
  DocumentContext c;
  c.customer = &customer;
  c.currency = currency.empty() ? (customer.str("CurrencyCode").empty() ? state.company_currency() : customer.str("CurrencyCode"))
                                : std::move(currency);
  c.domestic = c.currency == state.company_currency();
  c.includes_vat = customer.flag("IsPrivatePerson") && !state.company.flag("ShowPricesExclVatPC");
  if (!c.domestic) {
    auto it = state.currency_rates.find(c.currency);
    c.rate = it != state.currency_rates.end() ? it->second : Decimal::from_int(1);
  }
  return c;
}

void fill_customer_fields(Json& doc, const Json& customer, DocKind kind) {
  doc.set("CustomerName", customer["Name"]);
  doc.set("CustomerNumber", customer["CustomerNumber"]);
  doc.set("CustomerIsPrivatePerson", Json::boolean(customer.flag("IsPrivatePerson")));
  if (kind == DocKind::Invoice) doc.set("CustomerEmail", customer["EmailAddress"]);
  const bool customer_owned = kind != DocKind::Order;  // read-only on drafts and invoices
  if (customer_owned || is_empty(doc["InvoiceCustomerName"])) doc.set("InvoiceCustomerName", customer["Name"]);
  for (const char* f : kAddressFields) {
    const bool read_only = kind == DocKind::Draft && std::string_view(f) != "InvoiceAddress1" &&
                           std::string_view(f) != "InvoiceAddress2";
    if (read_only || is_empty(doc[f])) doc.set(f, customer[f]);
  }
  for (const auto& [doc_field, customer_field] : kDeliveryFields) {
    if (is_empty(doc[doc_field])) doc.set(doc_field, customer[customer_field]);
  }
}

ApiResult<Json> build_rows(VismaState& state, DocKind kind, const Json& bound_rows, const DocumentContext& ctx,
                           bool replace_zero_price, std::vector<TotalsRowInput>& totals_in) {
  const Schema& row_schema =
      schema(kind == DocKind::Draft ? "CustomerInvoiceDraftRowApi" : kind == DocKind::Invoice ? "CustomerInvoiceRowApi" : "OrderRowApi");
  Json rows = Json::array();
  const auto& items = bound_rows.is_array() ? bound_rows.items() : std::vector<Json>();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& in = items[i];
    Json row = Json::object();
    replace_writable(row, in, row_schema);
    const bool text_row = kind == DocKind::Invoice ? is_empty(in["ArticleId"]) : in.flag("IsTextRow");
    row.set("IsTextRow", Json::boolean(text_row));
    if (kind != DocKind::Order || is_empty(in["LineNumber"])) {
      const Json* given = in.find_ignoring_case("LineNumber");
      row.set("LineNumber", kind == DocKind::Draft && given && given->is_number() ? *given
                                                                                   : Json::integer(static_cast<long long>(i + 1)));
    }
    TotalsRowInput t;
    t.is_text_row = text_row;
    if (!text_row) {
      const std::string article_id = in.str("ArticleId");
      if (article_id.empty()) return validation_fail(row_path(i, "ArticleId") + ": ArticleId is required if IsTextRow is false.");
      const Json* article = state.articles.find(article_id);
      if (!article) return missing_reference(row_path(i, "ArticleId"), "Article", article_id);
      if (!article->flag("IsActive", true)) {
        return validation_fail(row_path(i, "ArticleId") + ": the article '" + article->str("Number") + "' is inactive.");
      }
      row.set("ArticleId", (*article)["Id"]);
      row.set("ArticleNumber", (*article)["Number"]);
      if (is_empty(row["Text"])) row.set("Text", (*article)["Name"]);
      if (const Json* unit = state.units.find(article->str("UnitId"))) {
        row.set("UnitId", (*unit)["Id"]);
        if (kind != DocKind::Order) {
          row.set("UnitName", (*unit)["Name"]);
          row.set("UnitAbbreviation", (*unit)["Abbreviation"]);
        }
      }
      const Json* coding = state.codings.find(article->str("CodingId"));
      row.set("IsServiceArticle", Json::boolean(coding && coding->str("Type") == "Service"));
      const Decimal article_price = ctx.includes_vat ? article->dec("GrossPrice") : article->dec("NetPrice");
      const Json* price_in = in.find_ignoring_case("UnitPrice");
      Decimal price = price_in && price_in->is_number() ? *price_in->as_decimal() : article_price;
      if (replace_zero_price && price.is_zero()) price = article_price;
      const int price_dp = ctx.domestic ? 2 : 4;
      if (!price.has_at_most_decimals(price_dp)) {
        return validation_fail(row_path(i, "UnitPrice") + ": at most " + std::to_string(price_dp) + " decimals are allowed in " +
                               ctx.currency + " (got " + price.to_plain_string() + ").");
      }
      row.set("UnitPrice", dotnet_number(price));
      const Decimal discount = in.dec("DiscountPercentage");
      if (discount < Decimal() || discount > Decimal::from_int(1)) {
        return validation_fail(row_path(i, "DiscountPercentage") + ": must be a fraction between 0 and 1, 0.125 for 12.5 % (got " +
                               discount.to_plain_string() + ").");
      }
      if (!discount.has_at_most_decimals(4)) {
        return validation_fail(row_path(i, "DiscountPercentage") + ": at most 4 decimals are allowed (got " + discount.to_plain_string() + ").");
      }
      row.set("DiscountPercentage", dotnet_number(discount));
      const Decimal quantity = in.dec("Quantity");
      row.set("Quantity", dotnet_number(quantity));
      for (int n = 1; n <= 3; ++n) {
        const std::string field = "CostCenterItemId" + std::to_string(n);
        const std::string item_id = in.str(field);
        if (item_id.empty()) continue;
        const Json* item = state.cost_center_items.find(item_id);
        if (!item) return missing_reference(row_path(i, field), "CostCenterItem", item_id);
        const Json* center = state.cost_centers.find(item->str("CostCenterId"));
        if (!center || center->integer_or("Number", 0) != n) {
          return validation_fail(row_path(i, field) + ": the cost center item '" + item->str("Name") +
                                 "' does not belong to cost center " + std::to_string(n) + ".");
        }
        if (!item->flag("IsActive", true) || !center->flag("IsActive", true)) {
          return api_fail(400, ErrorCode::InactiveCostCenter,
                          "InactiveCostCenter: " + row_path(i, field) + " refers to the inactive cost center item '" +
                              item->str("Name") + "' of '" + center->str("Name") + "'.");
        }
      }
      t.quantity = quantity;
      t.unit_price = price;
      t.discount_percentage = discount;
      t.vat_percent = article_vat_percent(state, *article);
    } else {
      row.set("ArticleId", Json::null());
    }
    if (kind == DocKind::Order && is_empty(row["DeliveredQuantity"])) row.set("DeliveredQuantity", dotnet_number(Decimal()));
    row.set("Id", Json::string(state.new_id("row")));
    if (kind == DocKind::Invoice) row.set("PercentVat", dotnet_number(t.vat_percent.divided_by(Decimal::from_int(100), 6), 0));
    totals_in.push_back(t);
    rows.push(std::move(row));
  }
  return rows;
}

Decimal to_base(const DocumentContext& ctx, Decimal amount) {
  return ctx.domestic ? amount : amount.times(ctx.rate, 2);
}

std::optional<ApiError> check_locked_period(const VismaState& state, const std::string& date_field, const std::string& date) {
  const std::string lock = state.company.str("AccountingLockedTo");
  if (lock.empty() || date.empty()) return std::nullopt;
  if (date.substr(0, 10) <= lock.substr(0, 10)) {
    return ApiError{400, ErrorCode::VoucherDateIsInLockedPeriod,
                    "VoucherDateIsInLockedPeriod: " + date_field + " " + date.substr(0, 10) +
                        " is in a locked accounting period (the company is locked to " + lock.substr(0, 10) + ")."};
  }
  return std::nullopt;
}

void touch_articles(VismaState& state, const std::set<std::string>& article_ids, Timestamp now) {
  if (article_ids.empty()) return;
  const std::string stamp = utc_text(state.stamp(now));
  for (const auto& id : article_ids) {
    if (Json* a = state.articles.find(id)) a->set("ChangedUtc", Json::string(stamp));
  }
}

std::set<std::string> stock_articles_of(const VismaState& state, const Json& doc) {
  std::set<std::string> ids;
  for (const auto& row : doc["Rows"].items()) {
    const Json* a = state.articles.find(row.str("ArticleId"));
    if (a && a->flag("IsStock")) ids.insert(a->str("Id"));
  }
  return ids;
}

void move_stock(VismaState& state, const std::string& article_id, Decimal out_quantity, Timestamp now) {
  Json* a = state.articles.find(article_id);
  if (!a || !a->flag("IsStock") || out_quantity.is_zero()) return;
  a->set("StockBalance", dotnet_number(a->dec("StockBalance") - out_quantity));
  a->set("ChangedUtc", Json::string(utc_text(state.stamp(now))));
}

std::string due_date_for(const VismaState& state, const std::string& terms_id, Timestamp invoice_date) {
  long long day_count = 30;
  long long type = 0;
  if (const Json* terms = state.terms.find(terms_id)) {
    day_count = terms->integer_or("NumberOfDays", 0);
    type = terms->integer_or("TermsOfPaymentTypeId", 0);
  }
  std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(invoice_date);
  if (type == 1) {  // CurrentMonth: from the end of the invoice month
    const std::chrono::year_month_day ymd{day};
    day = std::chrono::sys_days{ymd.year() / ymd.month() / std::chrono::last};
  }
  return format_date(Timestamp(day + std::chrono::days(day_count))) + "T00:00:00";
}

ApiResult<Json*> store_invoice(VismaState& state, const Json& bound, const InvoiceOrigin& origin, Timestamp now) {
  const Schema& s = schema("CustomerInvoiceApi");
  const Json* customer = state.customers.find(bound.str("CustomerId"));
  if (!customer) return missing_reference("CustomerId", "Customer", bound.str("CustomerId"));
  const DocumentContext ctx = document_context(state, *customer, origin.currency);
  Json doc = Json::object();
  replace_writable(doc, bound, s);
  fill_customer_fields(doc, *customer, DocKind::Invoice);
  if (is_empty(doc["InvoiceDate"])) doc.set("InvoiceDate", Json::string(date_text(now)));
  if (is_empty(doc["TermsOfPaymentId"])) doc.set("TermsOfPaymentId", (*customer)["TermsOfPaymentId"]);
  if (!state.terms.find(doc.str("TermsOfPaymentId"))) {
    return missing_reference("TermsOfPaymentId", "TermsOfPayment", doc.str("TermsOfPaymentId"));
  }
  if (auto locked = check_locked_period(state, "InvoiceDate", doc.str("InvoiceDate"))) return std::unexpected(*locked);
  if (is_empty(doc["DueDate"])) {
    doc.set("DueDate", Json::string(due_date_for(state, doc.str("TermsOfPaymentId"),
                                                 parse_timestamp(doc.str("InvoiceDate")).value_or(now))));
  }
  std::vector<TotalsRowInput> totals_in;
  auto rows = build_rows(state, DocKind::Invoice, bound["Rows"], ctx, false, totals_in);
  if (!rows) return std::unexpected(rows.error());
  const bool whole = state.company.integer_or("DomesticCurrencyRounding", 0) == 1 && ctx.domestic;
  const DocumentTotals totals = compute_totals(totals_in, ctx.includes_vat, Decimal(), whole);
  for (std::size_t i = 0; i < rows->items().size(); ++i) {
    Json& row = rows->items()[i];
    if (!row.flag("IsTextRow")) row.set("AmountNoVat", dotnet_number(totals.rows[i].amount_excluding_vat));
  }
  doc.set("Rows", std::move(*rows));
  doc.set("IncludesVat", Json::boolean(ctx.includes_vat));
  doc.set("CurrencyCode", Json::string(ctx.currency));
  if (is_empty(doc["CurrencyRate"])) doc.set("CurrencyRate", dotnet_number(ctx.rate));
  doc.set("TotalAmountInvoiceCurrency", dotnet_number(totals.total));
  doc.set("TotalVatAmountInvoiceCurrency", dotnet_number(totals.total_vat));
  doc.set("TotalAmount", dotnet_number(to_base(ctx, totals.total)));
  doc.set("TotalVatAmount", dotnet_number(to_base(ctx, totals.total_vat)));
  doc.set("TotalRoundings", dotnet_number(totals.roundings));
  Json spec = Json::array();
  for (const auto& line : totals.vat_specification) {
    Json l = Json::object();
    l.set("AmountInvoiceCurrency", dotnet_number(line.amount_excluding_vat));
    l.set("VatAmountInvoiceCurrency", dotnet_number(line.vat_amount));
    l.set("VatPercent", dotnet_number(line.vat_percent.divided_by(Decimal::from_int(100), 6), 0));
    spec.push(std::move(l));
  }
  doc.set("VatSpecification", std::move(spec));
  doc.set("RemainingAmountInvoiceCurrency", dotnet_number(totals.total));
  doc.set("RemainingAmount", dotnet_number(to_base(ctx, totals.total)));
  doc.set("ReverseChargeOnConstructionServices", Json::boolean(false));
  doc.set("ReversedConstructionVatInvoicing", Json::boolean(false));
  if (!origin.draft_id.empty()) doc.set("CreatedFromDraftId", Json::string(origin.draft_id));
  if (!origin.order_id.empty()) doc.set("CreatedFromOrderId", Json::string(origin.order_id));
  if (!origin.referring_invoice_id.empty()) doc.set("ReferringInvoiceId", Json::string(origin.referring_invoice_id));
  doc.set("Id", Json::string(state.new_id("invoice")));
  doc.set("InvoiceNumber", Json::integer(state.next_invoice_number++));
  doc.set("VoucherNumber", Json::string("F " + std::to_string(state.next_invoice_number - 1)));
  const std::string stamp = utc_text(state.stamp(now));
  doc.set("CreatedUtc", Json::string(stamp));
  doc.set("ModifiedUtc", Json::string(stamp));
  // Goods leave the stock when invoiced, unless a shipped order already took them out.
  if (origin.lowers_stock && !doc.flag("IsCreditInvoice")) {
    for (std::size_t i = 0; i < doc["Rows"].items().size(); ++i) {
      const Json& row = doc["Rows"].items()[i];
      Decimal out = row.dec("Quantity");
      if (i < origin.already_delivered.size()) out -= origin.already_delivered[i];
      move_stock(state, row.str("ArticleId"), out, now);
    }
  }
  return &state.invoices.add(std::move(doc));
}

// ---- public ----

ApiResult<Json*> save_draft(VismaState& state, const Json& bound, Json* existing, Timestamp now) {
  const Schema& s = schema("CustomerInvoiceDraftApi");
  const Json* customer = state.customers.find(bound.str("CustomerId"));
  if (!customer) return missing_reference("CustomerId", "Customer", bound.str("CustomerId"));
  const DocumentContext ctx = document_context(state, *customer, "");
  Json doc = existing ? *existing : Json::object();
  replace_writable(doc, bound, s);
  fill_customer_fields(doc, *customer, DocKind::Draft);
  std::vector<TotalsRowInput> totals_in;
  auto rows = build_rows(state, DocKind::Draft, bound["Rows"], ctx, bound.flag("ReplaceUnitPriceWhenZero"), totals_in);
  if (!rows) return std::unexpected(rows.error());
  const bool whole = state.company.integer_or("DomesticCurrencyRounding", 0) == 1 && ctx.domestic;
  const DocumentTotals totals = compute_totals(totals_in, ctx.includes_vat, Decimal(), whole);
  doc.set("Rows", std::move(*rows));
  doc.set("IncludesVat", Json::boolean(ctx.includes_vat));
  doc.set("InvoiceCurrencyCode", Json::string(ctx.currency));
  doc.set("TotalAmount", dotnet_number(totals.total));
  doc.set("TotalVatAmount", dotnet_number(totals.total_vat));
  doc.set("TotalRoundings", dotnet_number(totals.roundings));
  doc.set("TotalAmountBaseCurrency", dotnet_number(to_base(ctx, totals.total)));
  doc.set("TotalVatAmountBaseCurrency", dotnet_number(to_base(ctx, totals.total_vat)));
  doc.set("ReverseChargeOnConstructionServices", Json::boolean(false));
  const std::string stamp = utc_text(state.stamp(now));
  if (!existing) {
    doc.set("Id", Json::string(state.new_id("draft")));
    doc.set("CreatedUtc", Json::string(stamp));
  }
  if (existing) {
    *existing = std::move(doc);
    return existing;
  }
  return &state.drafts.add(std::move(doc));
}

ApiResult<Json*> save_order(VismaState& state, const Json& bound, Json* existing, Timestamp now) {
  const Schema& s = schema("OrderApi");
  // Visma refuses changes to an invoiced order with 2000 (Wetail's plugin keys on it:
  // VISMA_ERROR_CODE_ORDER_ALREADY_INVOICED). The emulator treats a shipped order alike: its
  // goods have left the stock.
  if (existing && existing->integer_or("Status", 0) == 4) {
    return validation_fail("Order " + (*existing)["Number"].text() + " is already invoiced and cannot be changed.");
  }
  if (existing && existing->integer_or("Status", 0) == 3) {
    return validation_fail("Order " + (*existing)["Number"].text() + " has been shipped and cannot be changed.");
  }
  const long long status = bound.integer_or("Status", 0);
  if (status < 1 || status > 4) return validation_fail("Status: must be 1 (Draft), 2 (Ongoing), 3 (Shipped) or 4 (Invoiced).");
  if (status == 4) return validation_fail("Status: an order becomes Invoiced (4) only by converting it (POST /v2/orders/{id}/convert).");
  const Json* customer = state.customers.find(bound.str("CustomerId"));
  if (!customer) return missing_reference("CustomerId", "Customer", bound.str("CustomerId"));
  const DocumentContext ctx = document_context(state, *customer, bound.str("CurrencyCode"));
  std::set<std::string> touched = existing ? stock_articles_of(state, *existing) : std::set<std::string>();
  const long long old_status = existing ? existing->integer_or("Status", 0) : 0;
  Json doc = existing ? *existing : Json::object();
  replace_writable(doc, bound, s);
  fill_customer_fields(doc, *customer, DocKind::Order);
  std::vector<TotalsRowInput> totals_in;
  auto rows = build_rows(state, DocKind::Order, bound["Rows"], ctx, false, totals_in);
  if (!rows) return std::unexpected(rows.error());
  const DocumentTotals totals = compute_totals(totals_in, ctx.includes_vat, bound.dec("RoundingsAmount"), false);
  std::vector<TotalsRowInput> delivered_in = totals_in;
  for (std::size_t i = 0; i < rows->items().size(); ++i) {
    Json& row = rows->items()[i];
    if (!row.flag("IsTextRow")) row.set("Amount", dotnet_number(totals.rows[i].amount));
    delivered_in[i].quantity = row.dec("DeliveredQuantity");
  }
  doc.set("Rows", std::move(*rows));
  doc.set("IncludesVat", Json::boolean(ctx.includes_vat));
  doc.set("Amount", dotnet_number(totals.amount));
  doc.set("VatAmount", dotnet_number(totals.total_vat));
  doc.set("RoundingsAmount", dotnet_number(totals.roundings));
  const DocumentTotals delivered = compute_totals(delivered_in, ctx.includes_vat, Decimal(), false);
  doc.set("DeliveredAmount", dotnet_number(delivered.amount));
  doc.set("DeliveredVatAmount", dotnet_number(delivered.total_vat));
  doc.set("DeliveredRoundingsAmount", dotnet_number(Decimal()));
  const std::string stamp = utc_text(state.stamp(now));
  if (!existing) {
    doc.set("Id", Json::string(state.new_id("order")));
    doc.set("Number", Json::integer(state.next_order_number++));
    doc.set("CreatedUtc", Json::string(stamp));
  }
  doc.set("ModifiedUtc", Json::string(stamp));
  Json* stored = existing;
  if (existing) {
    *existing = std::move(doc);
  } else {
    stored = &state.orders.add(std::move(doc));
  }
  for (const auto& id : stock_articles_of(state, *stored)) touched.insert(id);
  touch_articles(state, touched, now);
  if (status == 3 && old_status != 3) {
    const Timestamp shipped = parse_timestamp(stored->str("ShippedDateTime")).value_or(now);
    auto shipped_order = ship_order(state, stored->str("Id"), shipped, now);
    if (!shipped_order) return std::unexpected(shipped_order.error());
    stored = *shipped_order;
  }
  return stored;
}

ApiResult<void> delete_order(VismaState& state, const std::string& order_id, Timestamp now) {
  const Json* order = state.orders.find(order_id);
  if (!order) return not_found("Order", order_id);
  if (order->integer_or("Status", 0) == 4) {
    return api_fail(400, ErrorCode::CanNotBeDeleted,
                    "CanNotBeDeleted: order " + (*order)["Number"].text() + " has been invoiced and cannot be deleted.");
  }
  const auto touched = stock_articles_of(state, *order);
  state.orders.erase(order_id);
  touch_articles(state, touched, now);
  return {};
}

ApiResult<Json*> create_invoice(VismaState& state, const Json& bound, Timestamp now) {
  if (const std::string draft_id = bound.str("CreatedFromDraftId"); !draft_id.empty()) {
    if (!state.drafts.find(draft_id)) return missing_reference("CreatedFromDraftId", "CustomerInvoiceDraft", draft_id);
    return convert_draft(state, draft_id, ConvertDraftOptions{}, now);
  }
  InvoiceOrigin origin;
  origin.lowers_stock = true;
  return store_invoice(state, bound, origin, now);
}

Json present_draft(const VismaState&, const Json& draft) { return present(draft, schema("CustomerInvoiceDraftApi")); }

Json present_order(const VismaState&, const Json& order) { return present(order, schema("OrderApi")); }

Json present_invoice(const VismaState&, const Json& invoice, Timestamp now) {
  Json p = present(invoice, schema("CustomerInvoiceApi"));
  const Decimal remaining = invoice.dec("RemainingAmountInvoiceCurrency");
  int status = 1;
  if (remaining.is_zero()) {
    status = 0;
  } else if (invoice.str("DueDate").substr(0, 10) < format_date(now)) {
    status = 2;
  }
  p.set("PaymentStatus", Json::integer(status));
  return p;
}

}  // namespace wv::sandbox::visma
