#include "core/http/curl_transfer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/http/url_redaction.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"

namespace wv::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has_header(const HttpRequest& request, std::string_view name) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [&](const HttpHeader& h) { return lower(h.name) == name; });
}

std::string seconds_text(std::chrono::milliseconds d) {
  return fmt::format("{}s", (d.count() + 999) / 1000);
}

}  // namespace

template <class T>
void CurlTransfer::set(CURLoption option, T value) {
  const CURLcode rc = curl_easy_setopt(easy_, option, value);
  if (rc != CURLE_OK && setup_error_ == CURLE_OK) setup_error_ = rc;
}

CurlTransfer::CurlTransfer(CURL* easy, const HttpRequest& request, const TransferSettings& settings)
    : easy_(easy), request_(request), settings_(settings) {
  set(CURLOPT_ERRORBUFFER, error_buffer_);
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_NOSIGNAL, 1L);
  // Redirects are answers, not something to follow: following would turn a POST into a GET
  // and could carry credentials to another host. The caller reports a moved shop URL.
  set(CURLOPT_FOLLOWLOCATION, 0L);
  // TLS verification is always on; the only knob is which CAs to trust.
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_bundle.empty()) set(CURLOPT_CAINFO, settings.ca_bundle.c_str());
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout.count()));
  // "" offers every encoding this libcurl can decode (gzip, deflate, br, zstd) and decodes the
  // answer before it reaches on_body, so the size cap applies to the decoded body.
  set(CURLOPT_ACCEPT_ENCODING, "");
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings.max_response_bytes));
  set(CURLOPT_USERAGENT, settings.user_agent.c_str());
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  // libcurl re-sends a request by itself when a reused connection yields nothing, POSTs
  // included; had the server acted on it, that is a duplicate nobody learns of. A request that
  // must not be repeated therefore always gets a connection of its own (TLS sessions are
  // shared, so the handshake stays short).
  if (!request.idempotent) set(CURLOPT_FRESH_CONNECT, 1L);
  // No CURLOPT_PROXY / CURLOPT_NOPROXY: libcurl then takes http_proxy, https_proxy and
  // no_proxy from the environment, which is what an operator behind a proxy expects.

  const std::string& method = request.method;
  if (method == "GET") {
    set(CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else {
    if (method != "POST") set(CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "POST" || method == "PUT" || method == "PATCH" || !request.body.empty()) {
      set(CURLOPT_POSTFIELDS, request.body.data());
      set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
  }

  for (const auto& h : request.headers) {
    // "Name;" is curl's way to send a header with an empty value.
    const std::string line = h.value.empty() ? h.name + ";" : h.name + ": " + h.value;
    headers_ = curl_slist_append(headers_, line.c_str());
  }
  // Without this curl waits for "100 Continue" before sending a large body, a pause many
  // servers never end.
  if (!has_header(request, "expect")) headers_ = curl_slist_append(headers_, "Expect:");
  set(CURLOPT_HTTPHEADER, headers_);

  set(CURLOPT_WRITEFUNCTION, &CurlTransfer::on_body);
  set(CURLOPT_WRITEDATA, this);
  set(CURLOPT_HEADERFUNCTION, &CurlTransfer::on_header);
  set(CURLOPT_HEADERDATA, this);
}

CurlTransfer::~CurlTransfer() {
  // The handle goes back to the pool: drop the pointers into this object before it dies.
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
  curl_slist_free_all(headers_);
}

std::size_t CurlTransfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  const std::size_t n = size * count;
  if (t->response_.body.size() + n > t->settings_.max_response_bytes) {
    t->too_large_ = true;
    return 0;  // anything but n aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response_.body.append(data, n);
  return n;
}

std::size_t CurlTransfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new status line: an interim 1xx answer or a proxy's CONNECT reply came before.
    t->response_.headers.clear();
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  t->response_.headers.push_back(
      {lower(trim_view(line.substr(0, colon))), std::string(trim_view(line.substr(colon + 1)))});
  return n;
}

bool CurlTransfer::request_may_have_been_sent() const {
  // Either a byte of the request left us, or the connection (and TLS) was up and the transfer
  // had begun: from then on the server may have the request.
  long request_size = 0;
  curl_off_t pretransfer = 0;
  curl_easy_getinfo(easy_, CURLINFO_REQUEST_SIZE, &request_size);
  curl_easy_getinfo(easy_, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  return request_size > 0 || pretransfer > 0;
}

std::string CurlTransfer::detail(CURLcode code) const {
  const std::string_view text = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
  std::string out = redact(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

TransferOutcome CurlTransfer::finish(CURLcode code, Timestamp now) {
  TransferOutcome out;
  curl_off_t micros = 0;
  curl_easy_getinfo(easy_, CURLINFO_TOTAL_TIME_T, &micros);
  out.duration = std::chrono::milliseconds{micros / 1000};
  const std::string host = url_host(request_.url);
  auto failed = [&](AttemptOutcome outcome, ErrorKind kind, std::string message) {
    out.attempt.outcome = outcome;
    out.may_have_been_processed = outcome == AttemptOutcome::MaybeSent || too_large_ ||
                                  code == CURLE_FILESIZE_EXCEEDED;
    out.error = Error(kind, std::move(message));
    return out;
  };

  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    response_.status = static_cast<int>(status);
    out.attempt.outcome = AttemptOutcome::Answered;
    out.attempt.status = response_.status;
    if (is_retryable_status(response_.status)) {
      if (auto value = response_.header("retry-after")) {
        out.attempt.server_wait = parse_retry_after(*value, now);
      }
      if (!out.attempt.server_wait) out.attempt.server_wait = parse_try_again_in(response_.body);
    }
    out.response = std::move(response_);
    return out;
  }

  if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
    return failed(AttemptOutcome::Final, ErrorKind::Transient,
                  fmt::format("the response from {} is larger than {} bytes; raise "
                              "http.max_response_bytes or ask for smaller pages",
                              host, settings_.max_response_bytes));
  }
  const bool sent = request_may_have_been_sent();
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
      return failed(AttemptOutcome::Final, ErrorKind::Config,
                    fmt::format("the server's certificate for {} could not be verified ({}); if it "
                                "is signed by a private CA, set http.ca_bundle to that CA's PEM file",
                                host, detail(code)));
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
      return failed(AttemptOutcome::Final, ErrorKind::Config,
                    fmt::format("cannot use the CA bundle '{}' ({}); set http.ca_bundle to a "
                                "readable PEM file or leave it empty for the system's CAs",
                                settings_.ca_bundle, detail(code)));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return failed(AttemptOutcome::Final, ErrorKind::Config,
                    fmt::format("the URL {} is not a valid http or https URL ({}); check the "
                                "configured address", redact_url(request_.url), detail(code)));
    case CURLE_COULDNT_RESOLVE_HOST:
      return failed(AttemptOutcome::NotSent, ErrorKind::Transient,
                    fmt::format("cannot resolve the host name of {} ({}); check the URL and DNS",
                                host, detail(code)));
    case CURLE_COULDNT_RESOLVE_PROXY:
      return failed(AttemptOutcome::NotSent, ErrorKind::Transient,
                    fmt::format("cannot resolve the proxy for {} ({}); check http_proxy / "
                                "https_proxy", host, detail(code)));
    case CURLE_COULDNT_CONNECT:
      return failed(AttemptOutcome::NotSent, ErrorKind::Transient,
                    fmt::format("cannot connect to {} ({}); check that the server is up and "
                                "reachable", host, detail(code)));
    case CURLE_SSL_CONNECT_ERROR:
      return failed(sent ? AttemptOutcome::MaybeSent : AttemptOutcome::NotSent,
                    ErrorKind::Transient,
                    fmt::format("the TLS handshake with {} failed ({})", host, detail(code)));
    case CURLE_OPERATION_TIMEDOUT:
      if (!sent) {
        return failed(AttemptOutcome::NotSent, ErrorKind::Transient,
                      fmt::format("cannot connect to {} within {} ({})", host,
                                  seconds_text(settings_.connect_timeout), detail(code)));
      }
      return failed(AttemptOutcome::MaybeSent, ErrorKind::Transient,
                    fmt::format("{} did not answer within {} ({})", host,
                                seconds_text(settings_.total_timeout), detail(code)));
    default:
      return failed(sent ? AttemptOutcome::MaybeSent : AttemptOutcome::NotSent,
                    ErrorKind::Transient,
                    fmt::format("the exchange with {} failed ({})", host, detail(code)));
  }
}

}  // namespace wv::detail
