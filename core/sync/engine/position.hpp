#pragma once
// Where an item stands in the stream a flow reads: its modification time, then its id to break
// ties. WooCommerce ids are numbers; Visma's are GUID text. A stream's items are listed in this
// order, so a cursor can move past everything up to one position.

#include <compare>
#include <cstdint>
#include <string>

#include "core/time.hpp"

namespace wv::engine {

template <class Id>
struct Position {
  Timestamp modified;
  Id id{};

  friend auto operator<=>(const Position&, const Position&) = default;
  friend bool operator==(const Position&, const Position&) = default;
};

/// The ids the store can keep in a checkpoint.
template <class Id>
concept CursorId = std::same_as<Id, std::int64_t> || std::same_as<Id, std::string>;

}  // namespace wv::engine
