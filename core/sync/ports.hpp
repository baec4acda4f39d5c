#pragma once
// What the sync flows need from the two systems, as two small role interfaces. The connectors'
// adapters implement them over the WooCommerce and Visma clients; tests can implement them in
// memory. Every method fails with the kinds the clients use: Transient (no answer; `ambiguous`
// when a write may have happened), Auth, Rejected (the remote refused, with its reason), Config.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/accounting.hpp"
#include "core/domain/accounting_fields.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv {

/// A shop order that could not be read, with the reason.
struct UnreadableOrder {
  std::int64_t id = 0;  ///< 0 when even the id could not be read
  Error error;
};

/// One page of a listing of orders.
struct OrderBatch {
  std::vector<Order> orders;  ///< sorted by date_modified, then id
  std::vector<UnreadableOrder> unreadable;
};

class ShopPort {
 public:
  virtual ~ShopPort() = default;
  /// Orders with one of `statuses` (all statuses when empty) modified after `since` (all when
  /// nullopt), oldest first, passed to `consume` a page at a time so that memory stays flat
  /// whatever the backlog. Returns consume's first error as it is, or the shop's when a page
  /// cannot be read.
  virtual Status orders_by_page(const std::vector<std::string>& statuses,
                                std::optional<Timestamp> since,
                                const std::function<Status(OrderBatch&&)>& consume) = 0;
  /// The order `id`, or nullopt when the shop has none.
  virtual Result<std::optional<Order>> order(std::int64_t id) = 0;
  /// The refunds of order `id`, oldest first.
  virtual Result<std::vector<Refund>> refunds(std::int64_t order_id) = 0;
};

/// Which document field carries the reference that finds a document again, and its value.
struct DocumentReference {
  DocumentReferenceField field = DocumentReferenceField::BuyerReference;
  std::string value;
};

class AccountingPort {
 public:
  virtual ~AccountingPort() = default;
  virtual Result<CompanySettings> company_settings() = 0;
  virtual Result<std::vector<ArticleAccountCoding>> article_account_codings() = 0;
  /// The article with number `number`, or nullopt.
  virtual Result<std::optional<Article>> article_by_number(const std::string& number) = 0;
  /// Creates the article; returns it with its id. Not idempotent.
  virtual Result<Article> create_article(const Article& article) = 0;
  /// Customers whose `key` (e-mail, organisation number, customer number) equals `value`;
  /// empty when none.
  virtual Result<std::vector<AccountingCustomer>> customers_where(CustomerMatchKey key,
                                                                  const std::string& value) = 0;
  /// Creates the customer; returns it with its id and number. Not idempotent.
  virtual Result<AccountingCustomer> create_customer(const AccountingCustomer& customer) = 0;
  /// Creates a draft, an invoice or a sales order (by document.kind); returns it as stored.
  /// Not idempotent.
  virtual Result<SalesDocument> create_document(const SalesDocument& document) = 0;
  /// Turns invoice draft `draft_id` into an invoice; returns the invoice. NotFound when the
  /// draft no longer exists.
  virtual Result<SalesDocument> convert_draft(const std::string& draft_id) = 0;
  /// Documents of `kind` created or changed after `since` whose reference field equals the
  /// reference: what finds a document whose creation went unanswered.
  virtual Result<std::vector<SalesDocument>> documents_with_reference(DocumentKind kind,
                                                                      const DocumentReference& reference,
                                                                      Timestamp since) = 0;
};

}  // namespace wv
