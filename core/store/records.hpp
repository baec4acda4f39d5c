#pragma once
// The records the store keeps between runs. Plain, typed values; record_codec.cpp decides how
// they are laid out on disk. Every enum below is stored as its number: never renumber one, only
// add new values.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/domain/accounting.hpp"
#include "core/time.hpp"

namespace wv {

/// What a stored record is about.
enum class EntityKind : std::uint8_t {
  Order = 1,     ///< a WooCommerce order; linked to the Visma document made from it
  Refund = 2,    ///< a WooCommerce refund; linked to its Visma credit invoice
  Customer = 3,  ///< a customer match key ("email:a@b.se"); linked to the Visma customer
  Article = 4,   ///< an article number (= SKU); linked to the Visma article (shop "")
  Product = 5,   ///< a WooCommerce product or variation (catalogue flows)
};

/// "order", "refund", "customer", "article", "product": the words of logs, `status` and
/// `woovisma resolve`.
const char* to_string(EntityKind kind);
/// The kind named by to_string(), or nullopt for any other text.
std::optional<EntityKind> entity_kind_from(std::string_view name);

/// A stream of changes a flow reads with a cursor, one per shop.
enum class Stream : std::uint8_t {
  Orders = 1,    ///< WooCommerce orders by date_modified, id
  Products = 2,  ///< WooCommerce products by date_modified, id
};

/// "orders", "products".
const char* to_string(Stream stream);
std::optional<Stream> stream_from(std::string_view name);

/// Where a stream has got to: the largest (modification time, id) handled. The next run reads
/// what changed after `modified` minus the overlap window; `last_id` breaks ties among items
/// modified in the same millisecond. WooCommerce ids are numbers, Visma's are GUID text.
struct Checkpoint {
  Timestamp modified;
  std::variant<std::int64_t, std::string> last_id;
  Timestamp updated_at;  ///< when this checkpoint was written
};

/// The kind of a Visma customer, as the link remembers it.
enum class CustomerType : std::uint8_t { Unknown = 0, Private = 1, Company = 2 };

/// A WooCommerce entity (or match key) and the Visma entity it became. `shop` is the shop's
/// name, or "" for entities shared by all shops (articles are keyed by number in one company).
struct Link {
  std::string shop;
  EntityKind kind = EntityKind::Order;
  std::string woo_id;
  std::string visma_id;
  std::string visma_number;  ///< invoice/order/customer number when known
  /// Orders and refunds: the kind of the Visma document linked now (a draft becomes an invoice).
  std::optional<DocumentKind> document;
  CustomerType customer_type = CustomerType::Unknown;  ///< customers only
  /// Orders: a change in the shop after the transfer (cancelled, refunded) was reported.
  bool change_reported = false;
  std::string status_pushed;  ///< orders: the last shop status push-status applied ("" = none)
  Timestamp linked_at;
};

/// An intent recorded before a remote create, cleared when the result is stored. Finding one
/// at start means a previous run stopped without knowing whether the create happened.
struct PendingWrite {
  std::string shop;
  EntityKind kind = EntityKind::Order;
  std::string woo_id;
  std::string owner_id;  ///< the object it belongs to (a refund's order); "" when none
  std::optional<DocumentKind> document;  ///< for documents: the kind being created
  std::string reference;  ///< the value written into the remote object to find it again
  Timestamp recorded_at;
};

/// Why an item is listed for attention.
enum class Concern : std::uint8_t {
  Failed = 1,                ///< failed; retried automatically with growing intervals
  ChangedAfterTransfer = 2,  ///< cancelled, refunded or failed in the shop after its transfer
  TotalsDiffer = 3,          ///< Visma's totals of a new document differ from the shop's
  RefundNotCredited = 4,     ///< a refund reported, not credited (orders.refunds = "report")
};

/// "failed", "changed-after-transfer", "totals-differ", "refund-not-credited".
const char* to_string(Concern concern);
std::optional<Concern> concern_from(std::string_view name);

/// An item that failed or needs a person. Keyed by (shop, concern, kind, id).
struct FailedItem {
  std::string shop;
  EntityKind kind = EntityKind::Order;
  std::string id;        ///< the item's own id (order, refund, SKU, ...)
  std::string owner_id;  ///< what to fetch to retry it (a refund's order); == id for a top item
  Concern concern = Concern::Failed;
  /// No automatic retry will settle it: listed until a person runs `woovisma resolve`.
  bool needs_person = false;
  int attempts = 0;
  std::string error_kind;  ///< ErrorKind name of the last failure; "" for notices
  std::string message;     ///< Visma's or WooCommerce's message, or the notice
  std::string hint;        ///< what the operator can do
  Timestamp first_failed;
  Timestamp last_failed;
  std::optional<Timestamp> next_attempt;  ///< nullopt when needs_person
  /// When a person marked it handled (`woovisma resolve`); kept so it is not raised again.
  std::optional<Timestamp> resolved_at;

  /// Listed by `status` and counted by the exit code: not yet resolved.
  [[nodiscard]] bool open() const { return !resolved_at.has_value(); }
};

struct OAuthTokens {
  std::string access_token;
  std::string refresh_token;
  Timestamp expires_at;
  Timestamp refreshed_at;
  std::string scope;
};

/// How a run ended.
enum class RunOutcome : std::uint8_t {
  Ok = 1,           ///< everything done; nothing failing
  Partial = 2,      ///< finished, but items are failing or need a person
  Stopped = 3,      ///< stopped by an error that concerns every item (see `detail`)
  Interrupted = 4,  ///< stopped by SIGTERM or SIGINT after settling the items in flight
  DryRun = 5,       ///< --dry-run: nothing was written
};

/// "ok", "partial", "stopped", "interrupted", "dry-run".
const char* to_string(RunOutcome outcome);

struct RunRecord {
  std::string shop;     ///< "" for runs not tied to one shop
  std::string command;  ///< "sync-orders", ...
  Timestamp started;
  Timestamp ended;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;
  std::int64_t failed = 0;
  RunOutcome outcome = RunOutcome::Ok;
  int exit_code = 0;
  std::string detail;  ///< the error that stopped it, one line; "" otherwise
};

}  // namespace wv
