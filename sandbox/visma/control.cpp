// The control API: what people on the Visma side do in eAccounting's UI, and the knobs a test
// turns. Every endpoint takes and returns JSON; amounts may be JSON numbers or strings. Errors
// are {"error": "<one line>"} with 400 (bad input, or Visma refusing: then "ErrorCode" too) or
// 404 (unknown id). Articles can be named by Id or Number, orders by Id or Number, invoices by
// Id or InvoiceNumber.
//
//   GET    /_sandbox/visma/state                 {"now", "counts": {...}, "company": {...},
//                                                 "auth": {...}, "rate_limit": {...},
//                                                 "requests": {"total", "rate_limited", "by_route"}}
//   POST   /_sandbox/visma/reset                 {"seed": "demo"|"empty"}            → state
//                                                ("empty": a fresh company, see load_empty)
//   POST   /_sandbox/visma/seed                  <a whole seed file, see seed.cpp>    → state
//   POST   /_sandbox/visma/clock/advance         {"seconds": 3600} | {"milliseconds": 1500}
//                                                                                    → {"now"}
//   POST   /_sandbox/visma/auth/tokens           {"scope"?: "ea:api offline_access ea:sales",
//                                                 "client_id"?: "..."}
//                                                → {"client_id","client_secret","access_token",
//                                                   "refresh_token","scope","expires_in"}
//   POST   /_sandbox/visma/auth/settings         {"access_token_lifetime_seconds"?: 60,
//                                                 "rotate_refresh_tokens"?: false} → settings
//   POST   /_sandbox/visma/auth/revoke-all       {}  every token and code stops working
//   POST   /_sandbox/visma/rate-limit            {"per_minute"?: 600 (0 = off),
//                                                 "retry_after_header"?: false}  (windows restart)
//   POST   /_sandbox/visma/company               CompanySettingsApi fields, read-only ones too
//                                                ("ShowPricesExclVatPC", "DomesticCurrencyRounding",
//                                                 "ProductVariant", "ActivatedModules", ...)
//                                                → CompanySettingsApi
//   POST   /_sandbox/visma/company/modules       {"activate": ["sales_standard"],
//                                                 "deactivate": ["stock_standard"]}
//                                                → {"ActivatedModules": [...]}
//   POST   /_sandbox/visma/accounting-lock       {"locked_to": "2026-01-31" | null}
//   POST   /_sandbox/visma/articles/{ref}/stock  {"balance": 12} | {"delta": -3}    → ArticleApi
//   POST   /_sandbox/visma/articles/{ref}/price  {"NetPrice": 80} | {"GrossPrice": 100}
//                                                (the other is derived)             → ArticleApi
//   POST   /_sandbox/visma/articles/{ref}/active {"IsActive": false}                → ArticleApi
//   POST   /_sandbox/visma/cost-center-items/{id}/active {"IsActive": false}
//   POST   /_sandbox/visma/price-lists/{id}/prices {"ArticleId"|"ArticleNumber",
//                                                 "NetPrice"|"GrossPrice"}  → SalesPriceListRowApi
//   POST   /_sandbox/visma/orders/{ref}/ship     {"date"?: "2026-11-24"}             → OrderApi
//   POST   /_sandbox/visma/orders/{ref}/invoice  {}                       → CustomerInvoiceApi
//   POST   /_sandbox/visma/drafts/{id}/convert   {}                       → CustomerInvoiceApi
//   POST   /_sandbox/visma/invoices/{ref}/pay    {"amount"?: (the remaining amount),
//                                                 "date"?: (today), "bank_account_id"?: (the
//                                                 default cheque account)} → InvoicePaymentApi
//   POST   /_sandbox/visma/invoices/{ref}/credit {}              → the credit CustomerInvoiceApi
//   POST   /_sandbox/visma/invoices/{ref}/void   {}                         → {"voided": id}
//
// Faults, latency and the request log are the sandbox's (/_sandbox/faults, /_sandbox/log).

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"
#include "sandbox/visma/documents.hpp"
#include "sandbox/visma/dotnet_number.hpp"
#include "sandbox/visma/emulator_state.hpp"

namespace wv::sandbox::visma {
namespace {

Response control_error(int status, const std::string& message) {
  Json body = Json::object();
  body.set("error", Json::string(message));
  return json_response(status, body);
}

Response from_api_error(const ApiError& e) {
  Json body = Json::object();
  body.set("error", Json::string(e.message));
  body.set("ErrorCode", Json::integer(static_cast<int>(e.code)));
  return json_response(e.http_status == 404 ? 404 : 400, body);
}

std::optional<Decimal> amount_of(const Json& body, std::string_view key) {
  const Json* v = body.find_ignoring_case(key);
  if (!v || v->is_null()) return std::nullopt;
  return v->is_string() ? Decimal::parse(v->text()) : v->as_decimal();
}

// A record named by Id or by a number field.
Json* find_ref(Collection& c, const std::string& ref, std::string_view number_field) {
  if (Json* r = c.find(ref)) return r;
  for (auto& r : c.all()) {
    const Json& n = r[number_field];
    if ((n.is_string() || n.is_number()) && ascii_iequals(n.text(), ref)) return &r;
  }
  return nullptr;
}

Json state_summary(const EmulatorState& s, Timestamp now) {
  Json counts = Json::object();
  const VismaState& d = s.data;
  const std::pair<const char*, const Collection*> collections[] = {
      {"units", &d.units},           {"article_account_codings", &d.codings}, {"terms_of_payments", &d.terms},
      {"cost_centers", &d.cost_centers}, {"cost_center_items", &d.cost_center_items}, {"bank_accounts", &d.bank_accounts},
      {"fiscal_years", &d.fiscal_years}, {"sales_price_lists", &d.price_lists}, {"sales_prices", &d.prices},
      {"articles", &d.articles},     {"customers", &d.customers},            {"customer_invoice_drafts", &d.drafts},
      {"customer_invoices", &d.invoices}, {"orders", &d.orders},             {"payments", &d.payments}};
  for (const auto& [name, c] : collections) counts.set(name, Json::integer(static_cast<long long>(c->size())));
  Json auth = Json::object();
  auth.set("access_token_lifetime_seconds", Json::integer(s.identity.access_token_lifetime().count()));
  auth.set("rotate_refresh_tokens", Json::boolean(s.identity.rotate_refresh_tokens()));
  Json clients = Json::array();
  for (const auto& c : s.identity.clients()) {
    Json client = Json::object();
    client.set("client_id", Json::string(c.client_id));
    client.set("client_secret", Json::string(c.client_secret));
    Json uris = Json::array();
    for (const auto& u : c.redirect_uris) uris.push(Json::string(u));
    client.set("redirect_uris", std::move(uris));
    std::string scopes;
    for (const auto& sc : c.allowed_scopes) scopes += (scopes.empty() ? "" : " ") + sc;
    client.set("scopes", Json::string(scopes));
    clients.push(std::move(client));
  }
  auth.set("clients", std::move(clients));
  Json limit = Json::object();
  limit.set("per_minute", Json::integer(s.limiter.limit()));
  limit.set("retry_after_header", Json::boolean(s.retry_after_header));
  Json requests = Json::object();
  requests.set("total", Json::integer(s.api_requests));
  requests.set("rate_limited", Json::integer(s.rate_limited));
  Json by_route = Json::object();
  for (const auto& [route, n] : s.requests_by_route) by_route.set(route, Json::integer(n));
  requests.set("by_route", std::move(by_route));
  Json out = Json::object();
  out.set("now", Json::string(utc_text(now)));
  out.set("counts", std::move(counts));
  out.set("company", present(d.company, schema("CompanySettingsApi")));
  out.set("auth", std::move(auth));
  out.set("rate_limit", std::move(limit));
  out.set("requests", std::move(requests));
  return out;
}

Response article_answer(const VismaState& d, const Json& article) {
  return json_response(200, present_article(d, article, reserved_stock(d)));
}

Response handle_article(EmulatorState& s, Json& article, const std::string& action, const Json& body, Timestamp now) {
  VismaState& d = s.data;
  if (action == "stock") {
    const auto balance = amount_of(body, "balance");
    const auto delta = amount_of(body, "delta");
    if (!balance && !delta) return control_error(400, "stock: send {\"balance\": N} or {\"delta\": N}");
    set_stock_balance(d, article, balance ? *balance : article.dec("StockBalance") + *delta, now);
    return article_answer(d, article);
  }
  if (action == "price") {
    const Json* coding = d.codings.find(article.str("CodingId"));
    const Decimal factor =
        Decimal::from_int(1) + (coding ? coding_vat_percent(*coding) : Decimal()).divided_by(Decimal::from_int(100), 6);
    auto net = amount_of(body, "NetPrice");
    auto gross = amount_of(body, "GrossPrice");
    if (!net && !gross) return control_error(400, "price: send {\"NetPrice\": N} or {\"GrossPrice\": N}");
    if (!net) net = gross->divided_by(factor, 2);
    if (!gross) gross = net->times(factor, 2);
    if (!net->has_at_most_decimals(2) || !gross->has_at_most_decimals(2)) return control_error(400, "price: at most 2 decimals");
    article.set("NetPrice", dotnet_number(*net));
    article.set("GrossPrice", dotnet_number(*gross));
    article.set("ChangedUtc", Json::string(utc_text(d.stamp(now))));
    return article_answer(d, article);
  }
  if (action == "active") {
    const Json* active = body.find_ignoring_case("IsActive");
    if (!active || !active->is_bool()) return control_error(400, "active: send {\"IsActive\": true|false}");
    article.set("IsActive", *active);
    article.set("ChangedUtc", Json::string(utc_text(d.stamp(now))));
    return article_answer(d, article);
  }
  return control_error(404, "no article action '" + action + "' (stock, price, active)");
}

std::optional<Response> set_company(EmulatorState& s, const Json& body) {
  const Schema& cs = schema("CompanySettingsApi");
  for (const auto& [k, v] : body.members()) {
    const FieldRule* rule = cs.find_ignoring_case(k);
    if (!rule) return control_error(400, "company: '" + k + "' is not a CompanySettingsApi field");
    s.data.company.set(rule->name, v);
  }
  return std::nullopt;
}

Response handle_post(EmulatorState& s, const std::vector<std::string>& parts, const Json& body, const Request& request,
                     Timestamp now) {
  VismaState& d = s.data;
  const std::string first = parts.empty() ? "" : parts[0];
  const std::string path = "/_sandbox/visma/" + [&] {
    std::string p;
    for (const auto& part : parts) p += (p.empty() ? "" : "/") + part;
    return p;
  }();
  auto is = [&](std::initializer_list<const char*> want) {
    if (want.size() != parts.size()) return false;
    std::size_t i = 0;
    for (const char* w : want) {
      if (std::string_view(w) != "*" && parts[i] != w) return false;
      ++i;
    }
    return true;
  };

  if (is({"reset"})) {
    const std::string seed = body.str("seed").empty() ? "demo" : body.str("seed");
    if (seed == "demo") {
      load_demo(s, now);
    } else if (seed == "empty") {
      load_empty(s, now);
    } else {
      return control_error(400, "reset: seed must be \"demo\" or \"empty\"");
    }
    return json_response(200, state_summary(s, now));
  }
  if (is({"seed"})) {
    auto r = load_seed(s, request.body, now);
    if (!r) return control_error(400, r.error().message);
    return json_response(200, state_summary(s, now));
  }
  if (is({"clock", "advance"})) {
    long long ms = body.integer_or("milliseconds", 0) + body.integer_or("seconds", 0) * 1000;
    if (ms < 0) return control_error(400, "clock: time only moves forward");
    s.offset += std::chrono::milliseconds(ms);
    Json out = Json::object();
    out.set("now", Json::string(utc_text(now + std::chrono::milliseconds(ms))));
    return json_response(200, out);
  }
  if (is({"auth", "tokens"})) {
    std::string client_id = body.str("client_id");
    bool known = client_id.empty();
    for (const auto& c : s.identity.clients()) known = known || c.client_id == client_id;
    if (!known) return control_error(404, "auth/tokens: no client '" + client_id + "'");
    const OAuthTokens t = s.identity.issue(client_id, body.str("scope"), now);
    Json out = Json::object();
    out.set("client_id", Json::string(t.client_id));
    out.set("client_secret", Json::string(t.client_secret));
    out.set("access_token", Json::string(t.access_token));
    out.set("refresh_token", t.refresh_token.empty() ? Json::null() : Json::string(t.refresh_token));
    out.set("scope", Json::string(t.scope));
    out.set("expires_in", Json::integer(t.expires_in.count()));
    return json_response(200, out);
  }
  if (is({"auth", "settings"})) {
    if (const Json* l = body.find_ignoring_case("access_token_lifetime_seconds")) {
      const long long seconds = body.integer_or("access_token_lifetime_seconds", -1);
      if (!l->is_number() || seconds <= 0) return control_error(400, "auth/settings: access_token_lifetime_seconds must be > 0");
      s.identity.set_access_token_lifetime(std::chrono::seconds(seconds));
    }
    if (const Json* r = body.find_ignoring_case("rotate_refresh_tokens")) {
      if (!r->is_bool()) return control_error(400, "auth/settings: rotate_refresh_tokens must be true or false");
      s.identity.set_rotate_refresh_tokens(r->bool_value());
    }
    return json_response(200, state_summary(s, now)["auth"]);
  }
  if (is({"auth", "revoke-all"})) {
    s.identity.revoke_all();
    Json out = Json::object();
    out.set("revoked", Json::boolean(true));
    return json_response(200, out);
  }
  if (is({"rate-limit"})) {
    if (const Json* n = body.find_ignoring_case("per_minute")) {
      const long long limit = body.integer_or("per_minute", -1);
      if (!n->is_number() || limit < 0) return control_error(400, "rate-limit: per_minute must be a whole number >= 0");
      s.limiter.set_limit(static_cast<int>(limit));
    }
    if (const Json* h = body.find_ignoring_case("retry_after_header")) s.retry_after_header = h->bool_value();
    s.limiter.reset();
    return json_response(200, state_summary(s, now)["rate_limit"]);
  }
  if (is({"company"})) {
    if (auto err = set_company(s, body)) return *err;
    return json_response(200, present(d.company, schema("CompanySettingsApi")));
  }
  if (is({"company", "modules"})) {
    std::vector<std::string> modules;
    for (const auto& m : d.company["ActivatedModules"].items()) modules.push_back(m.text());
    for (const auto& m : body["activate"].items()) {
      if (!d.has_module(m.text())) modules.push_back(m.text());
    }
    for (const auto& m : body["deactivate"].items()) {
      std::erase_if(modules, [&](const std::string& x) { return ascii_iequals(x, m.text()); });
    }
    Json list = Json::array();
    for (const auto& m : modules) list.push(Json::string(m));
    d.company.set("ActivatedModules", list);
    Json out = Json::object();
    out.set("ActivatedModules", std::move(list));
    return json_response(200, out);
  }
  if (is({"accounting-lock"})) {
    const Json& locked = body["locked_to"];
    if (locked.is_null()) {
      d.company.set("AccountingLockedTo", Json::null());
    } else {
      auto date = parse_date(locked.text());
      if (!date) return control_error(400, "accounting-lock: locked_to must be a date like 2026-01-31, or null");
      d.company.set("AccountingLockedTo", Json::string(format_date(*date) + "T00:00:00"));
    }
    return json_response(200, present(d.company, schema("CompanySettingsApi")));
  }
  if (is({"articles", "*", "*"})) {
    Json* article = find_ref(d.articles, parts[1], "Number");
    if (!article) return control_error(404, "no article '" + parts[1] + "'");
    return handle_article(s, *article, parts[2], body, now);
  }
  if (is({"cost-center-items", "*", "active"})) {
    Json* item = d.cost_center_items.find(parts[1]);
    if (!item) return control_error(404, "no cost center item '" + parts[1] + "'");
    const Json* active = body.find_ignoring_case("IsActive");
    if (!active || !active->is_bool()) return control_error(400, "active: send {\"IsActive\": true|false}");
    item->set("IsActive", *active);
    return json_response(200, present(*item, schema("CostCenterItemApi")));
  }
  if (is({"price-lists", "*", "prices"})) {
    const Json* list = d.price_lists.find(parts[1]);
    if (!list) return control_error(404, "no sales price list '" + parts[1] + "'");
    Json* article = body.str("ArticleId").empty() ? find_ref(d.articles, body.str("ArticleNumber"), "Number")
                                                  : d.articles.find(body.str("ArticleId"));
    if (!article) return control_error(404, "no article '" + body.str("ArticleId") + body.str("ArticleNumber") + "'");
    const Json* coding = d.codings.find(article->str("CodingId"));
    const Decimal factor =
        Decimal::from_int(1) + (coding ? coding_vat_percent(*coding) : Decimal()).divided_by(Decimal::from_int(100), 6);
    auto net = amount_of(body, "NetPrice");
    auto gross = amount_of(body, "GrossPrice");
    if (!net && !gross) return control_error(400, "prices: send NetPrice or GrossPrice");
    if (!net) net = gross->divided_by(factor, 2);
    if (!gross) gross = net->times(factor, 2);
    Json* row = nullptr;
    for (auto& p : d.prices.all()) {
      if (ascii_iequals(p.str("SalesPriceListId"), list->str("Id")) && ascii_iequals(p.str("ArticleId"), article->str("Id"))) row = &p;
    }
    if (!row) {
      Json fresh = Json::object();
      fresh.set("Id", Json::string(d.new_id("price")));
      fresh.set("SalesPriceListId", (*list)["Id"]);
      fresh.set("ArticleId", (*article)["Id"]);
      fresh.set("CurrencyCode", (*list)["CurrencyCode"]);
      row = &d.prices.add(std::move(fresh));
    }
    row->set("NetPrice", dotnet_number(*net));
    row->set("GrossPrice", dotnet_number(*gross));
    row->set("ChangedUtc", Json::string(utc_text(d.stamp(now))));
    return json_response(200, present(*row, schema("SalesPriceListRowApi")));
  }
  if (is({"orders", "*", "ship"}) || is({"orders", "*", "invoice"})) {
    Json* order = find_ref(d.orders, parts[1], "Number");
    if (!order) return control_error(404, "no order '" + parts[1] + "'");
    const std::string id = order->str("Id");
    if (parts[2] == "ship") {
      Timestamp date = now;
      if (!body.str("date").empty()) {
        auto t = parse_timestamp(body.str("date"));
        if (!t) return control_error(400, "ship: date must look like 2026-11-24");
        date = *t;
      }
      auto shipped = ship_order(d, id, date, now);
      if (!shipped) return from_api_error(shipped.error());
      return json_response(200, present_order(d, **shipped));
    }
    auto invoice = convert_order(d, id, now);
    if (!invoice) return from_api_error(invoice.error());
    return json_response(200, present_invoice(d, **invoice, now));
  }
  if (is({"drafts", "*", "convert"})) {
    auto invoice = convert_draft(d, parts[1], ConvertDraftOptions{}, now);
    if (!invoice) return from_api_error(invoice.error());
    return json_response(200, present_invoice(d, **invoice, now));
  }
  if (is({"invoices", "*", "*"})) {
    Json* invoice = find_ref(d.invoices, parts[1], "InvoiceNumber");
    if (!invoice) return control_error(404, "no invoice '" + parts[1] + "'");
    const std::string id = invoice->str("Id");
    if (parts[2] == "pay") {
      Json payment = Json::object();
      std::string bank = body.str("bank_account_id");
      if (bank.empty()) {
        for (const auto& b : d.bank_accounts.all()) {
          if (bank.empty() || b.flag("IsDefaultChequeAccount")) bank = b.str("Id");
        }
      }
      const auto amount = amount_of(body, "amount").value_or(invoice->dec("RemainingAmountInvoiceCurrency"));
      const std::string date = body.str("date").empty() ? date_text(now) : body.str("date");
      payment.set("CompanyBankAccountId", Json::string(bank));
      payment.set("PaymentDate", Json::string(date));
      payment.set("PaymentAmount", dotnet_number(amount));
      payment.set("PaymentCurrency", (*invoice)["CurrencyCode"]);
      payment.set("PaymentType", Json::integer(amount == invoice->dec("RemainingAmountInvoiceCurrency") ? 2 : 1));
      auto paid = register_payment(d, id, payment, now);
      if (!paid) return from_api_error(paid.error());
      return json_response(200, present(*paid, schema("InvoicePaymentApi")));
    }
    if (parts[2] == "credit") {
      auto credit = credit_invoice(d, id, now);
      if (!credit) return from_api_error(credit.error());
      return json_response(200, present_invoice(d, **credit, now));
    }
    if (parts[2] == "void") {
      auto voided = void_invoice(d, id);
      if (!voided) return from_api_error(voided.error());
      Json out = Json::object();
      out.set("voided", Json::string(id));
      return json_response(200, out);
    }
    return control_error(404, "no invoice action '" + parts[2] + "' (pay, credit, void)");
  }
  return control_error(404, "no control endpoint POST " + path);
}

}  // namespace

std::optional<Response> handle_control(EmulatorState& s, const Request& request, Timestamp now) {
  constexpr std::string_view kPrefix = "/_sandbox/visma";
  if (!request.path.starts_with(kPrefix)) return std::nullopt;
  std::string_view rest = std::string_view(request.path).substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  std::vector<std::string> parts;
  while (!rest.empty()) {
    if (rest.front() == '/') {
      rest.remove_prefix(1);
      continue;
    }
    const auto slash = rest.find('/');
    parts.emplace_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  if (request.method == "GET") {
    if (parts.empty() || (parts.size() == 1 && parts[0] == "state")) return json_response(200, state_summary(s, now));
    return control_error(404, "no control endpoint GET " + request.path);
  }
  if (request.method != "POST") return control_error(405, "control endpoints take GET or POST");
  Json body = Json::object();
  if (!request.body.empty() && !(parts.size() == 1 && parts[0] == "seed")) {
    auto parsed = parse_json(request.body, JsonDialect::DotNet);
    if (!parsed || !parsed->is_object()) {
      return control_error(400, "the body must be a JSON object" + (parsed ? std::string() : ": " + parsed.error().message));
    }
    body = std::move(*parsed);
  }
  return handle_post(s, parts, body, request, now);
}

}  // namespace wv::sandbox::visma
