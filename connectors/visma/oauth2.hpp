#pragma once
// Visma's OAuth2 authorization-code flow against the identity server
// (VismaConfig::identity_url): /connect/authorize, /connect/token, /connect/revocation.
// Token requests are form POSTs authenticated with
// `Authorization: Basic base64(client_id:client_secret)`. Every token and the client secret are
// registered with register_secret() the moment they are known; none is ever put in a message.
//
// This class only talks to the identity server; TokenKeeper (token_keeper.hpp) decides when to
// refresh and persists the result.

#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/http/http.hpp"
#include "core/store/records.hpp"
#include "core/time.hpp"

namespace wv {

/// The advice every "log in again" error carries.
inline constexpr const char* kVismaReauthAdvice = "run `woovisma auth visma`";

class OAuth2Client {
 public:
  /// Keeps references to all three; `config` must outlive the client.
  OAuth2Client(const VismaConfig& config, HttpClient& http, const Clock& clock);

  /// The URL the merchant opens to grant access: client_id, redirect_uri, the configured scopes
  /// (space-separated), `state`, response_type=code and prompt=select_account (so the merchant
  /// picks the company).
  [[nodiscard]] std::string authorize_url(std::string_view state) const;

  /// Trades a one-time authorization code (valid 5 minutes) for tokens. Fails Auth when Visma
  /// refuses the code (expired, used, other redirect_uri), Config when it refuses the client
  /// id/secret, Transient when the identity server could not be reached or failed.
  Result<OAuthTokens> exchange_code(std::string_view code) const;

  /// New tokens for `current.refresh_token`. When Visma does not send a new refresh token the
  /// current one is kept (non-rotating clients), likewise the scope. Fails Auth with the advice
  /// to re-authorise on invalid_grant (revoked, expired or already rotated), Config on
  /// invalid_client, Transient as exchange_code().
  Result<OAuthTokens> refresh(const OAuthTokens& current) const;

  /// Revokes `refresh_token` at Visma. Fails Transient/Config as above.
  Status revoke(std::string_view refresh_token) const;

 private:
  Result<OAuthTokens> token_request(std::vector<std::pair<std::string, std::string>> form,
                                    const char* what, const OAuthTokens* previous) const;
  [[nodiscard]] HttpRequest form_post(std::string path, const std::vector<std::pair<std::string, std::string>>& form) const;
  [[nodiscard]] std::string base_url() const;

  const VismaConfig& config_;
  HttpClient& http_;
  const Clock& clock_;
};

/// The scopes a token carries: the space-separated `scope` when Visma reported one, else the
/// `scope` claim of the access token when it is a JWT; empty when neither says.
std::vector<std::string> token_scopes(const OAuthTokens& tokens);

}  // namespace wv
