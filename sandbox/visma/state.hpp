#pragma once
// Everything one emulated Visma company holds. Records are stored as JSON objects under their
// spec field names (what a GET returns, before presentation fills in absent fields); members
// whose names start with '@' are the emulator's own bookkeeping and never leave it.

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "sandbox/json.hpp"

namespace wv::sandbox::visma {

/// Records of one kind in creation order (the order lists return them in).
class Collection {
 public:
  /// The record with "Id" `id` (GUIDs compare ignoring case), or nullptr.
  Json* find(std::string_view id);
  [[nodiscard]] const Json* find(std::string_view id) const;
  Json& add(Json record);
  /// Removes the record; false when absent.
  bool erase(std::string_view id);
  [[nodiscard]] const std::vector<Json>& all() const { return items_; }
  std::vector<Json>& all() { return items_; }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  void clear() {
    items_.clear();
    index_.clear();
  }

  /// Rebuilds the id index after Ids were changed in place (seeds fixing their ids).
  void reindex();

 private:
  std::vector<Json> items_;
  std::unordered_map<std::string, std::size_t> index_;  ///< lower-case Id → position
};

struct VismaState {
  Json company = Json::object();  ///< CompanySettingsApi fields
  Collection units;
  Collection codings;  ///< article account codings
  Collection terms;    ///< terms of payment
  Collection cost_centers;
  Collection cost_center_items;
  Collection bank_accounts;
  Collection fiscal_years;
  Collection price_lists;
  Collection prices;  ///< sales price list rows
  Collection articles;
  Collection customers;
  Collection drafts;
  Collection invoices;
  Collection orders;
  Collection payments;  ///< InvoicePaymentApi records plus "@InvoiceId"
  /// SEK per unit of a foreign currency, for the *BaseCurrency totals.
  std::map<std::string, Decimal> currency_rates;

  long long next_customer_number = 1;
  long long next_invoice_number = 1;
  long long next_order_number = 1;
  long long next_article_number = 1;

  /// A fresh deterministic GUID for a new record of `kind`.
  std::string new_id(std::string_view kind);
  /// The time to record for a change happening at `now`: never earlier than, nor equal to, the
  /// previous stamp, so ChangedUtc/ModifiedUtc strictly increase even when the clock stands still.
  Timestamp stamp(Timestamp now);
  /// Makes `t` the last stamp handed out (seeded records all carry the seed's time).
  void set_last_stamp(Timestamp t) { last_stamp_ = t; }

  /// The company's currency ("SEK").
  [[nodiscard]] std::string company_currency() const;
  /// True when the company has `module` among ActivatedModules (ignoring case).
  [[nodiscard]] bool has_module(std::string_view module) const;

  /// Empties everything (ids continue from `seed_name`, so two seeds give distinct GUIDs).
  void clear(std::string_view seed_name);

 private:
  std::string id_namespace_ = "visma";
  long long id_sequence_ = 0;
  Timestamp last_stamp_{};
};

}  // namespace wv::sandbox::visma
