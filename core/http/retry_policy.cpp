#include "core/http/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/text.hpp"

namespace wv {
namespace {

bool parse_digits(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

bool is_retryable_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Timestamp now) {
  value = trim_view(value);
  std::int64_t seconds = 0;
  if (parse_digits(value, seconds)) return std::chrono::seconds{seconds};
  // An HTTP-date in any of the three forms RFC 9110 allows; curl_getdate reads them all and
  // returns -1 for anything else. Require a weekday-like start so that "soon" or "-5" fail.
  if (value.size() < 20 || !std::isalpha(static_cast<unsigned char>(value.front()))) {
    return std::nullopt;
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const auto then = std::chrono::sys_seconds{std::chrono::seconds{when}};
  const auto now_s = std::chrono::floor<std::chrono::seconds>(now);
  if (then <= now_s) return std::chrono::seconds{0};
  return std::chrono::duration_cast<std::chrono::seconds>(then - now_s);
}

std::optional<std::chrono::seconds> parse_try_again_in(std::string_view body) {
  const std::string text = ascii_lower(body);
  static constexpr std::string_view kPhrase = "try again in ";
  for (std::size_t pos = text.find(kPhrase); pos != std::string::npos;
       pos = text.find(kPhrase, pos + 1)) {
    std::size_t i = pos + kPhrase.size();
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    std::int64_t n = 0;
    if (!parse_digits(std::string_view(text).substr(start, i - start), n)) continue;
    while (i < text.size() && text[i] == ' ') ++i;
    const std::string_view unit = std::string_view(text).substr(i);
    if (unit.starts_with("sec")) return std::chrono::seconds{n};
    if (unit.starts_with("min")) return std::chrono::minutes{n};
  }
  return std::nullopt;
}

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
                 std::uint64_t seed)
    : initial_(std::max(initial, std::chrono::milliseconds{1})),
      max_(std::max(max, initial_)),
      rng_(seed) {}

std::chrono::milliseconds Backoff::ceiling(int retries_done) const {
  auto c = initial_;
  for (int i = 0; i < retries_done && c < max_; ++i) c *= 2;
  return std::min(c, max_);
}

std::chrono::milliseconds Backoff::delay(int retries_done) {
  const auto c = ceiling(retries_done).count();
  std::uniform_int_distribution<std::int64_t> pick(c / 2, c);
  return std::chrono::milliseconds{pick(rng_)};
}

RetryPolicy::RetryPolicy(RetryOptions options, std::uint64_t seed)
    : options_(options), backoff_(options.initial_backoff, options.max_backoff, seed),
      rng_(seed ^ 0x9e3779b97f4a7c15ULL) {}

bool RetryPolicy::retryable(const Attempt& attempt, bool idempotent) {
  switch (attempt.outcome) {
    case AttemptOutcome::NotSent: return true;
    case AttemptOutcome::MaybeSent: return idempotent;
    case AttemptOutcome::Final: return false;
    case AttemptOutcome::Answered:
      // A 429 means the server refused to look at the request; a 5xx may come after the work
      // was done, so only an idempotent request may be repeated after one.
      if (attempt.status == 429) return true;
      return idempotent && is_retryable_status(attempt.status);
  }
  return false;
}

std::optional<std::chrono::milliseconds> RetryPolicy::next_wait(const Attempt& attempt,
                                                                int retries_done,
                                                                bool idempotent) {
  if (!retryable(attempt, idempotent) || retries_done >= options_.max_retries) return std::nullopt;
  if (attempt.server_wait) {
    if (*attempt.server_wait > options_.max_server_wait) return std::nullopt;
    // A little jitter so that several clients told the same thing do not return in lockstep.
    std::uniform_int_distribution<std::int64_t> jitter(0, 1000);
    return std::chrono::milliseconds{*attempt.server_wait} +
           std::chrono::milliseconds{jitter(rng_)};
  }
  return backoff_.delay(retries_done);
}

}  // namespace wv
