#pragma once
// Receives the browser's redirect after the user allowed woovisma in Visma: a one-request HTTP
// listener on the loopback address of the configured redirect URI. It is opened before the user
// is sent to Visma, so that a busy port is reported before the login and a fast redirect finds
// the listener ready.

#include <chrono>
#include <string>

#include "core/error.hpp"

namespace wv::cli {

class LoopbackListener {
 public:
  /// Listens on the host and port of `redirect_uri` (http://localhost:PORT/... or
  /// http://127.0.0.1:PORT/...). Fails with Config when the URI is not a loopback http address,
  /// with Transient when the port cannot be bound.
  static Result<LoopbackListener> open(const std::string& redirect_uri);

  LoopbackListener(LoopbackListener&& other) noexcept;
  LoopbackListener& operator=(LoopbackListener&& other) noexcept;
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  ~LoopbackListener();

  /// Answers the first request with a short page and returns the full address that request was
  /// for. Fails with Transient when nothing came within `timeout` or the request was unreadable.
  Result<std::string> wait(std::chrono::seconds timeout);

 private:
  LoopbackListener(int fd, std::string origin) : fd_(fd), origin_(std::move(origin)) {}
  int fd_ = -1;
  std::string origin_;  ///< "http://127.0.0.1:PORT"
};

/// open() then wait(): the redirect's full address, or open()'s and wait()'s failures.
Result<std::string> wait_for_redirect(const std::string& redirect_uri, std::chrono::seconds timeout);

}  // namespace wv::cli
