// /v2/articles: list, get, create, replace.

#include <map>

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"

namespace wv::sandbox::visma {
namespace {

const Schema& article_schema() { return schema("ArticleApi"); }

// Prices from the customer's sales price list replace the article's (?customerId=...).
void apply_customer_prices(const VismaState& state, const std::string& customer_id, Json& presented) {
  const Json* customer = state.customers.find(customer_id);
  if (!customer) return;
  const std::string list_id = customer->str("SalesPriceListId");
  if (list_id.empty()) return;
  for (const auto& row : state.prices.all()) {
    if (ascii_iequals(row.str("SalesPriceListId"), list_id) && ascii_iequals(row.str("ArticleId"), presented.str("Id"))) {
      presented.set("NetPrice", row["NetPrice"]);
      presented.set("GrossPrice", row["GrossPrice"]);
    }
  }
}

ApiResult<Response> list_articles(ApiContext& ctx) {
  const auto reserved = reserved_stock(ctx.state);
  const auto customer_id = ctx.request.param("customerId");
  return list_response(ctx, article_schema(), all_of(ctx.state.articles), [&](const Json& a) {
    Json p = present_article(ctx.state, a, reserved);
    if (customer_id) apply_customer_prices(ctx.state, *customer_id, p);
    return p;
  });
}

ApiResult<Response> get_article(ApiContext& ctx) {
  const Json* a = ctx.state.articles.find(ctx.params[0]);
  if (!a) return not_found("Article", ctx.params[0]);
  Json p = present_article(ctx.state, *a, reserved_stock(ctx.state));
  if (auto customer_id = ctx.request.param("customerId")) apply_customer_prices(ctx.state, *customer_id, p);
  return json_response(200, p);
}

ApiResult<Response> create_article(ApiContext& ctx) {
  auto body = read_body(ctx, article_schema());
  if (!body) return std::unexpected(body.error());
  auto saved = save_article(ctx.state, *body, nullptr, ctx.now);
  if (!saved) return std::unexpected(saved.error());
  return json_response(201, present_article(ctx.state, **saved, reserved_stock(ctx.state)));
}

ApiResult<Response> replace_article(ApiContext& ctx) {
  Json* existing = ctx.state.articles.find(ctx.params[0]);
  if (!existing) return not_found("Article", ctx.params[0]);
  auto body = read_body(ctx, article_schema());
  if (!body) return std::unexpected(body.error());
  auto saved = save_article(ctx.state, *body, existing, ctx.now);
  if (!saved) return std::unexpected(saved.error());
  return json_response(200, present_article(ctx.state, **saved, reserved_stock(ctx.state)));
}

}  // namespace

void add_article_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/v2/articles", kSalesRead, kAllSales, "", list_articles});
  routes.push_back({"POST", "/v2/articles", kSalesWrite, kAllSales, "", create_article});
  routes.push_back({"GET", "/v2/articles/{articleId}", kSalesRead, kAllSales, "", get_article});
  routes.push_back({"PUT", "/v2/articles/{articleId}", kSalesWrite, kAllSales, "", replace_article});
}

}  // namespace wv::sandbox::visma
