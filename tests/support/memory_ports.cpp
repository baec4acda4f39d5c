#include "tests/support/memory_ports.hpp"

#include <algorithm>

#include "core/sync/orders/visma_math.hpp"

namespace wv::testing {
namespace {

Error transient(bool ambiguous) {
  Error e(ErrorKind::Transient, ambiguous ? "connection lost after sending (test)" : "connection refused (test)");
  e.ambiguous = ambiguous;
  return e;
}

const std::string& reference_of(const SalesDocument& d) {
  if (!d.your_reference.empty()) return d.your_reference;
  if (!d.our_reference.empty()) return d.our_reference;
  if (!d.buyers_order_reference.empty()) return d.buyers_order_reference;
  return d.electronic_reference;
}

}  // namespace

Status MemoryShop::orders_by_page(const std::vector<std::string>& statuses,
                                  std::optional<Timestamp> since,
                                  const std::function<Status(OrderBatch&&)>& consume) {
  ++list_calls;
  last_since = since;
  OrderBatch batch;
  for (const auto& [id, o] : orders) {
    if (since && o.date_modified <= *since) continue;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), o.status) == statuses.end()) continue;
    batch.orders.push_back(o);
  }
  std::sort(batch.orders.begin(), batch.orders.end(), [](const Order& a, const Order& b) {
    return a.date_modified != b.date_modified ? a.date_modified < b.date_modified : a.id < b.id;
  });
  // Pages of `page_size`, as the shop serves them.
  for (std::size_t i = 0; i < batch.orders.size(); i += page_size) {
    OrderBatch page;
    for (std::size_t j = i; j < std::min(batch.orders.size(), i + page_size); ++j) page.orders.push_back(batch.orders[j]);
    if (auto s = consume(std::move(page)); !s) return s;
  }
  return {};
}

Result<std::optional<Order>> MemoryShop::order(std::int64_t id) {
  auto it = orders.find(id);
  if (it == orders.end()) return std::optional<Order>{};
  return std::optional(it->second);
}

Result<std::vector<Refund>> MemoryShop::refunds(std::int64_t order_id) {
  return refund_lists[order_id];
}

MemoryAccounting::MemoryAccounting() {
  company.name = "Testbolaget AB";
  company.currency_code = "SEK";
  for (int rate : {25, 12, 6, 0}) {
    ArticleAccountCoding c;
    c.id = "coding-" + std::to_string(rate);
    c.name = "Varor " + std::to_string(rate) + " %";
    c.vat_rate_percent = Decimal::from_int(rate);
    codings.push_back(c);
  }
}

std::string MemoryAccounting::next_id(const char* prefix) { return prefix + std::to_string(++counter_); }

Failure MemoryAccounting::take_failure(const std::string& what) {
  auto& queue = next_failures[what];
  if (queue.empty()) return Failure::None;
  const Failure f = queue.front();
  queue.erase(queue.begin());
  return f;
}

void MemoryAccounting::add_article(const std::string& number, int vat_percent) {
  Article a;
  a.id = next_id("art-");
  a.number = number;
  a.name = number;
  a.coding_id = "coding-" + std::to_string(vat_percent);
  articles[a.id] = a;
}

std::vector<SalesDocument> MemoryAccounting::documents_with(const std::string& reference) const {
  std::vector<SalesDocument> out;
  for (const auto& [id, d] : documents) {
    if (reference_of(d) == reference) out.push_back(d);
  }
  return out;
}

Result<CompanySettings> MemoryAccounting::company_settings() { return company; }
Result<std::vector<ArticleAccountCoding>> MemoryAccounting::article_account_codings() { return codings; }

Result<std::optional<Article>> MemoryAccounting::article_by_number(const std::string& number) {
  for (const auto& [id, a] : articles) {
    if (a.number == number) return std::optional(a);
  }
  return std::optional<Article>{};
}

Result<Article> MemoryAccounting::create_article(const Article& article) {
  const Failure f = take_failure("article");
  if (f == Failure::Refused) return fail(ErrorKind::Rejected, "article refused (test)");
  if (f == Failure::Transient) return fail(transient(false));
  Article a = article;
  a.id = next_id("art-");
  articles[a.id] = a;
  ++writes;
  if (f == Failure::DoneButUnanswered) return fail(transient(true));
  return a;
}

Result<std::vector<AccountingCustomer>> MemoryAccounting::customers_where(CustomerMatchKey key,
                                                                          const std::string& value) {
  ++customer_lookups;
  std::vector<AccountingCustomer> out;
  for (const auto& [id, c] : customers) {
    if (match_text(c, key) == value) out.push_back(c);
  }
  return out;
}

Result<AccountingCustomer> MemoryAccounting::create_customer(const AccountingCustomer& customer) {
  const Failure f = take_failure("customer");
  if (f == Failure::Refused) return fail(ErrorKind::Rejected, "customer refused (test)");
  if (f == Failure::Transient) return fail(transient(false));
  AccountingCustomer c = customer;
  c.id = next_id("cust-");
  if (c.customer_number.empty()) c.customer_number = std::to_string(1000 + counter_);
  customers[c.id] = c;
  ++writes;
  if (f == Failure::DoneButUnanswered) return fail(transient(true));
  return c;
}

Result<SalesDocument> MemoryAccounting::create_document(const SalesDocument& document) {
  const Failure f = take_failure("document");
  if (f == Failure::Refused) return fail(ErrorKind::Rejected, "document refused (test)");
  if (f == Failure::Transient) return fail(transient(false));
  SalesDocument d = document;
  d.id = next_id("doc-");
  if (!misreport_total.is_zero()) {
    std::vector<PricedRow> rows;
    for (const auto& r : d.rows) rows.push_back({r.quantity, r.unit_price, r.discount_percentage, {}, r.is_text_row});
    // VAT is not known here; report the total with the misreport and a VAT of 1.
    d.total_amount = document_totals(rows, true).total + misreport_total;
    d.total_vat_amount = Decimal::from_int(1);
  }
  d.number = std::to_string(counter_);
  documents[d.id] = d;
  ++writes;
  if (f == Failure::DoneButUnanswered) return fail(transient(true));
  return d;
}

Result<SalesDocument> MemoryAccounting::convert_draft(const std::string& draft_id) {
  auto it = documents.find(draft_id);
  if (it == documents.end() || it->second.kind != DocumentKind::InvoiceDraft) {
    return fail(ErrorKind::NotFound, "no draft " + draft_id);
  }
  SalesDocument invoice = it->second;
  documents.erase(it);
  invoice.kind = DocumentKind::Invoice;
  invoice.id = next_id("inv-");
  invoice.created_from_draft_id = draft_id;
  documents[invoice.id] = invoice;
  ++writes;
  return invoice;
}

Result<std::vector<SalesDocument>> MemoryAccounting::documents_with_reference(
    DocumentKind kind, const DocumentReference& reference, Timestamp) {
  std::vector<SalesDocument> out;
  for (const auto& d : documents_with(reference.value)) {
    if (d.kind == kind) out.push_back(d);
  }
  return out;
}

}  // namespace wv::testing
