#include "core/sync/engine/cursor.hpp"

namespace wv::engine {

template <CursorId Id>
Status Cursor<Id>::load() {
  std::optional<Checkpoint> stored;
  if (auto s = store_.read([&](const StoreReader& r) -> Status {
        auto c = r.checkpoint(shop_, stream_);
        if (!c) return fail(c.error());
        stored = std::move(*c);
        return {};
      });
      !s) {
    return s;
  }
  std::lock_guard lock(mutex_);
  saved_.reset();
  if (!stored) return {};
  const Id* id = std::get_if<Id>(&stored->last_id);
  if (id == nullptr) {
    return fail(ErrorKind::Store, "the checkpoint of " + std::string(to_string(stream_)) +
                                      " for shop " + shop_ +
                                      " holds an id of the wrong type; the store is damaged "
                                      "(restore it from a backup or remove the checkpoint)");
  }
  saved_ = Position<Id>{stored->modified, *id};
  mark_ = saved_;
  return {};
}

template <CursorId Id>
std::optional<Position<Id>> Cursor<Id>::saved() const {
  std::lock_guard lock(mutex_);
  return saved_;
}

template <CursorId Id>
std::optional<Timestamp> Cursor<Id>::read_from(const StartRule& rule) const {
  if (rule.since) return rule.since;
  std::lock_guard lock(mutex_);
  if (saved_) return saved_->modified - rule.overlap;
  return rule.first_run;
}

template <CursorId Id>
typename Cursor<Id>::Ticket Cursor<Id>::begin(const Position<Id>& position) {
  std::lock_guard lock(mutex_);
  begun_.push_back(Begun{position, false});
  return first_ticket_ + begun_.size() - 1;
}

template <CursorId Id>
Status Cursor<Id>::settle(Ticket ticket) {
  std::lock_guard lock(mutex_);
  if (ticket < first_ticket_ || ticket - first_ticket_ >= begun_.size()) return {};
  begun_[ticket - first_ticket_].settled = true;
  bool moved = false;
  while (!begun_.empty() && begun_.front().settled) {
    const auto& p = begun_.front().position;
    if (!mark_ || p > *mark_) {
      mark_ = p;
      moved = true;
    }
    begun_.pop_front();
    ++first_ticket_;
  }
  if (moved && ++unsaved_ >= flush_every_) return write_locked();
  return {};
}

template <CursorId Id>
Status Cursor<Id>::flush() {
  std::lock_guard lock(mutex_);
  return write_locked();
}

template <CursorId Id>
Status Cursor<Id>::write_locked() {
  if (!mark_ || (saved_ && *mark_ == *saved_)) return {};
  const Checkpoint checkpoint{mark_->modified, mark_->id, clock_.now()};
  if (auto s = store_.write([&](StoreWriter& w) { return w.set_checkpoint(shop_, stream_, checkpoint); }); !s)
    return s;
  saved_ = mark_;
  unsaved_ = 0;
  return {};
}

template class Cursor<std::int64_t>;
template class Cursor<std::string>;

}  // namespace wv::engine
