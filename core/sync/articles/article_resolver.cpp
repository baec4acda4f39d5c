#include "core/sync/articles/article_resolver.hpp"

#include "core/domain/field_limits.hpp"
#include "core/domain/sku.hpp"
#include "core/sync/engine/create_once.hpp"
#include "core/text.hpp"

namespace wv {

ArticleResolver::ArticleResolver(const ArticlesConfig& config, AccountingPort& accounting,
                                 Store& store, const Clock& clock,
                                 std::map<std::string, Decimal> vat_by_coding)
    : config_(config),
      accounting_(accounting),
      store_(store),
      clock_(clock),
      vat_by_coding_(std::move(vat_by_coding)) {}

std::int64_t ArticleResolver::created() const {
  std::lock_guard lock(mutex_);
  return created_;
}

Result<std::optional<ArticleRef>> ArticleResolver::lookup(const std::string& number) {
  auto article = accounting_.article_by_number(number);
  if (!article) return fail(article.error());
  if (!*article || !(*article)->is_active) return std::optional<ArticleRef>{};
  const auto vat = vat_by_coding_.find((*article)->coding_id);
  if (vat == vat_by_coding_.end()) {
    return fail(ErrorKind::Rejected, "article " + number + " has an account coding (" +
                                         (*article)->coding_id + ") that Visma did not list");
  }
  return std::optional(ArticleRef{(*article)->id, (*article)->number, vat->second});
}

Result<std::optional<ArticleRef>> ArticleResolver::find(const std::string& number) {
  {
    std::lock_guard lock(mutex_);
    if (auto hit = cache_.find(number); hit != cache_.end()) return hit->second;
  }
  // One lookup per number, also when several items ask at once.
  auto guard = per_number_.lock(number);
  {
    std::lock_guard lock(mutex_);
    if (auto hit = cache_.find(number); hit != cache_.end()) return hit->second;
  }
  auto found = lookup(number);
  if (!found) return fail(found.error());
  std::lock_guard lock(mutex_);
  return cache_[number] = *found;
}

Result<ArticleRef> ArticleResolver::create(const NewArticle& article) {
  const std::string& number = article.number;
  if (!Sku(number).fits_visma()) {
    return fail(ErrorKind::Rejected, "SKU \"" + number + "\" cannot be a Visma article number "
                                                         "(1 to 40 characters)");
  }
  const auto coding = config_.coding_by_vat.find(article.vat_percent.to_plain_string());
  if (coding == config_.coding_by_vat.end()) {
    return fail(ErrorKind::Config, "articles.coding_by_vat has no account coding for " +
                                       article.vat_percent.to_plain_string() +
                                       " %, needed to create article " + number);
  }
  if (config_.unit_id.empty()) {
    return fail(ErrorKind::Config, "articles.unit_id is not set, needed to create article " + number);
  }
  // An item in flight that needs the same article waits here, then finds it created.
  auto guard = per_number_.lock(number);
  {
    std::lock_guard lock(mutex_);
    if (auto hit = cache_.find(number); hit != cache_.end() && hit->second) return *hit->second;
  }
  Article wanted;
  wanted.number = number;
  wanted.name = utf8_truncate(article.name.empty() ? number : article.name, max_length(ArticleField::Name));
  wanted.coding_id = coding->second;
  wanted.unit_id = config_.unit_id;
  wanted.is_active = true;
  if (article.net_price) {
    // Visma checks that the gross price is the net price plus the coding's VAT.
    wanted.net_price = *article.net_price;
    const Decimal factor =
        (Decimal::from_int(100) + article.vat_percent).divided_by(Decimal::from_int(100), 6);
    wanted.gross_price = wanted.net_price.times(factor, 2);
  }

  const PendingWrite intent{"", EntityKind::Article, number, "", std::nullopt, number, clock_.now()};
  CreateOnceSteps<ArticleRef> steps;
  steps.find_existing = [&](const PendingWrite&) { return lookup(number); };
  steps.create = [&]() -> Result<ArticleRef> {
    auto made = accounting_.create_article(wanted);
    if (!made) return fail(made.error().with_context("creating article " + number));
    return ArticleRef{made->id, made->number, article.vat_percent};
  };
  steps.record = [&](StoreWriter& w, const ArticleRef& a) {
    Link link;
    link.kind = EntityKind::Article;
    link.woo_id = number;
    link.visma_id = a.id;
    link.visma_number = a.number;
    link.linked_at = clock_.now();
    return w.put_link(link);
  };
  auto created = create_once(store_, intent, steps);
  if (!created) return fail(created.error());
  std::lock_guard lock(mutex_);
  if (created->created_now) ++created_;
  cache_[number] = created->object;
  return created->object;
}

engine::IntentOwner ArticleResolver::intent_owner() {
  return engine::IntentOwner{
      [this](const PendingWrite& p) -> Result<std::optional<Link>> {
        auto found = lookup(p.woo_id);
        if (!found) return fail(found.error());
        if (!*found) return std::optional<Link>{};
        Link link;
        link.kind = EntityKind::Article;
        link.woo_id = p.woo_id;
        link.visma_id = (*found)->id;
        link.visma_number = (*found)->number;
        link.linked_at = clock_.now();
        return std::optional(link);
      },
      false};
}

}  // namespace wv
