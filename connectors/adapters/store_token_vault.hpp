#pragma once
// Visma's OAuth tokens kept in the local store. save() commits one store transaction, so a
// rotated refresh token is durable before the new access token is used. Thread-safe, as the
// Store is (TokenKeeper calls it under its own lock anyway).

#include "connectors/visma/token_vault.hpp"
#include "core/store/store.hpp"

namespace wv {

class StoreTokenVault final : public TokenVault {
 public:
  explicit StoreTokenVault(Store& store) : store_(store) {}
  Result<std::optional<OAuthTokens>> load() override;
  Status save(const OAuthTokens& tokens) override;

 private:
  Store& store_;
};

}  // namespace wv
