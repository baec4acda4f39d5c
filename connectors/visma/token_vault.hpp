#pragma once
// Where the Visma OAuth tokens live between runs. The lead adapts the store (core/store) to
// this; tests use fakes. Visma may rotate refresh tokens (each refresh cancels the previous
// refresh token), so a new pair must be durable before the new access token is used: save()
// must not return success before the tokens would survive the process being killed.

#include <optional>

#include "core/error.hpp"
#include "core/store/records.hpp"

namespace wv {

class TokenVault {
 public:
  virtual ~TokenVault() = default;
  /// The saved tokens; nullopt when none were ever saved; fails (Store) when they cannot be read.
  virtual Result<std::optional<OAuthTokens>> load() = 0;
  /// Replaces the saved tokens in one transaction; fails (Store) when they were not made durable.
  virtual Status save(const OAuthTokens& tokens) = 0;
};

}  // namespace wv
