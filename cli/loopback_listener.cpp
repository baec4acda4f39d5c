#include "cli/loopback_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <utility>

namespace wv::cli {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

const std::string kPrefix = "http://";

}  // namespace

Result<LoopbackListener> LoopbackListener::open(const std::string& redirect_uri) {
  if (redirect_uri.rfind(kPrefix, 0) != 0) {
    return fail(ErrorKind::Config, "visma.redirect_uri must be http://localhost:PORT/... for --listen");
  }
  const std::string rest = redirect_uri.substr(kPrefix.size());
  const std::string authority = rest.substr(0, rest.find('/'));
  const auto colon = authority.rfind(':');
  const std::string host = authority.substr(0, colon);
  if (host != "localhost" && host != "127.0.0.1") {
    return fail(ErrorKind::Config, "visma.redirect_uri must point at localhost or 127.0.0.1 for --listen");
  }
  int port = 80;
  if (colon != std::string::npos) port = std::atoi(authority.c_str() + colon + 1);
  Fd listener{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (listener.fd < 0) return fail(ErrorKind::Transient, "cannot open a socket for --listen");
  int yes = 1;
  ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener.fd, 4) != 0) {
    return fail(ErrorKind::Transient, "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                                          std::strerror(errno) + "; free the port or paste the address instead");
  }
  return LoopbackListener(std::exchange(listener.fd, -1), kPrefix + authority);
}

LoopbackListener::LoopbackListener(LoopbackListener&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), origin_(std::move(other.origin_)) {}

LoopbackListener& LoopbackListener::operator=(LoopbackListener&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    origin_ = std::move(other.origin_);
  }
  return *this;
}

LoopbackListener::~LoopbackListener() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> LoopbackListener::wait(std::chrono::seconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count() * 1000)) <= 0) {
    return fail(ErrorKind::Transient, "no browser came back within " + std::to_string(timeout.count()) +
                                          " seconds; run `woovisma auth visma` again");
  }
  Fd client{::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC)};
  if (client.fd < 0) return fail(ErrorKind::Transient, "accepting the browser's request failed");
  std::string request;
  char buf[4096];
  while (request.find("\r\n") == std::string::npos && request.size() < 65536) {
    const ssize_t n = ::recv(client.fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    request.append(buf, static_cast<std::size_t>(n));
  }
  const std::string page =
      "<!doctype html><meta charset=utf-8><title>woovisma</title>"
      "<p>woovisma received the authorization. You can close this window.</p>";
  const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                             std::to_string(page.size()) + "\r\nConnection: close\r\n\r\n" + page;
  (void)::send(client.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
  const auto sp1 = request.find(' ');
  const auto sp2 = request.find(' ', sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos) {
    return fail(ErrorKind::Transient, "the browser's request could not be read");
  }
  return origin_ + request.substr(sp1 + 1, sp2 - sp1 - 1);
}

Result<std::string> wait_for_redirect(const std::string& redirect_uri, std::chrono::seconds timeout) {
  auto listener = LoopbackListener::open(redirect_uri);
  if (!listener) return fail(listener.error());
  return listener->wait(timeout);
}

}  // namespace wv::cli
