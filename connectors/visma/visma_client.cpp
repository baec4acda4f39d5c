#include "connectors/visma/visma_client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "connectors/visma/oauth2.hpp"
#include "connectors/visma/token_keeper.hpp"
#include "connectors/visma/visma_transport.hpp"
#include "connectors/visma/wire.hpp"
#include "core/redact.hpp"

namespace wv {
namespace {

using visma_wire::BodyWriter;
using visma_wire::FieldReader;
using visma_wire::WireProblems;
using visma_wire::WriteMode;
using visma_wire::WriteProblems;

using Params = std::vector<std::pair<std::string, std::string>>;

// An id from our own store or from Visma goes into the path encoded, so it can never change
// the path.
std::string seg(std::string_view id) { return "/" + url_encode(id); }

Params with_filter(Params params, const ODataFilter& filter) {
  if (!filter.empty()) params.emplace_back("$filter", filter.text());
  return params;
}

// The key that identifies an item within a list (an item that moved between pages while they
// were read shows up twice; the later copy wins).
template <class T>
std::string key_of(const T& item) {
  return item.id;
}
template <>
std::string key_of(const SalesPrice& p) {
  return p.price_list_id + "/" + p.article_id;
}

bool blank(std::string_view body) {
  return std::all_of(body.begin(), body.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

// Parses a single-object answer into T with `parse`.
template <class T, class Parse>
Result<T> parse_object(const std::string& body, const std::string& label, Parse parse, bool ambiguous) {
  auto doc = visma_wire::parse_json(body);
  if (!doc) return fail(malformed_answer(label, doc.error().message, ambiguous));
  WireProblems problems;
  FieldReader f(&*doc, problems, "");
  T value = parse(f);
  if (!problems.ok()) return fail(malformed_answer(label, *problems.first, ambiguous));
  return value;
}

template <class T>
Result<std::vector<T>> items_of(Result<Listing<T>> listing) {
  if (!listing) return fail(listing.error());
  return std::move(listing->items);
}

}  // namespace

VismaClient::VismaClient(const VismaConfig& config, HttpClient& http, TokenVault& vault, const Clock& clock)
    : config_(config),
      vault_(vault),
      oauth_(std::make_unique<OAuth2Client>(config, http, clock)),
      tokens_(std::make_unique<TokenKeeper>(*oauth_, vault, clock, config.token_refresh_margin)),
      transport_(std::make_unique<VismaTransport>(config, http, *tokens_)) {}

VismaClient::~VismaClient() = default;

// ---- generic request shapes ---------------------------------------------------------------

template <class T, class Parse>
Result<Listing<T>> VismaClient::list(const std::string& endpoint, Params params, Parse parse) {
  auto pages = transport_->get_all_pages(endpoint, params);
  if (!pages) return fail(pages.error());
  Listing<T> out;
  out.server_time = pages->server_time;
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t p = 0; p < pages->pages.size(); ++p) {
    WireProblems problems;
    FieldReader root(&pages->pages[p], problems, "");
    for (auto& item : root.objects("Data")) {
      T value = parse(item);
      if (!problems.ok()) return fail(malformed_answer(pages->labels[p], *problems.first));
      auto [it, inserted] = position.try_emplace(key_of(value), out.items.size());
      if (inserted) {
        out.items.push_back(std::move(value));
      } else {
        out.items[it->second] = std::move(value);
      }
    }
    if (!problems.ok()) return fail(malformed_answer(pages->labels[p], *problems.first));
  }
  return out;
}

template <class T, class Parse>
Result<std::optional<T>> VismaClient::get_one(const std::string& endpoint, Parse parse) {
  VismaRequest req{"GET", endpoint, {}, {}, true};
  auto response = transport_->call(req);
  if (!response) {
    if (response.error().kind == ErrorKind::NotFound) return std::optional<T>();
    return fail(response.error());
  }
  auto value = parse_object<T>(response->body, req.label(), parse, false);
  if (!value) return fail(value.error());
  return std::optional<T>(std::move(*value));
}

template <class T, class Write, class Parse>
Result<T> VismaClient::send_write(const std::string& method, const std::string& endpoint, std::string query,
                                  Write write, Parse parse) {
  WriteProblems problems;
  BodyWriter w(problems);
  write(w);
  if (!problems.ok()) return fail(ErrorKind::Rejected, *problems.first);
  VismaRequest req{method, endpoint, std::move(query), w.str(), method != "POST"};
  auto response = transport_->call(req);
  if (!response) return fail(response.error());
  return parse_object<T>(response->body, req.label(), parse, /*ambiguous=*/method == "POST");
}

template <class T, class Write, class Parse>
Result<T> VismaClient::update_merged(const std::string& endpoint, const std::set<std::string, std::less<>>& read_only,
                                     Write write, Parse parse) {
  WriteProblems problems;
  BodyWriter w(problems);
  write(w);
  if (!problems.ok()) return fail(ErrorKind::Rejected, *problems.first);
  // Visma's PUT replaces the whole object: start from what Visma has now, so the fields the
  // domain type does not carry (labels, price list, delivery method, ...) survive.
  auto current = transport_->call(VismaRequest{"GET", endpoint, {}, {}, true});
  if (!current) return fail(current.error());
  auto merged = visma_wire::merge_for_update(current->body, w.str(), read_only);
  if (!merged) return fail(malformed_answer("GET " + endpoint, merged.error().message));
  VismaRequest put{"PUT", endpoint, {}, std::move(*merged), true};
  auto response = transport_->call(put);
  if (!response) return fail(response.error());
  if (blank(response->body)) {
    // Some PUTs answer without a body; read the result back.
    auto after = get_one<T>(endpoint, parse);
    if (!after) return fail(after.error());
    if (!*after) return fail(ErrorKind::NotFound, fmt::format("Visma {}: the object vanished after the update", put.label()));
    return std::move(**after);
  }
  return parse_object<T>(response->body, put.label(), parse, false);
}

// ---- authorisation ------------------------------------------------------------------------

std::string VismaClient::authorize_url(std::string_view state) const { return oauth_->authorize_url(state); }

Status VismaClient::complete_authorization(std::string_view code) {
  auto tokens = oauth_->exchange_code(code);
  if (!tokens) return fail(tokens.error());
  return tokens_->adopt(*tokens);
}

Status VismaClient::revoke_authorization() {
  auto saved = vault_.load();
  if (!saved) return fail(saved.error().with_context("reading the saved Visma tokens"));
  if (!*saved || (*saved)->refresh_token.empty()) {
    return fail(ErrorKind::Auth, "no Visma authorisation is saved, so there is nothing to revoke");
  }
  register_secret((*saved)->refresh_token);
  return oauth_->revoke((*saved)->refresh_token);
}

Result<std::vector<std::string>> VismaClient::token_scopes() { return tokens_->scopes(); }

Status VismaClient::check_scopes(const std::vector<std::string>& required) {
  auto granted = tokens_->scopes();
  if (!granted) return fail(granted.error());
  if (granted->empty()) return {};  // Visma did not say; a missing scope shows up as 4006
  std::vector<std::string> missing;
  for (const auto& scope : required.empty() ? config_.scopes : required) {
    // offline_access shows in the refresh token we hold, not necessarily in the scope list.
    if (scope == "offline_access") continue;
    if (std::find(granted->begin(), granted->end(), scope) == granted->end()) missing.push_back(scope);
  }
  if (missing.empty()) return {};
  return fail(ErrorKind::Auth,
              fmt::format("the Visma authorisation lacks the scope(s) {}; add them to visma.scopes and {}",
                          fmt::join(missing, ", "), kVismaReauthAdvice));
}

Result<std::vector<std::string>> VismaClient::company_modules() {
  auto settings = company_settings();
  if (!settings) return fail(settings.error());
  return settings->activated_modules;
}

Status VismaClient::check_modules(const std::vector<std::string>& required) {
  auto settings = company_settings();
  if (!settings) return fail(settings.error());
  std::vector<std::string> missing;
  for (const auto& module : required) {
    if (!settings->has_module(module)) missing.push_back(module);
  }
  if (missing.empty()) return {};
  return fail(ErrorKind::Rejected,
              fmt::format("the Visma company lacks the module(s) {}; activate them in Visma eEkonomi (sales orders "
                          "need the order module, the API the integration add-on)",
                          fmt::join(missing, ", ")));
}

// ---- articles -----------------------------------------------------------------------------

Result<Listing<Article>> VismaClient::list_articles(const ODataFilter& filter) {
  return list<Article>("/articles", with_filter({}, filter), visma_wire::read_article);
}

Result<std::optional<Article>> VismaClient::get_article(std::string_view id) {
  return get_one<Article>("/articles" + seg(id), visma_wire::read_article);
}

Result<Article> VismaClient::create_article(const Article& article) {
  return send_write<Article>(
      "POST", "/articles", {}, [&](BodyWriter& w) { visma_wire::write_article(w, article, WriteMode::Create); },
      visma_wire::read_article);
}

Result<Article> VismaClient::update_article(const Article& article) {
  if (article.id.empty()) return fail(ErrorKind::Internal, "update_article: the article has no Visma id");
  return update_merged<Article>(
      "/articles" + seg(article.id), visma_wire::article_read_only_fields(),
      [&](BodyWriter& w) { visma_wire::write_article(w, article, WriteMode::Update); }, visma_wire::read_article);
}

// ---- customers ----------------------------------------------------------------------------

Result<Listing<AccountingCustomer>> VismaClient::list_customers(const ODataFilter& filter) {
  return list<AccountingCustomer>("/customers", with_filter({}, filter), visma_wire::read_customer);
}

Result<std::optional<AccountingCustomer>> VismaClient::get_customer(std::string_view id) {
  return get_one<AccountingCustomer>("/customers" + seg(id), visma_wire::read_customer);
}

Result<AccountingCustomer> VismaClient::create_customer(const AccountingCustomer& customer) {
  return send_write<AccountingCustomer>(
      "POST", "/customers", {}, [&](BodyWriter& w) { visma_wire::write_customer(w, customer, WriteMode::Create); },
      visma_wire::read_customer);
}

Result<AccountingCustomer> VismaClient::update_customer(const AccountingCustomer& customer) {
  if (customer.id.empty()) return fail(ErrorKind::Internal, "update_customer: the customer has no Visma id");
  return update_merged<AccountingCustomer>(
      "/customers" + seg(customer.id), visma_wire::customer_read_only_fields(),
      [&](BodyWriter& w) { visma_wire::write_customer(w, customer, WriteMode::Update); }, visma_wire::read_customer);
}

// ---- sales documents ----------------------------------------------------------------------

namespace {
auto reader_for(DocumentKind kind) {
  return [kind](FieldReader& f) { return visma_wire::read_sales_document(f, kind); };
}
}  // namespace

Result<SalesDocument> VismaClient::create_document(const SalesDocument& doc, DocumentKind kind,
                                                   const std::string& endpoint) {
  if (doc.kind != kind) {
    return fail(ErrorKind::Internal, fmt::format("a {} was passed where a {} is created", to_string(doc.kind),
                                                 to_string(kind)));
  }
  return send_write<SalesDocument>(
      "POST", endpoint, {}, [&](BodyWriter& w) { visma_wire::write_sales_document(w, doc); }, reader_for(kind));
}

Result<SalesDocument> VismaClient::create_invoice_draft(const SalesDocument& draft) {
  return create_document(draft, DocumentKind::InvoiceDraft, "/customerinvoicedrafts");
}

Result<std::optional<SalesDocument>> VismaClient::get_invoice_draft(std::string_view id) {
  return get_one<SalesDocument>("/customerinvoicedrafts" + seg(id), reader_for(DocumentKind::InvoiceDraft));
}

Result<Listing<SalesDocument>> VismaClient::list_invoice_drafts(const ODataFilter& filter) {
  return list<SalesDocument>("/customerinvoicedrafts", with_filter({}, filter), reader_for(DocumentKind::InvoiceDraft));
}

Status VismaClient::delete_invoice_draft(std::string_view id) {
  auto response = transport_->call(VismaRequest{"DELETE", "/customerinvoicedrafts" + seg(id), {}, {}, true});
  if (!response) return fail(response.error());
  return {};
}

Result<SalesDocument> VismaClient::convert_invoice_draft(std::string_view id, const ConvertDraftOptions& options) {
  Params params;
  if (options.keep_original_draft_date) params.emplace_back("keepOriginalDraftDate", "true");
  if (options.override_company_setting) params.emplace_back("overrideCompanyKeepOriginalDraftDate", "true");
  // The body (totals to validate against) is optional in content but required in form.
  return send_write<SalesDocument>(
      "POST", "/customerinvoicedrafts" + seg(id) + "/convert", visma_query(params),
      [](BodyWriter& w) {
        w.begin_object();
        w.end_object();
      },
      reader_for(DocumentKind::Invoice));
}

Result<SalesDocument> VismaClient::create_invoice(const SalesDocument& invoice) {
  return create_document(invoice, DocumentKind::Invoice, "/customerinvoices");
}

Result<std::optional<SalesDocument>> VismaClient::get_invoice(std::string_view id) {
  return get_one<SalesDocument>("/customerinvoices" + seg(id), reader_for(DocumentKind::Invoice));
}

Result<Listing<SalesDocument>> VismaClient::list_invoices(const ODataFilter& filter) {
  return list<SalesDocument>("/customerinvoices", with_filter({}, filter), reader_for(DocumentKind::Invoice));
}

Result<Listing<SalesDocument>> VismaClient::list_invoices_modified_since(Timestamp since, const ODataFilter& filter) {
  return list<SalesDocument>("/customerinvoices", with_filter({{"modifiedSinceUtc", format_timestamp(since)}}, filter),
                             reader_for(DocumentKind::Invoice));
}

Result<InvoicePayment> VismaClient::register_payment(std::string_view invoice_id, const InvoicePayment& payment) {
  return send_write<InvoicePayment>(
      "POST", "/customerinvoices" + seg(invoice_id) + "/payments", {},
      [&](BodyWriter& w) { visma_wire::write_payment(w, payment); }, visma_wire::read_payment);
}

Result<SalesDocument> VismaClient::create_sales_order(const SalesDocument& order) {
  return create_document(order, DocumentKind::SalesOrder, "/orders");
}

Result<std::optional<SalesDocument>> VismaClient::get_sales_order(std::string_view id) {
  return get_one<SalesDocument>("/orders" + seg(id), reader_for(DocumentKind::SalesOrder));
}

Result<Listing<SalesDocument>> VismaClient::list_sales_orders(const ODataFilter& filter) {
  return list<SalesDocument>("/orders", with_filter({}, filter), reader_for(DocumentKind::SalesOrder));
}

Result<SalesDocument> VismaClient::convert_sales_order(std::string_view id) {
  VismaRequest req{"POST", "/orders" + seg(id) + "/convert", {}, {}, false};
  auto response = transport_->call(req);
  if (!response) return fail(response.error());
  return parse_object<SalesDocument>(response->body, req.label(), reader_for(DocumentKind::Invoice), true);
}

// ---- prices and lookups -------------------------------------------------------------------

Result<std::vector<SalesPriceList>> VismaClient::list_sales_price_lists() {
  return items_of(list<SalesPriceList>("/salespricelists", {}, visma_wire::read_sales_price_list));
}

Result<std::optional<SalesPriceList>> VismaClient::get_sales_price_list(std::string_view id) {
  return get_one<SalesPriceList>("/salespricelists" + seg(id), visma_wire::read_sales_price_list);
}

Result<Listing<SalesPrice>> VismaClient::list_sales_prices(const ODataFilter& filter) {
  return list<SalesPrice>("/salespricelists/prices", with_filter({}, filter), visma_wire::read_sales_price);
}

Result<std::optional<SalesPrice>> VismaClient::get_sales_price(std::string_view price_list_id,
                                                               std::string_view article_id) {
  return get_one<SalesPrice>("/salespricelists/prices" + seg(price_list_id) + seg(article_id),
                             visma_wire::read_sales_price);
}

Result<std::vector<Unit>> VismaClient::list_units() {
  return items_of(list<Unit>("/units", {}, visma_wire::read_unit));
}

Result<std::vector<ArticleAccountCoding>> VismaClient::list_article_account_codings(std::optional<Date> vat_rate_date) {
  Params params;
  if (vat_rate_date) params.emplace_back("vatRateDate", format_date(*vat_rate_date));
  return items_of(list<ArticleAccountCoding>("/articleaccountcodings", params, visma_wire::read_account_coding));
}

Result<std::vector<TermsOfPayment>> VismaClient::list_terms_of_payment() {
  return items_of(list<TermsOfPayment>("/termsofpayments", {}, visma_wire::read_terms_of_payment));
}

Result<std::vector<CostCenter>> VismaClient::list_cost_centers() {
  return items_of(list<CostCenter>("/costcenters", {}, visma_wire::read_cost_center));
}

Result<CompanySettings> VismaClient::company_settings() {
  VismaRequest req{"GET", "/companysettings", {}, {}, true};
  auto response = transport_->call(req);
  if (!response) return fail(response.error());
  return parse_object<CompanySettings>(response->body, req.label(), visma_wire::read_company_settings, false);
}

}  // namespace wv
