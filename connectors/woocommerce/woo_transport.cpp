#include "connectors/woocommerce/woo_transport.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/crypto.hpp"
#include "core/redact.hpp"

namespace wv::woo {
namespace {

// Remaining pages are requested a few at a time. (Each attempt is signed as it leaves, so an
// OAuth timestamp is fresh however long earlier pages took.)
constexpr std::size_t kPagesPerRound = 8;
constexpr int kMaxPages = 100'000;

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::optional<int> header_int(const HttpResponse& response, std::string_view name) {
  const auto value = response.header(name);
  if (!value) return std::nullopt;
  std::string_view text = *value;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

QueryParams with_page(const QueryParams& query, int page) {
  QueryParams out = query;
  out.emplace_back("page", std::to_string(page));
  return out;
}

// The HTTP layer may quote the URL, which carries the keys with query auth and the signature
// with OAuth.
Error transport_failure(const Error& error, std::string_view method, std::string_view path) {
  Error out = error.with_context("WooCommerce " + std::string(method) + " " + std::string(path));
  out.message = redact(out.message);
  return out;
}

}  // namespace

Transport::Transport(const ShopConfig& shop, HttpClient& http, const Clock& clock)
    : clock_(clock), http_(http), shop_name_(shop.name) {
  credentials_.consumer_key = shop.consumer_key;
  credentials_.consumer_secret = shop.consumer_secret;
  register_secret(shop.consumer_secret);

  const std::string who = "shop \"" + shop.name + "\"";
  std::string site = shop.url;
  while (!site.empty() && (site.back() == '/' || site.back() == ' ')) site.pop_back();
  // Someone may paste the API address instead of the site's.
  if (const auto api = site.find("/wp-json"); api != std::string::npos) site.resize(api);
  const bool https = starts_with_ci(site, "https://");
  const bool plain = starts_with_ci(site, "http://");
  api_base_ = site + "/wp-json/wc/v3";

  if (!https && !plain) {
    usable_ = fail(ErrorKind::Config,
                   who + ": url \"" + shop.url + "\" must start with https:// (or http://)");
    return;
  }
  if (shop.consumer_key.empty() || shop.consumer_secret.empty()) {
    usable_ = fail(ErrorKind::Config, who +
                                          ": consumer_key and consumer_secret are both needed "
                                          "(WooCommerce > Settings > Advanced > REST API)");
    return;
  }
  const bool secure = https || shop.assume_https;
  switch (shop.auth) {
    case WooAuth::Auto:
      mode_ = secure ? AuthMode::Basic : AuthMode::OAuth1;
      break;
    case WooAuth::Basic:
      mode_ = AuthMode::Basic;
      break;
    case WooAuth::OAuth1:
      mode_ = AuthMode::OAuth1;
      break;
    case WooAuth::Query:
      mode_ = AuthMode::Query;
      break;
  }
  if (!secure && mode_ != AuthMode::OAuth1) {
    usable_ = fail(ErrorKind::Config,
                   who + ": WooCommerce ignores " +
                       (mode_ == AuthMode::Basic ? "Basic credentials" : "query-string keys") +
                       " over plain http (" + site +
                       "); use an https:// url, or auth = \"oauth1\" (or \"auto\") for http");
  }
}

RequestLabel Transport::label(std::string_view method, std::string_view path) const {
  return RequestLabel{method, path, api_base_, mode_ == AuthMode::Basic};
}

HttpRequest Transport::build(std::string_view method, std::string_view path,
                             const QueryParams& query, std::string body, bool idempotent) const {
  HttpRequest request;
  request.method = std::string(method);
  request.idempotent = idempotent;
  std::string url = api_base_ + std::string(path);
  QueryParams params = query;
  if (mode_ == AuthMode::Query) {
    params.emplace_back("consumer_key", credentials_.consumer_key);
    params.emplace_back("consumer_secret", credentials_.consumer_secret);
  }
  if (!params.empty()) url += "?" + build_query(params);
  request.url = std::move(url);
  if (mode_ == AuthMode::OAuth1) {
    // Signed as each attempt leaves, never here: the shop accepts a nonce once and a timestamp
    // for 15 minutes, so a retry of a lost answer must carry a signature of its own. The URL
    // above stays unsigned; only the copy that goes out gets the oauth_* parameters.
    request.prepare_attempt = [this, method = request.method](HttpRequest& attempt) {
      const auto seconds =
          std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
      attempt.url = oauth1_sign_url(method, attempt.url, credentials_, random_hex(16), seconds);
    };
  }
  request.headers.push_back({"Accept", "application/json"});
  if (mode_ == AuthMode::Basic) {
    request.headers.push_back(
        {"Authorization",
         "Basic " + base64_encode(credentials_.consumer_key + ":" + credentials_.consumer_secret)});
  }
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  request.body = std::move(body);
  return request;
}

Result<HttpResponse> Transport::send(const HttpRequest& request, std::string_view method,
                                     std::string_view path) {
  auto response = http_.send(request);
  if (!response) return fail(transport_failure(response.error(), method, path));
  return response;
}

Result<HttpResponse> Transport::call_any(std::string_view method, std::string_view path,
                                         const QueryParams& query, std::string body,
                                         bool idempotent) {
  if (!usable_) return fail(usable_.error());
  return send(build(method, path, query, std::move(body), idempotent), method, path);
}

Result<HttpResponse> Transport::call(std::string_view method, std::string_view path,
                                     const QueryParams& query, std::string body, bool idempotent) {
  auto response = call_any(method, path, query, std::move(body), idempotent);
  if (!response) return response;
  return accept(std::move(*response), method, path);
}

Result<HttpResponse> Transport::accept(HttpResponse response, std::string_view method,
                                       std::string_view path) const {
  if (!response.ok()) return fail(refusal(method, path, response));
  // A login page, a maintenance page or a security plugin answers 200 with HTML.
  if (const auto type = response.header("content-type");
      type && type->find("json") == std::string_view::npos) {
    return fail(ErrorKind::Config, "WooCommerce answered " + std::string(method) + " " +
                                       std::string(path) + " with " + std::string(*type) +
                                       " instead of JSON: check the shop url (" + api_base_ +
                                       ") and that nothing (maintenance mode, a security plugin) "
                                       "intercepts the REST API");
  }
  return response;
}

Error Transport::refusal(std::string_view method, std::string_view path,
                         const HttpResponse& response) const {
  return error_from_response(label(method, path), response);
}

Status Transport::fetch_pages(std::string_view path, const QueryParams& query, int per_page,
                              const PageConsumer& consume) {
  QueryParams base = query;
  base.emplace_back("per_page", std::to_string(per_page));
  const std::string where = "GET " + std::string(path);

  std::vector<std::int64_t> previous_ids;
  auto take = [&](const HttpResponse& page, int number) -> Result<PageSummary> {
    auto summary = consume(page);
    if (!summary) return summary;
    // A full page with exactly the objects of the page before: the shop ignores `page`.
    if (number > 1 && summary->items >= static_cast<std::size_t>(per_page) &&
        !summary->ids.empty() && summary->ids == previous_ids) {
      return fail(ErrorKind::Config,
                  "WooCommerce served the same objects for page " + std::to_string(number) +
                      " as for page " + std::to_string(number - 1) + " of " + where +
                      "; a page cache probably ignores the page parameter: exclude /wp-json/ "
                      "from caching");
    }
    previous_ids = summary->ids;
    return summary;
  };

  auto first = call("GET", path, with_page(base, 1));
  if (!first) return fail(first.error());
  auto summary = take(*first, 1);
  if (!summary) return fail(summary.error());

  if (const auto total_pages = header_int(*first, "x-wp-totalpages")) {
    const int last = std::min(*total_pages, kMaxPages);
    for (int next = 2; next <= last;) {
      std::vector<HttpRequest> round;
      const int round_first = next;
      for (; next <= last && round.size() < kPagesPerRound; ++next) {
        round.push_back(build("GET", path, with_page(base, next), {}, true));
      }
      auto answers = http_.send_all(round);
      for (std::size_t i = 0; i < answers.size(); ++i) {
        if (!answers[i]) return fail(transport_failure(answers[i].error(), "GET", path));
        auto answer = accept(std::move(*answers[i]), "GET", path);
        if (!answer) return fail(answer.error());
        auto page = take(*answer, round_first + static_cast<int>(i));
        if (!page) return fail(page.error());
      }
    }
    return {};
  }

  // No paging headers (some proxies drop them): read on until a page comes back short.
  for (int number = 2; summary->items >= static_cast<std::size_t>(per_page); ++number) {
    if (number > kMaxPages) {
      return fail(ErrorKind::Config,
                  where + " did not end after " + std::to_string(kMaxPages) + " pages");
    }
    auto page = call("GET", path, with_page(base, number));
    if (!page) return fail(page.error());
    summary = take(*page, number);
    if (!summary) return fail(summary.error());
  }
  return {};
}

}  // namespace wv::woo
