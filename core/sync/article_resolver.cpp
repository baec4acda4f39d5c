#include "core/sync/article_resolver.hpp"

#include "core/domain/field_limits.hpp"
#include "core/sync/create_once.hpp"
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
  if (auto hit = cache_.find(number); hit != cache_.end()) return hit->second;
  auto found = lookup(number);
  if (!found) return fail(found.error());
  return cache_[number] = *found;
}

Result<ArticleRef> ArticleResolver::create_for_line(const OrderLine& line, Decimal vat_percent) {
  const std::string number = line.sku.str();
  if (!line.sku.fits_visma()) {
    return fail(ErrorKind::Rejected, "SKU \"" + number + "\" cannot be a Visma article number "
                                                         "(1 to 40 characters)");
  }
  const auto coding = config_.coding_by_vat.find(vat_percent.to_plain_string());
  if (coding == config_.coding_by_vat.end()) {
    return fail(ErrorKind::Config, "articles.coding_by_vat has no account coding for " +
                                       vat_percent.to_plain_string() + " %, needed to create article " +
                                       number);
  }
  if (config_.unit_id.empty()) {
    return fail(ErrorKind::Config, "articles.unit_id is not set, needed to create article " + number);
  }
  Article wanted;
  wanted.number = number;
  wanted.name = utf8_truncate(line.name.empty() ? number : line.name, max_length(ArticleField::Name));
  wanted.coding_id = coding->second;
  wanted.unit_id = config_.unit_id;
  wanted.is_active = true;
  if (!line.quantity.is_zero()) {
    // The list price before discounts; Visma checks that the gross price is the net price plus
    // the coding's VAT.
    wanted.net_price = line.subtotal.divided_by(line.quantity, 2);
    const Decimal factor = (Decimal::from_int(100) + vat_percent).divided_by(Decimal::from_int(100), 6);
    wanted.gross_price = wanted.net_price.times(factor, 2);
  }

  const PendingWrite intent{"", "article", number, "article", number, clock_.now()};
  CreateOnceSteps<ArticleRef> steps;
  steps.find_existing = [&](const PendingWrite&) { return lookup(number); };
  steps.create = [&]() -> Result<ArticleRef> {
    auto made = accounting_.create_article(wanted);
    if (!made) return fail(made.error().with_context("creating article " + number));
    return ArticleRef{made->id, made->number, vat_percent};
  };
  steps.record = [&](StoreWriter& w, const ArticleRef& a) {
    return w.put_link(Link{"", "article", number, a.id, a.number, "", clock_.now()});
  };
  auto created = create_once(store_, intent, steps);
  if (!created) return fail(created.error());
  if (created->created_now) ++created_;
  cache_[number] = created->object;
  return created->object;
}

}  // namespace wv
