#pragma once
// Turns a Response into bytes on the wire: status line, the handler's headers, and the framing
// headers the server owns (Content-Length, Date, Connection, Content-Encoding when gzipped).
// Private to the HTTP server.

#include <chrono>
#include <string>
#include <string_view>

#include "sandbox/http_server.hpp"

namespace wv::sandbox::net {

/// Bodies at least this large are gzipped when the client accepts it.
inline constexpr std::size_t kGzipThreshold = 1024;

struct WireResponse {
  std::string head;  ///< status line and headers, ending with the empty line
  std::string body;  ///< as sent (gzipped when so encoded); empty for HEAD, 204 and 304
};

/// `response` to `request` ready to send; `keep_alive` decides the Connection header.
WireResponse serialise(const Response& response, const Request& request, bool keep_alive);

/// A short plain-text answer for a request that could not be read (400, 413, 431, ...),
/// always with `Connection: close`.
WireResponse protocol_error(int status);

/// True when the Accept-Encoding value admits gzip (q > 0 for gzip, x-gzip or *).
bool accepts_gzip(std::string_view accept_encoding);

/// `data` as a gzip member (RFC 1952).
std::string gzip(std::string_view data);

/// IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point when);

/// "OK", "Not Found", ... ("Unknown" for codes without a registered phrase).
const char* reason_phrase(int status);

}  // namespace wv::sandbox::net
