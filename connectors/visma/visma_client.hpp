#pragma once
// The Visma eAccounting (eEkonomi) API v2 client: typed reads and writes of articles,
// customers, sales documents and lookups, with OAuth2 tokens kept fresh (TokenKeeper) and every
// list read in full (all pages). Domain values (core/domain/accounting.hpp) cross this
// interface; Visma's JSON stays inside connectors/visma.
//
// Failures, common to every method (each line below names only what is specific):
//   Transient  network, timeout, 429/4010, 5xx; `ambiguous` set when a write may have happened
//   Auth       not authorised yet, refresh refused (invalid_grant), token refused twice,
//              missing scope/permission (4005/4006/4007/4011/4012/4019)
//   Rejected   Visma refused the item (2000, 4xxx, 5005/5006, a missing company module
//              4002/4003/4009 with a hint), or client-side validation failed before sending:
//              a field over Visma's maxLength, too many decimals, a required field empty —
//              the message names the field and the limit; nothing is truncated
//   Conflict   4000 (a duplicate)
//   Internal   Visma's answer could not be understood (the message names endpoint and field),
//              or Visma said our query was malformed (6000/6001)
//   Store      the token vault failed
// Messages are one line and never contain a token or secret.
//
// Thread-safe: worker threads may call any method of one client at once. The client holds no
// state of its own between calls; the token keeper refreshes once for all of them; the
// HttpClient and TokenVault given must be thread-safe too (CurlHttpClient and StoreTokenVault
// are).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/visma/odata_filter.hpp"
#include "connectors/visma/token_vault.hpp"
#include "core/config/config.hpp"
#include "core/domain/accounting.hpp"
#include "core/error.hpp"
#include "core/http/http.hpp"
#include "core/time.hpp"

namespace wv {

class OAuth2Client;
class TokenKeeper;
class VismaTransport;

/// The items of a list, all pages, and Visma's clock when the list was read.
template <class T>
struct Listing {
  std::vector<T> items;
  /// Meta.ServerTimeUtc of the first page. Use it (not the local clock) as the next "changed
  /// since" cursor: anything changed after it appears in the next listing.
  Timestamp server_time;
};

struct ConvertDraftOptions {
  /// Keep the draft's date as the invoice date (else Visma uses today, or the company setting).
  bool keep_original_draft_date = false;
  /// Let keep_original_draft_date override the company's KeepOriginalDraftDate setting.
  bool override_company_setting = false;
};

class VismaClient {
 public:
  /// Keeps references to all four; they must outlive the client.
  VismaClient(const VismaConfig& config, HttpClient& http, TokenVault& vault, const Clock& clock = system_clock());
  ~VismaClient();
  VismaClient(const VismaClient&) = delete;
  VismaClient& operator=(const VismaClient&) = delete;

  // ---- authorisation (`woovisma auth visma`, `woovisma check`) ----
  /// The URL the merchant opens to grant access (see OAuth2Client::authorize_url).
  [[nodiscard]] std::string authorize_url(std::string_view state) const;
  /// Exchanges the code from the redirect and saves the tokens through the vault. Fails Auth
  /// when Visma refuses the code, Config when it refuses the client, Store when saving fails.
  Status complete_authorization(std::string_view code);
  /// Revokes the saved refresh token at Visma. Fails Auth when none is saved.
  Status revoke_authorization();
  /// The scopes the saved token carries (empty when Visma did not say). Fails Auth when not
  /// authorised, Store when the vault fails.
  Result<std::vector<std::string>> token_scopes();
  /// Succeeds when the saved token carries every scope in `required` (default: the configured
  /// ones) or when its scopes are unknown. Fails Auth naming the missing scopes.
  Status check_scopes(const std::vector<std::string>& required = {});
  /// The company's activated modules (Visma's names, e.g. "sales_standard").
  Result<std::vector<std::string>> company_modules();
  /// Succeeds when the company has every module in `required`. Fails Rejected naming the
  /// missing ones and how to activate them.
  Status check_modules(const std::vector<std::string>& required);

  // ---- articles ----
  /// Articles matching `filter` (all when empty), e.g. odata::eq("Number", sku) or
  /// odata::gt("ChangedUtc", since). An empty list when none match.
  Result<Listing<Article>> list_articles(const ODataFilter& filter = {});
  /// The article `id`; nullopt when Visma has none.
  Result<std::optional<Article>> get_article(std::string_view id);
  /// Creates `article` (its id is ignored); returns it as Visma stored it, with its id.
  Result<Article> create_article(const Article& article);
  /// Replaces the fields Article carries on article.id, keeping every other field Visma has
  /// (read, merge, write). Fails NotFound when the article does not exist.
  Result<Article> update_article(const Article& article);

  // ---- customers ----
  /// Customers matching `filter`, e.g. odata::eq("EmailAddress", email),
  /// odata::eq("CorporateIdentityNumber", org), odata::eq("CustomerNumber", n).
  Result<Listing<AccountingCustomer>> list_customers(const ODataFilter& filter = {});
  /// The customer `id`; nullopt when Visma has none.
  Result<std::optional<AccountingCustomer>> get_customer(std::string_view id);
  /// Creates `customer`; Visma assigns CustomerNumber when it is empty. Returns it as stored.
  Result<AccountingCustomer> create_customer(const AccountingCustomer& customer);
  /// Replaces the fields AccountingCustomer carries on customer.id (empty ones are cleared,
  /// except CustomerNumber and CurrencyCode), keeping every other field. Fails NotFound when the
  /// customer does not exist.
  Result<AccountingCustomer> update_customer(const AccountingCustomer& customer);

  // ---- customer invoice drafts ----
  /// Creates a draft from `draft` (kind must be InvoiceDraft). Rows get LineNumber 1.. when 0.
  /// Unit prices may have 2 decimals, or 4 when currency_code is not SEK (set it for a
  /// foreign-currency customer; Visma itself takes the currency from the customer). Returns the
  /// draft as Visma stored it, with its totals.
  Result<SalesDocument> create_invoice_draft(const SalesDocument& draft);
  /// The draft `id`; nullopt when Visma has none (e.g. already converted or deleted).
  Result<std::optional<SalesDocument>> get_invoice_draft(std::string_view id);
  /// Drafts matching `filter` (all when empty); an empty list when none match.
  Result<Listing<SalesDocument>> list_invoice_drafts(const ODataFilter& filter = {});
  /// Deletes the draft `id`. Fails NotFound when it does not exist.
  Status delete_invoice_draft(std::string_view id);
  /// Turns the draft `id` into an invoice and returns the invoice. Fails NotFound when the
  /// draft does not exist; Rejected e.g. for a future date.
  Result<SalesDocument> convert_invoice_draft(std::string_view id, const ConvertDraftOptions& options = {});

  // ---- customer invoices ----
  /// Creates (and books) an invoice directly. Returns it as stored, with its number.
  Result<SalesDocument> create_invoice(const SalesDocument& invoice);
  /// The invoice `id`; nullopt when Visma has none.
  Result<std::optional<SalesDocument>> get_invoice(std::string_view id);
  /// Invoices matching `filter` (all when empty), e.g. odata::eq("HasAutoInvoiceError", true).
  /// Totals are in the invoice's currency. An empty list when none match.
  Result<Listing<SalesDocument>> list_invoices(const ODataFilter& filter = {});
  /// Invoices changed after `since` (Visma's modifiedSinceUtc), optionally also filtered.
  Result<Listing<SalesDocument>> list_invoices_modified_since(Timestamp since, const ODataFilter& filter = {});
  /// Registers `payment` on invoice `invoice_id`; returns the payment as Visma recorded it.
  /// Fails NotFound when the invoice does not exist, Rejected e.g. for a future date (4023).
  Result<InvoicePayment> register_payment(std::string_view invoice_id, const InvoicePayment& payment);

  // ---- sales orders (need the company's order module) ----
  /// Creates a sales order (CurrencyCode, OrderDate and order_status are required).
  Result<SalesDocument> create_sales_order(const SalesDocument& order);
  /// The order `id`; nullopt when Visma has none.
  Result<std::optional<SalesDocument>> get_sales_order(std::string_view id);
  /// Orders matching `filter`, e.g. odata::gt("ModifiedUtc", since).
  Result<Listing<SalesDocument>> list_sales_orders(const ODataFilter& filter = {});
  /// Invoices the order `id`; returns the invoice. Fails NotFound when the order does not exist.
  Result<SalesDocument> convert_sales_order(std::string_view id);

  // ---- prices and lookups (all pages; an empty vector when Visma has none) ----
  Result<std::vector<SalesPriceList>> list_sales_price_lists();
  /// The price list `id`; nullopt when Visma has none.
  Result<std::optional<SalesPriceList>> get_sales_price_list(std::string_view id);
  /// Prices of all lists matching `filter`, e.g. odata::gt("ChangedUtc", since).
  Result<Listing<SalesPrice>> list_sales_prices(const ODataFilter& filter = {});
  /// The price of `article_id` in `price_list_id`; nullopt when the list has none.
  Result<std::optional<SalesPrice>> get_sales_price(std::string_view price_list_id, std::string_view article_id);
  Result<std::vector<Unit>> list_units();
  /// Codings with the VAT rates valid on `vat_rate_date` (today when not given).
  Result<std::vector<ArticleAccountCoding>> list_article_account_codings(std::optional<Date> vat_rate_date = {});
  Result<std::vector<TermsOfPayment>> list_terms_of_payment();
  /// Cost centres with their items.
  Result<std::vector<CostCenter>> list_cost_centers();
  Result<CompanySettings> company_settings();

 private:
  template <class T, class Parse>
  Result<Listing<T>> list(const std::string& endpoint, std::vector<std::pair<std::string, std::string>> params,
                          Parse parse);
  template <class T, class Parse>
  Result<std::optional<T>> get_one(const std::string& endpoint, Parse parse);
  template <class T, class Write, class Parse>
  Result<T> send_write(const std::string& method, const std::string& endpoint, std::string query, Write write,
                       Parse parse);
  template <class T, class Write, class Parse>
  Result<T> update_merged(const std::string& endpoint, const std::set<std::string, std::less<>>& read_only,
                          Write write, Parse parse);
  Result<SalesDocument> create_document(const SalesDocument& doc, DocumentKind kind, const std::string& endpoint);

  const VismaConfig& config_;
  TokenVault& vault_;
  std::unique_ptr<OAuth2Client> oauth_;
  std::unique_ptr<TokenKeeper> tokens_;
  std::unique_ptr<VismaTransport> transport_;
};

}  // namespace wv
