#include "connectors/visma/token_keeper.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/redact.hpp"

namespace wv {

TokenKeeper::TokenKeeper(const OAuth2Client& oauth, TokenVault& vault, const Clock& clock,
                         std::chrono::seconds refresh_margin)
    : oauth_(oauth), vault_(vault), clock_(clock), margin_(refresh_margin) {}

Status TokenKeeper::load_locked() {
  if (tokens_) return {};
  auto saved = vault_.load();
  if (!saved) return fail(saved.error().with_context("reading the saved Visma tokens"));
  if (!*saved || ((*saved)->access_token.empty() && (*saved)->refresh_token.empty())) {
    return fail(ErrorKind::Auth, fmt::format("woovisma is not authorised with Visma yet; {}", kVismaReauthAdvice));
  }
  register_secret((*saved)->access_token);
  register_secret((*saved)->refresh_token);
  tokens_ = std::move(*saved);
  return {};
}

Status TokenKeeper::refresh_locked() {
  auto fresh = oauth_.refresh(*tokens_);
  if (!fresh) return fail(fresh.error());
  // The old refresh token may be dead now: only a durable copy of the new pair lets the next
  // run continue, so the new access token is not used unless the save succeeded.
  if (auto saved = vault_.save(*fresh); !saved) {
    Error e = saved.error();
    e.message = fmt::format(
        "Visma issued new tokens but saving them failed ({}); the new token was not used; if the next run "
        "reports invalid_grant, {}",
        e.message, kVismaReauthAdvice);
    return fail(std::move(e));
  }
  tokens_ = std::move(*fresh);
  logger().debug("Visma access token refreshed; valid until {}", format_timestamp(tokens_->expires_at));
  return {};
}

Result<std::string> TokenKeeper::access_token() {
  std::lock_guard lock(mutex_);
  if (auto loaded = load_locked(); !loaded) return fail(loaded.error());
  // A margin larger than half the token's life would refresh on every request.
  const auto lifetime = tokens_->expires_at - tokens_->refreshed_at;
  const auto margin = std::min<std::chrono::milliseconds>(margin_, lifetime / 2);
  if (tokens_->access_token.empty() || clock_.now() >= tokens_->expires_at - margin) {
    if (auto refreshed = refresh_locked(); !refreshed) return fail(refreshed.error());
  }
  return tokens_->access_token;
}

Result<std::string> TokenKeeper::renew_after_rejection(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (auto loaded = load_locked(); !loaded) return fail(loaded.error());
  if (tokens_->access_token == rejected) {
    if (auto refreshed = refresh_locked(); !refreshed) return fail(refreshed.error());
  }
  return tokens_->access_token;
}

Status TokenKeeper::adopt(const OAuthTokens& tokens) {
  std::lock_guard lock(mutex_);
  register_secret(tokens.access_token);
  register_secret(tokens.refresh_token);
  if (auto saved = vault_.save(tokens); !saved) {
    return fail(saved.error().with_context("saving the Visma tokens"));
  }
  tokens_ = tokens;
  return {};
}

Result<std::vector<std::string>> TokenKeeper::scopes() {
  std::lock_guard lock(mutex_);
  if (auto loaded = load_locked(); !loaded) return fail(loaded.error());
  return token_scopes(*tokens_);
}

}  // namespace wv
