#pragma once
// What a VismaEmulator holds behind its mutex: the company's data, the identity server, the
// quota, the time offset and request statistics. Shared by the emulator, the control API and
// the seeds. (Faults, latency and the request log belong to the sandbox around the emulators:
// sandbox/faults.hpp, sandbox/request_log.hpp.)

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "sandbox/http_server.hpp"
#include "sandbox/visma/identity.hpp"
#include "sandbox/visma/rate_limiter.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

struct EmulatorState {
  VismaState data;
  IdentityServer identity;
  RateLimiter limiter;
  std::chrono::milliseconds offset{0};
  bool retry_after_header = false;
  long long api_requests = 0;
  long long rate_limited = 0;
  std::map<std::string, long long> requests_by_route;  ///< "GET /v2/articles/{articleId}" → count
  long long error_sequence = 0;
};

/// Replaces `s` with a fresh company (seed.cpp): settings, the sandbox's OAuth client and the
/// standard lookups a new eAccounting company has (units, account codings, terms of payment,
/// bank accounts, fiscal years); no articles, customers, cost centres, price lists or documents.
void load_empty(EmulatorState& s, Timestamp now);
/// Replaces `s` with the demo company (seed.cpp).
void load_demo(EmulatorState& s, Timestamp now);
/// Replaces `s` with the "visma" section of a seed file (seed.cpp). Fails with Config naming the
/// offending entry and field.
Status load_seed(EmulatorState& s, std::string_view seed_file_text, Timestamp now);

/// Answers a control request (control.cpp); nullopt when the path is not under /_sandbox/visma/.
std::optional<Response> handle_control(EmulatorState& s, const Request& request, Timestamp now);

}  // namespace wv::sandbox::visma
