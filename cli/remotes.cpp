#include "cli/remotes.hpp"

namespace wv::cli {

Remotes::Remotes(const Config& config, Store& store) : config_(config), store_(store) {}

VismaClient& Remotes::visma() {
  if (!visma_) {
    visma_http_ = std::make_unique<CurlHttpClient>(
        http_client_options(config_.http, config_.visma.requests_per_minute));
    vault_ = std::make_unique<StoreTokenVault>(store_);
    visma_ = std::make_unique<VismaClient>(config_.visma, *visma_http_, *vault_);
  }
  return *visma_;
}

WooClient& Remotes::woo(const ShopConfig& shop) {
  auto& client = woo_[shop.name];
  if (!client) {
    // WooCommerce has no rate limit of its own; the shop's host may, and answers 429 then.
    if (!shop_http_) shop_http_ = std::make_unique<CurlHttpClient>(http_client_options(config_.http, 0));
    client = std::make_unique<WooClient>(shop, *shop_http_);
  }
  return *client;
}

}  // namespace wv::cli
