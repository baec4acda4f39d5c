#include "connectors/woocommerce/oauth1.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/http/http.hpp"

namespace wv::woo {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string oauth1_base_url(std::string_view url) {
  const auto cut = url.find_first_of("?#");
  if (cut != std::string_view::npos) url = url.substr(0, cut);
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::string scheme = lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  const auto path_start = rest.find('/');
  std::string authority = lower(rest.substr(0, path_start));
  const std::string_view path =
      path_start == std::string_view::npos ? std::string_view("/") : rest.substr(path_start);
  const std::string default_port = scheme == "https" ? ":443" : scheme == "http" ? ":80" : "";
  if (!default_port.empty() && authority.size() > default_port.size() &&
      authority.ends_with(default_port)) {
    authority.resize(authority.size() - default_port.size());
  }
  return scheme + "://" + authority + std::string(path);
}

std::string oauth1_base_string(std::string_view method, std::string_view url,
                               const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(params.size());
  for (const auto& [name, value] : params)
    encoded.emplace_back(url_encode(name), url_encode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string normalized;
  for (const auto& [name, value] : encoded) {
    if (!normalized.empty()) normalized += '&';
    normalized += name;
    normalized += '=';
    normalized += value;
  }
  std::string out;
  for (char c : method) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out += '&';
  out += url_encode(oauth1_base_url(url));
  out += '&';
  out += url_encode(normalized);
  return out;
}

std::string oauth1_signature(const OAuthCredentials& credentials, std::string_view base_string) {
  const std::string key = credentials.consumer_secret + "&";
  const std::string mac = credentials.method == OAuthMethod::HmacSha1
                              ? hmac_sha1(key, base_string)
                              : hmac_sha256(key, base_string);
  return base64_encode(mac);
}

QueryParams parse_query(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(url_decode(pair, true), "");
      } else {
        out.emplace_back(url_decode(pair.substr(0, eq), true),
                         url_decode(pair.substr(eq + 1), true));
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::string oauth1_sign_url(std::string_view method, std::string_view url,
                            const OAuthCredentials& credentials, std::string_view nonce,
                            std::int64_t unix_seconds) {
  std::string_view base = url;
  std::string_view query;
  if (const auto q = url.find('?'); q != std::string_view::npos) {
    base = url.substr(0, q);
    query = url.substr(q + 1);
  }
  QueryParams params = parse_query(query);
  params.emplace_back("oauth_consumer_key", credentials.consumer_key);
  params.emplace_back("oauth_nonce", std::string(nonce));
  params.emplace_back("oauth_signature_method",
                      credentials.method == OAuthMethod::HmacSha1 ? "HMAC-SHA1" : "HMAC-SHA256");
  params.emplace_back("oauth_timestamp", std::to_string(unix_seconds));
  const std::string signature =
      oauth1_signature(credentials, oauth1_base_string(method, base, params));
  params.emplace_back("oauth_signature", signature);
  return std::string(base) + "?" + build_query(params);
}

}  // namespace wv::woo
