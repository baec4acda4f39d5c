#pragma once
// AccountingPort over the Visma client.

#include "connectors/visma/visma_client.hpp"
#include "core/sync/ports.hpp"

namespace wv {

class VismaAccountingPort final : public AccountingPort {
 public:
  explicit VismaAccountingPort(VismaClient& client) : client_(client) {}
  Result<CompanySettings> company_settings() override;
  Result<std::vector<ArticleAccountCoding>> article_account_codings() override;
  Result<std::optional<Article>> article_by_number(const std::string& number) override;
  Result<Article> create_article(const Article& article) override;
  Result<std::vector<AccountingCustomer>> customers_where(CustomerMatchKey key,
                                                          const std::string& value) override;
  Result<AccountingCustomer> create_customer(const AccountingCustomer& customer) override;
  Result<SalesDocument> create_document(const SalesDocument& document) override;
  Result<SalesDocument> convert_draft(const std::string& draft_id) override;
  /// Lists the documents created or changed since `since` and matches the reference here:
  /// Visma does not promise $filter on reference fields.
  Result<std::vector<SalesDocument>> documents_with_reference(DocumentKind kind,
                                                              const DocumentReference& reference,
                                                              Timestamp since) override;

 private:
  VismaClient& client_;
  std::optional<CompanySettings> company_;
};

}  // namespace wv
