#include "core/http/curl_client.hpp"

#include <curl/curl.h>

#include <random>

#include "core/http/curl_engine.hpp"

namespace wv {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::uint64_t random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

HttpClientOptions http_client_options(const HttpSettings& settings, int requests_per_minute) {
  HttpClientOptions o;
  o.connect_timeout = settings.connect_timeout;
  o.total_timeout = settings.total_timeout;
  o.ca_bundle = settings.ca_bundle;
  o.max_in_flight = settings.max_in_flight;
  o.retry.max_retries = settings.max_retries;
  o.retry.initial_backoff = settings.initial_backoff;
  o.retry.max_backoff = settings.max_backoff;
  o.max_response_bytes = settings.max_response_bytes;
  o.requests_per_minute = requests_per_minute;
  o.user_agent = settings.user_agent;
  return o;
}

std::string default_user_agent() { return std::string("woovisma/") + WOOVISMA_VERSION; }

CurlHttpClient::CurlHttpClient(HttpClientOptions options, const Clock& clock) {
  init_curl_once();
  jitter_seed_ = options.jitter_seed.value_or(random_seed());
  shared_ = std::make_unique<detail::CurlShared>(std::move(options), clock);
}

// The engines (and their easy handles, which point at the share) go before the share.
CurlHttpClient::~CurlHttpClient() { idle_.clear(); }

std::unique_ptr<detail::CurlEngine> CurlHttpClient::borrow() {
  std::unique_lock lock(pool_mutex_);
  engine_returned_.wait(lock, [&] { return !idle_.empty() || engines_ < shared_->options().max_concurrent_calls; });
  if (!idle_.empty()) {
    // The most recently used engine has the warmest connections.
    auto engine = std::move(idle_.back());
    idle_.pop_back();
    return engine;
  }
  // Engine k jitters with seed + k: the first (the only one of a single-threaded caller) keeps
  // the seed a test fixed.
  const auto seed = jitter_seed_ + static_cast<std::uint64_t>(engines_);
  ++engines_;
  lock.unlock();
  return std::make_unique<detail::CurlEngine>(*shared_, seed);
}

void CurlHttpClient::give_back(std::unique_ptr<detail::CurlEngine> engine) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(engine));
  }
  engine_returned_.notify_one();
}

std::vector<Result<HttpResponse>> CurlHttpClient::send_all(std::span<const HttpRequest> requests) {
  auto engine = borrow();
  // Given back however run() ends, so that a throwing call cannot shrink the pool.
  struct Return {
    CurlHttpClient& client;
    std::unique_ptr<detail::CurlEngine>& engine;
    ~Return() { client.give_back(std::move(engine)); }
  } give_back_later{*this, engine};
  return engine->run(requests);
}

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  return std::move(send_all(std::span<const HttpRequest>(&request, 1)).front());
}

}  // namespace wv
