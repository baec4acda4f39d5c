#pragma once
// A local server for the HttpClient tests (sandbox::HttpServer underneath) that counts what a
// test wants to assert on: requests, connections, and how many requests were being handled at
// the same time.

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/http/curl_client.hpp"
#include "sandbox/http_server.hpp"

namespace wv::testing {

class CountingServer {
 public:
  using Handler = std::function<sandbox::Response(const sandbox::Request&, int request_number)>;

  explicit CountingServer(Handler handler, std::optional<sandbox::TlsFiles> tls = std::nullopt,
                          std::uint16_t port = 0)
      : handler_(std::move(handler)) {
    auto started = sandbox::HttpServer::start(
        port, [this](const sandbox::Request& r) { return handle(r); }, std::move(tls));
    if (!started) FAIL("cannot start the test server: " << started.error().message);
    server_ = std::move(*started);
  }

  [[nodiscard]] std::string url(const std::string& path, const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  void stop() { server_->stop(); }

  [[nodiscard]] int requests() const { return requests_; }
  [[nodiscard]] int connections() const { return connections_; }
  [[nodiscard]] int max_concurrent() const { return max_active_; }
  [[nodiscard]] std::vector<sandbox::Request> seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  sandbox::Response handle(const sandbox::Request& request) {
    // The server runs one thread per connection: the first request a thread sees opens a
    // connection. (Thread ids can be reused, thread-local storage starts fresh.)
    thread_local const CountingServer* counted_for = nullptr;
    if (counted_for != this) {
      counted_for = this;
      ++connections_;
    }
    const int number = ++requests_;
    const int now_active = ++active_;
    int seen_max = max_active_;
    while (now_active > seen_max && !max_active_.compare_exchange_weak(seen_max, now_active)) {
    }
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(request);
    }
    sandbox::Response response = handler_(request, number);
    --active_;
    return response;
  }

  Handler handler_;
  std::unique_ptr<sandbox::HttpServer> server_;
  std::atomic<int> requests_{0};
  std::atomic<int> connections_{0};
  std::atomic<int> active_{0};
  std::atomic<int> max_active_{0};
  mutable std::mutex mutex_;
  std::vector<sandbox::Request> seen_;
};

/// Options for tests: short timeouts, quick fixed-seed backoff.
inline HttpClientOptions test_options() {
  HttpClientOptions o;
  o.connect_timeout = std::chrono::milliseconds{2000};
  o.total_timeout = std::chrono::milliseconds{5000};
  o.retry.max_retries = 3;
  o.retry.initial_backoff = std::chrono::milliseconds{100};
  o.retry.max_backoff = std::chrono::milliseconds{1000};
  o.jitter_seed = 1234;
  return o;
}

/// A host name that cannot resolve, without a DNS query leaving the machine: a label longer
/// than DNS allows (63 bytes) makes the resolver fail locally.
inline std::string unresolvable_host() {
  std::string host(70, 'a');
  host.append(".invalid");
  return host;
}

/// A port on 127.0.0.1 where nothing listens (a server was just there and stopped).
inline std::uint16_t closed_port() {
  auto server = sandbox::HttpServer::start(0, [](const sandbox::Request&) { return sandbox::Response{}; });
  REQUIRE(server);
  const std::uint16_t port = (*server)->port();
  (*server)->stop();
  return port;
}

}  // namespace wv::testing
