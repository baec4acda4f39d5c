#include "core/sync/orders/order_setup.hpp"

#include "core/sync/orders/configured_articles.hpp"
#include "core/sync/field_mapping.hpp"

namespace wv::orders {

DocumentKind kind_for(DocumentTarget target) {
  switch (target) {
    case DocumentTarget::SalesOrder:
      return DocumentKind::SalesOrder;
    case DocumentTarget::InvoiceDraft:
    case DocumentTarget::Invoice:
      return DocumentKind::InvoiceDraft;
  }
  return DocumentKind::InvoiceDraft;
}

DocumentReference reference_of(const OrdersConfig& orders, const std::string& value) {
  return DocumentReference{orders.reference_field, value};
}

std::string OrderSetup::reference_for(const Order& order) const {
  return config.shops.size() > 1 ? shop.name + "-" + order.number : order.number;
}

Status OrderSetup::prepare() {
  if (config.flow == Flow::Erp && config.orders.missing_sku == MissingSkuPolicy::CreateArticle) {
    return fail(ErrorKind::Config,
                "orders.missing_sku = \"create-article\" does not fit flow "
                "\"erp\", where Visma owns the articles; use \"fail\" or \"text-row\"");
  }
  if (auto s = validate_field_mappings(config.field_mappings, config.orders); !s) return s;
  auto settings = accounting.company_settings();
  if (!settings) return fail(settings.error());
  company = std::move(*settings);
  auto codings = accounting.article_account_codings();
  if (!codings) return fail(codings.error());
  std::map<std::string, Decimal> vat_by_coding;
  for (const auto& c : *codings) vat_by_coding[c.id] = c.vat_rate_percent;
  articles =
      std::make_unique<ArticleResolver>(config.articles, accounting, store, clock, vat_by_coding);
  const CurrencyCode currency = company.currency_code.empty() ? "SEK" : company.currency_code;
  customers = std::make_unique<CustomerResolver>(config.orders, shop.name, accounting, store, clock,
                                                 currency, config.field_mappings);

  const auto& o = config.orders;
  mapping.kind = kind_for(o.target);
  mapping.document_date = o.document_date;
  mapping.discounts = o.discounts;
  mapping.missing_sku = o.missing_sku;
  mapping.reference_field = o.reference_field;
  mapping.copy_customer_note = o.copy_customer_note;
  mapping.copy_payment_method = o.copy_payment_method;
  mapping.cost_center_item_id = shop.cost_center_item_id;
  mapping.company_currency = currency;
  auto configured = resolve_configured_articles(o, *articles);
  if (!configured) return fail(configured.error());
  if (auto problem = configured->first_problem()) return fail(*problem);
  mapping.shipping_articles = std::move(configured->shipping);
  mapping.fee_articles = std::move(configured->fee);
  mapping.discount_articles = std::move(configured->discount);
  mapping.generic_articles = std::move(configured->generic);
  mapping.rounding_article = configured->rounding;
  return {};
}

void OrderSetup::own_intents(engine::IntentRecovery& intents) {
  // A document whose create went unanswered is found by its reference; one that is certainly
  // absent makes its order (or refund) due again, so the retry creates it.
  auto documents = [this](DocumentKind kind) {
    return engine::IntentOwner{
        [this, kind](const PendingWrite& p) -> Result<std::optional<Link>> {
          auto found = accounting.documents_with_reference(
              kind, reference_of(config.orders, p.reference), p.recorded_at - kLookupMargin);
          if (!found) return fail(found.error());
          if (found->empty()) return std::optional<Link>{};
          const auto& doc = found->front();
          Link link;
          link.shop = p.shop;
          link.kind = p.kind;
          link.woo_id = p.woo_id;
          link.visma_id = doc.id;
          link.visma_number = doc.number;
          link.document = kind;
          link.linked_at = clock.now();
          return std::optional(link);
        },
        true};
  };
  intents.own(EntityKind::Order, documents(mapping.kind));
  intents.own(EntityKind::Refund, documents(DocumentKind::InvoiceDraft));
  intents.own(EntityKind::Customer, customers->intent_owner());
  intents.own(EntityKind::Article, articles->intent_owner());
}

}  // namespace wv::orders
