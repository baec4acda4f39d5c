// The demo company and seed files.
//
// Seed file format (the "visma" key of the sandbox's seed file; every key is optional):
//
//   {"visma": {
//     "base": "demo",                  // "demo" (default): start from the demo company;
//                                      // "empty": a fresh company: settings, the sandbox client,
//                                      //   the standard units, account codings (Varor 25/12/6 %,
//                                      //   momsfri, Tjänster 25 %), terms of payment, bank
//                                      //   accounts and fiscal years; no cost centres, price
//                                      //   lists, articles, customers or documents
//     "company": {...},                // CompanySettingsApi fields to set, read-only ones too:
//                                      // "Name", "CurrencyCode", "ProductVariant" (5 = Pro),
//                                      // "ActivatedModules": ["api_standard", "sales_standard",
//                                      //   "stock_standard", ...] (without api_standard every
//                                      //   call is refused, as in Visma), "ShowPricesExclVatPC",
//                                      // "DomesticCurrencyRounding" (0/1), "KeepOriginalDraftDate",
//                                      // "AccountingLockedTo": "2026-01-31"
//     "clients": [{"client_id": "...", "client_secret": "...",
//                  "redirect_uris": ["http://127.0.0.1:8765/callback"],   // [] = any
//                  "scopes": "ea:api offline_access ea:sales ..."}],      // replace the clients
//     "auth": {"access_token_lifetime_seconds": 3600, "rotate_refresh_tokens": true},
//     "rate_limit_per_minute": 600,
//     "currency_rates": {"EUR": 11.5},  // SEK per unit, for *BaseCurrency totals
//     "units": [UnitApi],              // each present list REPLACES that kind of the base;
//     "article_account_codings": [ArticleAccountCodingAPI],   // VatRatePercent as a fraction
//     "terms_of_payments": [TermsOfPaymentApi],
//     "cost_centers": [{"Name": "Butik", "Number": 1, "IsActive": true,
//                       "Items": [{"Name": "Webbshop", "ShortName": "WEB", "IsActive": true}]}],
//     "bank_accounts": [BankAccountApi],
//     "fiscal_years": [FiscalYearApi],
//     "articles": [ArticleApi, where "Unit": "<unit Code or Name>" and "Coding": "<coding Name>"
//                  may replace UnitId and CodingId; "StockBalance" is set as is],
//     "customers": [CustomerApi, where "TermsOfPayment": "<name>" and "SalesPriceList":
//                   "<name>" may replace TermsOfPaymentId and SalesPriceListId],
//     "sales_price_lists": [{"Name": "Kampanj", "Number": 2, "IsStandard": false,
//                            "CurrencyCode": "SEK",
//                            "Prices": [{"ArticleNumber": "MUG-001", "NetPrice": 63.2}]}]
//   }}
//
// Ids may be given ("Id"); otherwise they are derived from the entry's name, so a seed gives the
// same GUIDs every time. Articles and customers are checked as a POST would check them; an
// error names the entry ("visma.articles[2].Number: ...").

#include <stdexcept>

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/catalog.hpp"
#include "sandbox/visma/dotnet_number.hpp"
#include "sandbox/visma/emulator_state.hpp"
#include "sandbox/visma/guid.hpp"
#include "sandbox/visma/validation.hpp"

namespace wv::sandbox::visma {
namespace {

constexpr const char* kDemoClientId = "woovisma-sandbox";
constexpr const char* kDemoClientSecret = "sandbox-secret-3f1c9a";
constexpr const char* kAllScopes[] = {"ea:api",        "offline_access",        "ea:sales",    "ea:sales_readonly",
                                      "ea:accounting", "ea:accounting_readonly", "ea:purchase", "ea:purchase_readonly"};

std::string seed_id(std::string_view kind, std::string_view key) {
  return guid_from_name("visma-seed:" + std::string(kind) + ":" + std::string(key));
}

Json num(std::string_view text) { return dotnet_number(*Decimal::parse(text)); }

// ---- demo ----

struct DemoArticle {
  const char* number;
  const char* name;
  const char* coding;
  const char* unit;
  const char* gross;
  const char* stock;  ///< nullptr: not a stock article
  bool active = true;
};

constexpr DemoArticle kDemoArticles[] = {
    {"MUG-001", "Kaffemugg vit 35 cl", "Varor 25%", "st", "99.00", "120"},
    {"LAMP-3", "Bordslampa Nova", "Varor 25%", "st", "499.00", "14"},
    {"FOOD-7", "Ekologiskt kaffe 500 g", "Varor 12%", "st", "99.00", "250"},
    {"TEA-12", "Te Earl Grey 100 g", "Varor 12%", "st", "59.00", "80"},
    {"BOOK-042", "Boken om kaffe", "Varor 6%", "st", "249.00", "35"},
    {"MAG-06", "Tidningen Kaffe & Kultur", "Varor 6%", "st", "89.00", "60"},
    {"STAMP-10", "Frimärken 10-pack", "Varor momsfri", "förp", "150.00", "40"},
    {"TSHIRT-S", "T-shirt logga S", "Varor 25%", "st", "199.00", "30"},
    {"TSHIRT-M", "T-shirt logga M", "Varor 25%", "st", "199.00", "45"},
    {"TSHIRT-L", "T-shirt logga L", "Varor 25%", "st", "199.00", "20"},
    {"CANDLE-2", "Doftljus vanilj", "Varor 25%", "st", "129.00", "0"},
    {"SERVICE-INSTALL", "Installation per timme", "Tjänster 25%", "h", "750.00", nullptr},
    {"FRAKT-25", "Frakt", "Tjänster 25%", "st", "49.00", nullptr},
    {"AVGIFT-25", "Avgift", "Tjänster 25%", "st", "29.00", nullptr},
    {"AVRUNDNING", "Öresavrundning", "Varor momsfri", "st", "0.00", nullptr},
    {"BAG-01", "Tygkasse (utgått)", "Varor 25%", "st", "49.00", "0", false},
};

void add(Collection& c, std::string_view kind, std::string_view key, Json record) {
  if (record.str("Id").empty()) record.set("Id", Json::string(seed_id(kind, key)));
  c.add(std::move(record));
}

Json object(std::initializer_list<std::pair<const char*, Json>> members) {
  Json o = Json::object();
  for (const auto& [k, v] : members) o.set(k, v);
  return o;
}

const Json* find_by(const Collection& c, std::string_view field, std::string_view value) {
  for (const auto& r : c.all()) {
    if (ascii_iequals(r.str(field), value)) return &r;
  }
  return nullptr;
}

// What a new eAccounting company has before anyone enters data.
void standard_lookups(VismaState& d, Timestamp now) {
  const std::string stamp = utc_text(now);
  add(d.units, "unit", "st", object({{"Name", Json::string("Styck")}, {"Code", Json::string("st")},
                                     {"Abbreviation", Json::string("st")}, {"AbbreviationEnglish", Json::string("pcs")}}));
  add(d.units, "unit", "h", object({{"Name", Json::string("Timme")}, {"Code", Json::string("h")},
                                    {"Abbreviation", Json::string("h")}, {"AbbreviationEnglish", Json::string("h")}}));
  add(d.units, "unit", "kg", object({{"Name", Json::string("Kilogram")}, {"Code", Json::string("kg")},
                                     {"Abbreviation", Json::string("kg")}, {"AbbreviationEnglish", Json::string("kg")}}));
  add(d.units, "unit", "m", object({{"Name", Json::string("Meter")}, {"Code", Json::string("m")},
                                    {"Abbreviation", Json::string("m")}, {"AbbreviationEnglish", Json::string("m")}}));
  add(d.units, "unit", "förp", object({{"Name", Json::string("Förpackning")}, {"Code", Json::string("förp")},
                                       {"Abbreviation", Json::string("förp")}, {"AbbreviationEnglish", Json::string("pkg")}}));
  struct Coding {
    const char* name;
    const char* type;
    const char* rate_text;
    const char* fraction;
    long long account;
  };
  constexpr Coding codings[] = {{"Varor 25%", "Goods", "25%", "0.25", 3001},   {"Varor 12%", "Goods", "12%", "0.12", 3002},
                                {"Varor 6%", "Goods", "6%", "0.06", 3003},     {"Varor momsfri", "Goods", "0%", "0", 3004},
                                {"Tjänster 25%", "Service", "25%", "0.25", 3041}};
  for (const auto& c : codings) {
    add(d.codings, "coding", c.name,
        object({{"Name", Json::string(c.name)}, {"NameEnglish", Json::string(c.name)}, {"Type", Json::string(c.type)},
                {"VatRate", Json::string(c.rate_text)}, {"VatRatePercent", num(c.fraction)}, {"IsActive", Json::boolean(true)},
                {"DomesticSalesSubjectToVatAccountNumber", Json::integer(c.account)},
                {"DomesticSalesVatExemptAccountNumber", Json::integer(3004)},
                {"ForeignSalesSubjectToVatWithinEuAccountNumber", Json::integer(3106)},
                {"ForeignSalesVatExemptOutsideEuAccountNumber", Json::integer(3105)}, {"ChangedUtc", Json::string(stamp)}}));
  }
  struct Terms {
    const char* name;
    const char* english;
    long long days;
    long long type;
    const char* type_text;
  };
  constexpr Terms terms[] = {{"30 dagar netto", "30 days net", 30, 0, "Normal"},
                             {"10 dagar netto", "10 days net", 10, 0, "Normal"},
                             {"Kortbetalning", "Card payment", 0, 3, "CardPayment"},
                             {"Kontant", "Cash", 0, 2, "Cash"},
                             {"Swish", "Swish", 0, 4, "DigitalWallet"}};
  for (const auto& t : terms) {
    add(d.terms, "terms", t.name,
        object({{"Name", Json::string(t.name)}, {"NameEnglish", Json::string(t.english)}, {"NumberOfDays", Json::integer(t.days)},
                {"TermsOfPaymentTypeId", Json::integer(t.type)}, {"TermsOfPaymentTypeText", Json::string(t.type_text)},
                {"AvailableForSales", Json::boolean(true)}, {"AvailableForPurchase", Json::boolean(t.type == 0)}}));
  }
  add(d.bank_accounts, "bank", "Företagskonto",
      object({{"Name", Json::string("Företagskonto")}, {"BankAccountType", Json::integer(1)},
              {"BankAccountTypeDescription", Json::string("ChequeAccount")}, {"Bban", Json::string("5566-1234567")},
              {"CurrencyCode", Json::string("SEK")}, {"IsActive", Json::boolean(true)},
              {"IsDefaultChequeAccount", Json::boolean(true)}, {"LedgerAccountNumber", Json::integer(1930)},
              {"ModifiedUtc", Json::string(stamp)}}));
  add(d.bank_accounts, "bank", "Swish",
      object({{"Name", Json::string("Swish")}, {"BankAccountType", Json::integer(5)},
              {"BankAccountTypeDescription", Json::string("DigitalWalletAccount")}, {"CurrencyCode", Json::string("SEK")},
              {"IsActive", Json::boolean(true)}, {"IsDefaultChequeAccount", Json::boolean(false)},
              {"LedgerAccountNumber", Json::integer(1931)}, {"ModifiedUtc", Json::string(stamp)}}));
  const int year = static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  for (int y = year - 1; y <= year + 1; ++y) {
    add(d.fiscal_years, "fiscalyear", std::to_string(y),
        object({{"StartDate", Json::string(std::to_string(y) + "-01-01T00:00:00")},
                {"EndDate", Json::string(std::to_string(y) + "-12-31T00:00:00")}, {"BookkeepingMethod", Json::integer(0)}}));
  }
  d.currency_rates = {{"EUR", *Decimal::parse("11.50")}, {"NOK", *Decimal::parse("0.98")},
                      {"DKK", *Decimal::parse("1.54")},  {"USD", *Decimal::parse("10.80")}};
}

void demo_cost_centers(VismaState& d, Timestamp now) {
  const std::string stamp = utc_text(now);
  add(d.cost_centers, "costcenter", "Butik",
      object({{"Name", Json::string("Butik")}, {"Number", Json::integer(1)}, {"IsActive", Json::boolean(true)}}));
  const std::string center_id = seed_id("costcenter", "Butik");
  struct Item {
    const char* name;
    const char* short_name;
    bool active;
  };
  constexpr Item items[] = {{"Webbshop", "WEB", true}, {"Butik Göteborg", "GBG", true}, {"Butik Malmö (stängd)", "MMO", false}};
  for (const auto& it : items) {
    add(d.cost_center_items, "costcenteritem", it.name,
        object({{"CostCenterId", Json::string(center_id)}, {"Name", Json::string(it.name)},
                {"ShortName", Json::string(it.short_name)}, {"IsActive", Json::boolean(it.active)},
                {"CreatedUtc", Json::string(stamp)}}));
  }
}

Json demo_company(const std::string& terms_id) {
  Json modules = Json::array({Json::string("api_standard"), Json::string("sales_standard"), Json::string("quote_standard"),
                              Json::string("stock_standard")});
  return object({{"Name", Json::string("Kaffe & Ting AB (sandbox)")}, {"CorporateIdentityNumber", Json::string("556677-8899")},
                 {"VatCode", Json::string("SE556677889901")}, {"CurrencyCode", Json::string("SEK")},
                 {"CountryCode", Json::string("SE")}, {"Address1", Json::string("Storgatan 1")},
                 {"PostalCode", Json::string("111 22")}, {"City", Json::string("Stockholm")},
                 {"Phone", Json::string("08-123 456 78")}, {"Email", Json::string("info@kaffeochting.example")},
                 {"ActivatedModules", modules}, {"ProductVariant", Json::integer(5)}, {"CompanyStatus", Json::integer(1)},
                 {"ShowPricesExclVatPC", Json::boolean(false)}, {"DomesticCurrencyRounding", Json::integer(0)},
                 {"KeepOriginalDraftDate", Json::boolean(false)}, {"TermsOfPaymentId", Json::string(terms_id)},
                 {"TypeOfBusiness", Json::integer(1)}, {"UsesPaymentReferenceNumber", Json::boolean(true)},
                 {"AccountingLockInterval", Json::integer(0)}});
}

void reset_identity(EmulatorState& s) {
  s.identity.reset();
  OAuthClient client;
  client.client_id = kDemoClientId;
  client.client_secret = kDemoClientSecret;
  client.allowed_scopes.assign(std::begin(kAllScopes), std::end(kAllScopes));
  s.identity.set_clients({client});
  s.limiter.reset();
  s.limiter.set_limit(600);
  s.retry_after_header = false;
}

void demo_articles(VismaState& d, Timestamp now) {
  for (const auto& a : kDemoArticles) {
    Json body = object({{"Number", Json::string(a.number)}, {"Name", Json::string(a.name)},
                        {"CodingId", Json::string(seed_id("coding", a.coding))}, {"UnitId", Json::string(seed_id("unit", a.unit))},
                        {"GrossPrice", num(a.gross)}, {"IsActive", Json::boolean(a.active)},
                        {"IsStock", Json::boolean(a.stock != nullptr)}});
    auto saved = save_article(d, body, nullptr, now);
    if (!saved) throw std::logic_error("demo article " + std::string(a.number) + ": " + saved.error().message);
    Json& article = **saved;
    article.set("Id", Json::string(seed_id("article", a.number)));
    if (a.stock) article.set("StockBalance", num(a.stock));
    article.set("PurchasePrice", dotnet_number(article.dec("NetPrice").times(*Decimal::parse("0.5"), 2)));
  }
  d.articles.reindex();  // the Ids were fixed after insertion
}

void demo_price_lists(VismaState& d, Timestamp now) {
  const std::string stamp = utc_text(now);
  add(d.price_lists, "pricelist", "Standard",
      object({{"Name", Json::string("Standardprislista")}, {"Number", Json::integer(1)}, {"IsStandard", Json::boolean(true)},
              {"IsActive", Json::boolean(true)}, {"CurrencyCode", Json::string("SEK")}, {"ChangedUtc", Json::string(stamp)}}));
  add(d.price_lists, "pricelist", "Kampanj",
      object({{"Name", Json::string("Kampanj")}, {"Number", Json::integer(2)}, {"IsStandard", Json::boolean(false)},
              {"IsActive", Json::boolean(true)}, {"CurrencyCode", Json::string("SEK")}, {"Note", Json::string("Höstkampanj")},
              {"ChangedUtc", Json::string(stamp)}}));
  for (const auto& a : d.articles.all()) {
    d.prices.add(object({{"Id", Json::string(seed_id("price", "Standard:" + a.str("Number")))},
                         {"SalesPriceListId", Json::string(seed_id("pricelist", "Standard"))}, {"ArticleId", a["Id"]},
                         {"NetPrice", a["NetPrice"]}, {"GrossPrice", a["GrossPrice"]}, {"CurrencyCode", Json::string("SEK")},
                         {"ChangedUtc", Json::string(stamp)}}));
  }
  struct Campaign {
    const char* number;
    const char* net;
    const char* gross;
  };
  constexpr Campaign campaign[] = {{"MUG-001", "63.20", "79.00"}, {"LAMP-3", "319.20", "399.00"}};
  for (const auto& c : campaign) {
    d.prices.add(object({{"Id", Json::string(seed_id("price", std::string("Kampanj:") + c.number))},
                         {"SalesPriceListId", Json::string(seed_id("pricelist", "Kampanj"))},
                         {"ArticleId", Json::string(seed_id("article", c.number))}, {"NetPrice", num(c.net)},
                         {"GrossPrice", num(c.gross)}, {"CurrencyCode", Json::string("SEK")}, {"ChangedUtc", Json::string(stamp)}}));
  }
}

void demo_customers(VismaState& d, Timestamp now) {
  struct Customer {
    const char* key;
    Json body;
  };
  const std::vector<Customer> customers = {
      {"anna", object({{"Name", Json::string("Anna Andersson")}, {"IsPrivatePerson", Json::boolean(true)},
                       {"IsActive", Json::boolean(true)}, {"EmailAddress", Json::string("anna.andersson@example.se")},
                       {"InvoiceAddress1", Json::string("Sveavägen 12")}, {"InvoicePostalCode", Json::string("113 50")},
                       {"InvoiceCity", Json::string("Stockholm")}, {"InvoiceCountryCode", Json::string("SE")},
                       {"MobilePhone", Json::string("070-123 45 67")},
                       {"TermsOfPaymentId", Json::string(seed_id("terms", "Kortbetalning"))}})},
      {"foretaget", object({{"Name", Json::string("Företaget i Norr AB")}, {"IsPrivatePerson", Json::boolean(false)},
                            {"IsActive", Json::boolean(true)}, {"EmailAddress", Json::string("faktura@foretagetinorr.example")},
                            {"CorporateIdentityNumber", Json::string("556000-0001")},
                            {"VatNumber", Json::string("SE556000000101")}, {"InvoiceAddress1", Json::string("Industrivägen 4")},
                            {"InvoicePostalCode", Json::string("901 30")}, {"InvoiceCity", Json::string("Umeå")},
                            {"InvoiceCountryCode", Json::string("SE")},
                            {"TermsOfPaymentId", Json::string(seed_id("terms", "30 dagar netto"))}})},
      {"nordic", object({{"Name", Json::string("Nordic Trading Oy")}, {"IsPrivatePerson", Json::boolean(false)},
                         {"IsActive", Json::boolean(true)}, {"EmailAddress", Json::string("ap@nordictrading.example")},
                         {"VatNumber", Json::string("FI12345678")}, {"CurrencyCode", Json::string("EUR")},
                         {"InvoiceAddress1", Json::string("Mannerheimintie 5")}, {"InvoicePostalCode", Json::string("00100")},
                         {"InvoiceCity", Json::string("Helsinki")}, {"InvoiceCountryCode", Json::string("FI")},
                         {"TermsOfPaymentId", Json::string(seed_id("terms", "30 dagar netto"))}})},
  };
  d.next_customer_number = 1001;
  for (const auto& c : customers) {
    auto saved = save_customer(d, c.body, nullptr, now);
    if (!saved) throw std::logic_error(std::string("demo customer ") + c.key + ": " + saved.error().message);
    (*saved)->set("Id", Json::string(seed_id("customer", c.key)));
  }
  d.customers.reindex();
}

// ---- seed files ----

std::unexpected<Error> seed_error(const std::string& where, const std::string& message) {
  return fail(ErrorKind::Config, "seed file: visma." + where + ": " + message);
}

Status load_list(const Json& list, const std::string& key, Collection& into, std::string_view schema_name,
                 std::string_view name_field) {
  if (!list.is_array()) return seed_error(key, "must be an array");
  into.clear();
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const Json& entry = list.items()[i];
    const std::string where = key + "[" + std::to_string(i) + "]";
    if (!entry.is_object()) return seed_error(where, "must be an object");
    const Schema& s = schema(schema_name);
    // Seeds may set read-only fields (a lookup's Id, a coding's VatRatePercent): bind type-check
    // only the writable ones and copy the rest as given.
    auto bound = bind_body(entry, s);
    if (!bound) return seed_error(where, bound.error().message);
    Json record = entry;
    for (const auto& [k, v] : bound->members()) record.set(k, v);
    if (record.str("Id").empty()) {
      record.set("Id", Json::string(seed_id(key, entry.str(name_field).empty() ? std::to_string(i) : entry.str(name_field))));
    } else if (auto g = normalize_guid(record.str("Id"))) {
      record.set("Id", Json::string(*g));
    } else {
      return seed_error(where + ".Id", "'" + record.str("Id") + "' is not a GUID");
    }
    into.add(std::move(record));
  }
  return {};
}

Status load_cost_centers(VismaState& d, const Json& list) {
  if (!list.is_array()) return seed_error("cost_centers", "must be an array");
  d.cost_centers.clear();
  d.cost_center_items.clear();
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const Json& entry = list.items()[i];
    const std::string where = "cost_centers[" + std::to_string(i) + "]";
    if (!entry.is_object() || entry.str("Name").empty()) return seed_error(where, "needs a Name");
    Json center = Json::object();
    center.set("Id", Json::string(entry.str("Id").empty() ? seed_id("costcenter", entry.str("Name")) : entry.str("Id")));
    center.set("Name", entry["Name"]);
    center.set("Number", Json::integer(entry.integer_or("Number", static_cast<long long>(i + 1))));
    center.set("IsActive", Json::boolean(entry.flag("IsActive", true)));
    const std::string center_id = center.str("Id");
    d.cost_centers.add(std::move(center));
    const auto& items = entry["Items"].items();
    for (std::size_t k = 0; k < items.size(); ++k) {
      const Json& item = items[k];
      Json body = item;
      body.set("CostCenterId", Json::string(center_id));
      if (body["IsActive"].is_null()) body.set("IsActive", Json::boolean(true));
      auto bound = bind_body(body, schema("CostCenterItemApi"));
      if (!bound) return seed_error(where + ".Items[" + std::to_string(k) + "]", bound.error().message);
      Json record = *bound;
      record.set("Id", Json::string(item.str("Id").empty() ? seed_id("costcenteritem", item.str("Name")) : item.str("Id")));
      d.cost_center_items.add(std::move(record));
    }
  }
  return {};
}

// Replaces a by-name reference ("Unit": "st") with the id field the API wants.
Status resolve(Json& entry, const std::string& where, std::string_view ref_field, std::string_view id_field,
               const Collection& c, std::initializer_list<std::string_view> match_fields) {
  const Json* ref = entry.find_ignoring_case(ref_field);
  if (!ref || ref->is_null()) return {};
  if (!ref->is_string()) return seed_error(where + "." + std::string(ref_field), "must be a string");
  for (auto f : match_fields) {
    if (const Json* hit = find_by(c, f, ref->text())) {
      entry.set(id_field, (*hit)["Id"]);
      entry.erase(ref_field);
      return {};
    }
  }
  return seed_error(where + "." + std::string(ref_field), "no entry named '" + ref->text() + "'");
}

Status load_articles(VismaState& d, const Json& list, Timestamp now) {
  if (!list.is_array()) return seed_error("articles", "must be an array");
  d.articles.clear();
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    Json entry = list.items()[i];
    const std::string where = "articles[" + std::to_string(i) + "]";
    if (!entry.is_object()) return seed_error(where, "must be an object");
    if (auto r = resolve(entry, where, "Unit", "UnitId", d.units, {"Code", "Name", "Abbreviation"}); !r) return r;
    if (auto r = resolve(entry, where, "Coding", "CodingId", d.codings, {"Name"}); !r) return r;
    if (entry["IsActive"].is_null()) entry.set("IsActive", Json::boolean(true));
    auto bound = bind_body(entry, schema("ArticleApi"));
    if (!bound) return seed_error(where, bound.error().message);
    auto saved = save_article(d, *bound, nullptr, now);
    if (!saved) return seed_error(where, saved.error().message);
    (*saved)->set("Id", Json::string(entry.str("Id").empty() ? seed_id("article", entry.str("Number")) : entry.str("Id")));
    if (const Json* stock = entry.find_ignoring_case("StockBalance"); stock && !stock->is_null()) {
      auto balance = stock->as_decimal();
      if (!balance) return seed_error(where + ".StockBalance", "must be a number");
      (*saved)->set("StockBalance", dotnet_number(*balance));
    }
  }
  d.articles.reindex();
  // Price rows of articles the seed dropped go with them.
  std::vector<std::string> orphans;
  for (const auto& p : d.prices.all()) {
    if (!d.articles.find(p.str("ArticleId"))) orphans.push_back(p.str("Id"));
  }
  for (const auto& id : orphans) d.prices.erase(id);
  return {};
}

Status load_customers(VismaState& d, const Json& list, Timestamp now) {
  if (!list.is_array()) return seed_error("customers", "must be an array");
  d.customers.clear();
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    Json entry = list.items()[i];
    const std::string where = "customers[" + std::to_string(i) + "]";
    if (!entry.is_object()) return seed_error(where, "must be an object");
    if (auto r = resolve(entry, where, "TermsOfPayment", "TermsOfPaymentId", d.terms, {"Name"}); !r) return r;
    if (auto r = resolve(entry, where, "SalesPriceList", "SalesPriceListId", d.price_lists, {"Name"}); !r) return r;
    if (entry["IsActive"].is_null()) entry.set("IsActive", Json::boolean(true));
    auto bound = bind_body(entry, schema("CustomerApi"));
    if (!bound) return seed_error(where, bound.error().message);
    auto saved = save_customer(d, *bound, nullptr, now);
    if (!saved) return seed_error(where, saved.error().message);
    const std::string key = entry.str("CustomerNumber").empty() ? entry.str("Name") : entry.str("CustomerNumber");
    (*saved)->set("Id", Json::string(entry.str("Id").empty() ? seed_id("customer", key) : entry.str("Id")));
  }
  d.customers.reindex();
  return {};
}

Status load_price_lists(VismaState& d, const Json& list, Timestamp now) {
  if (!list.is_array()) return seed_error("sales_price_lists", "must be an array");
  d.price_lists.clear();
  d.prices.clear();
  const std::string stamp = utc_text(now);
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const Json& entry = list.items()[i];
    const std::string where = "sales_price_lists[" + std::to_string(i) + "]";
    if (!entry.is_object() || entry.str("Name").empty()) return seed_error(where, "needs a Name");
    Json record = Json::object();
    const std::string id = entry.str("Id").empty() ? seed_id("pricelist", entry.str("Name")) : entry.str("Id");
    record.set("Id", Json::string(id));
    record.set("Name", entry["Name"]);
    record.set("Number", Json::integer(entry.integer_or("Number", static_cast<long long>(i + 1))));
    record.set("IsStandard", Json::boolean(entry.flag("IsStandard")));
    record.set("IsActive", Json::boolean(entry.flag("IsActive", true)));
    record.set("CurrencyCode", Json::string(entry.str("CurrencyCode").empty() ? d.company_currency() : entry.str("CurrencyCode")));
    record.set("Note", entry["Note"]);
    record.set("ChangedUtc", Json::string(stamp));
    d.price_lists.add(std::move(record));
    const auto& prices = entry["Prices"].items();
    for (std::size_t k = 0; k < prices.size(); ++k) {
      const Json& p = prices[k];
      const std::string pwhere = where + ".Prices[" + std::to_string(k) + "]";
      const Json* article = p.str("ArticleId").empty() ? find_by(d.articles, "Number", p.str("ArticleNumber"))
                                                        : d.articles.find(p.str("ArticleId"));
      if (!article) return seed_error(pwhere, "no article '" + p.str("ArticleNumber") + p.str("ArticleId") + "'");
      const Json* coding = d.codings.find(article->str("CodingId"));
      const Decimal factor = Decimal::from_int(1) + (coding ? coding_vat_percent(*coding) : Decimal()).divided_by(Decimal::from_int(100), 6);
      Decimal net = p.dec("NetPrice");
      Decimal gross = p.dec("GrossPrice");
      if (!p.find_ignoring_case("GrossPrice")) gross = net.times(factor, 2);
      if (!p.find_ignoring_case("NetPrice")) net = gross.divided_by(factor, 2);
      d.prices.add(object({{"Id", Json::string(seed_id("price", id + ":" + article->str("Id")))},
                           {"SalesPriceListId", Json::string(id)}, {"ArticleId", (*article)["Id"]},
                           {"NetPrice", dotnet_number(net)}, {"GrossPrice", dotnet_number(gross)},
                           {"CurrencyCode", Json::string(d.company_currency())}, {"ChangedUtc", Json::string(stamp)}}));
    }
  }
  return {};
}

// Seeded records all carry the seed's time (save_* spread them over distinct milliseconds).
void stamp_seeded(VismaState& d, Timestamp now) {
  const std::string stamp = utc_text(now);
  for (auto& a : d.articles.all()) {
    a.set("CreatedUtc", Json::string(stamp));
    a.set("ChangedUtc", Json::string(stamp));
    if (!a["StockBalanceManuallyChangedUtc"].is_null()) a.set("StockBalanceManuallyChangedUtc", Json::string(stamp));
  }
  for (auto& c : d.customers.all()) c.set("ChangedUtc", Json::string(stamp));
  d.set_last_stamp(now);
}

}  // namespace

void load_empty(EmulatorState& s, Timestamp now) {
  s.data.clear("empty");
  reset_identity(s);
  standard_lookups(s.data, now);
  s.data.company = demo_company(seed_id("terms", "30 dagar netto"));
  s.data.company.set("Name", Json::string("Nytt Företag AB (sandbox)"));
  stamp_seeded(s.data, now);
}

void load_demo(EmulatorState& s, Timestamp now) {
  s.data.clear("demo");
  reset_identity(s);
  VismaState& d = s.data;
  standard_lookups(d, now);
  demo_cost_centers(d, now);
  d.company = demo_company(seed_id("terms", "30 dagar netto"));
  demo_articles(d, now);
  demo_price_lists(d, now);
  demo_customers(d, now);
  stamp_seeded(d, now);
}

Status load_seed(EmulatorState& s, std::string_view seed_file_text, Timestamp now) {
  auto parsed = parse_json(seed_file_text, JsonDialect::DotNet);
  if (!parsed) return fail(ErrorKind::Config, "seed file: " + parsed.error().message);
  if (!parsed->is_object()) return fail(ErrorKind::Config, "seed file: the top level must be a JSON object");
  const Json* v = parsed->find_ignoring_case("visma");
  if (!v || v->is_null()) {
    load_demo(s, now);
    return {};
  }
  if (!v->is_object()) return seed_error("", "must be an object");
  const Json& base_value = (*v)["base"];
  if (!base_value.is_null() && !base_value.is_string()) return seed_error("base", "must be \"demo\" or \"empty\"");
  const std::string base = base_value.is_null() ? "demo" : base_value.text();
  if (base == "demo") {
    load_demo(s, now);
  } else if (base == "empty") {
    load_empty(s, now);
  } else {
    return seed_error("base", "must be \"demo\" or \"empty\" (got '" + base + "')");
  }
  VismaState& d = s.data;
  if (const Json* company = v->find_ignoring_case("company")) {
    if (!company->is_object()) return seed_error("company", "must be an object");
    for (const auto& [k, val] : company->members()) {
      const FieldRule* rule = schema("CompanySettingsApi").find_ignoring_case(k);
      if (!rule) return seed_error("company." + k, "is not a CompanySettingsApi field");
      d.company.set(rule->name, val);
    }
  }
  if (const Json* rates = v->find_ignoring_case("currency_rates")) {
    if (!rates->is_object()) return seed_error("currency_rates", "must be an object");
    for (const auto& [code, rate] : rates->members()) {
      auto r = rate.is_string() ? Decimal::parse(rate.text()) : rate.as_decimal();
      if (!r) return seed_error("currency_rates." + code, "must be a number");
      d.currency_rates[code] = *r;
    }
  }
  struct ListKey {
    const char* key;
    Collection* into;
    const char* schema_name;
    const char* name_field;
  };
  const ListKey lists[] = {{"units", &d.units, "UnitApi", "Code"},
                           {"article_account_codings", &d.codings, "ArticleAccountCodingAPI", "Name"},
                           {"terms_of_payments", &d.terms, "TermsOfPaymentApi", "Name"},
                           {"bank_accounts", &d.bank_accounts, "BankAccountApi", "Name"},
                           {"fiscal_years", &d.fiscal_years, "FiscalYearApi", "StartDate"}};
  for (const auto& l : lists) {
    if (const Json* list = v->find_ignoring_case(l.key)) {
      if (auto r = load_list(*list, l.key, *l.into, l.schema_name, l.name_field); !r) return r;
    }
  }
  if (const Json* list = v->find_ignoring_case("cost_centers")) {
    if (auto r = load_cost_centers(d, *list); !r) return r;
  }
  if (const Json* list = v->find_ignoring_case("articles")) {
    if (auto r = load_articles(d, *list, now); !r) return r;
  }
  if (const Json* list = v->find_ignoring_case("sales_price_lists")) {
    if (auto r = load_price_lists(d, *list, now); !r) return r;
  }
  if (const Json* list = v->find_ignoring_case("customers")) {
    if (auto r = load_customers(d, *list, now); !r) return r;
  }
  if (const Json* clients = v->find_ignoring_case("clients")) {
    if (!clients->is_array() || clients->items().empty()) return seed_error("clients", "must be a non-empty array");
    std::vector<OAuthClient> out;
    for (std::size_t i = 0; i < clients->items().size(); ++i) {
      const Json& c = clients->items()[i];
      const std::string where = "clients[" + std::to_string(i) + "]";
      if (c.str("client_id").empty() || c.str("client_secret").empty()) {
        return seed_error(where, "needs client_id and client_secret");
      }
      OAuthClient client;
      client.client_id = c.str("client_id");
      client.client_secret = c.str("client_secret");
      for (const auto& u : c["redirect_uris"].items()) client.redirect_uris.push_back(u.text());
      const std::string scopes = c.str("scopes");
      if (scopes.empty()) {
        client.allowed_scopes.assign(std::begin(kAllScopes), std::end(kAllScopes));
      } else {
        for (const auto& sc : split_scopes(scopes)) client.allowed_scopes.push_back(sc);
      }
      out.push_back(std::move(client));
    }
    s.identity.set_clients(std::move(out));
  }
  if (const Json* auth = v->find_ignoring_case("auth")) {
    if (!auth->is_object()) return seed_error("auth", "must be an object");
    if (const Json* l = auth->find_ignoring_case("access_token_lifetime_seconds")) {
      const long long seconds = auth->integer_or("access_token_lifetime_seconds", -1);
      if (!l->is_number() || seconds <= 0) return seed_error("auth.access_token_lifetime_seconds", "must be a positive integer");
      s.identity.set_access_token_lifetime(std::chrono::seconds(seconds));
    }
    if (const Json* r = auth->find_ignoring_case("rotate_refresh_tokens")) {
      if (!r->is_bool()) return seed_error("auth.rotate_refresh_tokens", "must be true or false");
      s.identity.set_rotate_refresh_tokens(r->bool_value());
    }
  }
  if (const Json* limit = v->find_ignoring_case("rate_limit_per_minute")) {
    const long long n = v->integer_or("rate_limit_per_minute", -1);
    if (!limit->is_number() || n < 0) return seed_error("rate_limit_per_minute", "must be a whole number (0 = no limit)");
    s.limiter.set_limit(static_cast<int>(n));
  }
  stamp_seeded(d, now);
  return {};
}

}  // namespace wv::sandbox::visma
