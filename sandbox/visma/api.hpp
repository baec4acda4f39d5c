#pragma once
// The machinery every /v2 route shares: the route table entry, the per-request context, reading
// a body against a definition, presenting stored records as Visma writes them, and the paged
// list answer with $filter, $orderby, $page and $pagesize.
//
// Paging: $page starts at 1 (default 1); $pagesize defaults to 50 and is clamped to 1000 (the
// emulator's documented maximum; Meta.PageSize shows the size used). A page past the end has an
// empty Data. A $page or $pagesize that is not a positive integer is 400/6000.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/schema.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

/// What the sales endpoints (articles, customers, documents and their lookups) require: either
/// scope to read, ea:sales to write, and a product variant that has invoicing.
inline constexpr std::string_view kSalesRead = "ea:sales ea:sales_readonly";
inline constexpr std::string_view kSalesWrite = "ea:sales";
inline constexpr std::string_view kAllSales = "Pro Standard Invoicing Solo";

struct ApiContext {
  VismaState& state;
  const Request& request;
  Timestamp now;
  std::vector<std::string> params;  ///< the {placeholders} of the route, in order
};

using RouteHandler = ApiResult<Response> (*)(ApiContext&);

struct Route {
  std::string_view method;
  std::string_view pattern;   ///< "/v2/articles/{id}"; segments match ignoring case
  std::string_view scopes;    ///< any one of these (space-separated) is required
  std::string_view variants;  ///< product variants that have the endpoint ("Pro Standard ...")
  std::string_view module;    ///< module that must be activated, or empty
  RouteHandler handler;
};

/// Every /v2 route the emulator serves (routes_*.cpp add theirs).
const std::vector<Route>& api_routes();
void add_article_routes(std::vector<Route>& routes);
void add_customer_routes(std::vector<Route>& routes);
void add_lookup_routes(std::vector<Route>& routes);
void add_document_routes(std::vector<Route>& routes);

/// A JSON answer.
Response json_response(int status, const Json& body);
/// 200 with an empty body (Visma's DELETE answer).
Response empty_ok();

/// The request body parsed and bound to `schema` (see validation.hpp). Fails with 400/2000 when
/// the body is not JSON or breaks a rule.
ApiResult<Json> read_body(const ApiContext& ctx, const Schema& schema);

/// `record` as Visma writes it: every field of `schema` in order, absent ones as null (arrays as
/// [], booleans as false), nested objects and array items of emulated definitions likewise.
Json present(const Json& record, const Schema& schema);

/// Turns a stored record into what the API shows.
using Presenter = std::function<Json(const Json&)>;

/// The paged list answer {"Meta": {...}, "Data": [...]} over `records` presented by `presenter`,
/// after $filter and $orderby (which see the presented fields). Fails with 400/6000 or 6001 on a
/// bad query option.
ApiResult<Response> list_response(const ApiContext& ctx, const Schema& schema,
                                  const std::vector<const Json*>& records, const Presenter& presenter);
/// All records of `c`, for list_response.
std::vector<const Json*> all_of(const Collection& c);

/// Merges `bound` (the writable fields of a PUT) over `existing` the way Visma replaces an
/// object: every writable field of `schema` takes the value sent, or null when not sent.
void replace_writable(Json& existing, const Json& bound, const Schema& schema);

/// "2026-11-24T14:33:51.123Z".
std::string utc_text(Timestamp t);
/// The date part of `t` as Visma writes date-only fields: "2026-11-24T00:00:00".
std::string date_text(Timestamp t);

}  // namespace wv::sandbox::visma
