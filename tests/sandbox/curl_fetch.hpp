#pragma once
// A minimal libcurl client for the sandbox tests: the server is tested with the same HTTP
// stack the product uses, over real sockets.

#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

namespace wv::testing {

struct FetchOptions {
  std::string method = "GET";
  std::string body;                  ///< sent when not empty (or when method is not GET)
  std::vector<std::string> headers;  ///< "Name: value"
  std::string accept_encoding;       ///< "" sends none; "gzip" asks for (and decodes) gzip
  std::string ca_file;               ///< trust this CA for https URLs
  bool chunked_upload = false;       ///< send the body with Transfer-Encoding: chunked
  long timeout_ms = 5000;
  long expect_100_timeout_ms = 5000;

  // Chainable setters: fetch(url, FetchOptions().post(body).header("X-A: 1")).
  FetchOptions& with_method(std::string m) { method = std::move(m); return *this; }
  FetchOptions& post(std::string b) { method = "POST"; body = std::move(b); return *this; }
  FetchOptions& header(std::string h) { headers.push_back(std::move(h)); return *this; }
  FetchOptions& gzip() { accept_encoding = "gzip"; return *this; }
  FetchOptions& trust(std::string ca) { ca_file = std::move(ca); return *this; }
  FetchOptions& chunked() { chunked_upload = true; return *this; }
};

struct Fetched {
  CURLcode code = CURLE_OK;
  std::string error;  ///< curl's message when code is not CURLE_OK
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< names in lower case; last value wins
  long new_connections = 0;                    ///< 0 when an open connection was reused
  double seconds = 0;
};

/// One curl easy handle: successive fetches reuse its connections.
class CurlSession {
 public:
  CurlSession();
  ~CurlSession();
  CurlSession(const CurlSession&) = delete;
  CurlSession& operator=(const CurlSession&) = delete;

  Fetched fetch(const std::string& url, const FetchOptions& options = {});

 private:
  CURL* curl_;
};

/// A single fetch on a fresh connection.
Fetched fetch(const std::string& url, const FetchOptions& options = {});

}  // namespace wv::testing
