#pragma once
// Fault injection around the emulators: the failures a real WooCommerce shop or Visma company
// shows (slowness, 5xx, 429 storms, a connection lost after the work was done, damaged bodies),
// on demand and reproducibly, so that tests can prove the client copes. Configured from C++ or
// through the control API (POST/DELETE /_sandbox/faults; the JSON format is in
// man/woovisma-sandbox.1).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "sandbox/http_server.hpp"

namespace wv::sandbox {

enum class FaultKind {
  Latency,           ///< answer later by `latency`
  ServerError,       ///< answer `status` (5xx) without processing the request
  RateLimit,         ///< answer 429 without processing the request
  CloseAfterCommit,  ///< process the request, then close the connection without answering
  TruncateBody,      ///< process, then send the headers and half the body
  MalformedBody,     ///< process, then replace the body by broken JSON (status kept)
  SlowBody,          ///< process, then send the body slowly
};

/// "latency", "server_error", "rate_limit", "close_after_commit", "truncate_body",
/// "malformed_body", "slow_body".
const char* to_string(FaultKind kind);
/// The kind named `name` (as to_string), or nullopt.
std::optional<FaultKind> fault_kind_from_string(std::string_view name);

struct FaultRule {
  FaultKind kind = FaultKind::ServerError;
  std::string method;       ///< "POST"; empty matches every method
  std::string path_prefix;  ///< "/v2/customerinvoicedrafts"; empty matches every path
  /// Fires at most this many times ("the next N matching requests"); nullopt: without limit.
  std::optional<int> count;
  /// The chance that a matching request is hit, drawn from the injector's seeded generator.
  double share = 1.0;
  std::chrono::milliseconds latency{0};  ///< Latency: the delay added
  int status = 500;                      ///< ServerError: 500-599
  int retry_after_seconds = 1;           ///< RateLimit: the N of "Try again in N seconds"
  bool retry_after_header = false;       ///< RateLimit: also send `Retry-After: N`
  int fired = 0;                         ///< how often the rule has fired (kept by the injector)
};

/// What the injector decided before the request reaches the emulators.
struct FaultDecision {
  std::chrono::milliseconds latency{0};  ///< added delay (sum of the Latency rules that fired)
  /// The answer to send instead of asking the emulators (the request is not processed).
  std::optional<Response> answer;
  std::string fault;  ///< the kind of the fault that answered, empty when none
};

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed = 1);

  /// Appends `rule`; rules are consulted in the order added.
  void add(FaultRule rule);
  /// Removes every rule.
  void clear();
  /// Restarts the random generator (for `share`) from `seed`.
  void reseed(std::uint64_t seed);
  /// The rules with their `fired` counters.
  [[nodiscard]] std::vector<FaultRule> rules() const;

  /// Consults Latency, ServerError and RateLimit rules for `request`.
  FaultDecision before(const Request& request);
  /// Consults the damaging rules (CloseAfterCommit, TruncateBody, MalformedBody, SlowBody)
  /// for a request the emulators processed and applies the first that fires to `response`;
  /// returns its kind's name, or "" when none fired.
  std::string after(const Request& request, Response& response);

  /// Applies a control-API document: {"seed": N, "replace": bool, "rules": [rule, ...]} or a
  /// single rule object. Fails with Config naming the offending field (nothing is changed).
  Status configure(std::string_view json);
  /// {"seed": N, "rules": [...]} in the control-API format, with each rule's "fired".
  [[nodiscard]] std::string to_json() const;

 private:
  bool fires(FaultRule& rule);  // requires mutex_
  std::string next_guid();      // requires mutex_

  mutable std::mutex mutex_;
  std::uint64_t seed_;
  std::mt19937_64 random_;
  std::vector<FaultRule> rules_;
};

/// An error of the API `path` belongs to, in that API's own format.
struct ApiError {
  int status = 500;
  int visma_code = 5000;                        ///< Visma's ErrorCode (under /v2/)
  std::string woo_code = "internal_server_error";  ///< WooCommerce's code (under /wp-json/)
  std::string message;
};

/// `error` as Visma answers under /v2/ ({"ErrorCode","DeveloperErrorMessage","ErrorId"}), as
/// WooCommerce answers under /wp-json/ ({"code","message","data":{"status"}}), and as
/// {"error","message"} elsewhere. `error_id` is Visma's ErrorId (a GUID).
Response api_error_response(std::string_view path, const ApiError& error, std::string_view error_id);

}  // namespace wv::sandbox
