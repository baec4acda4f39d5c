#include "core/sync/engine/in_flight.hpp"

namespace wv::engine {

InFlight::InFlight(int limit) : limit_(limit > 1 ? static_cast<std::size_t>(limit) : 1) {
  if (limit_ == 1) return;
  workers_.reserve(limit_);
  for (std::size_t i = 0; i < limit_; ++i) workers_.emplace_back([this] { work(); });
}

InFlight::~InFlight() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& w : workers_) w.join();
}

void InFlight::submit(std::function<void()> task) {
  if (workers_.empty()) {
    task();
    return;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < limit_; });
  queue_.push_back(std::move(task));
  lock.unlock();
  changed_.notify_all();
}

void InFlight::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
}

void InFlight::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    auto task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    changed_.notify_all();  // a place in the queue is free
    task();
    lock.lock();
    --running_;
    changed_.notify_all();
  }
}

KeyedLocks::Guard::Guard(KeyedLocks& owner, std::string key) : owner_(owner), key_(std::move(key)) {
  std::unique_lock lock(owner_.mutex_);
  auto& entry = owner_.entries_[key_];
  ++entry.waiting;
  owner_.released_.wait(lock, [&] { return !entry.held; });
  --entry.waiting;
  entry.held = true;
}

KeyedLocks::Guard::~Guard() {
  {
    std::lock_guard lock(owner_.mutex_);
    auto it = owner_.entries_.find(key_);
    it->second.held = false;
    if (it->second.waiting == 0) owner_.entries_.erase(it);
  }
  owner_.released_.notify_all();
}

}  // namespace wv::engine
