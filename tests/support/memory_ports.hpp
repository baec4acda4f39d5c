#pragma once
// In-memory ShopPort and AccountingPort for unit tests of the sync flows: they keep orders,
// articles, customers and documents in maps and can be told to fail a call in the ways the
// network fails (refused, or done but unanswered). Every port method is thread-safe, as the
// engine calls them from several items in flight; a test sets the public members up before a
// run and reads them after it.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sync/ports.hpp"

namespace wv::testing {

class MemoryShop final : public ShopPort {
 public:
  std::map<std::int64_t, Order> orders;
  std::map<std::int64_t, std::vector<Refund>> refund_lists;
  int list_calls = 0;
  /// The `since` of the latest listing.
  std::optional<Timestamp> last_since;

  std::size_t page_size = 100;  ///< orders per listing page
  /// Served with the first page of every listing (a page of their own when no order is listed),
  /// as the shop lists orders the client cannot read.
  std::vector<UnreadableOrder> unreadable;
  /// Called before each page goes to the consumer, with the page's index in its listing (0 for
  /// the first), outside the shop's lock.
  std::function<void(std::size_t page)> before_page;
  /// The ids order() was asked for, in order.
  std::vector<std::int64_t> fetched;

  Status orders_by_page(const std::vector<std::string>& statuses, std::optional<Timestamp> since,
                        const std::function<Status(OrderBatch&&)>& consume) override;
  Result<std::optional<Order>> order(std::int64_t id) override;
  Result<std::vector<Refund>> refunds(std::int64_t order_id) override;

 private:
  std::mutex mutex_;
};

/// How the next call of a kind fails.
enum class Failure { None, Refused, DoneButUnanswered, Transient };

class MemoryAccounting final : public AccountingPort {
 public:
  MemoryAccounting();

  CompanySettings company;
  std::vector<ArticleAccountCoding> codings;
  std::map<std::string, Article> articles;                 ///< by id
  std::map<std::string, AccountingCustomer> customers;     ///< by id
  std::map<std::string, SalesDocument> documents;          ///< by id
  int writes = 0;
  int customer_lookups = 0;  ///< customers_where calls
  /// Create calls by kind ("customer", "document", "article"), refused and failed ones too.
  std::map<std::string, int> create_calls;
  /// Added to the total Visma reports for created documents (0: report none, as drafts in
  /// memory have no computed totals; non-zero simulates Visma rounding otherwise than assumed).
  Decimal misreport_total;
  /// Failures for the next create calls, consumed in order ("customer", "document", "article").
  std::map<std::string, std::vector<Failure>> next_failures;

  /// Adds an article numbered `number` at `vat_percent` (a coding of that rate must exist).
  void add_article(const std::string& number, int vat_percent);
  /// Documents whose reference field equals `reference` (any kind).
  [[nodiscard]] std::vector<SalesDocument> documents_with(const std::string& reference) const;
  /// How many documents Visma holds now (safe while a run is going on).
  [[nodiscard]] std::size_t document_count() const;

  Result<CompanySettings> company_settings() override;
  Result<std::vector<ArticleAccountCoding>> article_account_codings() override;
  Result<std::optional<Article>> article_by_number(const std::string& number) override;
  Result<Article> create_article(const Article& article) override;
  Result<std::vector<AccountingCustomer>> customers_where(CustomerMatchKey key,
                                                          const std::string& value) override;
  Result<AccountingCustomer> create_customer(const AccountingCustomer& customer) override;
  Result<SalesDocument> create_document(const SalesDocument& document) override;
  Result<SalesDocument> convert_draft(const std::string& draft_id) override;
  Result<std::vector<SalesDocument>> documents_with_reference(DocumentKind kind,
                                                              const DocumentReference& reference,
                                                              Timestamp since) override;

 private:
  Failure take_failure(const std::string& what);
  std::string next_id(const char* prefix);
  std::vector<SalesDocument> documents_with_locked(const std::string& reference) const;
  int counter_ = 0;
  mutable std::mutex mutex_;
};

}  // namespace wv::testing
