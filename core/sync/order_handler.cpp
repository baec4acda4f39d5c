#include <algorithm>

#include "core/log.hpp"
#include "core/sync/create_once.hpp"
#include "core/sync/field_mapping.hpp"
#include "core/sync/order_run.hpp"
#include "core/sync/refund_mapping.hpp"

namespace wv::order_sync_detail {
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
    const bool triggered =
        std::find(triggers.begin(), triggers.end(), order.status) != triggers.end();
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
      const std::string notice = "order " + order.number + " was " + order.status +
                                 " after it became Visma " +
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
              FailedItem item{r_.shop.name,
                              "order-after-transfer",
                              std::to_string(order.id),
                              1,
                              notice,
                              "attention",
                              "credit or void the Visma document by hand, then run "
                              "`woovisma status` again; this notice stays until you act",
                              r_.clock.now(),
                              r_.clock.now(),
                              Timestamp::max()};
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
        const std::string notice =
            "order " + order.number + " (Visma " +
            (order_link.visma_number.empty() ? order_link.visma_id : order_link.visma_number) +
            ") has refund " + id + " of " + summary->total.abs().to_string(2) + " " +
            order.currency + " not credited in Visma";
        r_.report.notices.push_back(notice);
        if (r_.options.dry_run) continue;
        if (auto s = r_.store.write([&](StoreWriter& w) {
              return w.put_failed(
                  FailedItem{r_.shop.name, "refund", id, 1, notice, "attention",
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
      r_.report.planned.push_back(
          {order.id, order.number + " (refund " + std::to_string(refund.id) + ")", doc->customer,
           doc->document, as_order->total, doc->expected.vat_by_rate});
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
    input.includes_vat =
        customer->is_private_person && !r_.company.show_prices_excl_vat_for_private;
    input.find_article = [&](const std::string& number) -> std::optional<ArticleRef> {
      auto it = found.find(number);
      return it == found.end() ? std::nullopt : std::optional(it->second);
    };
    OrderMappingSettings settings = r_.mapping;
    settings.kind = kind;
    auto mapped = map_order(order, input, settings);
    if (!mapped) return fail(mapped.error());
    if (kind == DocumentKind::SalesOrder) {
      mapped->document.order_status =
          static_cast<SalesOrderStatus>(r_.config.orders.sales_order_status);
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
    reference_text(doc, r_.config.orders.reference_field) = reference;
  }

  Result<Created<SalesDocument>> create_document(const std::string& kind, const std::string& woo_id,
                                                 const std::string& reference,
                                                 const SalesDocument& doc) {
    const PendingWrite intent{r_.shop.name,        kind,      woo_id,
                              state_for(doc.kind), reference, r_.clock.now()};
    CreateOnceSteps<SalesDocument> steps;
    steps.find_existing = [&](const PendingWrite& earlier) -> Result<std::optional<SalesDocument>> {
      auto found = r_.accounting.documents_with_reference(
          doc.kind, reference_of(r_.config.orders, earlier.reference),
          earlier.recorded_at - kLookupMargin);
      if (!found) return fail(found.error());
      for (auto& d : *found) {
        if (d.customer_id == doc.customer_id || d.customer_id.empty())
          return std::optional(std::move(d));
      }
      return std::optional<SalesDocument>{};
    };
    steps.create = [&]() { return r_.accounting.create_document(doc); };
    steps.record = [&](StoreWriter& w, const SalesDocument& made) {
      return w.put_link(Link{r_.shop.name, kind, woo_id, made.id, made.number, state_for(made.kind),
                             r_.clock.now()});
    };
    auto created = create_once(r_.store, intent, steps);
    if (created && created->recovered) ++r_.report.recovered;
    return created;
  }

  Status transfer(const Order& order) {
    auto prepared = map_for(order, r_.mapping.kind);
    if (!prepared) return fail(prepared.error());
    set_reference(prepared->document, r_.reference_for(order));
    if (auto s = apply_document_mappings(r_.config.field_mappings, order, prepared->document); !s)
      return s;
    if (r_.options.dry_run) {
      r_.report.planned.push_back({order.id, order.number, prepared->customer, prepared->document,
                                   order.total, prepared->expected.vat_by_rate});
      return {};
    }
    auto created = create_document("order", std::to_string(order.id), r_.reference_for(order),
                                   prepared->document);
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
  Status compare_totals(const Order& order, const SalesDocument& made,
                        const DocumentTotals& expected) {
    const Decimal visma_total = made.kind == DocumentKind::SalesOrder && !made.includes_vat
                                    ? made.total_amount + made.total_vat_amount
                                    : made.total_amount;
    if (visma_total.is_zero() && made.total_vat_amount.is_zero()) return {};  // totals not reported
    if (visma_total == expected.total && made.total_vat_amount == expected.total_vat) return {};
    const std::string notice = "order " + order.number + ": Visma totals the new " +
                               to_string(made.kind) + " " + visma_total.to_string(2) + " (VAT " +
                               made.total_vat_amount.to_string(2) + ") but the shop's total is " +
                               expected.total.to_string(2) + " (VAT " +
                               expected.total_vat.to_string(2) + ")";
    r_.report.notices.push_back(notice);
    logger().error("{}", notice);
    return r_.store.write([&](StoreWriter& w) {
      return w.put_failed(FailedItem{
          r_.shop.name, "order-total-mismatch", std::to_string(order.id), 1, notice, "attention",
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
    if (!invoice)
      return fail(invoice.error().with_context("converting the draft of order " + order.number));
    Link link = draft_link;
    link.visma_id = invoice->id;
    link.visma_number = invoice->number;
    link.state = "invoice";
    return r_.store.write([&](StoreWriter& w) { return w.put_link(link); });
  }

  Run& r_;
};

}  // namespace

Status handle_order(Run& run, const Order& order) {
  return OrderHandler(run).handle(order);
}

}  // namespace wv::order_sync_detail
