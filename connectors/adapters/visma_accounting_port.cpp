#include "connectors/adapters/visma_accounting_port.hpp"

namespace wv {
namespace {

// The customer field Visma's OData $filter names for `key`.
const char* odata_field(CustomerMatchKey key) {
  switch (key) {
    case CustomerMatchKey::Email: return "EmailAddress";
    case CustomerMatchKey::OrganisationNumber: return "CorporateIdentityNumber";
    case CustomerMatchKey::Number: return "CustomerNumber";
  }
  return "CustomerNumber";  // unreachable for a valid enum value
}

}  // namespace

Result<CompanySettings> VismaAccountingPort::company_settings() {
  if (!company_) {
    auto settings = client_.company_settings();
    if (!settings) return fail(settings.error());
    company_ = std::move(*settings);
  }
  return *company_;
}

Result<std::vector<ArticleAccountCoding>> VismaAccountingPort::article_account_codings() {
  return client_.list_article_account_codings();
}

Result<std::optional<Article>> VismaAccountingPort::article_by_number(const std::string& number) {
  auto listing = client_.list_articles(odata::eq("Number", number));
  if (!listing) return fail(listing.error());
  for (auto& a : listing->items) {
    if (a.number == number) return std::optional(std::move(a));
  }
  return std::optional<Article>{};
}

Result<Article> VismaAccountingPort::create_article(const Article& article) {
  return client_.create_article(article);
}

Result<std::vector<AccountingCustomer>> VismaAccountingPort::customers_where(CustomerMatchKey key,
                                                                             const std::string& value) {
  auto listing = client_.list_customers(odata::eq(odata_field(key), value));
  if (!listing) return fail(listing.error());
  return std::move(listing->items);
}

Result<AccountingCustomer> VismaAccountingPort::create_customer(const AccountingCustomer& customer) {
  return client_.create_customer(customer);
}

Result<SalesDocument> VismaAccountingPort::create_document(const SalesDocument& document) {
  switch (document.kind) {
    case DocumentKind::InvoiceDraft: return client_.create_invoice_draft(document);
    case DocumentKind::Invoice: return client_.create_invoice(document);
    case DocumentKind::SalesOrder: return client_.create_sales_order(document);
  }
  return fail(ErrorKind::Internal, "unknown document kind");
}

Result<SalesDocument> VismaAccountingPort::convert_draft(const std::string& draft_id) {
  return client_.convert_invoice_draft(draft_id);
}

Result<std::vector<SalesDocument>> VismaAccountingPort::documents_with_reference(
    DocumentKind kind, const DocumentReference& reference, Timestamp since) {
  Result<Listing<SalesDocument>> listing = fail(ErrorKind::Internal, "unlisted");
  switch (kind) {
    case DocumentKind::InvoiceDraft:
      listing = client_.list_invoice_drafts(odata::gt("CreatedUtc", since));
      break;
    case DocumentKind::Invoice:
      listing = client_.list_invoices_modified_since(since);
      break;
    case DocumentKind::SalesOrder:
      listing = client_.list_sales_orders(odata::gt("ModifiedUtc", since));
      break;
  }
  if (!listing) return fail(listing.error());
  std::vector<SalesDocument> out;
  for (auto& d : listing->items) {
    if (reference_text(d, reference.field) == reference.value) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace wv
