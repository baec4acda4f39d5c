#pragma once
// Private to the Visma connector: one authorised request to the eAccounting API, and all pages
// of a list. Adds the bearer token, renews it once on a 401, turns every refusal into an Error
// (visma_errors.hpp) and checks the paging envelope
// {"Meta":{CurrentPage, PageSize, TotalNumberOfPages, TotalNumberOfResults, ServerTimeUtc},
//  "Data":[...]}.

#include <rapidjson/document.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "connectors/visma/token_keeper.hpp"
#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/http/http.hpp"
#include "core/time.hpp"

namespace wv {

struct VismaRequest {
  std::string method = "GET";
  std::string endpoint;  ///< "/customerinvoicedrafts/<id>", relative to VismaConfig::api_url
  std::string query;     ///< encoded (visma_query()), without '?'
  std::string body;      ///< JSON; empty for none
  bool idempotent = true;

  /// "POST /customerinvoicedrafts", for messages (no query: it may hold personal data).
  [[nodiscard]] std::string label() const { return method + " " + endpoint; }
};

/// The error for a 2xx answer that cannot be understood: "Visma sent an unexpected answer to
/// GET /articles: Data[3].NetPrice is not an amount". `ambiguous` when the request was a write
/// that Visma probably carried out.
Error malformed_answer(const std::string& label, const std::string& problem, bool ambiguous = false);

/// Every page of a list, each checked to hold a Data array.
struct ListedPages {
  std::vector<rapidjson::Document> pages;
  std::vector<std::string> labels;  ///< "GET /articles page 2" for each page, for messages
  /// Meta.ServerTimeUtc of the first page: everything changed after it appears in a later
  /// listing filtered on it, with no dependence on the local clock.
  Timestamp server_time;
};

class VismaTransport {
 public:
  VismaTransport(const VismaConfig& config, HttpClient& http, TokenKeeper& tokens);

  /// The 2xx answer to `request`. Fails with the mapped Visma error for any other status, Auth
  /// when a renewed token is refused again, and as the HttpClient and TokenKeeper fail.
  Result<HttpResponse> call(const VismaRequest& request);

  /// call() for each request with several in flight; results in the same order.
  std::vector<Result<HttpResponse>> call_all(std::span<const VismaRequest> requests);

  /// All pages of the list at `endpoint` with `params` (filters etc.): page 1 first, the rest
  /// concurrently once TotalNumberOfPages is known, then any pages that appeared meanwhile.
  /// Fails as call() for any page, and Internal (malformed_answer) for a broken envelope.
  Result<ListedPages> get_all_pages(const std::string& endpoint,
                                    const std::vector<std::pair<std::string, std::string>>& params);

 private:
  [[nodiscard]] HttpRequest to_http(const VismaRequest& r, const std::string& token) const;

  const VismaConfig& config_;
  HttpClient& http_;
  TokenKeeper& tokens_;
};

}  // namespace wv
