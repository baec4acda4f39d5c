#include "sandbox/net/response_writer.hpp"

#include <zlib.h>

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>

#include "core/text.hpp"

namespace wv::sandbox::net {
namespace {

/// Headers the server writes itself; a handler's own values would contradict the framing.
bool is_framing_header(std::string_view name) {
  return ascii_iequals(name, "content-length") || ascii_iequals(name, "transfer-encoding") ||
         ascii_iequals(name, "connection") || ascii_iequals(name, "date");
}

bool has_header(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (ascii_iequals(key, name)) return true;
  }
  return false;
}

bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  double gzip_q = -1;
  double any_q = -1;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::size_t semicolon = item.find(';');
    std::string_view coding = trim_ows(item.substr(0, semicolon));
    double q = 1;
    if (semicolon != std::string_view::npos) {
      std::string_view parameter = trim_ows(item.substr(semicolon + 1));
      if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
        q = std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
      }
    }
    if (ascii_iequals(coding, "gzip") || ascii_iequals(coding, "x-gzip")) gzip_q = q;
    if (coding == "*") any_q = q;
  }
  return gzip_q >= 0 ? gzip_q > 0 : any_q > 0;
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  // 15 + 16: the largest window, wrapped as gzip rather than zlib.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

std::string http_date(std::chrono::system_clock::time_point when) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

WireResponse serialise(const Response& response, const Request& request, bool keep_alive) {
  WireResponse wire;
  bool has_body = status_has_body(response.status);
  std::string body = has_body ? response.body : std::string();
  bool gzipped = has_body && body.size() >= kGzipThreshold && !has_header(response, "content-encoding") &&
                 accepts_gzip(request.header("accept-encoding").value_or(""));
  if (gzipped) body = gzip(body);

  std::string& head = wire.head;
  head = fmt::format("HTTP/1.1 {} {}\r\n", response.status, reason_phrase(response.status));
  for (const auto& [name, value] : response.headers) {
    if (is_framing_header(name)) continue;
    head += fmt::format("{}: {}\r\n", name, value);
  }
  if (gzipped) head += "Content-Encoding: gzip\r\n";
  if (has_body && body.size() >= kGzipThreshold) head += "Vary: Accept-Encoding\r\n";
  if (response.status != 204 && response.status != 304) {
    head += fmt::format("Content-Length: {}\r\n", body.size());
  }
  head += fmt::format("Date: {}\r\n", http_date(std::chrono::system_clock::now()));
  head += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  head += "\r\n";
  if (request.method != "HEAD") wire.body = std::move(body);
  return wire;
}

WireResponse protocol_error(int status) {
  WireResponse wire;
  wire.body = fmt::format("{} {}\n", status, reason_phrase(status));
  wire.head = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: {}\r\n"
      "Date: {}\r\nConnection: close\r\n\r\n",
      status, reason_phrase(status), wire.body.size(), http_date(std::chrono::system_clock::now()));
  return wire;
}

}  // namespace wv::sandbox::net
