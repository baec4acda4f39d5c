#include "core/http/curl_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <memory>

#include "core/http/error_body.hpp"
#include "core/http/url_redaction.hpp"
#include "core/log.hpp"

namespace wv::detail {
namespace {

// Visma's budget is per minute. The window we count in is a second longer: a server that keeps
// time in whole seconds ("Try again in 55 seconds") may put a request up to a second earlier
// than it arrived, and client and server clocks may run at slightly different rates.
constexpr std::chrono::milliseconds kRateWindow{60'000};
constexpr std::chrono::milliseconds kRateMargin{1'000};
// The longest curl_multi_poll blocks while a timer of ours (backoff, rate slot) is pending:
// the clock may be a fake one that real time does not move.
constexpr long kMaxPollMs = 1000;
// Server-requested waits at least this long are logged at info level.
constexpr std::chrono::seconds kNotableServerWait{5};

std::string attempt_label(int attempt, int max_retries) {
  return fmt::format("attempt {} of {}", attempt, max_retries + 1);
}

}  // namespace

// ---- CurlShared ----

CurlShared::CurlShared(HttpClientOptions options, const Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      limiter_(options_.requests_per_minute, kRateWindow + kRateMargin, clock) {
  options_.max_in_flight = std::max(1, options_.max_in_flight);
  options_.max_concurrent_calls = std::max(1, options_.max_concurrent_calls);
  settings_.connect_timeout = options_.connect_timeout;
  settings_.total_timeout = options_.total_timeout;
  settings_.ca_bundle = options_.ca_bundle;
  settings_.max_response_bytes = options_.max_response_bytes;
  settings_.user_agent = options_.user_agent.empty() ? default_user_agent() : options_.user_agent;
  // DNS answers and TLS sessions are shared by all easy handles of all engines; engines run on
  // different threads, so curl takes our locks around every use.
  share_ = curl_share_init();
  if (share_ != nullptr) {
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlShared::lock);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlShared::unlock);
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
}

CurlShared::~CurlShared() {
  if (share_ != nullptr) curl_share_cleanup(share_);
}

void CurlShared::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CurlShared*>(self)->locks_.at(static_cast<std::size_t>(data)).lock();
}

void CurlShared::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<CurlShared*>(self)->locks_.at(static_cast<std::size_t>(data)).unlock();
}

// ---- CurlEngine ----

// One request of a run, through all its attempts.
struct CurlEngine::Job {
  const HttpRequest* request = nullptr;
  /// What the attempt in flight sends: `request` after its prepare_attempt hook, made anew for
  /// every attempt. It outlives `transfer`, which reads the URL and body from it in place.
  HttpRequest sent;
  int attempts = 0;
  /// Some attempt may have been carried out by the server without us learning the outcome.
  bool maybe_processed = false;
  std::unique_ptr<CurlTransfer> transfer;  ///< the attempt in flight
  Timestamp start_at{};  ///< when to ask the rate limiter (again), or the end of a backoff wait
  std::optional<Result<HttpResponse>> result;
};

CurlEngine::CurlEngine(CurlShared& shared, std::uint64_t jitter_seed)
    : shared_(shared), policy_(shared.options().retry, jitter_seed) {
  multi_ = curl_multi_init();
  // Connections live in the multi handle's cache between calls; keep enough for every
  // request in flight plus a few idle ones.
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(std::max(4, 2 * shared_.options().max_in_flight)));
}

CurlEngine::~CurlEngine() {
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
  curl_multi_cleanup(multi_);
}

CURL* CurlEngine::take_easy() {
  if (idle_.empty()) return curl_easy_init();
  CURL* easy = idle_.back();
  idle_.pop_back();
  return easy;
}

void CurlEngine::give_back(CURL* easy) {
  curl_easy_reset(easy);
  idle_.push_back(easy);
}

// The attempt in flight is over (finished, or abandoned when a run unwinds): its handle leaves
// the multi and it keeps counting against the rate budget from now on.
void CurlEngine::end_transfer(Job& job) {
  CURL* easy = job.transfer->easy();
  curl_multi_remove_handle(multi_, easy);
  job.transfer.reset();
  give_back(easy);
  shared_.limiter().finished();
}

bool CurlEngine::start(Job& job, std::size_t index) {
  ++job.attempts;
  CURL* easy = take_easy();
  if (easy == nullptr) {
    job.result = fail(ErrorKind::Internal, "cannot create a curl handle (out of memory?)");
    return false;
  }
  // A fresh copy per attempt: a hook may sign it anew (OAuth 1.0a nonces are single-use).
  job.sent = attempt_of(*job.request);
  job.transfer = std::make_unique<CurlTransfer>(easy, job.sent, shared_.settings());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, reinterpret_cast<char*>(index));
  if (shared_.share() != nullptr) curl_easy_setopt(easy, CURLOPT_SHARE, shared_.share());
  const CURLcode setup = job.transfer->setup_error();
  const CURLMcode added = setup == CURLE_OK ? curl_multi_add_handle(multi_, easy) : CURLM_OK;
  if (setup != CURLE_OK || added != CURLM_OK) {
    job.result = fail(ErrorKind::Internal,
                      fmt::format("cannot set up the request to {} ({})", url_host(job.request->url),
                                  setup != CURLE_OK ? curl_easy_strerror(setup)
                                                    : curl_multi_strerror(added)));
    job.transfer.reset();
    give_back(easy);
    return false;
  }
  if (logger().enabled(LogLevel::Trace)) {
    logger().trace("http {} {} starting ({})", job.request->method, redact_url(job.request->url),
                   attempt_label(job.attempts, shared_.options().retry.max_retries));
  }
  return true;
}

void CurlEngine::log_attempt(const Job& job, const TransferOutcome& outcome,
                             std::optional<std::chrono::milliseconds> wait) const {
  if (wait && outcome.attempt.server_wait && *outcome.attempt.server_wait >= kNotableServerWait) {
    // Worth seeing without -v: a run that stands still for a minute should say why.
    logger().info("http: {} asked to wait {} s (HTTP {}); waiting", url_host(job.request->url),
                  outcome.attempt.server_wait->count(), outcome.attempt.status);
  }
  if (!logger().enabled(LogLevel::Debug)) return;
  const std::string url = redact_url(job.request->url);
  const std::string attempt = attempt_label(job.attempts, shared_.options().retry.max_retries);
  const std::string then = wait ? fmt::format(", retrying in {} ms", wait->count()) : "";
  if (outcome.response) {
    logger().debug("http {} {} -> {} in {} ms ({}){}", job.request->method, url,
                   outcome.response->status, outcome.duration.count(), attempt, then);
  } else {
    logger().debug("http {} {} -> failed in {} ms ({}){}: {}", job.request->method, url,
                   outcome.duration.count(), attempt, then, outcome.error.message);
  }
}

// Decides what follows an attempt: the wait before the next one, or nullopt with job.result set.
std::optional<std::chrono::milliseconds> CurlEngine::settle(Job& job, TransferOutcome outcome) {
  const Attempt& attempt = outcome.attempt;
  if (outcome.may_have_been_processed) job.maybe_processed = true;
  const bool idempotent = job.request->idempotent;
  const auto wait = policy_.next_wait(attempt, job.attempts - 1, idempotent);
  log_attempt(job, outcome, wait);
  if (wait) {
    if (attempt.outcome == AttemptOutcome::Answered && attempt.status == 429) {
      // The server's budget is spent for everyone: hold every request of this client, on
      // every thread.
      shared_.limiter().hold_until(shared_.clock().now() + *wait);
    }
    return wait;
  }
  const auto server_wait = attempt.server_wait;
  job.result = final_result(job, std::move(outcome), server_wait);
  return std::nullopt;
}

Result<HttpResponse> CurlEngine::final_result(Job& job, TransferOutcome outcome,
                                              std::optional<std::chrono::seconds> server_wait) {
  const std::string tries =
      job.attempts > 1 ? fmt::format(" (gave up after {} attempts)", job.attempts) : "";
  if (outcome.attempt.outcome != AttemptOutcome::Answered) {
    Error e = outcome.error;
    e.message += tries;
    e.ambiguous = job.maybe_processed;
    return fail(std::move(e));
  }
  HttpResponse& response = *outcome.response;
  if (!is_retryable_status(response.status)) return std::move(response);

  // 429 or 5xx and no (further) retry: an error that says what the server said.
  const ErrorBodySummary body = summarise_error_body(response.body);
  const bool not_repeatable = response.status != 429 && !job.request->idempotent;
  std::string why = tries;
  if (server_wait && *server_wait > shared_.options().retry.max_server_wait) {
    why = fmt::format(" and asks to wait {} s", server_wait->count());
  } else if (not_repeatable) {
    why = "; the request may have been carried out, so it was not repeated";
  }
  Error e(ErrorKind::Transient,
          fmt::format("{} answered HTTP {}{}{}{}", url_host(job.request->url), response.status, why,
                      body.message.empty() ? "" : ": ", body.message));
  e.http_status = response.status;
  e.remote_code = body.remote_code;
  e.retry_after = server_wait;
  e.ambiguous = job.maybe_processed || not_repeatable;
  return fail(std::move(e));
}

std::vector<Result<HttpResponse>> CurlEngine::run(std::span<const HttpRequest> requests) {
  const Clock& clock = shared_.clock();
  RateLimiter& limiter = shared_.limiter();
  std::vector<Job> jobs(requests.size());
  std::deque<std::size_t> ready;     // may start as soon as a place in flight is free
  std::vector<std::size_t> pacing;   // hold a place in flight, waiting for the rate budget
  std::vector<std::size_t> backoff;  // waiting to retry; hold no place in flight
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].request = &requests[i];
    ready.push_back(i);
  }
  std::size_t running = 0;
  std::size_t done = 0;

  // Whatever happens, no handle stays in the multi pointing at a dead transfer, and the rate
  // budget learns that those attempts ended.
  struct Cleanup {
    CurlEngine& engine;
    std::vector<Job>& jobs;
    ~Cleanup() {
      for (Job& job : jobs) {
        if (job.transfer) engine.end_transfer(job);
      }
    }
  } cleanup{*this, jobs};

  const auto max_in_flight = static_cast<std::size_t>(shared_.options().max_in_flight);
  while (done < jobs.size()) {
    Timestamp now = clock.now();
    for (auto it = backoff.begin(); it != backoff.end();) {
      if (jobs[*it].start_at <= now) {
        ready.push_front(*it);
        it = backoff.erase(it);
      } else {
        ++it;
      }
    }
    while (running + pacing.size() < max_in_flight && !ready.empty()) {
      const std::size_t i = ready.front();
      ready.pop_front();
      jobs[i].start_at = now;
      pacing.push_back(i);
    }
    for (auto it = pacing.begin(); it != pacing.end();) {
      Job& job = jobs[*it];
      if (job.start_at > now) {
        ++it;
        continue;
      }
      if (auto later = limiter.try_start()) {
        job.start_at = *later;
        ++it;
        continue;
      }
      if (start(job, *it)) {
        ++running;
      } else {
        limiter.finished();  // counted, though nothing was sent
        ++done;
      }
      it = pacing.erase(it);
    }

    if (running > 0) {
      int still_running = 0;
      curl_multi_perform(multi_, &still_running);
      std::size_t finished = 0;
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        CURL* easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        char* tag = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &tag);
        const auto i = reinterpret_cast<std::size_t>(tag);
        --running;
        ++finished;
        Job& job = jobs[i];
        TransferOutcome outcome = job.transfer->finish(code, clock.now());
        end_transfer(job);
        if (auto wait = settle(job, std::move(outcome))) {
          job.start_at = clock.now() + *wait;
          backoff.push_back(i);
        } else {
          ++done;
        }
      }
      if (finished > 0) continue;  // places in flight were freed: fill them before waiting
    }
    if (done == jobs.size()) break;

    // Wait for network activity or the next timer of ours, whichever comes first.
    now = clock.now();
    std::optional<Timestamp> next;
    for (const auto* list : {&pacing, &backoff}) {
      for (std::size_t i : *list) next = next ? std::min(*next, jobs[i].start_at) : jobs[i].start_at;
    }
    if (running > 0) {
      long timeout_ms = kMaxPollMs;
      if (next) timeout_ms = std::clamp<long>(static_cast<long>((*next - now).count()), 0, kMaxPollMs);
      curl_multi_poll(multi_, nullptr, 0, static_cast<int>(timeout_ms), nullptr);
    } else if (next && *next > now) {
      clock.sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(*next - now));
    }
  }

  std::vector<Result<HttpResponse>> results;
  results.reserve(jobs.size());
  for (Job& job : jobs) results.push_back(std::move(*job.result));
  return results;
}

}  // namespace wv::detail
