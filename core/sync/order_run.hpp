#pragma once
// Inside sync-orders (not an interface of its own): the state of one run, built once the
// company's settings are known, and the handling of single orders. order_sync.cpp drives them.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/sync/article_resolver.hpp"
#include "core/sync/customer_resolver.hpp"
#include "core/sync/order_mapping.hpp"
#include "core/sync/order_sync.hpp"

namespace wv::order_sync_detail {

/// How far before an intent was recorded the lookup for its document starts.
constexpr std::chrono::minutes kLookupMargin{15};

/// The kind of document a target creates first (an invoice starts as a draft).
DocumentKind kind_for(DocumentTarget target);
/// The link state naming a document kind ("draft", "invoice", "sales-order").
const char* state_for(DocumentKind kind);
DocumentReference reference_of(const OrdersConfig& orders, const std::string& value);
/// True for failures of one item (recorded and retried) rather than of the run.
bool item_level(const Error& e);
/// What an operator can do about an item-level failure.
std::string hint_for(const Error& e);

/// One run of sync-orders for one shop.
struct Run {
  const Config& config;
  const ShopConfig& shop;
  ShopPort& shop_port;
  AccountingPort& accounting;
  Store& store;
  const Clock& clock;
  const OrderSyncOptions& options;
  OrderSyncReport report;
  CompanySettings company;
  OrderMappingSettings mapping;
  std::unique_ptr<ArticleResolver> articles;
  std::unique_ptr<CustomerResolver> customers;
  std::optional<Checkpoint> checkpoint;

  /// The document reference of `order`: its number, prefixed by the shop when there are several.
  std::string reference_for(const Order& order) const;
  /// Reads the company, the codings and the configured articles, and the checkpoint. Fails with
  /// Config when the config does not fit the company, else with the port's or store's errors.
  Status prepare();
  /// Links documents, credits and articles that an interrupted run created; forgets the rest.
  Status recover_pending();
  /// An article whose create lost its answer is found and linked, else forgotten.
  Status recover_article(const PendingWrite& p);
};

/// Handles one order of the run: transfers it, credits its refunds, reports what needs a person,
/// or records its failure. Fails only when the run must stop (a remote system or the store failed).
Status handle_order(Run& run, const Order& order);

}  // namespace wv::order_sync_detail
