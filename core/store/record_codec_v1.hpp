#pragma once
// The value layouts of schema version 1 (format byte 1), read only by the migration to version
// 2 (migrate_v1.cpp). Version 1 kept kinds, targets, states and outcomes as free text; these
// structs hold the fields as that version wrote them, and the migration decides what they mean.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/store/records.hpp"
#include "core/store/value_io.hpp"

namespace wv::store_codec_v1 {

using store_codec::Decoded;

/// The format byte of every value of schema version 1.
inline constexpr std::uint8_t kFormat1 = 1;

struct CheckpointValue {
  Timestamp modified;
  std::string last_id;  ///< decimal text for order streams
  Timestamp updated_at;
};

/// The Visma side of a link; its key is [kind, shop, woo_id] with kind as text.
struct LinkValue {
  std::string visma_id;
  std::string visma_number;
  std::string state;  ///< "draft", "invoice", "sales-order" (+ "+reported"), "private", ...
  Timestamp linked_at;
};

/// Key [shop, kind, woo_id].
struct PendingValue {
  std::string target;  ///< "draft", "invoice", "sales-order", "customer", "article"
  std::string reference;
  Timestamp recorded_at;
};

/// Key [shop, kind, woo_id]; kind was "order", "refund", "order-after-transfer", ...
struct FailedValue {
  int attempts = 0;
  std::string last_error;
  std::string error_kind;
  std::string hint;
  Timestamp first_failed;
  Timestamp last_failed;
  Timestamp next_attempt;  ///< Timestamp::max() for an item that needs a person
};

struct RunValue {
  std::string shop;
  std::string command;
  Timestamp started;
  Timestamp ended;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;
  std::int64_t failed = 0;
  std::string outcome;  ///< "ok", "partial", "dry-run", "stopped: <error kind>"
};

Decoded<CheckpointValue> decode_checkpoint(std::string_view bytes);
Decoded<LinkValue> decode_link(std::string_view bytes);
/// The reverse entry of a link: the version-1 key of the link in links_by_woo.
Decoded<std::string> decode_link_ref(std::string_view bytes);
Decoded<PendingValue> decode_pending(std::string_view bytes);
Decoded<FailedValue> decode_failed(std::string_view bytes);
/// Tokens kept their fields in version 2; only the format byte changed.
Decoded<OAuthTokens> decode_tokens(std::string_view bytes);
Decoded<RunValue> decode_run(std::string_view bytes);

}  // namespace wv::store_codec_v1
