// /v2/customers: list, get, create, replace, delete.

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"

namespace wv::sandbox::visma {
namespace {

const Schema& customer_schema() { return schema("CustomerApi"); }

ApiResult<Response> list_customers(ApiContext& ctx) {
  const auto summaries = invoice_summaries(ctx.state);
  return list_response(ctx, customer_schema(), all_of(ctx.state.customers),
                       [&](const Json& c) { return present_customer(ctx.state, c, summaries); });
}

ApiResult<Response> get_customer(ApiContext& ctx) {
  const Json* c = ctx.state.customers.find(ctx.params[0]);
  if (!c) return not_found("Customer", ctx.params[0]);
  return json_response(200, present_customer(ctx.state, *c, invoice_summaries(ctx.state)));
}

ApiResult<Response> create_customer(ApiContext& ctx) {
  auto body = read_body(ctx, customer_schema());
  if (!body) return std::unexpected(body.error());
  auto saved = save_customer(ctx.state, *body, nullptr, ctx.now);
  if (!saved) return std::unexpected(saved.error());
  return json_response(201, present_customer(ctx.state, **saved, invoice_summaries(ctx.state)));
}

ApiResult<Response> replace_customer(ApiContext& ctx) {
  Json* existing = ctx.state.customers.find(ctx.params[0]);
  if (!existing) return not_found("Customer", ctx.params[0]);
  auto body = read_body(ctx, customer_schema());
  if (!body) return std::unexpected(body.error());
  auto saved = save_customer(ctx.state, *body, existing, ctx.now);
  if (!saved) return std::unexpected(saved.error());
  return json_response(200, present_customer(ctx.state, **saved, invoice_summaries(ctx.state)));
}

ApiResult<Response> delete_customer(ApiContext& ctx) {
  const Json* c = ctx.state.customers.find(ctx.params[0]);
  if (!c) return not_found("Customer", ctx.params[0]);
  const std::string id = c->str("Id");
  for (const Collection* docs : {&ctx.state.drafts, &ctx.state.invoices, &ctx.state.orders}) {
    for (const auto& d : docs->all()) {
      if (ascii_iequals(d.str("CustomerId"), id)) {
        return api_fail(400, ErrorCode::CanNotBeDeleted,
                        "CanNotBeDeleted: the customer has sales documents and cannot be deleted; set IsActive to false instead.");
      }
    }
  }
  ctx.state.customers.erase(id);
  return empty_ok();
}

}  // namespace

void add_customer_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/v2/customers", kSalesRead, kAllSales, "", list_customers});
  routes.push_back({"POST", "/v2/customers", kSalesWrite, kAllSales, "", create_customer});
  routes.push_back({"GET", "/v2/customers/{customerId}", kSalesRead, kAllSales, "", get_customer});
  routes.push_back({"PUT", "/v2/customers/{customerId}", kSalesWrite, kAllSales, "", replace_customer});
  routes.push_back({"DELETE", "/v2/customers/{customerId}", kSalesWrite, kAllSales, "", delete_customer});
}

}  // namespace wv::sandbox::visma
