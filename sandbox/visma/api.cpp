#include "sandbox/visma/api.hpp"

#include "sandbox/visma/odata.hpp"
#include "sandbox/visma/validation.hpp"

namespace wv::sandbox::visma {
namespace {

const Schema* emulated_schema(std::string_view name) {
  for (const auto& s : all_schemas()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::optional<long long> positive_int(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const long long n = std::stoll(text);
  return n >= 1 ? std::optional<long long>(n) : std::nullopt;
}

}  // namespace

const std::vector<Route>& api_routes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> r;
    add_article_routes(r);
    add_customer_routes(r);
    add_lookup_routes(r);
    add_document_routes(r);
    return r;
  }();
  return routes;
}

Response json_response(int status, const Json& body) { return Response::json(status, body.dump()); }

Response empty_ok() {
  Response r;
  r.status = 200;
  return r;
}

ApiResult<Json> read_body(const ApiContext& ctx, const Schema& schema) {
  auto parsed = parse_json(ctx.request.body, JsonDialect::DotNet);
  if (!parsed) {
    return validation_fail("The request body could not be read as " + std::string(schema.name) + ": " +
                           parsed.error().message);
  }
  return bind_body(*parsed, schema);
}

Json present(const Json& record, const Schema& schema) {
  Json out = Json::object();
  out.members().reserve(schema.fields.size());
  for (const auto& f : schema.fields) {
    const Json* v = record.find_ignoring_case(f.name);
    if (!v || v->is_null()) {
      if (f.type == FieldType::Array) {
        out.members().emplace_back(std::string(f.name), Json::array());
      } else if (f.type == FieldType::Boolean) {
        out.members().emplace_back(std::string(f.name), Json::boolean(false));
      } else {
        out.members().emplace_back(std::string(f.name), Json::null());
      }
      continue;
    }
    const Schema* nested = f.ref.empty() ? nullptr : emulated_schema(f.ref);
    if (nested && f.type == FieldType::Array && v->is_array()) {
      Json items = Json::array();
      for (const auto& item : v->items()) items.push(present(item, *nested));
      out.members().emplace_back(std::string(f.name), std::move(items));
    } else if (nested && f.type == FieldType::Object && v->is_object()) {
      out.members().emplace_back(std::string(f.name), present(*v, *nested));
    } else {
      out.members().emplace_back(std::string(f.name), *v);
    }
  }
  return out;
}

std::vector<const Json*> all_of(const Collection& c) {
  std::vector<const Json*> out;
  out.reserve(c.size());
  for (const auto& r : c.all()) out.push_back(&r);
  return out;
}

ApiResult<Response> list_response(const ApiContext& ctx, const Schema& schema,
                                  const std::vector<const Json*>& records, const Presenter& presenter) {
  long long page = 1;
  long long page_size = kDefaultPageSize;
  if (auto p = ctx.request.param("$page")) {
    auto n = positive_int(*p);
    if (!n) return api_fail(400, ErrorCode::QueryParameterError, "The query parameter $page must be a positive integer (got '" + *p + "').");
    page = *n;
  }
  if (auto p = ctx.request.param("$pagesize")) {
    auto n = positive_int(*p);
    if (!n) return api_fail(400, ErrorCode::QueryParameterError, "The query parameter $pagesize must be a positive integer (got '" + *p + "').");
    page_size = std::min<long long>(*n, kMaxPageSize);
  }
  const auto filter_text = ctx.request.param("$filter");
  const auto orderby_text = ctx.request.param("$orderby");
  std::optional<Filter> filter;
  if (filter_text) {
    auto f = Filter::parse(*filter_text, schema);
    if (!f) return std::unexpected(f.error());
    filter = std::move(*f);
  }
  std::vector<SortKey> keys;
  if (orderby_text) {
    auto k = parse_orderby(*orderby_text, schema);
    if (!k) return std::unexpected(k.error());
    keys = std::move(*k);
  }
  const long long first = (page - 1) * page_size;
  std::vector<Json> presented;
  long long total = 0;
  if (!filter && keys.empty()) {
    // Present only the page asked for: listing a large catalogue stays cheap.
    total = static_cast<long long>(records.size());
    for (long long i = first; i < total && i < first + page_size; ++i) {
      presented.push_back(presenter(*records[static_cast<std::size_t>(i)]));
    }
  } else {
    for (const Json* r : records) {
      Json p = presenter(*r);
      if (!filter || filter->matches(p)) presented.push_back(std::move(p));
    }
    if (!keys.empty()) sort_records(presented, keys);
    total = static_cast<long long>(presented.size());
    if (first >= total) {
      presented.clear();
    } else {
      presented.erase(presented.begin(), presented.begin() + first);
      if (static_cast<long long>(presented.size()) > page_size) presented.resize(static_cast<std::size_t>(page_size));
    }
  }
  const long long pages = (total + page_size - 1) / page_size;
  Json data = Json::array(std::move(presented));
  Json meta = Json::object();
  meta.set("CurrentPage", Json::integer(page));
  meta.set("PageSize", Json::integer(page_size));
  meta.set("TotalNumberOfPages", Json::integer(pages));
  meta.set("TotalNumberOfResults", Json::integer(total));
  meta.set("ServerTimeUtc", Json::string(utc_text(ctx.now)));
  Json body = Json::object();
  body.set("Meta", std::move(meta));
  body.set("Data", std::move(data));
  return json_response(200, body);
}

void replace_writable(Json& existing, const Json& bound, const Schema& schema) {
  for (const auto& f : schema.fields) {
    if (f.read_only) continue;
    const Json* v = bound.find_ignoring_case(f.name);
    existing.set(f.name, v ? *v : Json::null());
  }
}

std::string utc_text(Timestamp t) { return format_timestamp(t); }

std::string date_text(Timestamp t) { return format_date(t) + "T00:00:00"; }

}  // namespace wv::sandbox::visma
