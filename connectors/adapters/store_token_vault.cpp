#include "connectors/adapters/store_token_vault.hpp"

namespace wv {

Result<std::optional<OAuthTokens>> StoreTokenVault::load() {
  std::optional<OAuthTokens> tokens;
  auto s = store_.read([&](const StoreReader& r) -> Status {
    auto t = r.tokens();
    if (!t) return fail(t.error());
    tokens = *t;
    return {};
  });
  if (!s) return fail(s.error());
  return tokens;
}

Status StoreTokenVault::save(const OAuthTokens& tokens) {
  return store_.write([&](StoreWriter& w) { return w.put_tokens(tokens); });
}

}  // namespace wv
