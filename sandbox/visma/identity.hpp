#pragma once
// The emulated Visma identity server (identity.vismaonline.com): the OAuth2 authorization-code
// flow with client authentication, rotating or reusable refresh tokens, revocation, and the
// check of bearer tokens that the API does on every call.
//
//   GET  /connect/authorize   client_id, redirect_uri, scope, state, response_type=code.
//        Sandbox convenience: no login page; answers 302 to redirect_uri?code=..&scope=..&state=..
//        as if the user approved. Errors before the redirect URI is trusted (unknown client,
//        unregistered redirect_uri) are a 400 page; later ones redirect with ?error=...
//        Codes are single-use and valid 5 minutes.
//   POST /connect/token       form body; client authentication by
//        "Authorization: Basic base64(client_id:client_secret)" (or client_id/client_secret in
//        the form). grant_type=authorization_code (code, redirect_uri must equal the one given
//        to /authorize) or grant_type=refresh_token (refresh_token). Answers
//        {"access_token","expires_in","token_type":"bearer","refresh_token","scope"}; the refresh
//        token only when the grant includes offline_access. Errors are OAuth2 JSON:
//        400 {"error":"invalid_grant"|"invalid_request"|"unsupported_grant_type"|"invalid_scope"},
//        401 {"error":"invalid_client"}.
//   POST /connect/revocation  token=..&token_type_hint=refresh_token|access_token; client
//        authentication as above; 200 with an empty body even for unknown tokens (RFC 7009).
//
// Refresh tokens rotate by default: using one returns a new one and the old one stops working
// (what Visma's older clients get). With rotation off the same refresh token comes back and stays
// valid (Visma's newer clients). Access tokens are opaque here (Visma's are JWTs; clients must
// not look inside) and expire after the configured lifetime (default 3600 s). Revoking a refresh
// token does not end access tokens already issued from it, as with self-contained JWTs.

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "sandbox/http_server.hpp"

namespace wv::sandbox::visma {

struct OAuthClient {
  std::string client_id;
  std::string client_secret;
  /// Redirect URIs accepted by /connect/authorize; empty accepts any (sandbox convenience).
  std::vector<std::string> redirect_uris;
  /// Scopes the client may ask for.
  std::vector<std::string> allowed_scopes;
};

/// A token pair handed out directly (tests, `woovisma-sandbox --write-config`).
struct OAuthTokens {
  std::string client_id;
  std::string client_secret;
  std::string access_token;
  std::string refresh_token;  ///< empty when the scope lacks offline_access
  std::string scope;
  std::chrono::seconds expires_in{0};
};

/// What a valid bearer token grants.
struct AccessGrant {
  std::string client_id;
  std::set<std::string> scopes;
};

class IdentityServer {
 public:
  IdentityServer();

  void set_clients(std::vector<OAuthClient> clients);
  [[nodiscard]] const std::vector<OAuthClient>& clients() const { return clients_; }
  void set_access_token_lifetime(std::chrono::seconds lifetime) { access_lifetime_ = lifetime; }
  [[nodiscard]] std::chrono::seconds access_token_lifetime() const { return access_lifetime_; }
  void set_rotate_refresh_tokens(bool rotate) { rotate_ = rotate; }
  [[nodiscard]] bool rotate_refresh_tokens() const { return rotate_; }

  /// Answers /connect/authorize, /connect/token and /connect/revocation; nullopt for other paths.
  std::optional<Response> handle(const Request& request, Timestamp now);

  /// Issues a token pair for `client_id` (the first client when empty) with `scope` (the
  /// client's allowed scopes when empty). Throws std::logic_error when the client is unknown.
  OAuthTokens issue(std::string_view client_id, std::string_view scope, Timestamp now);

  /// The grant of the bearer token in an Authorization header value, or nullopt with `why` set
  /// ("missing", "unknown", "expired", "revoked").
  std::optional<AccessGrant> check_bearer(std::string_view authorization, Timestamp now,
                                          std::string& why) const;

  /// Ends every access and refresh token and authorization code (a password change in Visma).
  void revoke_all();
  /// Forgets all tokens and codes and restores the default settings (clients are kept).
  void reset();

 private:
  struct Code {
    std::string client_id;
    std::string redirect_uri;
    std::string scope;
    Timestamp issued;
    bool used = false;
  };
  struct Refresh {
    std::string client_id;
    std::string scope;
    bool active = true;
  };
  struct Access {
    std::string client_id;
    std::string scope;
    Timestamp expires;
    bool revoked = false;
  };

  Response authorize(const Request& request, Timestamp now);
  Response token(const Request& request, Timestamp now);
  Response revocation(const Request& request);
  const OAuthClient* find_client(std::string_view id) const;
  /// The authenticated client of a token/revocation request, or nullptr.
  const OAuthClient* authenticate(const Request& request,
                                  const std::vector<std::pair<std::string, std::string>>& form) const;
  Response token_answer(const std::string& client_id, const std::string& scope,
                        const std::string& refresh_token, Timestamp now);
  void prune(Timestamp now);

  std::vector<OAuthClient> clients_;
  std::chrono::seconds access_lifetime_{3600};
  bool rotate_ = true;
  std::map<std::string, Code> codes_;
  std::map<std::string, Refresh> refresh_;
  std::map<std::string, Access> access_;
};

/// Splits a space-separated scope string.
std::set<std::string> split_scopes(std::string_view scope);

}  // namespace wv::sandbox::visma
