#pragma once
// The records the store keeps between runs. Plain values; store.cpp decides how they are laid
// out on disk.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace wv {

/// Where a stream (e.g. the orders of shop "main") has got to. The next run reads what changed
/// after `modified` (minus the overlap window), and `last_id` breaks ties among items modified
/// in the same second.
struct Checkpoint {
  Timestamp modified;
  std::string last_id;
  Timestamp updated_at;  ///< when this checkpoint was written
};

/// A WooCommerce entity and the Visma entity it became. `kind` is "order", "customer",
/// "article", "credit", ...; `shop` is the shop's name, or "" for entities shared by all shops
/// (articles are keyed by SKU in one Visma company).
struct Link {
  std::string shop;
  std::string kind;
  std::string woo_id;
  std::string visma_id;
  std::string visma_number;  ///< invoice/order/customer number when known
  std::string state;         ///< free text the flow keeps, e.g. the last status pushed
  Timestamp linked_at;
};

/// An intent recorded before a remote create, cleared when the result is stored. Finding one
/// at start means a previous run stopped without knowing whether the create happened.
struct PendingWrite {
  std::string shop;
  std::string kind;
  std::string woo_id;
  std::string target;     ///< what is being created: "invoice_draft", "customer", ...
  std::string reference;  ///< the value written into the remote object to find it again
  Timestamp recorded_at;
};

/// An item that failed and will be retried. `next_attempt` grows with `attempts`.
struct FailedItem {
  std::string shop;
  std::string kind;
  std::string woo_id;
  int attempts = 0;
  std::string last_error;
  std::string error_kind;  ///< ErrorKind name
  std::string hint;        ///< what the operator can do
  Timestamp first_failed;
  Timestamp last_failed;
  Timestamp next_attempt;
};

struct OAuthTokens {
  std::string access_token;
  std::string refresh_token;
  Timestamp expires_at;
  Timestamp refreshed_at;
  std::string scope;
};

struct RunRecord {
  std::string shop;     ///< "" for runs not tied to one shop
  std::string command;  ///< "sync-orders", ...
  Timestamp started;
  Timestamp ended;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;
  std::int64_t failed = 0;
  std::string outcome;  ///< "ok", "partial", "failed: <reason>", "dry-run"
};

}  // namespace wv
