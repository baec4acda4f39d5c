// The lookups the sync reads (units, account codings, terms of payment, cost centres and their
// items, company settings, bank accounts, fiscal years, sales price lists) and the few writes
// Visma allows on them.

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"

namespace wv::sandbox::visma {
namespace {

using PresentFn = Json (*)(const VismaState&, const Json&);

Json plain_unit(const VismaState&, const Json& r) { return present(r, schema("UnitApi")); }
Json plain_coding(const VismaState&, const Json& r) { return present(r, schema("ArticleAccountCodingAPI")); }
Json plain_terms(const VismaState&, const Json& r) { return present(r, schema("TermsOfPaymentApi")); }
Json plain_bank(const VismaState&, const Json& r) { return present(r, schema("BankAccountApi")); }
Json plain_year(const VismaState& s, const Json& r) {
  Json p = present(r, schema("FiscalYearApi"));
  const std::string lock = s.company.str("AccountingLockedTo");
  p.set("IsLockedForAccounting", Json::boolean(!lock.empty() && r.str("EndDate") <= lock));
  return p;
}
Json plain_price_list(const VismaState&, const Json& r) { return present(r, schema("SalesPriceListApi")); }
Json plain_price(const VismaState&, const Json& r) { return present(r, schema("SalesPriceListRowApi")); }
Json plain_item(const VismaState&, const Json& r) { return present(r, schema("CostCenterItemApi")); }
Json full_cost_center(const VismaState& s, const Json& r) {
  Json stored = r;
  Json items = Json::array();
  for (const auto& item : s.cost_center_items.all()) {
    if (ascii_iequals(item.str("CostCenterId"), r.str("Id"))) items.push(item);
  }
  stored.set("Items", std::move(items));
  return present(stored, schema("CostCenterApi"));
}

ApiResult<Response> list_of(ApiContext& ctx, const Collection& c, std::string_view schema_name, PresentFn fn) {
  return list_response(ctx, schema(schema_name), all_of(c), [&](const Json& r) { return fn(ctx.state, r); });
}

ApiResult<Response> one_of(ApiContext& ctx, const Collection& c, std::string_view what, PresentFn fn) {
  const Json* r = c.find(ctx.params[0]);
  if (!r) return not_found(std::string(what), ctx.params[0]);
  return json_response(200, fn(ctx.state, *r));
}

ApiResult<Response> list_units(ApiContext& ctx) { return list_of(ctx, ctx.state.units, "UnitApi", plain_unit); }
ApiResult<Response> get_unit(ApiContext& ctx) { return one_of(ctx, ctx.state.units, "Unit", plain_unit); }
ApiResult<Response> list_codings(ApiContext& ctx) {
  return list_of(ctx, ctx.state.codings, "ArticleAccountCodingAPI", plain_coding);
}
ApiResult<Response> get_coding(ApiContext& ctx) {
  return one_of(ctx, ctx.state.codings, "ArticleAccountCoding", plain_coding);
}
ApiResult<Response> list_terms(ApiContext& ctx) { return list_of(ctx, ctx.state.terms, "TermsOfPaymentApi", plain_terms); }
ApiResult<Response> get_terms(ApiContext& ctx) { return one_of(ctx, ctx.state.terms, "TermsOfPayment", plain_terms); }
ApiResult<Response> list_banks(ApiContext& ctx) {
  return list_of(ctx, ctx.state.bank_accounts, "BankAccountApi", plain_bank);
}
ApiResult<Response> get_bank(ApiContext& ctx) { return one_of(ctx, ctx.state.bank_accounts, "BankAccount", plain_bank); }
ApiResult<Response> list_years(ApiContext& ctx) {
  return list_of(ctx, ctx.state.fiscal_years, "FiscalYearApi", plain_year);
}
ApiResult<Response> get_year(ApiContext& ctx) { return one_of(ctx, ctx.state.fiscal_years, "FiscalYear", plain_year); }
ApiResult<Response> list_price_lists(ApiContext& ctx) {
  return list_of(ctx, ctx.state.price_lists, "SalesPriceListApi", plain_price_list);
}
ApiResult<Response> get_price_list(ApiContext& ctx) {
  return one_of(ctx, ctx.state.price_lists, "SalesPriceList", plain_price_list);
}
ApiResult<Response> list_prices(ApiContext& ctx) {
  return list_of(ctx, ctx.state.prices, "SalesPriceListRowApi", plain_price);
}
ApiResult<Response> get_price(ApiContext& ctx) {
  for (const auto& row : ctx.state.prices.all()) {
    if (ascii_iequals(row.str("SalesPriceListId"), ctx.params[0]) && ascii_iequals(row.str("ArticleId"), ctx.params[1])) {
      return json_response(200, plain_price(ctx.state, row));
    }
  }
  return not_found("SalesPriceListRow", ctx.params[0] + "/" + ctx.params[1]);
}

ApiResult<Response> list_cost_centers(ApiContext& ctx) {
  return list_of(ctx, ctx.state.cost_centers, "CostCenterApi", full_cost_center);
}

ApiResult<Response> update_cost_center(ApiContext& ctx) {
  Json* cc = ctx.state.cost_centers.find(ctx.params[0]);
  if (!cc) return not_found("CostCenter", ctx.params[0]);
  auto body = read_body(ctx, schema("CostCenterApi"));
  if (!body) return std::unexpected(body.error());
  cc->set("Name", (*body)["Name"]);
  if (const Json* active = body->find_ignoring_case("IsActive"); active && active->is_bool()) cc->set("IsActive", *active);
  return json_response(200, full_cost_center(ctx.state, *cc));
}

ApiResult<Response> get_cost_center_item(ApiContext& ctx) {
  return one_of(ctx, ctx.state.cost_center_items, "CostCenterItem", plain_item);
}

ApiResult<Response> save_cost_center_item(ApiContext& ctx, Json* existing) {
  const Schema& s = schema("CostCenterItemApi");
  auto body = read_body(ctx, s);
  if (!body) return std::unexpected(body.error());
  if (!ctx.state.cost_centers.find(body->str("CostCenterId"))) {
    return api_fail(400, ErrorCode::ResourceNotFound,
                    "CostCenterId: CostCenter with id '" + body->str("CostCenterId") + "' was not found.");
  }
  Json record = existing ? *existing : Json::object();
  replace_writable(record, *body, s);
  if (!existing) {
    record.set("Id", Json::string(ctx.state.new_id("costcenteritem")));
    record.set("CreatedUtc", Json::string(utc_text(ctx.state.stamp(ctx.now))));
    const Json& added = ctx.state.cost_center_items.add(std::move(record));
    return json_response(201, plain_item(ctx.state, added));
  }
  *existing = std::move(record);
  return json_response(200, plain_item(ctx.state, *existing));
}

ApiResult<Response> create_cost_center_item(ApiContext& ctx) { return save_cost_center_item(ctx, nullptr); }
ApiResult<Response> replace_cost_center_item(ApiContext& ctx) {
  Json* item = ctx.state.cost_center_items.find(ctx.params[0]);
  if (!item) return not_found("CostCenterItem", ctx.params[0]);
  return save_cost_center_item(ctx, item);
}

Json present_company(const VismaState& s) {
  Json p = present(s.company, schema("CompanySettingsApi"));
  p.set("UsesCostCenter", Json::boolean(s.cost_centers.size() > 0));
  p.set("NextCustomerNumber", Json::integer(s.next_customer_number));
  p.set("NextCustomerInvoiceNumber", Json::integer(s.next_invoice_number));
  p.set("NextOrderNumber", Json::integer(s.next_order_number));
  p.set("NextArticleNumber", Json::integer(s.next_article_number));
  return p;
}

ApiResult<Response> get_company(ApiContext& ctx) { return json_response(200, present_company(ctx.state)); }

ApiResult<Response> update_company(ApiContext& ctx) {
  const Schema& s = schema("CompanySettingsApi");
  auto body = read_body(ctx, s);
  if (!body) return std::unexpected(body.error());
  // Nested settings objects are not emulated: keep what the company has when they are not sent.
  Json merged = ctx.state.company;
  replace_writable(merged, *body, s);
  for (const auto& f : s.fields) {
    if (f.type == FieldType::Object && !body->find_ignoring_case(f.name)) merged.set(f.name, ctx.state.company[f.name]);
  }
  ctx.state.company = std::move(merged);
  return json_response(200, present_company(ctx.state));
}

constexpr std::string_view kCompanyVariants = "Pro Standard Invoicing Bookkeeping Solo";
constexpr std::string_view kCostCenterRead = "ea:accounting ea:accounting_readonly ea:sales ea:sales_readonly";
constexpr std::string_view kCostCenterWrite = "ea:accounting ea:sales";
constexpr std::string_view kCostCenterVariants = "Pro Standard Bookkeeping Invoicing";
constexpr std::string_view kPurchaseRead = "ea:purchase ea:purchase_readonly";
constexpr std::string_view kBankVariants = "Pro Standard Bookkeeping Invoicing Solo";
constexpr std::string_view kYearRead = "ea:sales ea:sales_readonly ea:accounting ea:accounting_readonly";
constexpr std::string_view kTermsRead = "ea:sales ea:sales_readonly ea:purchase ea:purchase_readonly";

}  // namespace

void add_lookup_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/v2/units", kSalesRead, kAllSales, "", list_units});
  routes.push_back({"GET", "/v2/units/{id}", kSalesRead, kAllSales, "", get_unit});
  routes.push_back({"GET", "/v2/articleaccountcodings", kSalesRead, kAllSales, "", list_codings});
  routes.push_back({"GET", "/v2/articleaccountcodings/{id}", kSalesRead, kAllSales, "", get_coding});
  routes.push_back({"GET", "/v2/termsofpayments", kTermsRead, kCompanyVariants, "", list_terms});
  routes.push_back({"GET", "/v2/termsofpayments/{id}", kTermsRead, kCompanyVariants, "", get_terms});
  routes.push_back({"GET", "/v2/costcenters", kCostCenterRead, kCostCenterVariants, "", list_cost_centers});
  routes.push_back({"PUT", "/v2/costcenters/{id}", kCostCenterWrite, kCostCenterVariants, "", update_cost_center});
  routes.push_back({"POST", "/v2/costcenteritems", kCostCenterWrite, kCostCenterVariants, "", create_cost_center_item});
  routes.push_back({"GET", "/v2/costcenteritems/{id}", kCostCenterRead, kCostCenterVariants, "", get_cost_center_item});
  routes.push_back({"PUT", "/v2/costcenteritems/{id}", kCostCenterWrite, kCostCenterVariants, "", replace_cost_center_item});
  routes.push_back({"GET", "/v2/companysettings", kSalesRead, kCompanyVariants, "", get_company});
  routes.push_back({"PUT", "/v2/companysettings", kSalesWrite, kCompanyVariants, "", update_company});
  routes.push_back({"GET", "/v2/bankaccounts", kPurchaseRead, kBankVariants, "", list_banks});
  routes.push_back({"GET", "/v2/bankaccounts/{id}", kPurchaseRead, kBankVariants, "", get_bank});
  routes.push_back({"GET", "/v2/fiscalyears", kYearRead, kCompanyVariants, "", list_years});
  routes.push_back({"GET", "/v2/fiscalyears/{id}", kYearRead, kCompanyVariants, "", get_year});
  routes.push_back({"GET", "/v2/salespricelists", kSalesRead, "Pro", "", list_price_lists});
  routes.push_back({"GET", "/v2/salespricelists/prices", kSalesRead, "Pro", "", list_prices});
  routes.push_back({"GET", "/v2/salespricelists/prices/{listId}/{articleId}", kSalesRead, "Pro", "", get_price});
  routes.push_back({"GET", "/v2/salespricelists/{id}", kSalesRead, "Pro", "", get_price_list});
}

}  // namespace wv::sandbox::visma
