#include "core/sync/orders/configured_articles.hpp"

#include <map>
#include <tuple>

namespace wv {
namespace {

// The article numbered `number`, configured by `key` for VAT `rate` ("default": any rate), into
// `out`. Fails only when Visma could not be asked.
Status check_one(ArticleResolver& articles, const std::string& key, const std::string& rate,
                 const std::string& number, ConfiguredArticle& out) {
  out.key = key;
  out.number = number;
  auto found = articles.find(number);
  if (!found) {
    // An account coding Visma did not list is a fault of this article, not of the connection.
    if (found.error().kind != ErrorKind::Rejected) return fail(found.error());
    out.problem = found.error();
    return {};
  }
  if (!*found) {
    out.problem = Error(ErrorKind::Config, key + " names article " + number +
                                               ", which Visma does not have (or is inactive); create it or fix "
                                               "the config");
    return {};
  }
  const std::string vat = (*found)->vat_percent.to_plain_string();
  if (rate != "default" && vat != rate) {
    out.problem = Error(ErrorKind::Config, key + " names article " + number + ", which has " + vat +
                                               " % VAT, not " + rate + " %; fix its account coding or the config");
    return {};
  }
  out.article = **found;
  return {};
}

Status check_table(ArticleResolver& articles, const std::map<std::string, std::string>& numbers,
                   const std::string& key, ArticlesByVat& resolved, std::vector<ConfiguredArticle>& checked) {
  for (const auto& [rate, number] : numbers) {
    ConfiguredArticle one;
    if (auto s = check_one(articles, key + "." + rate, rate, number, one); !s) return s;
    if (one.article) resolved[rate] = *one.article;
    checked.push_back(std::move(one));
  }
  return {};
}

}  // namespace

std::optional<Error> ConfiguredArticles::first_problem() const {
  for (const auto& c : checked) {
    if (c.problem) return c.problem;
  }
  return std::nullopt;
}

Result<ConfiguredArticles> resolve_configured_articles(const OrdersConfig& orders, ArticleResolver& articles) {
  ConfiguredArticles out;
  for (const auto& [numbers, key, resolved] :
       {std::tuple{&orders.shipping_articles, "orders.shipping_articles", &out.shipping},
        std::tuple{&orders.fee_articles, "orders.fee_articles", &out.fee},
        std::tuple{&orders.discount_articles, "orders.discount_articles", &out.discount},
        std::tuple{&orders.generic_articles, "orders.generic_articles", &out.generic}}) {
    if (auto s = check_table(articles, *numbers, key, *resolved, out.checked); !s) return fail(s.error());
  }
  if (!orders.rounding_article.empty()) {
    // Rounding rows carry no VAT, so the article must be VAT-free.
    ConfiguredArticle one;
    if (auto s = check_one(articles, "orders.rounding_article", "0", orders.rounding_article, one); !s) {
      return fail(s.error());
    }
    out.rounding = one.article;
    out.checked.push_back(std::move(one));
  }
  return out;
}

}  // namespace wv
