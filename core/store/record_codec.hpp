#pragma once
// How the store's keys and records look on disk (private to core/store). schema.hpp lists which
// database holds which key and value.
//
// Keys are lists of parts (shop, kind, id, ...) joined so that no two different lists give the
// same bytes, whatever the ids contain, and so that keys sharing leading parts sort together.
// An enum in a key is the decimal text of its number ("1" for EntityKind::Order): the numbers
// never change, the words of to_string() may.
// Values are a format byte followed by the fields in a fixed order (value_io.hpp). Fields that
// are part of the key are not repeated in the value. A reader refuses a format byte other than
// the current one and any value that is truncated or has bytes left over.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/records.hpp"
#include "core/store/value_io.hpp"

namespace wv::store_codec {

/// The format byte of every value of schema version 2 (version 1 wrote 1).
inline constexpr std::uint8_t kFormat2 = 2;

/// NUL separates parts; NUL and 0x01 inside a part become 0x01 0x01 and 0x01 0x02.
std::string join_key(std::initializer_list<std::string_view> parts);
/// The bytes every key that starts with `parts` starts with (join_key plus a separator).
std::string key_prefix(std::initializer_list<std::string_view> parts);
/// The parts of a key made by join_key, or nullopt when it is not such a key.
std::optional<std::vector<std::string>> split_key(std::string_view key);
/// The key for messages: parts joined by '/', control and non-ASCII bytes as \xNN.
std::string describe_key(std::string_view key);

/// 8 big-endian bytes, so that keys sort in number order.
std::string sequence_key(std::uint64_t n);
/// The number of a sequence_key, or nullopt when `key` is not 8 bytes.
std::optional<std::uint64_t> parse_sequence_key(std::string_view key);

/// An enum as a key part: the decimal text of its number.
std::string key_part(EntityKind kind);
std::string key_part(Stream stream);
std::string key_part(Concern concern);
/// The enum a key part names, or nullopt when it is not the number of a known value.
std::optional<EntityKind> entity_kind_part(std::string_view part);
std::optional<Stream> stream_part(std::string_view part);
std::optional<Concern> concern_part(std::string_view part);

// The keys of the current schema (see schema.hpp).
std::string checkpoint_key(std::string_view shop, Stream stream);
std::string link_key(EntityKind kind, std::string_view shop, std::string_view woo_id);
std::string link_visma_key(EntityKind kind, std::string_view visma_id);
std::string pending_key(std::string_view shop, EntityKind kind, std::string_view woo_id);
std::string failed_key(std::string_view shop, Concern concern, EntityKind kind,
                       std::string_view id);

/// Current layouts. Fields that live in the key are left at their defaults by the decoders.
std::string encode_checkpoint(const Checkpoint& c);
Decoded<Checkpoint> decode_checkpoint(std::string_view bytes);

/// The Visma side of a link (shop, kind and woo_id live in the key).
std::string encode_link(const Link& link);
Decoded<Link> decode_link(std::string_view bytes);

/// The reverse entry of a link: the key of the link in links_by_woo.
std::string encode_link_ref(std::string_view woo_key);
Decoded<std::string> decode_link_ref(std::string_view bytes);

/// shop, kind and woo_id live in the key.
std::string encode_pending(const PendingWrite& p);
Decoded<PendingWrite> decode_pending(std::string_view bytes);

/// shop, concern, kind and id live in the key.
std::string encode_failed(const FailedItem& f);
Decoded<FailedItem> decode_failed(std::string_view bytes);

std::string encode_tokens(const OAuthTokens& t);
Decoded<OAuthTokens> decode_tokens(std::string_view bytes);

std::string encode_run(const RunRecord& r);
Decoded<RunRecord> decode_run(std::string_view bytes);

/// The schema version in `meta`, as decimal text so that mdb_dump shows it plainly.
std::string encode_schema_version(int version);
Decoded<int> decode_schema_version(std::string_view bytes);

}  // namespace wv::store_codec
