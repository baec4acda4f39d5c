#pragma once
// Keeps a usable Visma access token for the requests of one run. It loads the saved tokens once,
// refreshes them when they are within VismaConfig::token_refresh_margin of expiry or after Visma
// answered 401, and — because Visma may rotate refresh tokens — saves every new pair through the
// TokenVault BEFORE the new access token is handed to any request. When that save fails the
// refresh fails and the new access token is never used. Thread-safe: one refresh at a time,
// under the keeper's lock; a thread that finds the token expiring (or refused) while another
// refreshes waits for the lock and then uses the new token, so concurrent requests that all saw
// an expiring token or a 401 cause one refresh.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "connectors/visma/oauth2.hpp"
#include "connectors/visma/token_vault.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv {

class TokenKeeper {
 public:
  TokenKeeper(const OAuth2Client& oauth, TokenVault& vault, const Clock& clock, std::chrono::seconds refresh_margin);

  /// An access token valid for at least the refresh margin (capped at half the token's
  /// lifetime, so a margin longer than the lifetime cannot refresh on every request). Fails Auth when no tokens are saved
  /// (with the advice to run `woovisma auth visma`), Store when the vault fails, and as
  /// OAuth2Client::refresh() when a refresh is needed and fails.
  Result<std::string> access_token();

  /// After Visma answered 401 to a request that carried `rejected`: refreshes once (unless
  /// another request already replaced that token) and returns the token to retry with. Fails as
  /// access_token().
  Result<std::string> renew_after_rejection(const std::string& rejected);

  /// Saves `tokens` (from a code exchange) through the vault and uses them from now on. Fails
  /// (Store) when the vault fails.
  Status adopt(const OAuthTokens& tokens);

  /// The scopes of the saved tokens (see token_scopes()). Fails as access_token() without
  /// refreshing.
  Result<std::vector<std::string>> scopes();

 private:
  Status load_locked();
  Status refresh_locked();

  const OAuth2Client& oauth_;
  TokenVault& vault_;
  const Clock& clock_;
  std::chrono::seconds margin_;
  std::mutex mutex_;
  std::optional<OAuthTokens> tokens_;
};

}  // namespace wv
