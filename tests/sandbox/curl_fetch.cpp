#include "tests/sandbox/curl_fetch.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace wv::testing {
namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* target) {
  std::string line(data, size * count);
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.erase(0, 1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

struct Upload {
  const std::string* body;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* source) {
  auto* upload = static_cast<Upload*>(source);
  // Small pieces so that a chunked upload really consists of several chunks.
  std::size_t n = std::min({size * count, upload->body->size() - upload->offset, std::size_t{700}});
  std::memcpy(buffer, upload->body->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

CurlSession::CurlSession() : curl_(curl_easy_init()) {}
CurlSession::~CurlSession() { curl_easy_cleanup(curl_); }

Fetched CurlSession::fetch(const std::string& url, const FetchOptions& options) {
  Fetched result;
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  curl_easy_setopt(curl_, CURLOPT_EXPECT_100_TIMEOUT_MS, options.expect_100_timeout_ms);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl_, CURLOPT_PROXY, "");
  if (!options.accept_encoding.empty()) {
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, options.accept_encoding.c_str());
  }
  if (!options.ca_file.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, options.ca_file.c_str());

  curl_slist* headers = nullptr;
  for (const auto& header : options.headers) headers = curl_slist_append(headers, header.c_str());
  Upload upload{&options.body};
  if (options.chunked_upload) {
    headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl_, CURLOPT_READDATA, &upload);
  } else if (options.method == "HEAD") {
    curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
  } else if (!options.body.empty() || options.method != "GET") {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, options.body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(options.body.size()));
  }
  if (options.method != "GET" && options.method != "POST" && options.method != "HEAD") {
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, options.method.c_str());
  }
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);

  result.code = curl_easy_perform(curl_);
  curl_slist_free_all(headers);
  if (result.code != CURLE_OK) result.error = error[0] ? error : curl_easy_strerror(result.code);
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &result.new_connections);
  curl_easy_getinfo(curl_, CURLINFO_TOTAL_TIME, &result.seconds);
  return result;
}

Fetched fetch(const std::string& url, const FetchOptions& options) {
  CurlSession session;
  return session.fetch(url, options);
}

}  // namespace wv::testing
