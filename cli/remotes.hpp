#pragma once
// The clients of the two remote systems, built from the config for one command run.

#include <map>
#include <memory>
#include <string>

#include "connectors/adapters/store_token_vault.hpp"
#include "connectors/visma/visma_client.hpp"
#include "connectors/woocommerce/woo_client.hpp"
#include "core/config/config.hpp"
#include "core/http/curl_client.hpp"
#include "core/store/store.hpp"

namespace wv::cli {

class Remotes {
 public:
  /// Keeps references to `config` and `store`.
  Remotes(const Config& config, Store& store);

  /// The Visma client (tokens through the store).
  VismaClient& visma();
  /// The WooCommerce client of `shop`.
  WooClient& woo(const ShopConfig& shop);

 private:
  const Config& config_;
  Store& store_;
  std::unique_ptr<CurlHttpClient> visma_http_;
  std::unique_ptr<CurlHttpClient> shop_http_;
  std::unique_ptr<StoreTokenVault> vault_;
  std::unique_ptr<VismaClient> visma_;
  std::map<std::string, std::unique_ptr<WooClient>> woo_;
};

}  // namespace wv::cli
