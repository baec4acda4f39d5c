#pragma once
// When to try an HTTP request again and how long to wait first: exponential backoff with
// jitter, the server's own Retry-After or Visma's "Try again in N seconds", and the rule that a
// request which is not idempotent is repeated only when it surely never reached the server.
// Pure logic, no I/O: CurlHttpClient asks it after every attempt.

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

#include "core/time.hpp"

namespace wv {

struct RetryOptions {
  int max_retries = 5;  ///< retries after the first attempt (so at most max_retries + 1 attempts)
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{60'000};
  /// A server asking us to wait longer than this is not waited for: the request fails at once
  /// with `retry_after` set, and the next run tries again.
  std::chrono::seconds max_server_wait{300};
};

/// How an attempt ended, as far as retrying is concerned.
enum class AttemptOutcome {
  Answered,   ///< an HTTP response arrived (see Attempt::status)
  NotSent,    ///< surely never reached the server: DNS failure, connection refused, connect
              ///< timeout, TLS handshake failure
  MaybeSent,  ///< may have reached the server: timeout or connection lost after sending
  Final,      ///< repeating cannot help: TLS verification, malformed URL, response too large
};

struct Attempt {
  AttemptOutcome outcome = AttemptOutcome::Answered;
  int status = 0;  ///< the HTTP status when Answered
  /// How long the server asked us to wait (Retry-After or Visma's message), when it did.
  std::optional<std::chrono::seconds> server_wait;
};

/// True for the statuses worth repeating: 429, 500, 502, 503, 504.
bool is_retryable_status(int status);

/// The wait a Retry-After header asks for: delay-seconds ("120") or an HTTP-date, counted from
/// `now` (a date in the past means zero). nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Timestamp now);

/// The N of "Try again in N seconds" (or minutes) anywhere in `body`, as Visma writes it in a
/// 429's DeveloperErrorMessage. nullopt when the body does not say.
std::optional<std::chrono::seconds> parse_try_again_in(std::string_view body);

/// Exponential backoff with jitter: the n-th retry (0-based) waits a uniformly random time in
/// [c/2, c], where c = min(max, initial × 2^n). Not thread-safe.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, std::uint64_t seed);
  /// The jittered wait before retry number `retries_done` + 1.
  std::chrono::milliseconds delay(int retries_done);
  /// The upper bound c of delay(retries_done), without jitter.
  [[nodiscard]] std::chrono::milliseconds ceiling(int retries_done) const;

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::mt19937_64 rng_;
};

class RetryPolicy {
 public:
  RetryPolicy(RetryOptions options, std::uint64_t seed);

  /// True when `attempt` is worth repeating for a request that is (not) `idempotent`, retries
  /// left or not: a network failure that never reached the server, a 429, and, only for an
  /// idempotent request, a 5xx or a failure after sending.
  [[nodiscard]] static bool retryable(const Attempt& attempt, bool idempotent);

  /// The wait before the next attempt after `attempt` failed, with `retries_done` retries made
  /// so far; nullopt when there is to be no further attempt (success or other final answer,
  /// not retryable, retries used up, or the server asks for more than max_server_wait).
  /// The server's wait, when given, is used (plus up to a second of jitter) instead of the
  /// backoff. Not thread-safe.
  std::optional<std::chrono::milliseconds> next_wait(const Attempt& attempt, int retries_done,
                                                     bool idempotent);

  [[nodiscard]] const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
  Backoff backoff_;
  std::mt19937_64 rng_;
};

}  // namespace wv
