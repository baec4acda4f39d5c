#pragma once
// Visma articles by number (= SKU), for every flow that needs one: looked up once per run and
// created exactly once, also across interrupted runs and across items in flight (an item whose
// article is being created by another waits for it). Owns the recovery of article intents.
//
// Thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "core/sync/articles/article_ref.hpp"
#include "core/sync/engine/in_flight.hpp"
#include "core/sync/engine/intents.hpp"
#include "core/sync/ports.hpp"

namespace wv {

/// An article to create when Visma has none with its number.
struct NewArticle {
  std::string number;
  std::string name;         ///< cut to Visma's length by the resolver
  Decimal vat_percent;      ///< picks the account coding (articles.coding_by_vat)
  std::optional<Decimal> net_price;  ///< the list price excl. VAT, when known
};

class ArticleResolver {
 public:
  /// `vat_by_coding`: article account coding id → VAT percent. Keeps references to the rest.
  ArticleResolver(const ArticlesConfig& config, AccountingPort& accounting, Store& store,
                  const Clock& clock, std::map<std::string, Decimal> vat_by_coding);

  /// The active article numbered `number`, or nullopt when Visma has none (or only an inactive
  /// one). Fails with the port's errors, or Rejected when its account coding is unknown.
  Result<std::optional<ArticleRef>> find(const std::string& number);
  /// Creates the article (once, even across interrupted runs) and returns it. Fails with
  /// Rejected when the number cannot be a Visma article number, with Config when
  /// articles.unit_id or a coding for the rate is missing, else with the port's errors.
  Result<ArticleRef> create(const NewArticle& article);
  /// How many articles this resolver created.
  [[nodiscard]] std::int64_t created() const;

  /// The owner of article intents, for the run's IntentRecovery: finds the article by number.
  engine::IntentOwner intent_owner();

 private:
  Result<std::optional<ArticleRef>> lookup(const std::string& number);

  const ArticlesConfig& config_;
  AccountingPort& accounting_;
  Store& store_;
  const Clock& clock_;
  const std::map<std::string, Decimal> vat_by_coding_;
  mutable std::mutex mutex_;  ///< guards cache_ and created_
  std::map<std::string, std::optional<ArticleRef>> cache_;
  std::int64_t created_ = 0;
  engine::KeyedLocks per_number_;
};

}  // namespace wv
