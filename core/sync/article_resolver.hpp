#pragma once
// Visma articles by number (= SKU) for the rows of a document: looked up once per run and, under
// the create-article policy, created exactly once from the order line.

#include <map>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "core/sync/order_mapping.hpp"
#include "core/sync/ports.hpp"

namespace wv {

class ArticleResolver {
 public:
  /// `vat_by_coding`: article account coding id → VAT percent.
  ArticleResolver(const ArticlesConfig& config, AccountingPort& accounting, Store& store,
                  const Clock& clock, std::map<std::string, Decimal> vat_by_coding);

  /// The active article numbered `number`, or nullopt when Visma has none. Fails with the
  /// port's errors, or Rejected when its account coding is unknown.
  Result<std::optional<ArticleRef>> find(const std::string& number);
  /// Creates the article for `line` at `vat_percent` (once, even across interrupted runs) and
  /// returns it. Fails with Config when articles.unit_id or a coding for the rate is missing.
  Result<ArticleRef> create_for_line(const OrderLine& line, Decimal vat_percent);
  /// How many articles this resolver created.
  [[nodiscard]] std::int64_t created() const { return created_; }

 private:
  Result<std::optional<ArticleRef>> lookup(const std::string& number);

  const ArticlesConfig& config_;
  AccountingPort& accounting_;
  Store& store_;
  const Clock& clock_;
  std::map<std::string, Decimal> vat_by_coding_;
  std::map<std::string, std::optional<ArticleRef>> cache_;
  std::int64_t created_ = 0;
};

}  // namespace wv
