#pragma once
// How the store's keys and records look on disk (private to core/store).
//
// Keys are lists of parts (shop, kind, id, ...) joined so that no two different lists give the
// same bytes, whatever the ids contain, and so that keys sharing leading parts sort together.
// Values are a format byte followed by the fields in a fixed order: strings as a varint length
// and bytes, integers and timestamps (milliseconds since 1970) as zigzag varints. Fields that
// are part of the key are not repeated in the value. A reader refuses a format byte it does not
// know and any value that is truncated or has bytes left over.

#include <cstdint>
#include <expected>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/records.hpp"

namespace wv::store_codec {

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

/// A decoded value, or why the bytes cannot be read ("truncated", "unknown format 9", ...).
template <class T>
using Decoded = std::expected<T, std::string>;

std::string encode_checkpoint(const Checkpoint& c);
Decoded<Checkpoint> decode_checkpoint(std::string_view bytes);

/// The Visma side of a link (shop, kind and woo_id live in the key and are left empty).
std::string encode_link(const Link& link);
Decoded<Link> decode_link(std::string_view bytes);

/// The reverse entry of a link: the key of the link in links_by_woo.
std::string encode_link_ref(std::string_view woo_key);
Decoded<std::string> decode_link_ref(std::string_view bytes);

/// shop, kind and woo_id live in the key and are left empty.
std::string encode_pending(const PendingWrite& p);
Decoded<PendingWrite> decode_pending(std::string_view bytes);

/// shop, kind and woo_id live in the key and are left empty.
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
