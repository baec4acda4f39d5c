#pragma once
// What a VismaEmulator holds behind its mutex: the company's data, the identity server, the
// quota, the time offset, scheduled faults and request statistics. Shared by the emulator, the
// control API and the seeds.

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "sandbox/http_server.hpp"
#include "sandbox/visma/identity.hpp"
#include "sandbox/visma/rate_limiter.hpp"
#include "sandbox/visma/state.hpp"

namespace wv::sandbox::visma {

/// A fault the control API scheduled for matching API requests.
struct ScheduledFault {
  std::string method;       ///< "POST", or empty for any
  std::string path_prefix;  ///< "/v2/orders", matched ignoring case
  int remaining = 1;        ///< how many matching requests it still hits
  /// "error_500" (answer 500/5000 without doing the work), "error_503", "close_after_commit"
  /// (do the work, then close without answering), "close_before_commit" (close without doing it),
  /// "truncate_after_commit", "slow_after_commit", "delay" (do the work, answer after delay_ms).
  std::string kind;
  std::chrono::milliseconds delay{0};
};

struct LoggedRequest {
  std::string method;
  std::string target;
  int status = 0;
  std::string time;
};

struct EmulatorState {
  VismaState data;
  IdentityServer identity;
  RateLimiter limiter;
  std::chrono::milliseconds offset{0};
  bool retry_after_header = false;
  std::vector<ScheduledFault> faults;
  long long api_requests = 0;
  long long rate_limited = 0;
  std::map<std::string, long long> requests_by_route;  ///< "GET /v2/articles/{articleId}" → count
  std::deque<LoggedRequest> log;                         ///< the last kLogSize API requests
  long long error_sequence = 0;

  static constexpr std::size_t kLogSize = 2000;
};

/// Replaces `s` with the demo company (seed.cpp).
void load_demo(EmulatorState& s, Timestamp now);
/// Replaces `s` with the "visma" section of a seed file (seed.cpp). Fails with Config naming the
/// offending entry and field.
Status load_seed(EmulatorState& s, std::string_view seed_file_text, Timestamp now);

/// Answers a control request (control.cpp); nullopt when the path is not under /_sandbox/visma/.
std::optional<Response> handle_control(EmulatorState& s, const Request& request, Timestamp now);

}  // namespace wv::sandbox::visma
