#include "sandbox/net/request_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/http/http.hpp"
#include "core/text.hpp"

namespace wv::sandbox::net {
namespace {

/// RFC 9110 token characters (method and header names).
bool is_tchar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return kExtra.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_tchar);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// True when the comma-separated header value contains `token` (case-insensitive).
bool has_token(std::string_view value, std::string_view token) {
  std::string lowered = lower(value);
  std::string_view rest = lowered;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    if (trim_ows(rest.substr(0, comma)) == token) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

/// A bad first line can be recognised before the head is complete: garbage (a TLS handshake
/// sent to the plain port, a stray protocol) is refused at once instead of waiting for CRLFCRLF.
bool request_line_prefix_plausible(std::string_view bytes) {
  if (bytes == "\r") return true;  // the first half of an empty line between requests
  std::size_t i = 0;
  while (i < bytes.size() && is_tchar(bytes[i])) ++i;
  if (i == bytes.size()) return i <= 32;
  return i > 0 && bytes[i] == ' ';
}

bool parse_request_line(std::string_view line, Request& request, int& minor_version,
                        ReadOutcome& error) {
  error = ReadOutcome::BadRequest;
  std::size_t first = line.find(' ');
  if (first == std::string_view::npos) return false;
  std::size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  if (!is_token(method) || target.empty()) return false;
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      !std::isdigit(static_cast<unsigned char>(version[5])) ||
      !std::isdigit(static_cast<unsigned char>(version[7]))) {
    return false;
  }
  if (version[5] != '1') {
    error = ReadOutcome::BadVersion;
    return false;
  }
  minor_version = version[7] - '0';
  request.method = std::string(method);
  request.raw_target = std::string(target);
  return parse_target(request.raw_target, request);
}

bool parse_header_line(std::string_view line, Request& request) {
  if (line.front() == ' ' || line.front() == '\t') return false;  // obsolete line folding
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = line.substr(0, colon);
  if (!is_token(name)) return false;
  std::string_view value = trim_ows(line.substr(colon + 1));
  if (value.find_first_of(std::string_view("\0\r\n", 3)) != std::string_view::npos) return false;
  std::string key = lower(name);
  auto [it, inserted] = request.headers.try_emplace(key, value);
  if (!inserted) {
    // Repeated Content-Length values that disagree would make the body's end ambiguous.
    if (key == "content-length") return it->second == value;
    it->second += ", ";
    it->second += value;
  }
  return true;
}

std::optional<std::size_t> parse_size(std::string_view text, int base) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool parse_target(const std::string& target, Request& request) {
  std::string_view rest = target;
  if (rest.starts_with("http://") || rest.starts_with("https://")) {
    rest.remove_prefix(rest.find("//") + 2);
    std::size_t slash = rest.find_first_of("/?");
    rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (rest.front() == '?') return false;
  } else if (rest == "*") {
    request.path = "*";
    return true;
  } else if (!rest.starts_with("/")) {
    return false;
  }
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::size_t question = rest.find('?');
  request.path = url_decode(rest.substr(0, question));
  request.raw_query.clear();
  request.query.clear();
  if (question == std::string_view::npos) return true;
  request.raw_query = std::string(rest.substr(question + 1));
  std::string_view query = request.raw_query;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string_view name = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      request.query.emplace_back(url_decode(name, true), url_decode(value, true));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return true;
}

bool RequestReader::fill() {
  char chunk[16 * 1024];
  long n = stream_.read_some(chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

ReadOutcome RequestReader::read_line(std::string& line, std::size_t limit) {
  for (;;) {
    std::size_t end = buffer_.find("\r\n", pos_);
    if (end != std::string::npos) {
      if (end - pos_ > limit) return ReadOutcome::BadRequest;
      line.assign(buffer_, pos_, end - pos_);
      pos_ = end + 2;
      return ReadOutcome::Request;
    }
    // + 1: the CR of the terminating CRLF may have arrived without its LF.
    if (buffer_.size() - pos_ > limit + 1) return ReadOutcome::BadRequest;
    if (!fill()) return ReadOutcome::Disconnected;
  }
}

ReadOutcome RequestReader::read_fixed_body(std::size_t length, std::string& body) {
  while (buffer_.size() - pos_ < length) {
    if (!fill()) return ReadOutcome::Disconnected;
  }
  body.assign(buffer_, pos_, length);
  pos_ += length;
  return ReadOutcome::Request;
}

ReadOutcome RequestReader::read_chunked_body(std::string& body) {
  body.clear();
  std::string line;
  for (;;) {
    if (auto r = read_line(line, 1024); r != ReadOutcome::Request) return r;
    std::string_view size_text = trim_ows(std::string_view(line).substr(0, line.find(';')));
    auto size = parse_size(size_text, 16);
    if (!size) return ReadOutcome::BadRequest;
    if (*size == 0) break;
    if (body.size() + *size > kMaxBodyBytes) return ReadOutcome::BodyTooLarge;
    std::string chunk;
    if (auto r = read_fixed_body(*size, chunk); r != ReadOutcome::Request) return r;
    body += chunk;
    if (auto r = read_line(line, 0); r != ReadOutcome::Request) return r;
    if (!line.empty()) return ReadOutcome::BadRequest;
  }
  // Trailer fields are read and dropped; an empty line ends the message.
  std::size_t trailer_bytes = 0;
  for (;;) {
    if (auto r = read_line(line, kMaxHeadBytes); r != ReadOutcome::Request) return r;
    if (line.empty()) return ReadOutcome::Request;
    trailer_bytes += line.size();
    if (trailer_bytes > kMaxHeadBytes) return ReadOutcome::HeadTooLarge;
  }
}

ReadOutcome RequestReader::next(ReadRequest& out) {
  buffer_.erase(0, pos_);
  pos_ = 0;
  out = ReadRequest{};

  // The head: skip empty lines left between requests, then read until CRLFCRLF.
  std::size_t head_end = std::string::npos;
  for (;;) {
    while (buffer_.size() >= pos_ + 2 && buffer_.compare(pos_, 2, "\r\n") == 0) pos_ += 2;
    head_end = buffer_.find("\r\n\r\n", pos_);
    if (head_end != std::string::npos) break;
    std::string_view pending = std::string_view(buffer_).substr(pos_);
    if (!request_line_prefix_plausible(pending)) return ReadOutcome::BadRequest;
    if (pending.size() > kMaxHeadBytes) return ReadOutcome::HeadTooLarge;
    if (!fill()) return pending.empty() ? ReadOutcome::Closed : ReadOutcome::Disconnected;
  }
  if (head_end - pos_ > kMaxHeadBytes) return ReadOutcome::HeadTooLarge;
  std::string_view head = std::string_view(buffer_).substr(pos_, head_end - pos_);
  pos_ = head_end + 4;

  Request& request = out.request;
  int minor_version = 1;
  std::size_t line_end = head.find("\r\n");
  ReadOutcome line_error = ReadOutcome::BadRequest;
  if (!parse_request_line(head.substr(0, line_end), request, minor_version, line_error)) {
    return line_error;
  }
  while (line_end != std::string_view::npos) {
    std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string_view line = head.substr(start, line_end == std::string_view::npos ? line_end : line_end - start);
    if (line.empty() || !parse_header_line(line, request)) return ReadOutcome::BadRequest;
  }

  std::string connection = request.header("connection").value_or("");
  out.keep_alive = minor_version >= 1 ? !has_token(connection, "close")
                                      : has_token(connection, "keep-alive");

  auto transfer_encoding = request.header("transfer-encoding");
  auto content_length = request.header("content-length");
  if (transfer_encoding && content_length) return ReadOutcome::BadRequest;
  bool chunked = false;
  std::size_t length = 0;
  if (transfer_encoding) {
    if (lower(*transfer_encoding) != "chunked") return ReadOutcome::BadRequest;
    chunked = true;
  } else if (content_length) {
    auto parsed = parse_size(*content_length, 10);
    if (!parsed) return ReadOutcome::BadRequest;
    if (*parsed > kMaxBodyBytes) return ReadOutcome::BodyTooLarge;
    length = *parsed;
  }

  if (auto expect = request.header("expect")) {
    if (lower(*expect) != "100-continue") return ReadOutcome::UnknownExpect;
    bool body_pending = chunked || buffer_.size() - pos_ < length;
    if (minor_version >= 1 && body_pending &&
        !stream_.write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
      return ReadOutcome::Disconnected;
    }
  }
  return chunked ? read_chunked_body(request.body) : read_fixed_body(length, request.body);
}

}  // namespace wv::sandbox::net
