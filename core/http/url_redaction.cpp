#include "core/http/url_redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/redact.hpp"

namespace wv {
namespace {

constexpr std::array<std::string_view, 14> kCredentialParams = {
    "consumer_key",  "consumer_secret", "oauth_signature", "oauth_token", "access_token",
    "refresh_token", "client_secret",   "code",            "password",    "token",
    "secret",        "api_key",         "signature",       "key"};

bool is_credential_param(std::string_view name) {
  std::string lowered(name);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kCredentialParams.begin(), kCredentialParams.end(), lowered) !=
         kCredentialParams.end();
}

// The authority part [start, end) of `url`, after "scheme://".
std::pair<std::size_t, std::size_t> authority_span(std::string_view url) {
  const std::size_t scheme_end = url.find("//");
  if (scheme_end == std::string_view::npos) return {std::string_view::npos, 0};
  const std::size_t start = scheme_end + 2;
  std::size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  return {start, end};
}

std::string mask_query(std::string_view query) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    std::size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view pair = query.substr(pos, amp - pos);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_credential_param(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1));
      out.append("***");
    } else {
      out.append(pair);
    }
    if (amp == query.size()) break;
    out += '&';
    pos = amp + 1;
  }
  return out;
}

}  // namespace

std::string url_host(std::string_view url) {
  auto [start, end] = authority_span(url);
  if (start == std::string_view::npos) return redact(url);
  std::string_view authority = url.substr(start, end - start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  return std::string(authority);
}

std::string redact_url(std::string_view url) {
  std::string out;
  auto [start, end] = authority_span(url);
  if (start != std::string_view::npos) {
    out.append(url.substr(0, start));
    out.append(url_host(url));
    url.remove_prefix(end);
  }
  const std::size_t q = url.find('?');
  if (q == std::string_view::npos) {
    out.append(url);
  } else {
    std::size_t frag = url.find('#', q);
    if (frag == std::string_view::npos) frag = url.size();
    out.append(url.substr(0, q + 1));
    out.append(mask_query(url.substr(q + 1, frag - q - 1)));
    out.append(url.substr(frag));
  }
  return redact(out);
}

}  // namespace wv
