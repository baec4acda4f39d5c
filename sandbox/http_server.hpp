#pragma once
// A small HTTP/1.1 server for the emulators and for tests: keep-alive, optional TLS, optional
// gzip, and hooks for the faults a real network shows (a connection closed after the work was
// done, a truncated or slow body). Listens on 127.0.0.1 only.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace wv::sandbox {

struct Request {
  std::string method;
  std::string path;          ///< decoded path without the query: "/wp-json/wc/v3/orders"
  std::string raw_target;    ///< the request target as sent: "/wp-json/wc/v3/orders?page=2"
  std::string raw_query;     ///< "page=2&per_page=100" (still encoded)
  /// Decoded query parameters in order; repeated names (status[]=a&status[]=b) repeat.
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  bool tls = false;

  /// The first query parameter `name`, or nullopt.
  [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
  /// The header `name` (lower case), or nullopt.
  [[nodiscard]] std::optional<std::string> header(const std::string& name) const;
};

/// How to damage a response on its way out (fault injection).
enum class Fault {
  None,
  CloseBeforeResponse,  ///< close the connection without answering (the work was done)
  TruncateBody,         ///< send the headers and half the body, then close
  SlowBody,             ///< send the body in small pieces with pauses
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Fault fault = Fault::None;
  std::chrono::milliseconds delay{0};  ///< wait before answering

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
    r.body = std::move(body);
    return r;
  }
};

using Handler = std::function<Response(const Request&)>;

struct TlsFiles {
  std::string certificate_pem_file;
  std::string private_key_pem_file;
};

class HttpServer {
 public:
  /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving `handler` on
  /// background threads. Fails with Internal when the port cannot be bound or TLS files are
  /// unusable.
  static Result<std::unique_ptr<HttpServer>> start(std::uint16_t port, Handler handler,
                                                   std::optional<TlsFiles> tls = std::nullopt);
  virtual ~HttpServer() = default;
  /// The port actually listened on.
  [[nodiscard]] virtual std::uint16_t port() const = 0;
  /// Stops accepting, closes open connections and joins the threads. Idempotent.
  virtual void stop() = 0;
};

}  // namespace wv::sandbox
