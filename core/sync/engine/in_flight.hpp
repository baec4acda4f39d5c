#pragma once
// A bounded number of items handled at once. With a limit of 1 every task runs in the caller's
// thread, in order, which keeps single-item runs and tests deterministic.
//
// Items in flight are what keeps a remote's request budget busy when each answer takes a round
// trip: at 200 ms a sequential run can send at most 300 requests a minute.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <mutex>
#include <thread>
#include <vector>

namespace wv::engine {

class InFlight {
 public:
  /// Starts `limit` workers (none when limit <= 1).
  explicit InFlight(int limit);
  /// Waits for every submitted task, then stops the workers.
  ~InFlight();
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

  /// Runs `task` on a worker, waiting first while `limit` tasks are queued, so memory stays
  /// bounded whatever the backlog. Tasks must not throw (a throw ends the process).
  void submit(std::function<void()> task);
  /// Returns when every submitted task has finished.
  void wait();

 private:
  void work();

  std::size_t limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

/// Mutual exclusion per key: while one item creates the shared object of a key (the customer of
/// two orders, an article), another item needing the same key waits for it and then finds it.
class KeyedLocks {
 public:
  class Guard {
   public:
    Guard(KeyedLocks& owner, std::string key);
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard();

   private:
    KeyedLocks& owner_;
    std::string key_;
  };

  /// Holds the key's lock until the guard is destroyed.
  [[nodiscard]] Guard lock(const std::string& key) { return Guard(*this, key); }

 private:
  struct Entry {
    bool held = false;
    int waiting = 0;
  };
  std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, Entry> entries_;
};

}  // namespace wv::engine
