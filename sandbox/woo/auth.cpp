#include "sandbox/woo/auth.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "core/crypto.hpp"
#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {
namespace {

RestError auth_error(std::string message, std::string code = "woocommerce_rest_authentication_error") {
  return RestError{std::move(code), std::move(message), 401, Json::object()};
}

ApiKey* find_key(ShopState& shop, const std::string& consumer_key) {
  for (auto& key : shop.keys) {
    if (key.consumer_key == consumer_key) return &key;
  }
  return nullptr;
}

bool non_empty(const Json* v) { return v != nullptr && !php_string(*v).empty() && php_string(*v) != "0"; }

// normalize_parameters: rawurlencode on the top-level keys and, recursively, on the values
// (wc_rest_urlencode_rfc3986).
Json normalize(const Json& params, bool top = true) {
  Json out = Json::object();
  for (const auto& [key, value] : params.members()) {
    const std::string k = top ? php_rawurlencode(key) : key;
    if (value.is_object()) {
      out.add(k, normalize(value, false));
    } else {
      out.add(k, Json::string(php_rawurlencode(php_string(value))));
    }
  }
  return out;
}

void join_with_equals(const Json& params, std::vector<std::string>& out, const std::string& prefix) {
  for (const auto& [raw_key, value] : params.members()) {
    const std::string key = prefix.empty() ? raw_key : prefix + "%5B" + raw_key + "%5D";
    if (value.is_object()) {
      join_with_equals(value, out, key);
    } else {
      out.push_back(php_rawurlencode(key + "=" + value.text()));
    }
  }
}

// WC_REST_Authentication::parse_header for "OAuth k="v", ..." headers.
Json parse_oauth_header(const std::string& header) {
  Json out = Json::object();
  if (header.rfind("OAuth ", 0) != 0) return out;
  std::string rest = header.substr(6);
  std::size_t pos = 0;
  while (pos < rest.size()) {
    std::size_t comma = rest.find(',', pos);
    if (comma == std::string::npos) comma = rest.size();
    std::string part = rest.substr(pos, comma - pos);
    pos = comma + 1;
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos) continue;
    std::string key = part.substr(0, eq);
    std::string value = part.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    // Only oauth_* parameters count (a realm is ignored).
    if (key.rfind("oauth_", 0) != 0) continue;
    out.set(key, Json::string(php_urldecode(value)));
  }
  return out;
}

}  // namespace

std::string oauth_base_string(const std::string& method, const std::string& url, const Json& params) {
  Json sorted = Json::object();
  std::vector<std::pair<std::string, Json>> members = params.members();
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [k, v] : members) {
    if (k == "oauth_signature") continue;
    sorted.add(k, v);
  }
  std::vector<std::string> parts;
  join_with_equals(normalize(sorted), parts, "");
  std::string query;
  for (std::size_t i = 0; i < parts.size(); ++i) query += (i ? "%26" : "") + parts[i];
  return method + "&" + php_rawurlencode(url) + "&" + query;
}

AuthOutcome authenticate(ShopState& shop, const Request& request, bool https, const std::string& site_url,
                         const Json& query, const Json& form, Timestamp now) {
  AuthOutcome outcome;
  if (https) {
    std::string consumer_key, consumer_secret;
    const Json* qk = query.find("consumer_key");
    const Json* qs = query.find("consumer_secret");
    if (non_empty(qk) && non_empty(qs)) {
      consumer_key = php_string(*qk);
      consumer_secret = php_string(*qs);
    }
    if (consumer_key.empty()) {
      if (auto auth = request.header("authorization"); auth && auth->rfind("Basic ", 0) == 0) {
        bool ok = false;
        const std::string decoded = base64_decode(auth->substr(6), ok);
        const auto colon = decoded.find(':');
        if (ok && colon != std::string::npos) {
          consumer_key = decoded.substr(0, colon);
          consumer_secret = decoded.substr(colon + 1);
        }
      }
    }
    if (!consumer_key.empty() && !consumer_secret.empty() && consumer_secret != "0") {
      if (ApiKey* key = find_key(shop, consumer_key)) {
        if (key->consumer_secret != consumer_secret) {
          outcome.error = auth_error("Consumer secret is invalid.");
          return outcome;
        }
        outcome.key = key;
        return outcome;
      }
    }
  }
  // OAuth 1.0a: query and form parameters, plus an "Authorization: OAuth ..." header.
  Json params = query;
  for (const auto& [k, v] : form.members()) params.set(k, v);
  if (auto auth = request.header("authorization")) {
    std::string trimmed = *auth;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    const Json header_params = parse_oauth_header(trimmed);
    for (const auto& [k, v] : header_params.members()) params.set(k, v);
  }
  static const char* kNames[] = {"oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature",
                                 "oauth_signature_method"};
  std::vector<std::string> missing;
  bool have_one = false;
  for (const char* name : kNames) {
    if (non_empty(params.find(name))) {
      have_one = true;
    } else {
      missing.push_back(name);
    }
  }
  if (!have_one) return outcome;
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    outcome.error = auth_error((missing.size() == 1 ? "Missing OAuth parameter " : "Missing OAuth parameters ") + list,
                               "woocommerce_rest_authentication_missing_parameter");
    return outcome;
  }
  ApiKey* key = find_key(shop, php_string(*params.find("oauth_consumer_key")));
  if (key == nullptr) {
    outcome.error = auth_error("Consumer key is invalid.");
    return outcome;
  }
  // The base URL is the home URL with the request's scheme and path (not its query).
  std::string path = request.raw_target.empty() ? request.path : request.raw_target;
  if (const auto q = path.find('?'); q != std::string::npos) path.erase(q);
  const std::string base_string = oauth_base_string(request.method, site_url + path, params);
  const std::string method = php_string(*params.find("oauth_signature_method"));
  if (method != "HMAC-SHA1" && method != "HMAC-SHA256") {
    outcome.error = auth_error("Invalid signature - signature method is invalid.");
    return outcome;
  }
  std::string provided = php_string(*params.find("oauth_signature"));
  std::replace(provided.begin(), provided.end(), ' ', '+');
  std::string decoded;
  for (std::size_t i = 0; i < provided.size(); ++i) {
    if (provided[i] == '%' && i + 2 < provided.size()) {
      decoded += static_cast<char>(std::strtol(provided.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      decoded += provided[i];
    }
  }
  const std::string signing_key = key->consumer_secret + "&";
  const std::string expected = base64_encode(method == "HMAC-SHA1" ? hmac_sha1(signing_key, base_string)
                                                                   : hmac_sha256(signing_key, base_string));
  if (expected != decoded) {
    outcome.error = auth_error("Invalid signature - provided signature does not match.");
    return outcome;
  }
  const std::int64_t timestamp = php_int(*params.find("oauth_timestamp"));
  const std::int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  constexpr std::int64_t kWindow = 15 * 60;
  if (timestamp < now_s - kWindow || timestamp > now_s + kWindow) {
    outcome.error = auth_error("Invalid timestamp.");
    return outcome;
  }
  const std::string nonce = php_string(*params.find("oauth_nonce"));
  if (key->nonces.contains(nonce)) {
    outcome.error = auth_error("Invalid nonce - nonce has already been used.");
    return outcome;
  }
  key->nonces.emplace(nonce, timestamp);
  key->nonces_by_time.emplace(timestamp, nonce);
  // As WooCommerce: once a nonce is stored, those whose timestamp left the window are forgotten
  // (so an expired nonce is still refused until the next one is accepted).
  while (!key->nonces_by_time.empty() && key->nonces_by_time.begin()->first < now_s - kWindow) {
    const auto oldest = key->nonces_by_time.begin();
    key->nonces.erase(oldest->second);
    key->nonces_by_time.erase(oldest);
  }
  outcome.key = key;
  return outcome;
}

std::optional<RestError> check_key_permission(const ApiKey& key, const std::string& method) {
  const std::string& p = key.permissions;
  if (method == "HEAD" || method == "GET") {
    if (p != "read" && p != "read_write") return auth_error("The API key provided does not have read permissions.");
  } else if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE") {
    if (p != "write" && p != "read_write") return auth_error("The API key provided does not have write permissions.");
  } else if (method != "OPTIONS") {
    return auth_error("Unknown request method.");
  }
  return std::nullopt;
}

}  // namespace wv::sandbox::woo
