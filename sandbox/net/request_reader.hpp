#pragma once
// Reads HTTP/1.1 requests one after another from a connection: request line, headers,
// Content-Length or chunked bodies, and the interim "100 Continue" a client asks for with
// `Expect: 100-continue`. Private to the HTTP server.

#include <cstddef>
#include <string>

#include "sandbox/http_server.hpp"
#include "sandbox/net/stream.hpp"

namespace wv::sandbox::net {

/// Largest request head (request line and headers) accepted; more is answered 431.
inline constexpr std::size_t kMaxHeadBytes = 64 * 1024;
/// Largest request body accepted; more is answered 413.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;

enum class ReadOutcome {
  Request,         ///< a whole request was read
  Closed,          ///< the client closed or went silent between requests (not an error)
  Disconnected,    ///< the client went away in the middle of a request
  BadRequest,      ///< 400: not HTTP, or malformed
  HeadTooLarge,    ///< 431
  BodyTooLarge,    ///< 413
  UnknownExpect,   ///< 417: an Expect other than 100-continue
  BadVersion,      ///< 505
};

struct ReadRequest {
  Request request;
  bool keep_alive = true;  ///< what the client asked for (HTTP version and Connection header)
};

class RequestReader {
 public:
  explicit RequestReader(Stream& stream) : stream_(stream) {}

  /// Reads the next request into `out`. Anything but ReadOutcome::Request ends the connection.
  ReadOutcome next(ReadRequest& out);

 private:
  /// Reads more bytes into buffer_; false at end of stream or on error.
  bool fill();
  /// Reads until buffer_ holds a CRLF-terminated line at pos_; the line without CRLF, or
  /// false when the stream ends first or the line exceeds `limit`.
  ReadOutcome read_line(std::string& line, std::size_t limit);
  ReadOutcome read_fixed_body(std::size_t length, std::string& body);
  ReadOutcome read_chunked_body(std::string& body);

  Stream& stream_;
  std::string buffer_;
  std::size_t pos_ = 0;
};

/// Splits a request target into decoded path, raw query and decoded query pairs; false when
/// the target is not an origin-form ("/...") or absolute-form ("http://host/...") target.
bool parse_target(const std::string& target, Request& request);

}  // namespace wv::sandbox::net
