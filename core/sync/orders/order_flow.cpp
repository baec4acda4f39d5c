#include "core/sync/orders/order_flow.hpp"

#include <algorithm>
#include <charconv>

#include "core/log.hpp"
#include "core/sync/engine/create_once.hpp"
#include "core/sync/field_mapping.hpp"
#include "core/sync/orders/refund_mapping.hpp"

namespace wv::orders {
namespace {

/// The handling of one order, in the thread the engine gave it.
class OrderHandler {
 public:
  OrderHandler(OrderSetup& setup, ShopPort& shop_port, OrderSyncReport& report,
               engine::ItemScope& scope)
      : s_(setup), shop_port_(shop_port), report_(report), scope_(scope) {}

  Status handle(const Order& order) {
    auto link = read_link(EntityKind::Order, std::to_string(order.id));
    if (!link) return fail(link.error());
    if (*link) return handle_transferred(order, **link);
    const auto& triggers = s_.config.orders.trigger_statuses;
    const bool triggered =
        std::find(triggers.begin(), triggers.end(), order.status) != triggers.end();
    if (!triggered && !scope_.on_demand()) {
      scope_.tally([&] { ++report_.skipped_status; });
      return {};
    }
    return transfer(order);
  }

 private:
  Result<std::optional<Link>> read_link(EntityKind kind, const std::string& id) {
    std::optional<Link> link;
    auto st = s_.store.read([&](const StoreReader& rd) -> Status {
      auto l = rd.link_by_woo(s_.shop.name, kind, id);
      if (!l) return fail(l.error());
      link = *l;
      return {};
    });
    if (!st) return fail(st.error());
    return link;
  }

  void notice(const std::string& text) {
    scope_.tally([&] { report_.notices.push_back(text); });
    logger().warn("{}", text);
  }

  static std::string visma_name(const Link& link) {
    return link.visma_number.empty() ? link.visma_id : link.visma_number;
  }

  Status handle_transferred(const Order& order, const Link& link) {
    scope_.tally([&] { ++report_.already; });
    const std::string id = std::to_string(order.id);
    if (link.document == DocumentKind::InvoiceDraft &&
        s_.config.orders.target == DocumentTarget::Invoice) {
      if (scope_.dry_run()) return {};
      return convert(order, link);
    }
    if ((order.status == "cancelled" || order.status == "refunded" || order.status == "failed") &&
        !link.change_reported) {
      const std::string text = "order " + order.number + " was " + order.status +
                               " after it became Visma " +
                               (link.document ? to_string(*link.document) : "document") + " " +
                               visma_name(link) + "; credit or void it in Visma if needed";
      auto raised = scope_.failures().notify(
          engine::ItemRef{EntityKind::Order, id, id}, Concern::ChangedAfterTransfer, text,
          "credit or void the Visma document by hand, then run `woovisma resolve "
          "changed-after-transfer " + id + "`");
      if (!raised) return fail(raised.error());
      if (*raised) notice(text);
      if (!scope_.dry_run()) {
        Link marked = link;
        marked.change_reported = true;
        if (auto st = s_.store.write([&](StoreWriter& w) { return w.put_link(marked); }); !st) return st;
      }
    }
    if (!order.refunds.empty()) return credit_refunds(order, link);
    return {};
  }

  Status credit_refunds(const Order& order, const Link& order_link) {
    const std::string order_id = std::to_string(order.id);
    std::vector<const RefundSummary*> open;
    for (const auto& summary : order.refunds) {
      const std::string id = std::to_string(summary.id);
      auto credited = read_link(EntityKind::Refund, id);
      if (!credited) return fail(credited.error());
      if (!*credited) {
        open.push_back(&summary);
        continue;
      }
      // Credited, perhaps found by intent recovery after its answer was lost: settled.
      if (auto st = scope_.failures().clear(EntityKind::Refund, id); !st) return st;
    }
    if (open.empty()) return {};
    if (s_.config.orders.refunds == RefundPolicy::Report) {
      for (const auto* summary : open) {
        const std::string id = std::to_string(summary->id);
        const std::string text = "order " + order.number + " (Visma " + visma_name(order_link) +
                                 ") has refund " + id + " of " + summary->total.abs().to_string(2) +
                                 " " + order.currency + " not credited in Visma";
        auto raised = scope_.failures().notify(
            engine::ItemRef{EntityKind::Refund, id, order_id}, Concern::RefundNotCredited, text,
            "credit it in Visma by hand, or set orders.refunds = \"credit\"");
        if (!raised) return fail(raised.error());
        if (*raised) notice(text);
      }
      return {};
    }
    auto refunds = shop_port_.refunds(order.id);
    if (!refunds) return fail(refunds.error());
    for (const auto& refund : *refunds) {
      const std::string id = std::to_string(refund.id);
      auto credited = read_link(EntityKind::Refund, id);
      if (!credited) return fail(credited.error());
      if (*credited) continue;
      // Each refund is an item of its own: a refused credit waits for its retry like an order,
      // and keeps its order's id so that the retry finds it after the cursor has moved on.
      if (auto st = scope_.attempt(engine::ItemRef{EntityKind::Refund, id, order_id},
                                   [&] { return credit(order, refund); });
          !st)
        return st;
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
    const std::string reference = s_.reference_for(order) + " kredit " + std::to_string(refund.id);
    set_reference(doc->document, reference);
    if (scope_.dry_run()) {
      PlannedDocument plan{order.id, order.number + " (refund " + std::to_string(refund.id) + ")",
                           doc->customer, doc->document, as_order->total, doc->expected.vat_by_rate};
      scope_.tally([&] { report_.planned.push_back(std::move(plan)); });
      return {};
    }
    auto created = create_document(EntityKind::Refund, std::to_string(refund.id),
                                   std::to_string(order.id), reference, doc->document);
    if (!created) return fail(created.error());
    if (created->created_now) scope_.tally([&] { ++report_.credited; });
    // A notice that it was not credited has been answered.
    return scope_.failures().forget(Concern::RefundNotCredited, EntityKind::Refund,
                                    std::to_string(refund.id));
  }

  struct Prepared {
    SalesDocument document;
    DocumentTotals expected;
    std::string customer;
  };

  Result<Prepared> map_for(const Order& order, DocumentKind kind) {
    auto customer = s_.customers->resolve(order, scope_.dry_run());
    if (!customer) return fail(customer.error());
    if (customer->created_now) scope_.tally([&] { ++report_.customers_created; });
    std::map<std::string, ArticleRef> found;
    for (const auto& line : order.lines) {
      if (line.sku.empty() || found.contains(line.sku.str())) continue;
      auto article = s_.articles->find(line.sku.str());
      if (!article) return fail(article.error());
      if (*article) {
        found[line.sku.str()] = **article;
        continue;
      }
      if (s_.config.orders.missing_sku != MissingSkuPolicy::CreateArticle) continue;
      const auto vat = line_vat(order, line);
      if (scope_.dry_run()) {
        found[line.sku.str()] = ArticleRef{"(new)", line.sku.str(), vat};
        continue;
      }
      NewArticle wanted{line.sku.str(), line.name, vat, std::nullopt};
      // The list price before discounts.
      if (!line.quantity.is_zero()) wanted.net_price = line.subtotal.divided_by(line.quantity, 2);
      auto created = s_.articles->create(wanted);
      if (!created) return fail(created.error());
      found[line.sku.str()] = *created;
    }
    const auto articles_created = s_.articles->created();
    scope_.tally([&] { report_.articles_created = articles_created; });
    OrderMappingInput input;
    input.customer_id = customer->id;
    input.includes_vat =
        customer->is_private_person && !s_.company.show_prices_excl_vat_for_private;
    input.find_article = [&](const std::string& number) -> std::optional<ArticleRef> {
      auto it = found.find(number);
      return it == found.end() ? std::nullopt : std::optional(it->second);
    };
    OrderMappingSettings settings = s_.mapping;
    settings.kind = kind;
    auto mapped = map_order(order, input, settings);
    if (!mapped) return fail(mapped.error());
    if (kind == DocumentKind::SalesOrder) {
      mapped->document.order_status =
          static_cast<SalesOrderStatus>(s_.config.orders.sales_order_status);
    }
    for (const auto& note : mapped->notes) logger().debug("order {}: {}", order.number, note);
    return Prepared{std::move(mapped->document), std::move(mapped->expected),
                    customer->description};
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
    reference_text(doc, s_.config.orders.reference_field) = reference;
  }

  Result<Created<SalesDocument>> create_document(EntityKind kind, const std::string& woo_id,
                                                 const std::string& owner_id,
                                                 const std::string& reference,
                                                 const SalesDocument& doc) {
    const PendingWrite intent{s_.shop.name, kind,      woo_id, owner_id,
                              doc.kind,     reference, s_.clock.now()};
    CreateOnceSteps<SalesDocument> steps;
    steps.find_existing = [&](const PendingWrite& earlier) -> Result<std::optional<SalesDocument>> {
      auto found = s_.accounting.documents_with_reference(
          doc.kind, reference_of(s_.config.orders, earlier.reference),
          earlier.recorded_at - kLookupMargin);
      if (!found) return fail(found.error());
      for (auto& d : *found) {
        if (d.customer_id == doc.customer_id || d.customer_id.empty())
          return std::optional(std::move(d));
      }
      return std::optional<SalesDocument>{};
    };
    steps.create = [&]() { return s_.accounting.create_document(doc); };
    steps.record = [&](StoreWriter& w, const SalesDocument& made) {
      Link link;
      link.shop = s_.shop.name;
      link.kind = kind;
      link.woo_id = woo_id;
      link.visma_id = made.id;
      link.visma_number = made.number;
      link.document = made.kind;
      link.linked_at = s_.clock.now();
      return w.put_link(link);
    };
    auto created = create_once(s_.store, intent, steps);
    if (created && created->recovered) scope_.tally([&] { ++report_.recovered; });
    return created;
  }

  Status transfer(const Order& order) {
    auto prepared = map_for(order, s_.mapping.kind);
    if (!prepared) return fail(prepared.error());
    set_reference(prepared->document, s_.reference_for(order));
    if (auto st = apply_document_mappings(s_.config.field_mappings, order, prepared->document); !st)
      return st;
    if (scope_.dry_run()) {
      PlannedDocument plan{order.id,           order.number, prepared->customer, prepared->document,
                           order.total, prepared->expected.vat_by_rate};
      scope_.tally([&] { report_.planned.push_back(std::move(plan)); });
      return {};
    }
    const std::string id = std::to_string(order.id);
    auto created =
        create_document(EntityKind::Order, id, id, s_.reference_for(order), prepared->document);
    if (!created) return fail(created.error());
    if (created->created_now) {
      scope_.tally([&] { ++report_.transferred; });
      logger().info("order {} → Visma {} {} ({} {})", order.number, to_string(created->object.kind),
                    created->object.number.empty() ? created->object.id : created->object.number,
                    order.total.to_string(2), order.currency);
      if (auto st = compare_totals(order, created->object, prepared->expected); !st) return st;
    }
    if (s_.config.orders.target == DocumentTarget::Invoice) {
      auto link = read_link(EntityKind::Order, id);
      if (!link) return fail(link.error());
      if (*link) return convert(order, **link);
    }
    return {};
  }

  // The safety net under the exactness model: Visma's own totals of the new document must be
  // the ones the mapping predicted. A difference means Visma rounds otherwise than assumed; the
  // document stays (it exists), and a person is told to look at it.
  Status compare_totals(const Order& order, const SalesDocument& made,
                        const DocumentTotals& expected) {
    const Decimal visma_total = made.kind == DocumentKind::SalesOrder && !made.includes_vat
                                    ? made.total_amount + made.total_vat_amount
                                    : made.total_amount;
    if (visma_total.is_zero() && made.total_vat_amount.is_zero()) return {};  // totals not reported
    if (visma_total == expected.total && made.total_vat_amount == expected.total_vat) return {};
    const std::string text = "order " + order.number + ": Visma totals the new " +
                             to_string(made.kind) + " " + visma_total.to_string(2) + " (VAT " +
                             made.total_vat_amount.to_string(2) + ") but the shop's total is " +
                             expected.total.to_string(2) + " (VAT " +
                             expected.total_vat.to_string(2) + ")";
    scope_.tally([&] { report_.notices.push_back(text); });
    logger().error("{}", text);
    const std::string id = std::to_string(order.id);
    auto raised = scope_.failures().notify(
        engine::ItemRef{EntityKind::Order, id, id}, Concern::TotalsDiffer, text,
        "correct the document in Visma by hand and report this, with the order, to the woovisma "
        "project");
    if (!raised) return fail(raised.error());
    return {};
  }

  Status convert(const Order& order, const Link& draft_link) {
    auto invoice = s_.accounting.convert_draft(draft_link.visma_id);
    if (!invoice && invoice.error().kind == ErrorKind::NotFound) {
      // Converted by an interrupted run (or by hand): find the invoice instead.
      auto found = s_.accounting.documents_with_reference(
          DocumentKind::Invoice, reference_of(s_.config.orders, s_.reference_for(order)),
          draft_link.linked_at - kLookupMargin);
      if (!found) return fail(found.error());
      if (!found->empty()) invoice = std::move(found->front());
    }
    if (!invoice)
      return fail(invoice.error().with_context("converting the draft of order " + order.number));
    Link link = draft_link;
    link.visma_id = invoice->id;
    link.visma_number = invoice->number;
    link.document = DocumentKind::Invoice;
    return s_.store.write([&](StoreWriter& w) { return w.put_link(link); });
  }

  OrderSetup& s_;
  ShopPort& shop_port_;
  OrderSyncReport& report_;
  engine::ItemScope& scope_;
};

}  // namespace

Status OrderFlow::read(Timestamp since,
                       const std::function<Status(engine::Page<Order>&&)>& consume) {
  return shop_port_.orders_by_page({}, since, [&](OrderBatch&& batch) -> Status {
    engine::Page<Order> page;
    page.items = std::move(batch.orders);
    for (auto& bad : batch.unreadable) {
      page.unreadable.push_back(
          engine::Unreadable{bad.id > 0 ? std::to_string(bad.id) : std::string(), std::move(bad.error)});
    }
    return consume(std::move(page));
  });
}

Result<std::optional<Order>> OrderFlow::fetch(const std::string& id) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size() || number <= 0) {
    return fail(ErrorKind::Store, "a failed order is recorded with the id \"" + id +
                                      "\", which is not a WooCommerce order id; the store is damaged");
  }
  return shop_port_.order(number);
}

Status OrderFlow::handle(const Order& order, engine::ItemScope& scope) {
  return OrderHandler(s_, shop_port_, report_, scope).handle(order);
}

}  // namespace wv::orders

namespace wv {

OrderSync::OrderSync(const Config& config, const ShopConfig& shop, ShopPort& shop_port,
                     AccountingPort& accounting, Store& store, const Clock& clock)
    : config_(config),
      shop_(shop),
      shop_port_(shop_port),
      accounting_(accounting),
      store_(store),
      clock_(clock) {}

Result<OrderSyncReport> OrderSync::run(const OrderSyncOptions& options) {
  orders::OrderSetup setup{config_, shop_, accounting_, store_, clock_, {}, {}, {}, {}};
  if (auto s = setup.prepare(); !s) return fail(s.error());
  engine::IntentRecovery intents;
  setup.own_intents(intents);

  OrderSyncReport report;
  orders::OrderFlow flow(setup, shop_port_, options, report);
  engine::RunOptions run;
  run.start.since = options.since;
  run.start.overlap = config_.orders.overlap;
  if (config_.orders.start_date) run.start.first_run = std::chrono::sys_days{*config_.orders.start_date};
  run.dry_run = options.dry_run;
  run.in_flight = options.in_flight;
  run.retry_base = config_.orders.retry_base;
  if (options.only_order) run.only = std::to_string(*options.only_order);
  auto engine_report = engine::run_flow(flow, store_, clock_, shop_.name, intents, run);
  if (!engine_report) return fail(engine_report.error());
  report.failed += engine_report->failed;
  report.unreadable += engine_report->unreadable;
  report.waiting_retry += engine_report->waiting_retry;
  report.recovered += engine_report->recovery.linked;
  report.interrupted = engine_report->interrupted;
  report.stopped_by = engine_report->stopped_by;
  report.new_failures = std::move(engine_report->new_failures);
  return report;
}

}  // namespace wv
