#include "sandbox/visma/identity.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/http/http.hpp"
#include "core/text.hpp"
#include "sandbox/json.hpp"
#include "sandbox/visma/request_util.hpp"

namespace wv::sandbox::visma {
namespace {

constexpr auto kCodeLifetime = std::chrono::minutes(5);

Response oauth_error(int status, std::string_view error, std::string_view description = {}) {
  Json body = Json::object();
  body.set("error", Json::string(std::string(error)));
  if (!description.empty()) body.set("error_description", Json::string(std::string(description)));
  Response r = Response::json(status, body.dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Pragma", "no-cache");
  return r;
}

Response error_page(std::string_view message) {
  Response r;
  r.status = 400;
  r.headers.emplace_back("Content-Type", "text/plain; charset=UTF-8");
  r.body = std::string(message);
  return r;
}

Response redirect(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params) {
  Response r;
  r.status = 302;
  std::string location = uri;
  location += uri.find('?') == std::string::npos ? '?' : '&';
  location += build_query(params);
  r.headers.emplace_back("Location", location);
  return r;
}

std::string join_scopes(const std::set<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

}  // namespace

std::set<std::string> split_scopes(std::string_view scope) {
  std::set<std::string> out;
  while (!scope.empty()) {
    const auto sp = scope.find(' ');
    const auto part = scope.substr(0, sp);
    if (!part.empty()) out.emplace(part);
    scope = sp == std::string_view::npos ? std::string_view() : scope.substr(sp + 1);
  }
  return out;
}

IdentityServer::IdentityServer() = default;

void IdentityServer::set_clients(std::vector<OAuthClient> clients) { clients_ = std::move(clients); }

std::optional<Response> IdentityServer::handle(const Request& request, Timestamp now) {
  const std::string path = ascii_lower(request.path);
  if (path == "/connect/authorize") return authorize(request, now);
  if (path == "/connect/token") return token(request, now);
  if (path == "/connect/revocation") return revocation(request);
  return std::nullopt;
}

const OAuthClient* IdentityServer::find_client(std::string_view id) const {
  for (const auto& c : clients_) {
    if (c.client_id == id) return &c;
  }
  return nullptr;
}

Response IdentityServer::authorize(const Request& request, Timestamp now) {
  if (request.method != "GET" && request.method != "POST") return error_page("Method not allowed");
  auto params = request.method == "POST" ? parse_form(request.body) : request.query;
  const auto client_id = form_value(params, "client_id").value_or("");
  const OAuthClient* client = find_client(client_id);
  if (!client) return error_page("Sorry, there was an error: unauthorized_client (unknown client_id '" + client_id + "')");
  const auto redirect_uri = form_value(params, "redirect_uri").value_or("");
  bool registered = client->redirect_uris.empty() && !redirect_uri.empty();
  for (const auto& u : client->redirect_uris) registered = registered || u == redirect_uri;
  if (!registered) {
    return error_page("Sorry, there was an error: invalid_request (redirect_uri '" + redirect_uri +
                      "' is not registered for client '" + client_id + "')");
  }
  std::vector<std::pair<std::string, std::string>> answer;
  const auto state = form_value(params, "state");
  auto with_state = [&](std::vector<std::pair<std::string, std::string>> p) {
    if (state) p.emplace_back("state", *state);
    return p;
  };
  if (form_value(params, "response_type").value_or("") != "code") {
    return redirect(redirect_uri, with_state({{"error", "unsupported_response_type"}}));
  }
  const auto requested = split_scopes(form_value(params, "scope").value_or(""));
  if (requested.empty()) return redirect(redirect_uri, with_state({{"error", "invalid_scope"}}));
  for (const auto& s : requested) {
    bool allowed = false;
    for (const auto& a : client->allowed_scopes) allowed = allowed || a == s;
    if (!allowed) return redirect(redirect_uri, with_state({{"error", "invalid_scope"}}));
  }
  prune(now);
  const std::string code = random_hex(32);
  const std::string scope = join_scopes(requested);
  codes_[code] = Code{client_id, redirect_uri, scope, now, false};
  return redirect(redirect_uri, with_state({{"code", code}, {"scope", scope}}));
}

const OAuthClient* IdentityServer::authenticate(
    const Request& request, const std::vector<std::pair<std::string, std::string>>& form) const {
  std::string id, secret;
  if (auto auth = request.header("authorization")) {
    if (auth->size() < 6 || !ascii_iequals(auth->substr(0, 6), "basic ")) return nullptr;
    bool ok = false;
    const std::string decoded = base64_decode(auth->substr(6), ok);
    const auto colon = decoded.find(':');
    if (!ok || colon == std::string::npos) return nullptr;
    // RFC 6749 §2.3.1: both parts are form-encoded before they are joined.
    id = url_decode(decoded.substr(0, colon), true);
    secret = url_decode(decoded.substr(colon + 1), true);
  } else {
    id = form_value(form, "client_id").value_or("");
    secret = form_value(form, "client_secret").value_or("");
  }
  const OAuthClient* client = find_client(id);
  return client && !id.empty() && client->client_secret == secret ? client : nullptr;
}

Response IdentityServer::token(const Request& request, Timestamp now) {
  if (request.method != "POST") return oauth_error(400, "invalid_request", "POST required");
  const auto form = parse_form(request.body);
  const OAuthClient* client = authenticate(request, form);
  if (!client) return oauth_error(401, "invalid_client");
  const auto grant_type = form_value(form, "grant_type").value_or("");
  prune(now);
  if (grant_type == "authorization_code") {
    const auto code_text = form_value(form, "code");
    if (!code_text) return oauth_error(400, "invalid_request", "code is missing");
    auto it = codes_.find(*code_text);
    if (it == codes_.end() || it->second.used || it->second.client_id != client->client_id ||
        now - it->second.issued > kCodeLifetime) {
      return oauth_error(400, "invalid_grant");
    }
    if (form_value(form, "redirect_uri").value_or("") != it->second.redirect_uri) {
      return oauth_error(400, "invalid_grant", "redirect_uri does not match the authorization request");
    }
    it->second.used = true;
    const std::string scope = it->second.scope;
    std::string refresh;
    if (split_scopes(scope).contains("offline_access")) {
      refresh = random_hex(32);
      refresh_[refresh] = Refresh{client->client_id, scope, true};
    }
    return token_answer(client->client_id, scope, refresh, now);
  }
  if (grant_type == "refresh_token") {
    const auto presented = form_value(form, "refresh_token");
    if (!presented) return oauth_error(400, "invalid_request", "refresh_token is missing");
    auto it = refresh_.find(*presented);
    if (it == refresh_.end() || !it->second.active || it->second.client_id != client->client_id) {
      return oauth_error(400, "invalid_grant");
    }
    const std::string scope = it->second.scope;
    std::string refresh = *presented;
    if (rotate_) {
      it->second.active = false;
      refresh = random_hex(32);
      refresh_[refresh] = Refresh{client->client_id, scope, true};
    }
    return token_answer(client->client_id, scope, refresh, now);
  }
  if (grant_type.empty()) return oauth_error(400, "invalid_request", "grant_type is missing");
  return oauth_error(400, "unsupported_grant_type");
}

Response IdentityServer::token_answer(const std::string& client_id, const std::string& scope,
                                      const std::string& refresh_token, Timestamp now) {
  const std::string access = random_hex(32);
  access_[access] = Access{client_id, scope, now + access_lifetime_, false};
  Json body = Json::object();
  body.set("access_token", Json::string(access));
  body.set("expires_in", Json::integer(access_lifetime_.count()));
  body.set("token_type", Json::string("bearer"));
  if (!refresh_token.empty()) body.set("refresh_token", Json::string(refresh_token));
  body.set("scope", Json::string(scope));
  Response r = Response::json(200, body.dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Pragma", "no-cache");
  return r;
}

Response IdentityServer::revocation(const Request& request) {
  if (request.method != "POST") return oauth_error(400, "invalid_request", "POST required");
  const auto form = parse_form(request.body);
  const OAuthClient* client = authenticate(request, form);
  if (!client) return oauth_error(401, "invalid_client");
  const auto token_text = form_value(form, "token");
  if (!token_text) return oauth_error(400, "invalid_request", "token is missing");
  if (auto it = refresh_.find(*token_text); it != refresh_.end() && it->second.client_id == client->client_id) {
    it->second.active = false;
  }
  if (auto it = access_.find(*token_text); it != access_.end() && it->second.client_id == client->client_id) {
    it->second.revoked = true;
  }
  Response r;
  r.status = 200;
  return r;
}

OAuthTokens IdentityServer::issue(std::string_view client_id, std::string_view scope, Timestamp now) {
  const OAuthClient* client = client_id.empty() ? (clients_.empty() ? nullptr : &clients_.front())
                                                : find_client(client_id);
  if (!client) throw std::logic_error("no emulated Visma client '" + std::string(client_id) + "'");
  std::string granted(scope);
  if (granted.empty()) {
    std::set<std::string> all(client->allowed_scopes.begin(), client->allowed_scopes.end());
    granted = join_scopes(all);
  } else {
    granted = join_scopes(split_scopes(granted));
  }
  OAuthTokens t;
  t.client_id = client->client_id;
  t.client_secret = client->client_secret;
  t.scope = granted;
  t.expires_in = access_lifetime_;
  t.access_token = random_hex(32);
  access_[t.access_token] = Access{client->client_id, granted, now + access_lifetime_, false};
  if (split_scopes(granted).contains("offline_access")) {
    t.refresh_token = random_hex(32);
    refresh_[t.refresh_token] = Refresh{client->client_id, granted, true};
  }
  return t;
}

std::optional<AccessGrant> IdentityServer::check_bearer(std::string_view authorization, Timestamp now,
                                                        std::string& why) const {
  if (authorization.size() < 7 || !ascii_iequals(authorization.substr(0, 7), "bearer ")) {
    why = "missing";
    return std::nullopt;
  }
  auto it = access_.find(std::string(authorization.substr(7)));
  if (it == access_.end()) {
    why = "unknown";
    return std::nullopt;
  }
  if (it->second.revoked) {
    why = "revoked";
    return std::nullopt;
  }
  if (now >= it->second.expires) {
    why = "expired";
    return std::nullopt;
  }
  return AccessGrant{it->second.client_id, split_scopes(it->second.scope)};
}

void IdentityServer::revoke_all() {
  for (auto& [_, c] : codes_) c.used = true;
  for (auto& [_, r] : refresh_) r.active = false;
  for (auto& [_, a] : access_) a.revoked = true;
}

void IdentityServer::reset() {
  codes_.clear();
  refresh_.clear();
  access_.clear();
  access_lifetime_ = std::chrono::seconds(3600);
  rotate_ = true;
}

void IdentityServer::prune(Timestamp now) {
  // Keep memory bounded in long benchmark runs; an expired token answers "unknown" afterwards,
  // which the API reports the same way as "expired".
  std::erase_if(codes_, [&](const auto& kv) { return now - kv.second.issued > std::chrono::hours(1); });
  std::erase_if(access_, [&](const auto& kv) { return now - kv.second.expires > std::chrono::hours(24); });
}

}  // namespace wv::sandbox::visma
