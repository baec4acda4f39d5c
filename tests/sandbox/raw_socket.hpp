#pragma once
// A bare TCP client for sending exactly the bytes a test wants (garbage, pipelined requests,
// a request cut off in the middle) to a local server.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace wv::testing {

class RawSocket {
 public:
  /// Connects to 127.0.0.1:`port`; connected() is false when that fails.
  explicit RawSocket(std::uint16_t port);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  /// False when the bytes cannot be sent.
  bool send(std::string_view bytes);
  /// Everything received until the server closes the connection (or `timeout` passes).
  std::string read_until_closed(std::chrono::milliseconds timeout = std::chrono::seconds(3));
  /// What arrives: waits up to `timeout` for the first bytes, then returns once 50 ms pass
  /// without more (or the connection closes).
  std::string read_some(std::chrono::milliseconds timeout);
  void close();

 private:
  int fd_ = -1;
};

}  // namespace wv::testing
