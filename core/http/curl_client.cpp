#include "core/http/curl_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <random>

#include "core/http/curl_transfer.hpp"
#include "core/http/error_body.hpp"
#include "core/http/rate_limiter.hpp"
#include "core/http/url_redaction.hpp"
#include "core/log.hpp"

namespace wv {
namespace {

constexpr std::chrono::minutes kRateWindow{1};
// The longest curl_multi_poll blocks while a timer of ours (backoff, rate slot) is pending:
// the clock may be a fake one that real time does not move.
constexpr long kMaxPollMs = 1000;
// Server-requested waits at least this long are logged at info level.
constexpr std::chrono::seconds kNotableServerWait{5};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::uint64_t random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

// One request of a send_all batch, through all its attempts.
struct Job {
  const HttpRequest* request = nullptr;
  int attempts = 0;
  /// Some attempt may have been carried out by the server without us learning the outcome.
  bool maybe_processed = false;
  std::unique_ptr<detail::CurlTransfer> transfer;  ///< the attempt in flight
  Timestamp start_at{};  ///< reserved rate slot, or the end of a backoff wait
  std::optional<Result<HttpResponse>> result;
};

std::string attempt_label(int attempt, int max_retries) {
  return fmt::format("attempt {} of {}", attempt, max_retries + 1);
}

}  // namespace

HttpClientOptions http_client_options(const HttpSettings& settings, int requests_per_minute) {
  HttpClientOptions o;
  o.connect_timeout = settings.connect_timeout;
  o.total_timeout = settings.total_timeout;
  o.ca_bundle = settings.ca_bundle;
  o.max_in_flight = settings.max_in_flight;
  o.retry.max_retries = settings.max_retries;
  o.retry.initial_backoff = settings.initial_backoff;
  o.retry.max_backoff = settings.max_backoff;
  o.max_response_bytes = settings.max_response_bytes;
  o.requests_per_minute = requests_per_minute;
  o.user_agent = settings.user_agent;
  return o;
}

std::string default_user_agent() { return std::string("woovisma/") + WOOVISMA_VERSION; }

class CurlHttpClient::Engine {
 public:
  Engine(HttpClientOptions options, const Clock& clock)
      : options_(std::move(options)),
        clock_(clock),
        limiter_(options_.requests_per_minute, kRateWindow, clock),
        policy_(options_.retry, options_.jitter_seed.value_or(random_seed())) {
    init_curl_once();
    options_.max_in_flight = std::max(1, options_.max_in_flight);
    settings_.connect_timeout = options_.connect_timeout;
    settings_.total_timeout = options_.total_timeout;
    settings_.ca_bundle = options_.ca_bundle;
    settings_.max_response_bytes = options_.max_response_bytes;
    settings_.user_agent = options_.user_agent.empty() ? default_user_agent() : options_.user_agent;
    multi_ = curl_multi_init();
    // Connections live in the multi handle's cache between calls; keep enough for every
    // request in flight plus a few idle ones.
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(4, 2 * options_.max_in_flight)));
    // DNS answers and TLS sessions are shared by all easy handles (only this engine's thread
    // uses them, under mutex_, so no lock callbacks are needed).
    share_ = curl_share_init();
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }

  ~Engine() {
    for (CURL* easy : idle_) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi_);
    curl_share_cleanup(share_);
  }

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  std::vector<Result<HttpResponse>> run(std::span<const HttpRequest> requests);

 private:
  CURL* take_easy() {
    if (idle_.empty()) return curl_easy_init();
    CURL* easy = idle_.back();
    idle_.pop_back();
    return easy;
  }
  void give_back(CURL* easy) {
    curl_easy_reset(easy);
    idle_.push_back(easy);
  }

  bool start(Job& job, std::size_t index);
  std::optional<std::chrono::milliseconds> settle(Job& job, detail::TransferOutcome outcome);
  Result<HttpResponse> final_result(Job& job, detail::TransferOutcome outcome,
                                    std::optional<std::chrono::seconds> server_wait);
  void log_attempt(const Job& job, const detail::TransferOutcome& outcome,
                   std::optional<std::chrono::milliseconds> wait) const;

  HttpClientOptions options_;
  detail::TransferSettings settings_;
  const Clock& clock_;
  RateLimiter limiter_;
  RetryPolicy policy_;
  std::mutex mutex_;  ///< one run at a time: the multi handle and the pool are not thread-safe
  CURLM* multi_ = nullptr;
  CURLSH* share_ = nullptr;
  std::vector<CURL*> idle_;
};

bool CurlHttpClient::Engine::start(Job& job, std::size_t index) {
  ++job.attempts;
  CURL* easy = take_easy();
  if (easy == nullptr) {
    job.result = fail(ErrorKind::Internal, "cannot create a curl handle (out of memory?)");
    return false;
  }
  job.transfer = std::make_unique<detail::CurlTransfer>(easy, *job.request, settings_);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, reinterpret_cast<char*>(index));
  curl_easy_setopt(easy, CURLOPT_SHARE, share_);
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
                   attempt_label(job.attempts, options_.retry.max_retries));
  }
  return true;
}

void CurlHttpClient::Engine::log_attempt(const Job& job, const detail::TransferOutcome& outcome,
                                         std::optional<std::chrono::milliseconds> wait) const {
  if (wait && outcome.attempt.server_wait && *outcome.attempt.server_wait >= kNotableServerWait) {
    // Worth seeing without -v: a run that stands still for a minute should say why.
    logger().info("http: {} asked to wait {} s (HTTP {}); waiting", url_host(job.request->url),
                  outcome.attempt.server_wait->count(), outcome.attempt.status);
  }
  if (!logger().enabled(LogLevel::Debug)) return;
  const std::string url = redact_url(job.request->url);
  const std::string attempt = attempt_label(job.attempts, options_.retry.max_retries);
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
std::optional<std::chrono::milliseconds> CurlHttpClient::Engine::settle(
    Job& job, detail::TransferOutcome outcome) {
  const Attempt& attempt = outcome.attempt;
  if (outcome.may_have_been_processed) job.maybe_processed = true;
  const bool idempotent = job.request->idempotent;
  const auto wait = policy_.next_wait(attempt, job.attempts - 1, idempotent);
  log_attempt(job, outcome, wait);
  if (wait) {
    if (attempt.outcome == AttemptOutcome::Answered && attempt.status == 429) {
      // The server's budget is spent for everyone: hold every request of this client.
      limiter_.hold_until(clock_.now() + *wait);
    }
    return wait;
  }
  const auto server_wait = attempt.server_wait;
  job.result = final_result(job, std::move(outcome), server_wait);
  return std::nullopt;
}

Result<HttpResponse> CurlHttpClient::Engine::final_result(
    Job& job, detail::TransferOutcome outcome, std::optional<std::chrono::seconds> server_wait) {
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
  if (server_wait && *server_wait > options_.retry.max_server_wait) {
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

std::vector<Result<HttpResponse>> CurlHttpClient::Engine::run(std::span<const HttpRequest> requests) {
  std::lock_guard lock(mutex_);
  std::vector<Job> jobs(requests.size());
  std::deque<std::size_t> ready;     // may start as soon as a place in flight is free
  std::vector<std::size_t> pacing;   // hold a place in flight, waiting for their rate slot
  std::vector<std::size_t> backoff;  // waiting to retry; hold no place in flight
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].request = &requests[i];
    ready.push_back(i);
  }
  std::size_t running = 0;
  std::size_t done = 0;

  // Whatever happens, no handle stays in the multi pointing at a dead transfer.
  struct Cleanup {
    Engine& engine;
    std::vector<Job>& jobs;
    ~Cleanup() {
      for (Job& job : jobs) {
        if (!job.transfer) continue;
        CURL* easy = job.transfer->easy();
        curl_multi_remove_handle(engine.multi_, easy);
        job.transfer.reset();
        engine.give_back(easy);
      }
    }
  } cleanup{*this, jobs};

  const std::size_t max_in_flight = static_cast<std::size_t>(options_.max_in_flight);
  while (done < jobs.size()) {
    Timestamp now = clock_.now();
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
      jobs[i].start_at = limiter_.reserve();
      pacing.push_back(i);
    }
    for (auto it = pacing.begin(); it != pacing.end();) {
      if (jobs[*it].start_at > now) {
        ++it;
        continue;
      }
      if (start(jobs[*it], *it)) {
        ++running;
      } else {
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
        curl_multi_remove_handle(multi_, easy);
        --running;
        ++finished;
        Job& job = jobs[i];
        detail::TransferOutcome outcome = job.transfer->finish(code, clock_.now());
        job.transfer.reset();
        give_back(easy);
        if (auto wait = settle(job, std::move(outcome))) {
          job.start_at = clock_.now() + *wait;
          backoff.push_back(i);
        } else {
          ++done;
        }
      }
      if (finished > 0) continue;  // places in flight were freed: fill them before waiting
    }
    if (done == jobs.size()) break;

    // Wait for network activity or the next timer of ours, whichever comes first.
    now = clock_.now();
    std::optional<Timestamp> next;
    for (const auto* list : {&pacing, &backoff}) {
      for (std::size_t i : *list) next = next ? std::min(*next, jobs[i].start_at) : jobs[i].start_at;
    }
    if (running > 0) {
      long timeout_ms = kMaxPollMs;
      if (next) timeout_ms = std::clamp<long>(static_cast<long>((*next - now).count()), 0, kMaxPollMs);
      curl_multi_poll(multi_, nullptr, 0, static_cast<int>(timeout_ms), nullptr);
    } else if (next && *next > now) {
      clock_.sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(*next - now));
    }
  }

  std::vector<Result<HttpResponse>> results;
  results.reserve(jobs.size());
  for (Job& job : jobs) results.push_back(std::move(*job.result));
  return results;
}

CurlHttpClient::CurlHttpClient(HttpClientOptions options, const Clock& clock)
    : engine_(std::make_unique<Engine>(std::move(options), clock)) {}

CurlHttpClient::~CurlHttpClient() = default;

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  return std::move(engine_->run(std::span<const HttpRequest>(&request, 1)).front());
}

std::vector<Result<HttpResponse>> CurlHttpClient::send_all(std::span<const HttpRequest> requests) {
  return engine_->run(requests);
}

}  // namespace wv
