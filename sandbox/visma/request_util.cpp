#include "sandbox/visma/request_util.hpp"

#include "core/http/http.hpp"
#include "core/text.hpp"

namespace wv::sandbox::visma {

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view part = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(url_decode(part, true), "");
    } else {
      out.emplace_back(url_decode(part.substr(0, eq), true), url_decode(part.substr(eq + 1), true));
    }
  }
  return out;
}

std::optional<std::string> form_value(const std::vector<std::pair<std::string, std::string>>& pairs,
                                      std::string_view name) {
  for (const auto& [k, v] : pairs) {
    if (k == name) return v;
  }
  return std::nullopt;
}

Request make_request(std::string method, std::string_view target, std::string body,
                     std::vector<std::pair<std::string, std::string>> headers) {
  Request r;
  r.method = std::move(method);
  r.raw_target = std::string(target);
  const auto q = target.find('?');
  r.path = url_decode(target.substr(0, q));
  if (q != std::string_view::npos) {
    r.raw_query = std::string(target.substr(q + 1));
    r.query = parse_form(r.raw_query);
  }
  for (auto& [k, v] : headers) r.headers[ascii_lower(k)] = std::move(v);
  r.body = std::move(body);
  return r;
}

}  // namespace wv::sandbox::visma
