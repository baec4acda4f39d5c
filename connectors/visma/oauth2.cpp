#include "connectors/visma/oauth2.hpp"

#include <fmt/format.h>

#include "connectors/visma/wire_json.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"

namespace wv {
namespace {

using visma_wire::FieldReader;
using visma_wire::remote_text;
using visma_wire::WireProblems;

std::string trim_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// An OAuth error answer from the token endpoint ({"error":"invalid_grant", ...}) as an Error.
Error token_error(const HttpResponse& r, const char* what) {
  std::string code;
  std::string description;
  if (auto doc = visma_wire::parse_json(r.body); doc && doc->IsObject()) {
    WireProblems ignored;
    FieldReader f(&*doc, ignored, "");
    code = f.text("error");
    description = f.text("error_description");
  }
  std::string detail = code.empty() ? fmt::format("HTTP {}", r.status) : fmt::format("{}, HTTP {}", code, r.status);
  if (!description.empty()) detail += ": " + remote_text(description, 200);
  Error e;
  e.http_status = r.status;
  e.remote_code = code;
  if (code == "invalid_grant") {
    e.kind = ErrorKind::Auth;
    e.message = std::string(what) == "refresh"
                    ? fmt::format("Visma refused the refresh token ({}); it was revoked, expired or already "
                                  "replaced; {}",
                                  detail, kVismaReauthAdvice)
                    : fmt::format("Visma refused the authorization code ({}); a code is valid for 5 minutes, "
                                  "once, with the same redirect_uri; {} again",
                                  detail, kVismaReauthAdvice);
  } else if (code == "invalid_client" || code == "unauthorized_client") {
    e.kind = ErrorKind::Config;
    e.message = fmt::format("Visma refused the client credentials ({}); check visma.client_id and "
                            "visma.client_secret",
                            detail);
  } else if (code == "invalid_scope") {
    e.kind = ErrorKind::Config;
    e.message = fmt::format("Visma refused the requested scopes ({}); check visma.scopes", detail);
  } else if (r.status == 429 || r.status >= 500) {
    e.kind = ErrorKind::Transient;
    e.message = fmt::format("the Visma identity server failed the token {} ({}); a later run retries", what, detail);
  } else if (r.status == 401) {
    e.kind = ErrorKind::Config;
    e.message = fmt::format("Visma refused the client credentials ({}); check visma.client_id and "
                            "visma.client_secret",
                            detail);
  } else {
    e.kind = ErrorKind::Auth;
    e.message = fmt::format("Visma refused the token {} ({}); {}", what, detail, kVismaReauthAdvice);
  }
  return e;
}

}  // namespace

OAuth2Client::OAuth2Client(const VismaConfig& config, HttpClient& http, const Clock& clock)
    : config_(config), http_(http), clock_(clock) {
  register_secret(config_.client_secret);
}

std::string OAuth2Client::base_url() const { return trim_slash(config_.identity_url); }

std::string OAuth2Client::authorize_url(std::string_view state) const {
  return base_url() + "/connect/authorize?" +
         build_query({{"client_id", config_.client_id},
                      {"redirect_uri", config_.redirect_uri},
                      {"scope", join(config_.scopes, ' ')},
                      {"state", std::string(state)},
                      {"response_type", "code"},
                      {"prompt", "select_account"}});
}

HttpRequest OAuth2Client::form_post(std::string path,
                                    const std::vector<std::pair<std::string, std::string>>& form) const {
  const std::string basic = base64_encode(config_.client_id + ":" + config_.client_secret);
  register_secret(basic);
  HttpRequest req;
  req.method = "POST";
  req.url = base_url() + path;
  req.headers = {{"Authorization", "Basic " + basic},
                 {"Content-Type", "application/x-www-form-urlencoded"},
                 {"Accept", "application/json"}};
  req.body = build_query(form);
  // A code is single-use and a rotating refresh token dies when used: repeating a request that
  // reached the server can only fail, so the HTTP layer must not retry it blindly.
  req.idempotent = false;
  return req;
}

Result<OAuthTokens> OAuth2Client::token_request(std::vector<std::pair<std::string, std::string>> form,
                                                const char* what, const OAuthTokens* previous) const {
  auto response = http_.send(form_post("/connect/token", form));
  if (!response) {
    return fail(response.error().with_context(fmt::format("Visma token {} (POST /connect/token)", what)));
  }
  if (!response->ok()) return fail(token_error(*response, what));

  auto doc = visma_wire::parse_json(response->body);
  if (!doc) {
    return fail(ErrorKind::Transient,
                fmt::format("Visma's token {} answer (POST /connect/token) is unusable: {}", what, doc.error().message));
  }
  WireProblems problems;
  FieldReader f(&*doc, problems, "");
  OAuthTokens tokens;
  tokens.access_token = f.text("access_token", /*required=*/true);
  register_secret(tokens.access_token);
  tokens.refresh_token = f.text("refresh_token", /*required=*/previous == nullptr);
  register_secret(tokens.refresh_token);
  const auto expires_in = f.integer("expires_in", false, 3600);
  tokens.scope = f.text("scope");
  if (!problems.ok()) {
    return fail(ErrorKind::Transient,
                fmt::format("Visma's token {} answer (POST /connect/token) is unusable: {}", what, *problems.first));
  }
  if (previous != nullptr) {
    if (tokens.refresh_token.empty()) tokens.refresh_token = previous->refresh_token;  // not rotated
    if (tokens.scope.empty()) tokens.scope = previous->scope;
  } else if (tokens.scope.empty()) {
    tokens.scope = join(config_.scopes, ' ');
  }
  tokens.refreshed_at = clock_.now();
  tokens.expires_at = tokens.refreshed_at + std::chrono::seconds(std::max<std::int64_t>(expires_in, 0));
  return tokens;
}

Result<OAuthTokens> OAuth2Client::exchange_code(std::string_view code) const {
  register_secret(code);
  return token_request({{"grant_type", "authorization_code"},
                        {"code", std::string(code)},
                        {"redirect_uri", config_.redirect_uri}},
                       "exchange", nullptr);
}

Result<OAuthTokens> OAuth2Client::refresh(const OAuthTokens& current) const {
  if (current.refresh_token.empty()) {
    return fail(ErrorKind::Auth, fmt::format("no Visma refresh token is saved; {}", kVismaReauthAdvice));
  }
  register_secret(current.refresh_token);
  return token_request({{"grant_type", "refresh_token"}, {"refresh_token", current.refresh_token}}, "refresh",
                       &current);
}

Status OAuth2Client::revoke(std::string_view refresh_token) const {
  register_secret(refresh_token);
  auto response = http_.send(
      form_post("/connect/revocation", {{"token", std::string(refresh_token)}, {"token_type_hint", "refresh_token"}}));
  if (!response) return fail(response.error().with_context("Visma token revocation (POST /connect/revocation)"));
  if (!response->ok()) return fail(token_error(*response, "revocation"));
  return {};
}

std::vector<std::string> token_scopes(const OAuthTokens& tokens) {
  if (!tokens.scope.empty()) return split_spaces(tokens.scope);
  // A JWT access token: header.payload.signature, the payload base64url-encoded JSON.
  const std::string& t = tokens.access_token;
  const auto first = t.find('.');
  const auto second = first == std::string::npos ? std::string::npos : t.find('.', first + 1);
  if (second == std::string::npos) return {};
  std::string payload = t.substr(first + 1, second - first - 1);
  for (char& c : payload) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (payload.size() % 4 != 0) payload += '=';
  bool ok = false;
  const std::string json = base64_decode(payload, ok);
  if (!ok) return {};
  auto doc = visma_wire::parse_json(json);
  if (!doc || !doc->IsObject()) return {};
  WireProblems problems;
  FieldReader f(&*doc, problems, "");
  auto list = f.texts("scope");
  if (!problems.ok()) {
    WireProblems again;
    FieldReader g(&*doc, again, "");
    list = split_spaces(g.text("scope"));
  }
  return list;
}

}  // namespace wv
