#pragma once
// The articles the orders config names for shipping, fees, discounts, unknown SKUs and öre
// rounding: each must exist in Visma, be active, have an account coding Visma lists, and carry
// the VAT of the rate it is configured for (the rounding article none). sync-orders needs them
// before it maps an order; `woovisma check` reports each one. Both ask here, so they agree.

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/sync/articles/article_resolver.hpp"
#include "core/sync/orders/order_mapping.hpp"

namespace wv {

/// One configured article and what became of it.
struct ConfiguredArticle {
  std::string key;     ///< the config key naming it: "orders.shipping_articles.25"
  std::string number;  ///< the article number the key gives
  std::optional<ArticleRef> article;  ///< set when usable
  std::optional<Error> problem;       ///< set when not, saying why and what to fix
};

struct ConfiguredArticles {
  ArticlesByVat shipping;
  ArticlesByVat fee;
  ArticlesByVat discount;
  ArticlesByVat generic;
  std::optional<ArticleRef> rounding;  ///< nullopt when none is configured (or it has a problem)
  /// Every configured article in the order above, resolved or with its problem.
  std::vector<ConfiguredArticle> checked;

  /// The first problem, or nullopt when every configured article resolved.
  [[nodiscard]] std::optional<Error> first_problem() const;
};

/// Resolves the configured articles of `orders` through `articles`. Returns each one resolved
/// or with its problem: Config when Visma has no such active article or its VAT differs from
/// its rate, Rejected when its account coding is one Visma did not list. Fails only when asking
/// Visma fails (the port's Transient, Auth, ...), with the first such error.
Result<ConfiguredArticles> resolve_configured_articles(const OrdersConfig& orders, ArticleResolver& articles);

}  // namespace wv
