#include "core/sync/order_run.hpp"

#include "core/log.hpp"
#include "core/sync/configured_articles.hpp"
#include "core/sync/field_mapping.hpp"

namespace wv::order_sync_detail {

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

const char* state_for(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::InvoiceDraft:
      return "draft";
    case DocumentKind::Invoice:
      return "invoice";
    case DocumentKind::SalesOrder:
      return "sales-order";
  }
  return "draft";
}

DocumentReference reference_of(const OrdersConfig& orders, const std::string& value) {
  return DocumentReference{orders.reference_field, value};
}

bool item_level(const Error& e) {
  return e.kind == ErrorKind::Rejected || e.kind == ErrorKind::NotFound ||
         e.kind == ErrorKind::Conflict;
}

std::string hint_for(const Error& e) {
  if (e.kind == ErrorKind::Conflict)
    return "a duplicate exists in Visma; resolve it there, then wait for the retry or run "
           "sync-orders --order ID";
  return "fix what the message names in WooCommerce, Visma or the config; woovisma retries "
         "automatically (or run sync-orders --order ID now)";
}

// The per-run machinery, built once the company's settings are known.

std::string Run::reference_for(const Order& order) const {
  return config.shops.size() > 1 ? shop.name + "-" + order.number : order.number;
}

Status Run::prepare() {
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
  return store.read([&](const StoreReader& r) -> Status {
    auto c = r.checkpoint(shop.name, kOrderStream);
    if (!c) return fail(c.error());
    checkpoint = *c;
    return {};
  });
}

Status Run::recover_article(const PendingWrite& p) {
  auto found = articles->find(p.woo_id);
  if (!found) return fail(found.error());
  return store.write([&](StoreWriter& w) -> Status {
    if (*found) {
      if (auto s = w.put_link(
              Link{"", "article", p.woo_id, (*found)->id, (*found)->number, "", clock.now()});
          !s)
        return s;
    }
    return w.erase_pending(p.shop, p.kind, p.woo_id);
  });
}

Status Run::recover_pending() {
  std::vector<PendingWrite> pending;
  if (auto s = store.read([&](const StoreReader& r) -> Status {
        auto p = r.all_pending();
        if (!p) return fail(p.error());
        pending = std::move(*p);
        return {};
      });
      !s) {
    return s;
  }
  for (const auto& p : pending) {
    if (p.kind == "article" && p.shop.empty()) {
      if (auto s = recover_article(p); !s) return s;
      continue;
    }
    if (p.shop != shop.name || (p.kind != "order" && p.kind != "credit")) continue;
    const DocumentKind kind = p.kind == "credit" ? DocumentKind::InvoiceDraft : mapping.kind;
    auto found = accounting.documents_with_reference(kind, reference_of(config.orders, p.reference),
                                                     p.recorded_at - kLookupMargin);
    if (!found) return fail(found.error());
    auto status = store.write([&](StoreWriter& w) -> Status {
      if (!found->empty()) {
        const auto& doc = found->front();
        if (auto s = w.put_link(Link{shop.name, p.kind, p.woo_id, doc.id, doc.number,
                                     state_for(kind), clock.now()});
            !s)
          return s;
      }
      return w.erase_pending(p.shop, p.kind, p.woo_id);
    });
    if (!status) return status;
    if (!found->empty()) {
      ++report.recovered;
      logger().info("{} {} was created in Visma by an interrupted run; linked it", p.kind,
                    p.woo_id);
    }
  }
  return {};
}

}  // namespace wv::order_sync_detail
