#include "tests/support/inprocess_http.hpp"

#include <cctype>

#include "core/text.hpp"

namespace wv::testing {
namespace {

sandbox::Request to_sandbox(const HttpRequest& in, bool tls) {
  sandbox::Request out;
  out.method = in.method;
  out.tls = tls;
  out.body = in.body;
  // http://host:port/path?query → /path?query
  std::string target = in.url;
  const auto scheme = target.find("://");
  if (scheme != std::string::npos) {
    const auto slash = target.find('/', scheme + 3);
    target = slash == std::string::npos ? "/" : target.substr(slash);
  }
  out.raw_target = target;
  const auto q = target.find('?');
  out.path = url_decode(target.substr(0, q));
  if (q != std::string::npos) {
    out.raw_query = target.substr(q + 1);
    std::string_view rest(out.raw_query);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      const auto eq = pair.find('=');
      out.query.emplace_back(url_decode(pair.substr(0, eq), true),
                             eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true));
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  for (const auto& h : in.headers) out.headers[ascii_lower(h.name)] = h.value;
  if (!in.body.empty()) out.headers["content-length"] = std::to_string(in.body.size());
  return out;
}

}  // namespace

Result<HttpResponse> InProcessHttpClient::send(const HttpRequest& original) {
  // One send is one attempt, signed (prepare_attempt) as the real client signs each.
  const HttpRequest request = attempt_of(original);
  const sandbox::Response r = sandbox_.handle(to_sandbox(request, tls_));
  if (r.fault == sandbox::Fault::CloseBeforeResponse || r.fault == sandbox::Fault::TruncateBody) {
    Error e(ErrorKind::Transient, "connection to the sandbox closed before the answer");
    e.ambiguous = !request.idempotent;
    return fail(e);
  }
  HttpResponse out;
  out.status = r.status;
  out.body = r.body;
  for (const auto& [name, value] : r.headers) out.headers.push_back({ascii_lower(name), value});
  return out;
}

std::vector<Result<HttpResponse>> InProcessHttpClient::send_all(std::span<const HttpRequest> requests) {
  std::vector<Result<HttpResponse>> out;
  out.reserve(requests.size());
  for (const auto& r : requests) out.push_back(send(r));
  return out;
}

}  // namespace wv::testing
