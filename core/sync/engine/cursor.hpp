#pragma once
// The stream cursor of one shop and stream: where the last run got to, where this run starts
// reading, and a low-water mark that moves only past items that are settled.
//
// Items are begun in listing order (oldest first) and may settle in any order, since several
// are in flight. The checkpoint moves to the position of the newest item before which every
// begun item is settled (done, or recorded as failed for a retry): an item still in flight, or
// one the run stopped on, holds it back. The checkpoint never moves backwards: items re-read
// through the overlap window do not move it. It is written every `flush_every` advances and by
// flush(); a run killed in between only re-reads a few settled items, which their links make
// cheap and harmless.
//
// Thread-safe: begin() from the reading thread, settle() from any worker.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/store/store.hpp"
#include "core/sync/engine/position.hpp"

namespace wv::engine {

/// Where a run starts reading, from the most to the least specific.
struct StartRule {
  std::optional<Timestamp> since;       ///< the operator's --since: rescan from here
  std::chrono::seconds overlap{0};      ///< re-read this much before the checkpoint
  std::optional<Timestamp> first_run;   ///< where a stream without a checkpoint starts
};

template <CursorId Id>
class Cursor {
 public:
  /// A ticket names one begun item.
  using Ticket = std::size_t;

  /// Keeps references to `store` and `clock`, which must outlive it.
  Cursor(Store& store, const Clock& clock, std::string shop, Stream stream, int flush_every = 50)
      : store_(store), clock_(clock), shop_(std::move(shop)), stream_(stream), flush_every_(flush_every) {}

  /// Reads the saved checkpoint. Fails with Store when it cannot be read, or when it holds an id
  /// of another type than this stream's (a damaged or foreign record).
  Status load();
  /// The saved position, or nullopt when the stream never ran (after load()).
  [[nodiscard]] std::optional<Position<Id>> saved() const;
  /// Where to read from: `rule.since`, else the checkpoint less the overlap, else
  /// `rule.first_run`; nullopt when none applies (a first run with no start: the caller says so).
  [[nodiscard]] std::optional<Timestamp> read_from(const StartRule& rule) const;

  /// Registers an item about to be handled. Items must be begun in listing order.
  Ticket begin(const Position<Id>& position);
  /// Marks the item settled and moves the mark past every settled item at the front. Fails with
  /// Store when a due write of the checkpoint fails.
  Status settle(Ticket ticket);
  /// Writes the checkpoint when it moved since the last write. Fails with Store.
  Status flush();

 private:
  struct Begun {
    Position<Id> position;
    bool settled = false;
  };
  Status write_locked();

  Store& store_;
  const Clock& clock_;
  std::string shop_;
  Stream stream_;
  int flush_every_;
  mutable std::mutex mutex_;
  std::optional<Position<Id>> saved_;  ///< as loaded, then as last written
  std::optional<Position<Id>> mark_;   ///< the newest position safe to save
  std::deque<Begun> begun_;
  Ticket first_ticket_ = 0;  ///< the ticket of begun_.front()
  int unsaved_ = 0;
};

extern template class Cursor<std::int64_t>;
extern template class Cursor<std::string>;

}  // namespace wv::engine
