#pragma once
// An HttpClient for unit tests: answers from a queue of scripted responses (or a handler) and
// records every request, so connector tests run without any network. A send is one attempt: the
// request's prepare_attempt hook runs first, and the request is recorded as it would go out.

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "core/http/http.hpp"

namespace wv::testing {

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  /// Answers every request with `handler` (replaces any queued responses).
  void on_request(Handler handler);
  /// Queues a response for the next request (used when no handler is set).
  void push(int status, std::string body, std::vector<HttpHeader> headers = {});
  /// Queues a failure for the next request.
  void push_error(Error error);

  Result<HttpResponse> send(const HttpRequest& request) override;
  std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> requests) override;

  /// Every request received, in order.
  [[nodiscard]] std::vector<HttpRequest> requests() const;

 private:
  mutable std::mutex mutex_;
  Handler handler_;
  std::deque<Result<HttpResponse>> queue_;
  std::vector<HttpRequest> requests_;
};

}  // namespace wv::testing
