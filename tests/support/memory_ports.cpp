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
  OrderBatch batch;
  std::vector<UnreadableOrder> bad;
  std::function<void(std::size_t)> hook;
  {
    std::lock_guard lock(mutex_);
    ++list_calls;
    last_since = since;
    for (const auto& [id, o] : orders) {
      if (since && o.date_modified <= *since) continue;
      if (!statuses.empty() &&
          std::find(statuses.begin(), statuses.end(), o.status) == statuses.end())
        continue;
      batch.orders.push_back(o);
    }
    bad = unreadable;
    hook = before_page;
  }
  std::sort(batch.orders.begin(), batch.orders.end(), [](const Order& a, const Order& b) {
    return a.date_modified != b.date_modified ? a.date_modified < b.date_modified : a.id < b.id;
  });
  // Pages of `page_size`, as the shop serves them; the consumer runs without the shop's lock,
  // since the items it hands on call the shop from other threads.
  std::size_t index = 0;
  for (std::size_t i = 0; i < batch.orders.size() || (i == 0 && !bad.empty()); i += page_size) {
    OrderBatch page;
    if (i == 0) page.unreadable = bad;
    for (std::size_t j = i; j < std::min(batch.orders.size(), i + page_size); ++j) page.orders.push_back(batch.orders[j]);
    if (hook) hook(index);
    ++index;
    if (auto s = consume(std::move(page)); !s) return s;
  }
  return {};
}

Result<std::optional<Order>> MemoryShop::order(std::int64_t id) {
  std::lock_guard lock(mutex_);
  fetched.push_back(id);
  auto it = orders.find(id);
  if (it == orders.end()) return std::optional<Order>{};
  return std::optional(it->second);
}

Result<std::vector<Refund>> MemoryShop::refunds(std::int64_t order_id) {
  std::lock_guard lock(mutex_);
  auto it = refund_lists.find(order_id);
  if (it == refund_lists.end()) return std::vector<Refund>{};
  return it->second;
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
  ++create_calls[what];
  auto& queue = next_failures[what];
  if (queue.empty()) return Failure::None;
  const Failure f = queue.front();
  queue.erase(queue.begin());
  return f;
}

void MemoryAccounting::add_article(const std::string& number, int vat_percent) {
  std::lock_guard lock(mutex_);
  Article a;
  a.id = next_id("art-");
  a.number = number;
  a.name = number;
  a.coding_id = "coding-" + std::to_string(vat_percent);
  articles[a.id] = a;
}

std::vector<SalesDocument> MemoryAccounting::documents_with(const std::string& reference) const {
  std::lock_guard lock(mutex_);
  return documents_with_locked(reference);
}

std::size_t MemoryAccounting::document_count() const {
  std::lock_guard lock(mutex_);
  return documents.size();
}

std::vector<SalesDocument> MemoryAccounting::documents_with_locked(
    const std::string& reference) const {
  std::vector<SalesDocument> out;
  for (const auto& [id, d] : documents) {
    if (reference_of(d) == reference) out.push_back(d);
  }
  return out;
}

Result<CompanySettings> MemoryAccounting::company_settings() {
  std::lock_guard lock(mutex_);
  return company;
}

Result<std::vector<ArticleAccountCoding>> MemoryAccounting::article_account_codings() {
  std::lock_guard lock(mutex_);
  return codings;
}

Result<std::optional<Article>> MemoryAccounting::article_by_number(const std::string& number) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, a] : articles) {
    if (a.number == number) return std::optional(a);
  }
  return std::optional<Article>{};
}

Result<Article> MemoryAccounting::create_article(const Article& article) {
  std::lock_guard lock(mutex_);
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
  std::lock_guard lock(mutex_);
  ++customer_lookups;
  std::vector<AccountingCustomer> out;
  for (const auto& [id, c] : customers) {
    if (match_text(c, key) == value) out.push_back(c);
  }
  return out;
}

Result<AccountingCustomer> MemoryAccounting::create_customer(const AccountingCustomer& customer) {
  std::lock_guard lock(mutex_);
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
  std::lock_guard lock(mutex_);
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
  std::lock_guard lock(mutex_);
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
  std::lock_guard lock(mutex_);
  std::vector<SalesDocument> out;
  for (const auto& d : documents_with_locked(reference.value)) {
    if (d.kind == kind) out.push_back(d);
  }
  return out;
}

}  // namespace wv::testing
