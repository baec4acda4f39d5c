#pragma once
// An HttpClient that hands requests straight to a Sandbox in the same process, without sockets:
// the emulators answer exactly as over HTTP (faults that only a socket can show, such as a
// closed connection, come back as Transient errors), fast enough for thousands of documents.

#include "core/http/http.hpp"
#include "sandbox/sandbox.hpp"

namespace wv::testing {

class InProcessHttpClient final : public HttpClient {
 public:
  /// Keeps a reference to `sandbox`. Requests are treated as arriving over TLS when `tls`.
  explicit InProcessHttpClient(sandbox::Sandbox& sandbox, bool tls = false) : sandbox_(sandbox), tls_(tls) {}

  Result<HttpResponse> send(const HttpRequest& request) override;
  std::vector<Result<HttpResponse>> send_all(std::span<const HttpRequest> requests) override;

 private:
  sandbox::Sandbox& sandbox_;
  bool tls_;
};

}  // namespace wv::testing
