#include "tests/support/fake_http.hpp"

namespace wv::testing {

void FakeHttpClient::on_request(Handler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
  queue_.clear();
}

void FakeHttpClient::push(int status, std::string body, std::vector<HttpHeader> headers) {
  std::lock_guard lock(mutex_);
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  queue_.emplace_back(std::move(r));
}

void FakeHttpClient::push_error(Error error) {
  std::lock_guard lock(mutex_);
  queue_.emplace_back(std::unexpected(std::move(error)));
}

Result<HttpResponse> FakeHttpClient::send(const HttpRequest& original) {
  // One send is one attempt: it goes out as the real client would send it.
  const HttpRequest request = attempt_of(original);
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (!handler_) {
      if (queue_.empty()) {
        return fail(ErrorKind::Internal, "FakeHttpClient: no response queued for " +
                                             request.method + " " + request.url);
      }
      auto r = std::move(queue_.front());
      queue_.pop_front();
      return r;
    }
    handler = handler_;
  }
  return handler(request);
}

std::vector<Result<HttpResponse>> FakeHttpClient::send_all(std::span<const HttpRequest> requests) {
  std::vector<Result<HttpResponse>> out;
  out.reserve(requests.size());
  for (const auto& r : requests) out.push_back(send(r));
  return out;
}

std::vector<HttpRequest> FakeHttpClient::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace wv::testing
