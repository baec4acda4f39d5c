#pragma once
// Inside sync-orders (not an interface of its own): what a run needs before its first order,
// resolved once from the config and the Visma company: settings, account codings, the
// configured articles, the customer and article resolvers, and the owners of the flow's intents.

#include <chrono>
#include <memory>
#include <string>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "core/sync/articles/article_resolver.hpp"
#include "core/sync/engine/intents.hpp"
#include "core/sync/orders/customer_resolver.hpp"
#include "core/sync/orders/order_mapping.hpp"
#include "core/sync/ports.hpp"

namespace wv::orders {

/// How far before an intent was recorded the lookup for its document starts.
constexpr std::chrono::minutes kLookupMargin{15};

/// The kind of document a target creates first (an invoice starts as a draft).
DocumentKind kind_for(DocumentTarget target);
DocumentReference reference_of(const OrdersConfig& orders, const std::string& value);

struct OrderSetup {
  const Config& config;
  const ShopConfig& shop;
  AccountingPort& accounting;
  Store& store;
  const Clock& clock;
  CompanySettings company;
  OrderMappingSettings mapping;
  std::unique_ptr<ArticleResolver> articles;
  std::unique_ptr<CustomerResolver> customers;

  /// Reads the company, the codings and the configured articles. Fails with Config when the
  /// config does not fit the company or the flow, else with the port's errors.
  Status prepare();
  /// The document reference of an order: its number, prefixed by the shop when there are several.
  [[nodiscard]] std::string reference_for(const Order& order) const;
  /// Registers the owners of this flow's intents: documents of orders and refunds, customers,
  /// articles.
  void own_intents(engine::IntentRecovery& intents);

};

}  // namespace wv::orders
