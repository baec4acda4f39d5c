#include "connectors/visma/visma_transport.hpp"

#include <fmt/format.h>

#include "connectors/visma/odata_filter.hpp"
#include "connectors/visma/visma_errors.hpp"
#include "connectors/visma/wire_json.hpp"
#include "core/log.hpp"

namespace wv {
namespace {

// More pages than this is not a list but a broken envelope.
constexpr std::int64_t kMaxPages = 100'000;

std::string trim_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

struct PageMeta {
  std::int64_t current_page = 0;
  std::int64_t total_pages = 0;
  Timestamp server_time;
};

// Checks one page's envelope; the message names the page.
Result<PageMeta> check_page(const rapidjson::Document& doc, const std::string& label, std::int64_t expected_page) {
  visma_wire::WireProblems problems;
  visma_wire::FieldReader root(&doc, problems, "");
  auto meta = root.child("Meta");
  if (!meta.present()) problems.note("Meta", "is missing");
  PageMeta m;
  m.current_page = meta.integer("CurrentPage", true);
  meta.integer("PageSize", true);
  m.total_pages = meta.integer("TotalNumberOfPages", true);
  meta.integer("TotalNumberOfResults", true);
  auto server_time = meta.timestamp("ServerTimeUtc", true);
  root.objects("Data", /*required=*/true);
  if (problems.ok() && (m.total_pages < 0 || m.total_pages > kMaxPages)) {
    problems.note("Meta.TotalNumberOfPages", fmt::format("is {}", m.total_pages));
  }
  if (problems.ok() && m.current_page != expected_page) {
    problems.note("Meta.CurrentPage", fmt::format("is {} for page {}", m.current_page, expected_page));
  }
  if (!problems.ok()) return fail(malformed_answer(label, *problems.first));
  m.server_time = *server_time;
  return m;
}

}  // namespace

Error malformed_answer(const std::string& label, const std::string& problem, bool ambiguous) {
  Error e(ErrorKind::Internal, fmt::format("Visma sent an unexpected answer to {}: {}", label, problem));
  if (ambiguous) {
    e.message += "; the change was probably made in Visma, look it up before repeating it";
    e.ambiguous = true;
  }
  return e;
}

VismaTransport::VismaTransport(const VismaConfig& config, HttpClient& http, TokenKeeper& tokens)
    : config_(config), http_(http), tokens_(tokens) {}

HttpRequest VismaTransport::to_http(const VismaRequest& r, const std::string& token) const {
  HttpRequest req;
  req.method = r.method;
  req.url = trim_slash(config_.api_url) + r.endpoint + (r.query.empty() ? "" : "?" + r.query);
  req.headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
  if (!r.body.empty()) req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  req.body = r.body;
  req.idempotent = r.idempotent;
  return req;
}

Result<HttpResponse> VismaTransport::call(const VismaRequest& request) {
  return std::move(call_all(std::span<const VismaRequest>(&request, 1)).front());
}

std::vector<Result<HttpResponse>> VismaTransport::call_all(std::span<const VismaRequest> requests) {
  std::vector<Result<HttpResponse>> results;
  auto token = tokens_.access_token();
  if (!token) {
    results.assign(requests.size(), std::unexpected(token.error()));
    return results;
  }
  auto send = [&](const std::vector<std::size_t>& which, const std::string& with) {
    std::vector<HttpRequest> http;
    http.reserve(which.size());
    for (std::size_t i : which) {
      logger().debug("Visma {}{}", requests[i].label(), requests[i].query.empty() ? "" : "?" + requests[i].query);
      http.push_back(to_http(requests[i], with));
    }
    if (http.size() == 1) return std::vector<Result<HttpResponse>>{http_.send(http.front())};
    return http_.send_all(http);
  };

  std::vector<std::size_t> all(requests.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  results = send(all, *token);

  // A 401 means the token was refused: renew it once (one refresh for all of them) and repeat
  // just those requests. A second 401 is final.
  std::vector<std::size_t> rejected;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i] && results[i]->status == 401) rejected.push_back(i);
  }
  if (!rejected.empty()) {
    auto renewed = tokens_.renew_after_rejection(*token);
    if (!renewed) {
      for (std::size_t i : rejected) results[i] = std::unexpected(renewed.error());
    } else {
      auto again = send(rejected, *renewed);
      for (std::size_t k = 0; k < rejected.size(); ++k) {
        auto& r = again[k];
        if (r && r->status == 401) {
          Error e = visma_error(requests[rejected[k]].method, requests[rejected[k]].endpoint, *r);
          e.kind = ErrorKind::Auth;
          e.message = fmt::format("Visma refused the token for {} even after renewing it; {}",
                                  requests[rejected[k]].label(), kVismaReauthAdvice);
          r = std::unexpected(std::move(e));
        }
        results[rejected[k]] = std::move(r);
      }
    }
  }

  for (std::size_t i = 0; i < results.size(); ++i) {
    auto& r = results[i];
    if (!r) {
      if (r.error().message.rfind("Visma", 0) != 0) {
        r = std::unexpected(r.error().with_context("Visma " + requests[i].label()));
      }
      continue;
    }
    if (!r->ok()) r = std::unexpected(visma_error(requests[i].method, requests[i].endpoint, *r));
  }
  return results;
}

Result<ListedPages> VismaTransport::get_all_pages(const std::string& endpoint,
                                                  const std::vector<std::pair<std::string, std::string>>& params) {
  const int page_size = std::max(1, config_.page_size);
  auto page_request = [&](std::int64_t page) {
    std::vector<std::pair<std::string, std::string>> q = {{"$page", std::to_string(page)},
                                                          {"$pagesize", std::to_string(page_size)}};
    q.insert(q.end(), params.begin(), params.end());
    return VismaRequest{"GET", endpoint, visma_query(q), {}, true};
  };
  auto page_label = [&](std::int64_t page) { return fmt::format("GET {} page {}", endpoint, page); };

  ListedPages out;
  auto first = call(page_request(1));
  if (!first) return fail(first.error());
  auto doc = visma_wire::parse_json(first->body);
  if (!doc) return fail(malformed_answer(page_label(1), doc.error().message));
  auto meta = check_page(*doc, page_label(1), 1);
  if (!meta) return fail(meta.error());
  out.server_time = meta->server_time;
  out.pages.push_back(std::move(*doc));
  out.labels.push_back(page_label(1));
  std::int64_t total = meta->total_pages;

  // The remaining pages at once; then, should the list have grown meanwhile (a new page at the
  // end), the pages that appeared, until no page reports more.
  std::int64_t fetched = 1;
  while (fetched < total) {
    std::vector<VismaRequest> batch;
    for (std::int64_t p = fetched + 1; p <= total; ++p) batch.push_back(page_request(p));
    auto answers = call_all(batch);
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const std::int64_t page = fetched + 1 + static_cast<std::int64_t>(k);
      if (!answers[k]) return fail(answers[k].error());
      auto page_doc = visma_wire::parse_json(answers[k]->body);
      if (!page_doc) return fail(malformed_answer(page_label(page), page_doc.error().message));
      auto page_meta = check_page(*page_doc, page_label(page), page);
      if (!page_meta) return fail(page_meta.error());
      total = std::max(total, page_meta->total_pages);
      out.pages.push_back(std::move(*page_doc));
      out.labels.push_back(page_label(page));
    }
    fetched += static_cast<std::int64_t>(answers.size());
  }
  logger().debug("Visma GET {}: {} page(s)", endpoint, out.pages.size());
  return out;
}

}  // namespace wv
