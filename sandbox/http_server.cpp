// HttpServer: a listening socket with one acceptor thread and one thread per connection.
// Connections are tracked so that stop() can cut them (shutdown() wakes a thread blocked in
// recv or send) and join every thread before returning.

#include "sandbox/http_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <list>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "core/log.hpp"
#include "sandbox/net/request_reader.hpp"
#include "sandbox/net/response_writer.hpp"
#include "sandbox/net/stream.hpp"

namespace wv::sandbox {

std::optional<std::string> Request::param(const std::string& name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::header(const std::string& name) const {
  std::string key = name;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = headers.find(key);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

namespace {

using namespace std::chrono_literals;

/// A connection silent this long (between or within requests) is closed.
constexpr auto kIdleTimeout = 30s;
/// More simultaneous connections than this are refused (closed at once).
constexpr std::size_t kMaxConnections = 512;
/// SlowBody: the body goes out in this many pieces, each after a pause (≈ 300 ms in all).
constexpr int kSlowBodyPieces = 8;
constexpr auto kSlowBodyPause = 40ms;

std::string errno_text() { return std::strerror(errno); }

void set_timeouts(int fd) {
  timeval tv{};
  tv.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(kIdleTimeout).count();
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/// After an error answer, read and drop what the client still sends (briefly) so that closing
/// does not reset the connection before the client has read the answer.
void drain_before_close(int fd) {
  ::shutdown(fd, SHUT_WR);
  timeval tv{0, 200 * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char sink[16 * 1024];
  std::size_t total = 0;
  while (total < 4 * 1024 * 1024) {
    ssize_t n = ::recv(fd, sink, sizeof sink, 0);
    if (n <= 0) break;
    total += static_cast<std::size_t>(n);
  }
}

int status_for(net::ReadOutcome outcome) {
  switch (outcome) {
    case net::ReadOutcome::HeadTooLarge: return 431;
    case net::ReadOutcome::BodyTooLarge: return 413;
    case net::ReadOutcome::UnknownExpect: return 417;
    case net::ReadOutcome::BadVersion: return 505;
    default: return 400;
  }
}

class Server final : public HttpServer {
 public:
  Server(int listen_fd, std::uint16_t port, Handler handler, std::unique_ptr<net::TlsContext> tls,
         int wake_read, int wake_write)
      : listen_fd_(listen_fd),
        port_(port),
        handler_(std::move(handler)),
        tls_(std::move(tls)),
        wake_read_(wake_read),
        wake_write_(wake_write) {
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~Server() override { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] std::uint16_t port() const override { return port_; }

  void stop() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    stop_cv_.notify_all();
    char byte = 'x';
    [[maybe_unused]] ssize_t ignored = ::write(wake_write_, &byte, 1);
    acceptor_.join();
    ::close(listen_fd_);
    ::close(wake_read_);
    ::close(wake_write_);
    std::list<std::unique_ptr<Connection>> all;
    {
      std::lock_guard lock(mutex_);
      for (auto& connection : connections_) {
        if (connection->fd >= 0) ::shutdown(connection->fd, SHUT_RDWR);
      }
      all.swap(connections_);
    }
    for (auto& connection : all) connection->thread.join();
  }

 private:
  struct Connection {
    std::thread thread;
    int fd = -1;        ///< -1 once closed (guarded by mutex_)
    bool done = false;  ///< the thread has finished and may be joined (guarded by mutex_)
  };

  void accept_loop() {
    block_sigpipe();
    for (;;) {
      pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        logger().error("sandbox HTTP server: poll failed: {}", errno_text());
        return;
      }
      if (fds[1].revents != 0) return;
      if ((fds[0].revents & POLLIN) == 0) continue;
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        // Out of descriptors or a connection aborted before accept: try again shortly.
        if (errno != EINTR && errno != ECONNABORTED) pause(10ms);
        continue;
      }
      set_timeouts(fd);
      reap_finished();
      std::lock_guard lock(mutex_);
      if (stopping_ || connections_.size() >= kMaxConnections) {
        ::close(fd);
        continue;
      }
      auto connection = std::make_unique<Connection>();
      connection->fd = fd;
      Connection* raw = connection.get();
      connections_.push_back(std::move(connection));
      raw->thread = std::thread([this, raw] { serve(*raw); });
    }
  }

  void reap_finished() {
    std::list<std::unique_ptr<Connection>> finished;
    {
      std::lock_guard lock(mutex_);
      for (auto it = connections_.begin(); it != connections_.end();) {
        auto next = std::next(it);
        if ((*it)->done) finished.splice(finished.end(), connections_, it);
        it = next;
      }
    }
    for (auto& connection : finished) connection->thread.join();
  }

  /// A peer that vanished makes a write raise SIGPIPE (OpenSSL writes with write(2)); blocking
  /// it in the server's own threads keeps the process alive without changing its disposition.
  static void block_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

  /// Sleeps for `duration`; false when the server is stopping (the sleep is cut short).
  bool pause(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    return !stop_cv_.wait_for(lock, duration, [this] { return stopping_; });
  }

  bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  void serve(Connection& connection) {
    block_sigpipe();
    int fd = connection.fd;  // only this thread closes it, so reading it unguarded is safe
    std::unique_ptr<net::Stream> stream = tls_ ? tls_->accept(fd) : net::plain_stream(fd);
    if (stream) {
      net::RequestReader reader(*stream);
      for (;;) {
        net::ReadRequest next;
        net::ReadOutcome outcome = reader.next(next);
        if (outcome == net::ReadOutcome::Request) {
          next.request.tls = tls_ != nullptr;
          if (!answer(*stream, next)) break;
          continue;
        }
        if (outcome != net::ReadOutcome::Closed && outcome != net::ReadOutcome::Disconnected) {
          net::WireResponse wire = net::protocol_error(status_for(outcome));
          if (stream->write_all(wire.head + wire.body)) drain_before_close(fd);
        }
        break;
      }
    }
    stream.reset();
    std::lock_guard lock(mutex_);
    ::close(fd);
    connection.fd = -1;
    connection.done = true;
  }

  /// Answers one request; true when the connection stays open for the next.
  bool answer(net::Stream& stream, const net::ReadRequest& read) {
    Response response;
    try {
      response = handler_(read.request);
    } catch (const std::exception& e) {
      logger().error("sandbox: handler failed on {} {}: {}", read.request.method, read.request.path, e.what());
      response = Response::json(500, R"({"error":"internal","message":"the sandbox failed; see its log"})");
    }
    if (response.delay.count() > 0 && !pause(response.delay)) return false;
    if (response.fault == Fault::CloseBeforeResponse) return false;

    bool keep_alive = read.keep_alive && !stopping();
    net::WireResponse wire = net::serialise(response, read.request, keep_alive);
    switch (response.fault) {
      case Fault::TruncateBody:
        stream.write_all(wire.head + wire.body.substr(0, wire.body.size() / 2));
        return false;
      case Fault::SlowBody: {
        if (!stream.write_all(wire.head)) return false;
        std::size_t piece = (wire.body.size() + kSlowBodyPieces - 1) / kSlowBodyPieces;
        for (int i = 0; i < kSlowBodyPieces; ++i) {
          if (!pause(kSlowBodyPause)) return false;
          std::size_t offset = std::min(wire.body.size(), piece * static_cast<std::size_t>(i));
          if (!stream.write_all(std::string_view(wire.body).substr(offset, piece))) return false;
        }
        return keep_alive;
      }
      default:
        return stream.write_all(wire.head + wire.body) && keep_alive;
    }
  }

  int listen_fd_;
  std::uint16_t port_;
  Handler handler_;
  std::unique_ptr<net::TlsContext> tls_;
  int wake_read_;
  int wake_write_;

  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::list<std::unique_ptr<Connection>> connections_;
  std::thread acceptor_;
};

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::start(std::uint16_t port, Handler handler,
                                                      std::optional<TlsFiles> tls) {
  std::unique_ptr<net::TlsContext> tls_context;
  if (tls) {
    auto loaded = net::TlsContext::load(tls->certificate_pem_file, tls->private_key_pem_file);
    if (!loaded) return fail(loaded.error());
    tls_context = std::move(*loaded);
  }

  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(ErrorKind::Internal, "cannot create a socket: " + errno_text());
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 128) != 0) {
    std::string reason = errno_text();
    ::close(fd);
    return fail(ErrorKind::Internal,
                fmt::format("cannot listen on 127.0.0.1:{}: {}; choose another port (0 picks a free one)",
                            port, reason));
  }
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::string reason = errno_text();
    ::close(fd);
    return fail(ErrorKind::Internal, "cannot read the listening port: " + reason);
  }
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0) {
    std::string reason = errno_text();
    ::close(fd);
    return fail(ErrorKind::Internal, "cannot create a pipe: " + reason);
  }
  return std::make_unique<Server>(fd, ntohs(address.sin_port), std::move(handler),
                                  std::move(tls_context), wake[0], wake[1]);
}

}  // namespace wv::sandbox
