#include "core/sync/order_sync.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/log.hpp"
#include "core/sync/article_resolver.hpp"
#include "core/sync/create_once.hpp"
#include "core/sync/customer_resolver.hpp"
#include "core/sync/field_mapping.hpp"
#include "core/sync/order_mapping.hpp"
#include "core/sync/refund_mapping.hpp"

namespace wv {
namespace {

constexpr std::chrono::minutes kLookupMargin{15};

DocumentKind kind_for(DocumentTarget target) {
  switch (target) {
    case DocumentTarget::SalesOrder: return DocumentKind::SalesOrder;
    case DocumentTarget::InvoiceDraft:
    case DocumentTarget::Invoice: return DocumentKind::InvoiceDraft;
  }
  return DocumentKind::InvoiceDraft;
}

const char* state_for(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::InvoiceDraft: return "draft";
    case DocumentKind::Invoice: return "invoice";
    case DocumentKind::SalesOrder: return "sales-order";
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
  if (e.kind == ErrorKind::Conflict) return "a duplicate exists in Visma; resolve it there, then wait for the retry or run sync-orders --order ID";
  return "fix what the message names in WooCommerce, Visma or the config; woovisma retries "
         "automatically (or run sync-orders --order ID now)";
}

// The per-run machinery, built once the company's settings are known.
struct Run {
  const Config& config;
  const ShopConfig& shop;
  ShopPort& shop_port;
  AccountingPort& accounting;
  Store& store;
  const Clock& clock;
  const OrderSyncOptions& options;
  OrderSyncReport report;
  CompanySettings company;
  OrderMappingSettings mapping;
  std::unique_ptr<ArticleResolver> articles;
  std::unique_ptr<CustomerResolver> customers;
  std::optional<Checkpoint> checkpoint;

  std::string reference_for(const Order& order) const {
    return config.shops.size() > 1 ? shop.name + "-" + order.number : order.number;
  }

  Status prepare() {
    if (config.flow == Flow::Erp && config.orders.missing_sku == MissingSkuPolicy::CreateArticle) {
      return fail(ErrorKind::Config, "orders.missing_sku = \"create-article\" does not fit flow "
                                     "\"erp\", where Visma owns the articles; use \"fail\" or \"text-row\"");
    }
    if (auto s = validate_field_mappings(config.field_mappings); !s) return s;
    for (const auto& m : config.field_mappings) {
      if (m.entity == "order" && m.to == config.orders.reference_field) {
        return fail(ErrorKind::Config, "a field_mapping writes " + m.to +
                                           ", which carries the order number (orders.reference_field) that finds "
                                           "documents again; map into another field");
      }
    }
    auto settings = accounting.company_settings();
    if (!settings) return fail(settings.error());
    company = std::move(*settings);
    auto codings = accounting.article_account_codings();
    if (!codings) return fail(codings.error());
    std::map<std::string, Decimal> vat_by_coding;
    for (const auto& c : *codings) vat_by_coding[c.id] = c.vat_rate_percent;
    articles = std::make_unique<ArticleResolver>(config.articles, accounting, store, clock, vat_by_coding);
    const CurrencyCode currency = company.currency_code.empty() ? "SEK" : company.currency_code;
    customers = std::make_unique<CustomerResolver>(config.orders, shop.name, accounting, store, clock, currency,
                                                   config.field_mappings);

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
    if (auto s = resolve_table(o.shipping_articles, "orders.shipping_articles", mapping.shipping_articles); !s) return s;
    if (auto s = resolve_table(o.fee_articles, "orders.fee_articles", mapping.fee_articles); !s) return s;
    if (auto s = resolve_table(o.discount_articles, "orders.discount_articles", mapping.discount_articles); !s) return s;
    if (auto s = resolve_table(o.generic_articles, "orders.generic_articles", mapping.generic_articles); !s) return s;
    if (!o.rounding_article.empty()) {
      auto a = configured_article(o.rounding_article, "orders.rounding_article");
      if (!a) return fail(a.error());
      mapping.rounding_article = *a;
    }
    return store.read([&](const StoreReader& r) -> Status {
      auto c = r.checkpoint(shop.name, kOrderStream);
      if (!c) return fail(c.error());
      checkpoint = *c;
      return {};
    });
  }

  Result<ArticleRef> configured_article(const std::string& number, const std::string& key) {
    auto a = articles->find(number);
    if (!a) return fail(a.error());
    if (!*a) {
      return fail(ErrorKind::Config, key + " names article " + number +
                                         ", which Visma does not have (or is inactive); create it or fix the config");
    }
    return **a;
  }

  Status resolve_table(const std::map<std::string, std::string>& numbers, const std::string& key,
                       ArticlesByVat& out) {
    for (const auto& [rate, number] : numbers) {
      auto a = configured_article(number, key + "." + rate);
      if (!a) return fail(a.error());
      out[rate] = *a;
    }
    return {};
  }

  // An article whose create lost its answer is found and linked, else forgotten. Without this
  // the intent would stay: a later lookup finds the article and never passes create_once.
  Status recover_article(const PendingWrite& p) {
    auto found = articles->find(p.woo_id);
    if (!found) return fail(found.error());
    return store.write([&](StoreWriter& w) -> Status {
      if (*found) {
        if (auto s = w.put_link(Link{"", "article", p.woo_id, (*found)->id, (*found)->number, "", clock.now()}); !s) return s;
      }
      return w.erase_pending(p.shop, p.kind, p.woo_id);
    });
  }

  // Documents created before an interruption are found and linked; the rest are forgotten.
  Status recover_pending() {
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
          if (auto s = w.put_link(Link{shop.name, p.kind, p.woo_id, doc.id, doc.number, state_for(kind), clock.now()}); !s) return s;
        }
        return w.erase_pending(p.shop, p.kind, p.woo_id);
      });
      if (!status) return status;
      if (!found->empty()) {
        ++report.recovered;
        logger().info("{} {} was created in Visma by an interrupted run; linked it", p.kind, p.woo_id);
      }
    }
    return {};
  }
};

}  // namespace

Timestamp next_attempt_after(Timestamp failed_at, int attempts, std::chrono::seconds base) {
  const std::chrono::seconds day{86400};
  auto wait = base;
  for (int i = 1; i < attempts && wait < day; ++i) wait *= 2;
  return failed_at + std::min(wait, day);
}

OrderSync::OrderSync(const Config& config, const ShopConfig& shop, ShopPort& shop_port,
                     AccountingPort& accounting, Store& store, const Clock& clock)
    : config_(config), shop_(shop), shop_port_(shop_port), accounting_(accounting), store_(store), clock_(clock) {}

}  // namespace wv

namespace wv {
namespace {

// Processing of single orders, split from Run's setup above for readability.
class OrderHandler {
 public:
  explicit OrderHandler(Run& run) : r_(run) {}

  /// Handles one order. Returns an error only when the run must stop.
  Status handle(const Order& order) {
    auto link = read_link("order", std::to_string(order.id));
    if (!link) return fail(link.error());
    if (*link) return handle_transferred(order, **link);
    const auto& triggers = r_.config.orders.trigger_statuses;
    const bool triggered = std::find(triggers.begin(), triggers.end(), order.status) != triggers.end();
    if (!triggered && !r_.options.only_order) {
      ++r_.report.skipped_status;
      return {};
    }
    if (!r_.options.only_order) {
      auto failed = read_failed("order", std::to_string(order.id));
      if (!failed) return fail(failed.error());
      if (*failed && (*failed)->next_attempt > r_.clock.now()) {
        ++r_.report.waiting_retry;
        return {};
      }
    }
    return settle("order", std::to_string(order.id), transfer(order));
  }

 private:
  // Item-level failures are recorded and the run goes on; others stop it.
  Status settle(const std::string& kind, const std::string& id, Status outcome) {
    if (outcome) {
      if (r_.options.dry_run) return {};
      // A read costs no disk sync; only an item that had failed needs a write.
      auto earlier = read_failed(kind, id);
      if (!earlier) return fail(earlier.error());
      if (!*earlier) return {};
      return r_.store.write([&](StoreWriter& w) { return w.erase_failed(r_.shop.name, kind, id); });
    }
    if (!item_level(outcome.error())) return outcome;
    ++r_.report.failed;
    logger().warn("{} {}: {}", kind, id, outcome.error().message);
    if (r_.options.dry_run) return {};
    return r_.store.write([&](StoreWriter& w) -> Status {
      auto earlier = w.failed(r_.shop.name, kind, id);
      if (!earlier) return fail(earlier.error());
      FailedItem item;
      item.shop = r_.shop.name;
      item.kind = kind;
      item.woo_id = id;
      const Timestamp now = r_.clock.now();
      item.attempts = *earlier ? (*earlier)->attempts + 1 : 1;
      item.first_failed = *earlier ? (*earlier)->first_failed : now;
      item.last_failed = now;
      item.last_error = outcome.error().message;
      item.error_kind = to_string(outcome.error().kind);
      item.hint = hint_for(outcome.error());
      item.next_attempt = next_attempt_after(now, item.attempts, r_.config.orders.retry_base);
      return w.put_failed(item);
    });
  }

  Result<std::optional<Link>> read_link(const std::string& kind, const std::string& id) {
    std::optional<Link> link;
    auto s = r_.store.read([&](const StoreReader& rd) -> Status {
      auto l = rd.link_by_woo(r_.shop.name, kind, id);
      if (!l) return fail(l.error());
      link = *l;
      return {};
    });
    if (!s) return fail(s.error());
    return link;
  }

  Result<std::optional<FailedItem>> read_failed(const std::string& kind, const std::string& id) {
    std::optional<FailedItem> item;
    auto s = r_.store.read([&](const StoreReader& rd) -> Status {
      auto f = rd.failed(r_.shop.name, kind, id);
      if (!f) return fail(f.error());
      item = *f;
      return {};
    });
    if (!s) return fail(s.error());
    return item;
  }

  Status handle_transferred(const Order& order, const Link& link) {
    ++r_.report.already;
    if (link.state == "draft" && r_.config.orders.target == DocumentTarget::Invoice) {
      return settle("order", std::to_string(order.id), convert(order, link));
    }
    if ((order.status == "cancelled" || order.status == "refunded" || order.status == "failed") &&
        link.state.find("+reported") == std::string::npos) {
      const std::string notice = "order " + order.number + " was " + order.status + " after it became Visma " +
                                 (link.state.empty() ? "document" : link.state) + " " +
                                 (link.visma_number.empty() ? link.visma_id : link.visma_number) +
                                 "; credit or void it in Visma if needed";
      r_.report.notices.push_back(notice);
      logger().warn("{}", notice);
      if (!r_.options.dry_run) {
        Link marked = link;
        marked.state += "+reported";
        if (auto s = r_.store.write([&](StoreWriter& w) -> Status {
              if (auto p = w.put_link(marked); !p) return p;
              FailedItem item{r_.shop.name, "order-after-transfer", std::to_string(order.id), 1, notice,
                              "attention", "credit or void the Visma document by hand, then run "
                              "`woovisma status` again; this notice stays until you act",
                              r_.clock.now(), r_.clock.now(), Timestamp::max()};
              return w.put_failed(item);
            });
            !s) {
          return s;
        }
      }
    }
    if (!order.refunds.empty()) return credit_refunds(order, link);
    return {};
  }

  Status credit_refunds(const Order& order, const Link& order_link) {
    std::vector<const RefundSummary*> open;
    for (const auto& summary : order.refunds) {
      auto credited = read_link("credit", std::to_string(summary.id));
      if (!credited) return fail(credited.error());
      if (!*credited) open.push_back(&summary);
    }
    if (open.empty()) return {};
    if (r_.config.orders.refunds == RefundPolicy::Report) {
      for (const auto* summary : open) {
        const std::string id = std::to_string(summary->id);
        auto reported = read_failed("refund", id);
        if (!reported) return fail(reported.error());
        if (*reported) continue;
        const std::string notice = "order " + order.number + " (Visma " +
                                   (order_link.visma_number.empty() ? order_link.visma_id : order_link.visma_number) +
                                   ") has refund " + id + " of " + summary->total.abs().to_string(2) + " " +
                                   order.currency + " not credited in Visma";
        r_.report.notices.push_back(notice);
        if (r_.options.dry_run) continue;
        if (auto s = r_.store.write([&](StoreWriter& w) {
              return w.put_failed(FailedItem{r_.shop.name, "refund", id, 1, notice, "attention",
                                             "credit it in Visma by hand, or set orders.refunds = \"credit\"",
                                             r_.clock.now(), r_.clock.now(), Timestamp::max()});
            });
            !s) {
          return s;
        }
      }
      return {};
    }
    auto refunds = r_.shop_port.refunds(order.id);
    if (!refunds) return fail(refunds.error());
    for (const auto& refund : *refunds) {
      const std::string id = std::to_string(refund.id);
      auto credited = read_link("credit", id);
      if (!credited) return fail(credited.error());
      if (*credited) continue;
      if (auto s = settle("refund", id, credit(order, refund)); !s) return s;
    }
    return {};
  }

  Status credit(const Order& order, const Refund& refund) {
    auto as_order = refund_as_order(order, refund);
    if (!as_order) return fail(as_order.error());
    as_order->number = order.number;
    auto doc = map_for(*as_order, DocumentKind::InvoiceDraft);
    if (!doc) return fail(doc.error());
    doc->document.is_credit_invoice = true;
    const std::string reference = r_.reference_for(order) + " kredit " + std::to_string(refund.id);
    set_reference(doc->document, reference);
    if (r_.options.dry_run) {
      r_.report.planned.push_back({order.id, order.number + " (refund " + std::to_string(refund.id) + ")",
                                   doc->customer, doc->document, as_order->total, doc->expected.vat_by_rate});
      return {};
    }
    auto created = create_document("credit", std::to_string(refund.id), reference, doc->document);
    if (!created) return fail(created.error());
    if (created->created_now) ++r_.report.credited;
    return {};
  }

  struct Prepared {
    SalesDocument document;
    DocumentTotals expected;
    std::string customer;
  };

  Result<Prepared> map_for(const Order& order, DocumentKind kind) {
    auto customer = r_.customers->resolve(order, r_.options.dry_run);
    if (!customer) return fail(customer.error());
    if (customer->created_now) ++r_.report.customers_created;
    std::map<std::string, ArticleRef> found;
    for (const auto& line : order.lines) {
      if (line.sku.empty() || found.contains(line.sku.str())) continue;
      auto article = r_.articles->find(line.sku.str());
      if (!article) return fail(article.error());
      if (*article) {
        found[line.sku.str()] = **article;
        continue;
      }
      if (r_.config.orders.missing_sku != MissingSkuPolicy::CreateArticle) continue;
      const auto vat = line_vat(order, line);
      if (r_.options.dry_run) {
        found[line.sku.str()] = ArticleRef{"(new)", line.sku.str(), vat};
        continue;
      }
      auto created = r_.articles->create_for_line(line, vat);
      if (!created) return fail(created.error());
      found[line.sku.str()] = *created;
    }
    r_.report.articles_created = r_.articles->created();
    OrderMappingInput input;
    input.customer_id = customer->id;
    input.includes_vat = customer->is_private_person && !r_.company.show_prices_excl_vat_for_private;
    input.find_article = [&](const std::string& number) -> std::optional<ArticleRef> {
      auto it = found.find(number);
      return it == found.end() ? std::nullopt : std::optional(it->second);
    };
    OrderMappingSettings settings = r_.mapping;
    settings.kind = kind;
    auto mapped = map_order(order, input, settings);
    if (!mapped) return fail(mapped.error());
    if (kind == DocumentKind::SalesOrder) {
      mapped->document.order_status = static_cast<SalesOrderStatus>(r_.config.orders.sales_order_status);
    }
    for (const auto& note : mapped->notes) logger().debug("order {}: {}", order.number, note);
    return Prepared{std::move(mapped->document), std::move(mapped->expected), customer->description};
  }

  static Decimal line_vat(const Order& order, const OrderLine& line) {
    for (const auto& tax : line.taxes) {
      for (const auto& t : order.tax_lines) {
        if (t.rate_id == tax.rate_id) return t.rate.percent;
      }
    }
    return {};
  }

  void set_reference(SalesDocument& doc, const std::string& reference) const {
    const auto& field = r_.config.orders.reference_field;
    if (field == "OurReference") {
      doc.our_reference = reference;
    } else if (field == "BuyersOrderReference") {
      doc.buyers_order_reference = reference;
    } else if (field == "ElectronicReference") {
      doc.electronic_reference = reference;
    } else {
      doc.your_reference = reference;
    }
  }

  Result<Created<SalesDocument>> create_document(const std::string& kind, const std::string& woo_id,
                                                 const std::string& reference, const SalesDocument& doc) {
    const PendingWrite intent{r_.shop.name, kind, woo_id, state_for(doc.kind), reference, r_.clock.now()};
    CreateOnceSteps<SalesDocument> steps;
    steps.find_existing = [&](const PendingWrite& earlier) -> Result<std::optional<SalesDocument>> {
      auto found = r_.accounting.documents_with_reference(
          doc.kind, reference_of(r_.config.orders, earlier.reference), earlier.recorded_at - kLookupMargin);
      if (!found) return fail(found.error());
      for (auto& d : *found) {
        if (d.customer_id == doc.customer_id || d.customer_id.empty()) return std::optional(std::move(d));
      }
      return std::optional<SalesDocument>{};
    };
    steps.create = [&]() { return r_.accounting.create_document(doc); };
    steps.record = [&](StoreWriter& w, const SalesDocument& made) {
      return w.put_link(Link{r_.shop.name, kind, woo_id, made.id, made.number, state_for(made.kind), r_.clock.now()});
    };
    auto created = create_once(r_.store, intent, steps);
    if (created && created->recovered) ++r_.report.recovered;
    return created;
  }

  Status transfer(const Order& order) {
    auto prepared = map_for(order, r_.mapping.kind);
    if (!prepared) return fail(prepared.error());
    set_reference(prepared->document, r_.reference_for(order));
    if (auto s = apply_document_mappings(r_.config.field_mappings, order, prepared->document); !s) return s;
    if (r_.options.dry_run) {
      r_.report.planned.push_back({order.id, order.number, prepared->customer, prepared->document,
                                   order.total, prepared->expected.vat_by_rate});
      return {};
    }
    auto created = create_document("order", std::to_string(order.id), r_.reference_for(order), prepared->document);
    if (!created) return fail(created.error());
    if (created->created_now) {
      ++r_.report.transferred;
      logger().info("order {} → Visma {} {} ({} {})", order.number, to_string(created->object.kind),
                    created->object.number.empty() ? created->object.id : created->object.number,
                    order.total.to_string(2), order.currency);
      if (auto s = compare_totals(order, created->object, prepared->expected); !s) return s;
    }
    if (r_.config.orders.target == DocumentTarget::Invoice) {
      auto link = read_link("order", std::to_string(order.id));
      if (!link) return fail(link.error());
      if (*link) return convert(order, **link);
    }
    return {};
  }

  // The safety net under the exactness model: Visma's own totals of the new document must be
  // the ones the mapping predicted. A difference means Visma rounds otherwise than assumed; the
  // document stays (it exists), and a person is told to look at it.
  Status compare_totals(const Order& order, const SalesDocument& made, const DocumentTotals& expected) {
    const Decimal visma_total = made.kind == DocumentKind::SalesOrder && !made.includes_vat
                                    ? made.total_amount + made.total_vat_amount
                                    : made.total_amount;
    if (visma_total.is_zero() && made.total_vat_amount.is_zero()) return {};  // totals not reported
    if (visma_total == expected.total && made.total_vat_amount == expected.total_vat) return {};
    const std::string notice = "order " + order.number + ": Visma totals the new " + to_string(made.kind) + " " +
                               visma_total.to_string(2) + " (VAT " + made.total_vat_amount.to_string(2) +
                               ") but the shop's total is " + expected.total.to_string(2) + " (VAT " +
                               expected.total_vat.to_string(2) + ")";
    r_.report.notices.push_back(notice);
    logger().error("{}", notice);
    return r_.store.write([&](StoreWriter& w) {
      return w.put_failed(FailedItem{r_.shop.name, "order-total-mismatch", std::to_string(order.id), 1, notice,
                                     "attention",
                                     "correct the document in Visma by hand and report this, with the order, "
                                     "to the woovisma project",
                                     r_.clock.now(), r_.clock.now(), Timestamp::max()});
    });
  }

  Status convert(const Order& order, const Link& draft_link) {
    auto invoice = r_.accounting.convert_draft(draft_link.visma_id);
    if (!invoice && invoice.error().kind == ErrorKind::NotFound) {
      // Converted by an interrupted run (or by hand): find the invoice instead.
      auto found = r_.accounting.documents_with_reference(
          DocumentKind::Invoice, reference_of(r_.config.orders, r_.reference_for(order)),
          draft_link.linked_at - kLookupMargin);
      if (!found) return fail(found.error());
      if (!found->empty()) invoice = std::move(found->front());
    }
    if (!invoice) return fail(invoice.error().with_context("converting the draft of order " + order.number));
    Link link = draft_link;
    link.visma_id = invoice->id;
    link.visma_number = invoice->number;
    link.state = "invoice";
    return r_.store.write([&](StoreWriter& w) { return w.put_link(link); });
  }

  Run& r_;
};

}  // namespace
}  // namespace wv

namespace wv {

Result<OrderSyncReport> OrderSync::run(const OrderSyncOptions& options) {
  Run run{config_, shop_, shop_port_, accounting_, store_, clock_, options, {}, {}, {}, {}, {}, {}};
  if (auto s = run.prepare(); !s) return fail(s.error());
  if (!options.dry_run) {
    if (auto s = run.recover_pending(); !s) {
      run.report.stopped_by = s.error();
      return run.report;
    }
  }

  OrderBatch batch;
  if (options.only_order) {
    auto order = shop_port_.order(*options.only_order);
    if (!order) {
      run.report.stopped_by = order.error();
      return run.report;
    }
    if (!*order) {
      return fail(ErrorKind::NotFound, "shop " + shop_.name + " has no order " + std::to_string(*options.only_order));
    }
    batch.orders.push_back(std::move(**order));
  } else {
    std::optional<Timestamp> since = options.since;
    if (!since && run.checkpoint) since = run.checkpoint->modified - config_.orders.overlap;
    if (!since && config_.orders.start_date) since = std::chrono::sys_days{*config_.orders.start_date};
    if (!since) {
      return fail(ErrorKind::Usage, "this is the first sync-orders run for shop " + shop_.name +
                                        ": say where to start with --since DATE or orders.start_date");
    }
    auto fetched = shop_port_.orders_modified_since({}, since);
    if (!fetched) {
      run.report.stopped_by = fetched.error();
      return run.report;
    }
    batch = std::move(*fetched);
    // Failed orders whose retry is due, even when they did not change.
    std::vector<FailedItem> failed;
    if (auto s = store_.read([&](const StoreReader& r) -> Status {
          auto f = r.all_failed();
          if (!f) return fail(f.error());
          failed = std::move(*f);
          return {};
        });
        !s) {
      return fail(s.error());
    }
    std::set<std::int64_t> listed;
    for (const auto& o : batch.orders) listed.insert(o.id);
    for (const auto& f : failed) {
      if (f.shop != shop_.name || f.kind != "order" || f.next_attempt > clock_.now()) continue;
      const std::int64_t id = std::stoll(f.woo_id);
      if (listed.contains(id)) continue;
      auto order = shop_port_.order(id);
      if (!order) {
        run.report.stopped_by = order.error();
        return run.report;
      }
      if (*order) batch.orders.push_back(std::move(**order));
    }
  }

  OrderHandler handler(run);
  for (const auto& unreadable : batch.unreadable) {
    ++run.report.failed;
    logger().warn("{}", unreadable.error.message);
  }
  // The checkpoint only moves forward, past orders that are completely handled. It is written
  // every kCheckpointEvery orders and when the run ends: a run killed in between only reads a
  // few handled orders again, which their links make cheap and harmless.
  constexpr int kCheckpointEvery = 50;
  int unsaved = 0;
  auto save_checkpoint = [&]() -> Status {
    if (unsaved == 0) return {};
    unsaved = 0;
    return store_.write([&](StoreWriter& w) { return w.set_checkpoint(shop_.name, kOrderStream, *run.checkpoint); });
  };
  for (const auto& order : batch.orders) {
    if (auto s = handler.handle(order); !s) {
      run.report.stopped_by = s.error();
      break;
    }
    if (options.dry_run || options.only_order) continue;
    const bool later = !run.checkpoint || order.date_modified > run.checkpoint->modified ||
                       (order.date_modified == run.checkpoint->modified &&
                        order.id > std::strtoll(run.checkpoint->last_id.c_str(), nullptr, 10));
    if (!later) continue;
    run.checkpoint = Checkpoint{order.date_modified, std::to_string(order.id), clock_.now()};
    if (++unsaved >= kCheckpointEvery) {
      if (auto s = save_checkpoint(); !s) return fail(s.error());
    }
  }
  if (auto s = save_checkpoint(); !s) return fail(s.error());
  return run.report;
}

}  // namespace wv
