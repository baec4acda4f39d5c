#include "sandbox/visma/catalog.hpp"

#include <cctype>

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/dotnet_number.hpp"
#include "sandbox/visma/schema.hpp"

namespace wv::sandbox::visma {
namespace {

constexpr std::string_view kStockModule = "stock_standard";

std::unexpected<ApiError> missing_reference(std::string_view field, std::string_view what, const std::string& id) {
  return api_fail(400, ErrorCode::ResourceNotFound,
                  std::string(field) + ": " + std::string(what) + " with id '" + id + "' was not found.");
}

Decimal one_plus_rate(Decimal vat_percent) {
  return Decimal::from_int(1) + vat_percent.divided_by(Decimal::from_int(100), 6);
}

bool valid_vat_number(const std::string& v) {
  if (v.size() < 10 || v.size() > 14) return false;
  if (!std::isalpha(static_cast<unsigned char>(v[0])) || !std::isalpha(static_cast<unsigned char>(v[1]))) return false;
  for (std::size_t i = 2; i < v.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  }
  return true;
}

}  // namespace

Decimal coding_vat_percent(const Json& coding) {
  return coding.dec("VatRatePercent").times(Decimal::from_int(100), 6);
}

Decimal article_vat_percent(const VismaState& state, const Json& article) {
  const Json* coding = state.codings.find(article.str("CodingId"));
  return coding ? coding_vat_percent(*coding) : Decimal();
}

std::map<std::string, Decimal> reserved_stock(const VismaState& state) {
  std::map<std::string, Decimal> reserved;
  for (const auto& order : state.orders.all()) {
    if (order.integer_or("Status", 0) != 2) continue;
    for (const auto& row : order["Rows"].items()) {
      const std::string article = row.str("ArticleId");
      if (article.empty()) continue;
      const Decimal open = row.dec("Quantity") - row.dec("DeliveredQuantity");
      if (open > Decimal()) reserved[ascii_lower(article)] += open;
    }
  }
  return reserved;
}

ApiResult<Json*> save_article(VismaState& state, const Json& bound, Json* existing, Timestamp now) {
  const Schema& s = schema("ArticleApi");
  const Json* coding = state.codings.find(bound.str("CodingId"));
  if (!coding) return missing_reference("CodingId", "ArticleAccountCoding", bound.str("CodingId"));
  if (!state.units.find(bound.str("UnitId"))) return missing_reference("UnitId", "Unit", bound.str("UnitId"));
  const std::string number = bound.str("Number");
  for (const auto& a : state.articles.all()) {
    if (&a != existing && ascii_iequals(a.str("Number"), number)) {
      return api_fail(400, ErrorCode::Conflict,
                      "Conflict: an article with Number '" + number + "' already exists (Id " + a.str("Id") + ").");
    }
  }
  const Decimal rate = coding_vat_percent(*coding);
  const Json* net_in = bound.find_ignoring_case("NetPrice");
  const Json* gross_in = bound.find_ignoring_case("GrossPrice");
  const bool has_net = net_in && net_in->is_number();
  const bool has_gross = gross_in && gross_in->is_number();
  Decimal net = has_net ? *net_in->as_decimal() : Decimal();
  Decimal gross = has_gross ? *gross_in->as_decimal() : Decimal();
  if (has_net && has_gross) {
    const bool agree = net.times(one_plus_rate(rate), 2) == gross || gross.divided_by(one_plus_rate(rate), 2) == net;
    if (!agree) {
      return validation_fail("GrossPrice: " + gross.to_string(2) + " does not match NetPrice " + net.to_string(2) +
                             " with the VAT rate of the coding (" + rate.to_plain_string() + "%); expected " +
                             net.times(one_plus_rate(rate), 2).to_string(2) + ".");
    }
  } else if (has_net) {
    gross = net.times(one_plus_rate(rate), 2);
  } else if (has_gross) {
    net = gross.divided_by(one_plus_rate(rate), 2);
  }
  const bool stock_module = state.has_module(kStockModule);
  const bool is_stock = bound.flag("IsStock");
  if (is_stock && (!stock_module || coding->str("Type") != "Goods")) {
    return validation_fail("IsStock: an article can be a stock article only when the stock module is activated and its coding is of type Goods.");
  }
  const Decimal old_balance = existing ? existing->dec("StockBalance") : Decimal();
  Decimal balance = old_balance;
  if (!stock_module) {
    balance = bound.dec("StockBalance");
  }
  if (existing && existing->flag("IsStock") && !is_stock && old_balance != Decimal()) {
    return api_fail(400, static_cast<ErrorCode>(5003),
                    "StockToNonStockNoZeroBalance: the article cannot stop being a stock article while its stock balance is " +
                        old_balance.to_plain_string() + ".");
  }

  Json record = existing ? *existing : Json::object();
  replace_writable(record, bound, s);
  record.set("NetPrice", dotnet_number(net));
  record.set("GrossPrice", dotnet_number(gross));
  record.set("StockBalance", dotnet_number(balance));
  if (!bound.find_ignoring_case("SendToWebshop")) record.set("SendToWebshop", Json::boolean(true));
  const Timestamp stamp = state.stamp(now);
  if (!existing) {
    record.set("Id", Json::string(state.new_id("article")));
    record.set("CreatedUtc", Json::string(utc_text(stamp)));
  } else {
    record.set("CreatedUtc", (*existing)["CreatedUtc"]);
    record.set("StockBalanceManuallyChangedUtc", (*existing)["StockBalanceManuallyChangedUtc"]);
  }
  if (balance != old_balance) record.set("StockBalanceManuallyChangedUtc", Json::string(utc_text(stamp)));
  record.set("ChangedUtc", Json::string(utc_text(stamp)));
  if (existing) {
    *existing = std::move(record);
    return existing;
  }
  return &state.articles.add(std::move(record));
}

Json present_article(const VismaState& state, const Json& article, const std::map<std::string, Decimal>& reserved) {
  Json p = present(article, schema("ArticleApi"));
  const Json* coding = state.codings.find(article.str("CodingId"));
  const Json* unit = state.units.find(article.str("UnitId"));
  p.set("CodingName", coding ? (*coding)["Name"] : Json::null());
  p.set("IsServiceArticle", Json::boolean(coding && coding->str("Type") == "Service"));
  p.set("UnitName", unit ? (*unit)["Name"] : Json::null());
  p.set("UnitAbbreviation", unit ? (*unit)["Abbreviation"] : Json::null());
  const bool service = coding && coding->str("Type") == "Service";
  const bool stock_module = state.has_module(kStockModule);
  p.set("ShowStockInformation", Json::boolean(!service && (!stock_module || article.flag("IsStock"))));
  Decimal held;
  if (auto it = reserved.find(ascii_lower(article.str("Id"))); it != reserved.end()) held = it->second;
  const Decimal balance = article.dec("StockBalance");
  p.set("StockBalanceReserved", dotnet_number(held));
  p.set("StockBalanceAvailable", dotnet_number(balance - held));
  if (const Json* purchase = article.find_ignoring_case("PurchasePrice"); purchase && purchase->is_number()) {
    p.set("StockValue", dotnet_number(balance.times(*purchase->as_decimal(), 2)));
  }
  return p;
}

void set_stock_balance(VismaState& state, Json& article, Decimal balance, Timestamp now) {
  const std::string stamp = utc_text(state.stamp(now));
  article.set("StockBalance", dotnet_number(balance));
  article.set("StockBalanceManuallyChangedUtc", Json::string(stamp));
  article.set("ChangedUtc", Json::string(stamp));
}

ApiResult<Json*> save_customer(VismaState& state, const Json& bound, Json* existing, Timestamp now) {
  const Schema& s = schema("CustomerApi");
  if (!state.terms.find(bound.str("TermsOfPaymentId"))) {
    return missing_reference("TermsOfPaymentId", "TermsOfPayment", bound.str("TermsOfPaymentId"));
  }
  if (const std::string list = bound.str("SalesPriceListId"); !list.empty() && !state.price_lists.find(list)) {
    return missing_reference("SalesPriceListId", "SalesPriceList", list);
  }
  if (const std::string vat = bound.str("VatNumber"); !vat.empty() && !valid_vat_number(vat)) {
    return validation_fail("VatNumber: '" + vat + "' is not a 2 character country code followed by 8-12 numbers.");
  }
  std::string number = bound.str("CustomerNumber");
  if (number.empty() && existing) number = existing->str("CustomerNumber");
  auto taken = [&](const std::string& n) {
    for (const auto& c : state.customers.all()) {
      if (&c != existing && ascii_iequals(c.str("CustomerNumber"), n)) return &c;
    }
    return static_cast<const Json*>(nullptr);
  };
  if (number.empty()) {
    do {
      number = std::to_string(state.next_customer_number++);
    } while (taken(number));
  } else if (const Json* other = taken(number)) {
    return api_fail(400, ErrorCode::Conflict,
                    "Conflict: a customer with CustomerNumber '" + number + "' already exists (Id " + other->str("Id") + ").");
  }
  Json record = existing ? *existing : Json::object();
  replace_writable(record, bound, s);
  record.set("CustomerNumber", Json::string(number));
  if (record.str("CurrencyCode").empty()) record.set("CurrencyCode", Json::string(state.company_currency()));
  const Timestamp stamp = state.stamp(now);
  if (!existing) record.set("Id", Json::string(state.new_id("customer")));
  record.set("ChangedUtc", Json::string(utc_text(stamp)));
  if (existing) {
    *existing = std::move(record);
    return existing;
  }
  return &state.customers.add(std::move(record));
}

std::map<std::string, CustomerInvoiceSummary> invoice_summaries(const VismaState& state) {
  std::map<std::string, CustomerInvoiceSummary> out;
  for (const auto& inv : state.invoices.all()) {
    auto& s = out[ascii_lower(inv.str("CustomerId"))];
    s.unpaid += inv.dec("RemainingAmount");
    if (inv.str("InvoiceDate") > s.last_invoice_date) s.last_invoice_date = inv.str("InvoiceDate");
  }
  return out;
}

Json present_customer(const VismaState& state, const Json& customer,
                      const std::map<std::string, CustomerInvoiceSummary>& summaries) {
  Json p = present(customer, schema("CustomerApi"));
  if (const Json* terms = state.terms.find(customer.str("TermsOfPaymentId"))) {
    p.set("TermsOfPayment", present(*terms, schema("TermsOfPaymentApi")));
  }
  CustomerInvoiceSummary summary;
  if (auto it = summaries.find(ascii_lower(customer.str("Id"))); it != summaries.end()) summary = it->second;
  p.set("UnpaidInvoicesAmount", dotnet_number(summary.unpaid));
  if (!summary.last_invoice_date.empty()) p.set("LastInvoiceDate", Json::string(summary.last_invoice_date));
  p.set("IsFutureInvoiceDateAllowed", Json::boolean(true));
  return p;
}

}  // namespace wv::sandbox::visma
