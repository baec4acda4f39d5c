// Requests per second through CurlHttpClient against the local sandbox server: one at a time
// with send(), then batches with send_all() at several bounds on requests in flight. Each
// request is answered after a simulated server latency, which is what makes concurrency pay.
// Prints figures; never fails on timing.

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/http/curl_client.hpp"
#include "sandbox/http_server.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 400;
  const auto latency = std::chrono::milliseconds(argc > 2 ? std::stoi(argv[2]) : 5);
  const std::string body = "{\"Data\":[" + std::string(2000, ' ') + "]}";
  auto server = wv::sandbox::HttpServer::start(0, [&](const wv::sandbox::Request&) {
    std::this_thread::sleep_for(latency);
    return wv::sandbox::Response::json(200, body);
  });
  if (!server) {
    std::fprintf(stderr, "cannot start the server: %s\n", server.error().message.c_str());
    return 1;
  }
  const std::string url = "http://127.0.0.1:" + std::to_string((*server)->port()) + "/v2/articles";
  std::printf("%d requests, %lld ms server latency, %zu-byte answers\n", count,
              static_cast<long long>(latency.count()), body.size());

  {
    wv::CurlHttpClient client(wv::HttpClientOptions{});
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
      if (!client.send(wv::HttpRequest::get(url))) return 1;
    }
    const double s = seconds_since(start);
    std::printf("send() one by one:          %8.0f req/s\n", count / s);
  }
  for (int in_flight : {1, 4, 8, 16}) {
    wv::HttpClientOptions options;
    options.max_in_flight = in_flight;
    wv::CurlHttpClient client(options);
    std::vector<wv::HttpRequest> batch(static_cast<std::size_t>(count), wv::HttpRequest::get(url));
    const auto start = Clock::now();
    for (auto& r : client.send_all(batch)) {
      if (!r) return 1;
    }
    const double s = seconds_since(start);
    std::printf("send_all(), %2d in flight:   %8.0f req/s\n", in_flight, count / s);
  }
  return 0;
}
