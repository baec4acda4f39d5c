#pragma once
// Helpers for the WooCommerce emulator tests: a settable clock, request builders, JSON access.

#include <string>
#include <utility>
#include <vector>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/json.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/woo_emulator.hpp"

namespace wv::testing::woo {

using wv::sandbox::Request;
using wv::sandbox::Response;
using wv::sandbox::Json;

/// A clock that stands still until told to move.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp t) : now_(t) {}
  Timestamp now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds d) const override { now_ += d; }
  void set(Timestamp t) { now_ = t; }
  void set(const char* iso) { now_ = parse_timestamp(iso).value(); }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  mutable Timestamp now_;
};

/// A request to the emulated shop. `target` is "/wp-json/wc/v3/products?per_page=2".
inline Request make_request(const std::string& method, const std::string& target, const std::string& body = "",
                            bool tls = true) {
  Request r;
  r.method = method;
  r.raw_target = target;
  const auto q = target.find('?');
  r.path = wv::sandbox::woo::php_urldecode(target.substr(0, q));
  r.raw_query = q == std::string::npos ? "" : target.substr(q + 1);
  std::size_t start = 0;
  while (!r.raw_query.empty() && start <= r.raw_query.size()) {
    std::size_t amp = r.raw_query.find('&', start);
    if (amp == std::string::npos) amp = r.raw_query.size();
    const std::string pair = r.raw_query.substr(start, amp - start);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      r.query.emplace_back(wv::sandbox::woo::php_urldecode(pair.substr(0, eq)),
                           eq == std::string::npos ? "" : wv::sandbox::woo::php_urldecode(pair.substr(eq + 1)));
    }
    start = amp + 1;
  }
  r.body = body;
  if (!body.empty()) r.headers["content-type"] = "application/json";
  r.tls = tls;
  return r;
}

/// The same with HTTP Basic credentials.
inline Request basic(Request r, const std::string& key = "ck_TEST", const std::string& secret = "cs_TEST") {
  r.headers["authorization"] = "Basic " + base64_encode(key + ":" + secret);
  return r;
}

/// The response body parsed (fails the test when it is not JSON).
Json body_of(const Response& r);
/// The value of header `name` (case-insensitive), or "" when absent.
std::string header_of(const Response& r, const std::string& name);
/// True when the response carries header `name`.
bool has_header(const Response& r, const std::string& name);
/// Member access by a path of keys and indexes: at(j, {"line_items", "0", "total"}).
const Json& at(const Json& j, std::initializer_list<std::string> path);
/// A JSON body from text (fails the test when invalid).
Json parse(const std::string& text);

/// Sends `request` to `shop` and returns the answer (fails the test when the path is not the
/// emulator's).
Response send(wv::sandbox::woo::WooEmulator& shop, const Request& request);

}  // namespace wv::testing::woo
