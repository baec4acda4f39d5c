#include "core/http/http.hpp"

namespace wv {

HttpRequest attempt_of(const HttpRequest& request) {
  HttpRequest attempt = request;
  attempt.prepare_attempt = nullptr;
  if (request.prepare_attempt) request.prepare_attempt(attempt);
  return attempt;
}

}  // namespace wv
