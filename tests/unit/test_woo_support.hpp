#pragma once
// Shared by the [woo] tests: the real WooCommerce 7.9 transcripts as HTTP responses, a shop
// configuration matching them, and a fixed clock.

#include <string>
#include <vector>

#include "connectors/woocommerce/oauth1.hpp"
#include "core/config/config.hpp"
#include "core/http/http.hpp"
#include "core/time.hpp"

namespace wv::testing {

class FakeHttpClient;

/// One transcript file: the request as recorded and the answer exactly as the shop sent it
/// (numbers keep their text, e.g. `"price": 512.5306666666667`).
struct Transcript {
  std::string method;
  std::string path;  ///< "/wp-json/wc/v3/orders/26"
  woo::QueryParams query;
  std::string request_body;  ///< compact JSON, "" when none
  HttpResponse response;
  std::string note;
};

/// The transcript whose file name starts with `prefix` ("23-").
Transcript transcript(const std::string& prefix);

/// Queues the recorded answer of transcript `prefix` as the next answer of `http`.
void serve(FakeHttpClient& http, const std::string& prefix);

/// The API path of a transcript without the /wp-json/wc/v3 prefix ("/orders/26").
std::string api_path(const Transcript& t);

/// The shop the transcripts were recorded from, over https with Basic auth.
ShopConfig fixture_shop(const std::string& url = "https://shop.example.com");

/// A clock standing at `now` (default: the recording's OAuth timestamp, 1795530836).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now = Timestamp(std::chrono::seconds(1795530836))) : now_(now) {}
  Timestamp now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds d) const override { now_ += d; }

 private:
  mutable Timestamp now_;
};

/// The query parameters of `url`, decoded.
woo::QueryParams query_of(const std::string& url);
/// The value of query parameter `name` in `url`, or "" when absent.
std::string query_value(const std::string& url, const std::string& name);
/// `url` without its query.
std::string without_query(const std::string& url);

}  // namespace wv::testing
