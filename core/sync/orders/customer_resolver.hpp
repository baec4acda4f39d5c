#pragma once
// Finding or creating the Visma customer of an order, exactly once.
//
// The matching key is configurable (orders.customer_match): the billing e-mail, the
// organisation number from an order meta key, the WooCommerce customer id, or one shared
// customer for all guest orders. A known key costs no request (the link is in the store); an
// unknown one is looked up in Visma, and created only when Visma has no such customer.

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "core/sync/engine/in_flight.hpp"
#include "core/sync/engine/intents.hpp"
#include "core/sync/ports.hpp"

namespace wv {

struct ResolvedCustomer {
  std::string id;
  std::string number;
  bool is_private_person = true;
  bool created_now = false;
  bool recovered = false;  ///< found after an interrupted earlier create
  std::string description;  ///< for logs and dry runs: "10023 Anna Svensson"
};

/// How an order is matched to a customer: the store's link key and the accounting lookup.
struct CustomerKey {
  std::string link_key;  ///< "email:anna@example.se", "org:5566778899", "id:2", "shared"
  CustomerMatchKey field = CustomerMatchKey::Email;  ///< what to look the customer up by
  std::string value;
  CurrencyCode currency;  ///< a customer per currency: Visma invoices in the customer's currency
};

/// The key for `order`. Fails with Rejected when the order lacks what the key needs (an
/// e-mail), with Config when shared-guest has no customer number configured.
Result<CustomerKey> customer_key(const Order& order, const OrdersConfig& config,
                                 const CurrencyCode& company_currency);

/// The Visma customer to create for `order` (without id).
Result<AccountingCustomer> customer_from_order(const Order& order, const CustomerKey& key,
                                               const OrdersConfig& config);

/// Thread-safe: orders in flight share one resolver.
class CustomerResolver {
 public:
  CustomerResolver(const OrdersConfig& config, const std::string& shop_name,
                   AccountingPort& accounting, Store& store, const Clock& clock,
                   CurrencyCode company_currency, std::vector<FieldMapping> field_mappings = {});

  /// The customer for `order`, found or (unless `dry_run`) created. Fails with the port's
  /// errors, or Rejected when the order cannot make a valid customer.
  Result<ResolvedCustomer> resolve(const Order& order, bool dry_run);
  /// The owner of customer intents, for the run's IntentRecovery: finds the customer by the
  /// match key the intent recorded (the order that needed it is retried by its own record).
  engine::IntentOwner intent_owner();

 private:
  Result<std::optional<ResolvedCustomer>> find_remote(const CustomerKey& key);

  const OrdersConfig& config_;
  std::string shop_;
  AccountingPort& accounting_;
  Store& store_;
  const Clock& clock_;
  CurrencyCode company_currency_;
  std::vector<FieldMapping> field_mappings_;
  std::optional<ResolvedCustomer> cached(const std::string& link_key) const;
  ResolvedCustomer remember(const std::string& link_key, ResolvedCustomer customer);

  mutable std::mutex mutex_;  ///< guards cache_
  std::map<std::string, ResolvedCustomer> cache_;
  engine::KeyedLocks per_key_;
};

}  // namespace wv
