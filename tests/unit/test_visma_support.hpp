#pragma once
// Shared by the [visma] unit tests: a settable clock, a token vault that records what happens
// to it (in the same event log as the HTTP requests, so tests can check the order), and a
// harness that wires a VismaClient to a FakeHttpClient.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "connectors/visma/token_vault.hpp"
#include "connectors/visma/visma_client.hpp"
#include "core/log.hpp"
#include "core/time.hpp"
#include "tests/support/fake_http.hpp"

namespace wv::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds d) const override { now_ += d; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  mutable Timestamp now_;
};

/// Events shared by the vault and the HTTP handler, in the order they happened.
struct EventLog {
  std::mutex mutex;
  std::vector<std::string> events;
  void add(std::string e) {
    std::lock_guard lock(mutex);
    events.push_back(std::move(e));
  }
  std::vector<std::string> all() {
    std::lock_guard lock(mutex);
    return events;
  }
  /// Index of the first event starting with `prefix`, or -1.
  int find(const std::string& prefix) {
    std::lock_guard lock(mutex);
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
    }
    return -1;
  }
};

class RecordingVault final : public TokenVault {
 public:
  explicit RecordingVault(EventLog& log) : log_(log) {}

  Result<std::optional<OAuthTokens>> load() override {
    log_.add("vault load");
    return saved;
  }
  Status save(const OAuthTokens& tokens) override {
    log_.add("vault save " + tokens.access_token + " " + tokens.refresh_token);
    if (fail_saves) return fail(ErrorKind::Store, "the store is full (MDB_MAP_FULL)");
    saved = tokens;
    return {};
  }

  std::optional<OAuthTokens> saved;
  bool fail_saves = false;

 private:
  EventLog& log_;
};

/// A VismaClient talking to a FakeHttpClient, with saved tokens that are valid for an hour.
struct VismaHarness {
  static Timestamp start_time() {
    return *parse_timestamp("2026-03-02T09:00:00Z");
  }

  VismaHarness() : clock(start_time()), vault(log) {
    config.api_url = "https://api.test/v2";
    config.identity_url = "https://identity.test";
    config.client_id = "woovisma-client";
    config.client_secret = "client-secret-value-42";
    config.redirect_uri = "http://localhost:44300/callback";
    config.page_size = 2;
    OAuthTokens t;
    t.access_token = "access-token-one";
    t.refresh_token = "refresh-token-one";
    t.refreshed_at = clock.now();
    t.expires_at = clock.now() + std::chrono::hours(1);
    t.scope = "ea:api offline_access ea:sales";
    vault.saved = t;
    client = std::make_unique<VismaClient>(config, http, vault, clock);
  }

  /// The bearer token a request carried ("" when none).
  static std::string bearer(const HttpRequest& r) {
    for (const auto& h : r.headers) {
      if (h.name == "Authorization" && h.value.rfind("Bearer ", 0) == 0) return h.value.substr(7);
    }
    return {};
  }

  /// Records every request in the event log ("http GET <url> token=<bearer>") and answers it
  /// with `respond`.
  void route(std::function<Result<HttpResponse>(const HttpRequest&)> respond) {
    http.on_request([this, respond](const HttpRequest& r) {
      log.add(fmt::format("http {} {} token={}", r.method, r.url, bearer(r)));
      return respond(r);
    });
  }

  static HttpResponse json(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"content-type", "application/json"}};
    return r;
  }

  VismaConfig config;
  FakeHttpClient http;
  ManualClock clock;
  EventLog log;
  RecordingVault vault;
  std::unique_ptr<VismaClient> client;
};

/// A Visma list page: {"Meta":{...},"Data":[items]}.
inline std::string page_body(const std::string& items, int page, int total_pages, int total_results,
                             const std::string& server_time = "2026-03-02T08:59:58.5170000") {
  return fmt::format(
      R"({{"Meta":{{"CurrentPage":{},"PageSize":2,"TotalNumberOfPages":{},"TotalNumberOfResults":{},"ServerTimeUtc":"{}"}},"Data":[{}]}})",
      page, total_pages, total_results, server_time, items);
}

/// Captures log lines while alive (the logger writes to a temporary file).
class LogCapture {
 public:
  LogCapture() : file_(std::tmpfile()), previous_(Log::get().level()) {
    Log::get().set_output(file_);
    Log::get().set_level(LogLevel::Trace);
  }
  ~LogCapture() {
    Log::get().set_output(stderr);
    Log::get().set_level(previous_);
    std::fclose(file_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::string text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) out.append(buf, n);
    return out;
  }

 private:
  std::FILE* file_;
  LogLevel previous_;
};

}  // namespace wv::testing
