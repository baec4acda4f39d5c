#pragma once
// Lets the transactions of one process run together and a remap of the LMDB map run alone
// (private to core/store). LMDB requires that no transaction of the process is active while the
// map size changes. A waiting remap goes before transactions that have not started yet, so that
// a steady stream of reads cannot starve it (glibc's rwlock prefers readers and would).

#include <condition_variable>
#include <mutex>
#include <utility>

namespace wv::store_detail {

class MapGate {
 public:
  /// Held while a transaction is active.
  class Pass {
   public:
    explicit Pass(MapGate& gate) : gate_(&gate) { gate_->enter(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    ~Pass() { release(); }
    /// Leaves early (before waiting for a remap).
    void release() {
      if (gate_ != nullptr) std::exchange(gate_, nullptr)->leave();
    }

   private:
    MapGate* gate_;
  };

  /// Runs `remap` once no transaction is active, keeping new ones out meanwhile; returns its
  /// result. The caller must not hold a Pass.
  template <class Remap>
  auto exclusively(Remap remap) {
    std::unique_lock lock(mutex_);
    ++remaps_waiting_;
    idle_.wait(lock, [&] { return active_ == 0; });
    --remaps_waiting_;
    auto result = remap();
    lock.unlock();
    idle_.notify_all();
    return result;
  }

 private:
  void enter() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return remaps_waiting_ == 0; });
    ++active_;
  }
  void leave() {
    std::lock_guard lock(mutex_);
    if (--active_ == 0) idle_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable idle_;
  int active_ = 0;
  int remaps_waiting_ = 0;
};

}  // namespace wv::store_detail
