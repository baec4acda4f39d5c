#pragma once
// An emulated Visma eAccounting company behind API v2 and its identity server, faithful to
// Visma's published swagger description (field names, types, required fields, maxLength) and to
// the behaviour in docs/api-notes.md §1: OAuth2 with expiring access tokens and rotating refresh
// tokens, scopes, product variants and modules, the 600-per-minute quota, Visma's error format,
// paging, $filter, and sales documents totalled by the model in document_totals.hpp.
//
// Served paths: /connect/authorize, /connect/token, /connect/revocation (identity.hpp) and
// /v2/... (routes_*.cpp). The control API under /_sandbox/visma/ (control.cpp) plays the people
// on the Visma side. Time comes from an injectable Clock plus an offset the control API can
// advance. Every public member is thread-safe.
//
// Assumptions where Visma publishes nothing (each is also stated where it is implemented):
//   * HTTP status per error code: 2000, 4000-4002, 4013, 4023, 4026, 5003, 5006 → 400;
//     3000 → 404 for the resource in the URL, 400 for an id referenced in the body;
//     4005 → 401; 4006, 4009 and 4002 NoAccessToModule → 403; 4010 → 429; 6000/6001 → 400.
//   * No Retry-After header on 429 unless the control API turns it on.
//   * Customer deletion with documents → 4001. A voided invoice disappears from the API.
//   * Stock: reserved = undelivered quantity on ongoing (Status 2) orders; shipping an order or
//     invoicing without a shipped order lowers StockBalance of stock articles; either moves the
//     article's ChangedUtc.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "sandbox/emulator.hpp"
#include "sandbox/visma/identity.hpp"

namespace wv::sandbox::visma {

struct EmulatorState;

class VismaEmulator final : public Emulator {
 public:
  /// An emulator of a fresh company (standard lookups and the sandbox's OAuth client, no
  /// articles, customers or documents; seed_demo() loads the demo) whose time is `clock`
  /// (which must outlive it).
  explicit VismaEmulator(const Clock& clock = system_clock());
  ~VismaEmulator() override;
  VismaEmulator(const VismaEmulator&) = delete;
  VismaEmulator& operator=(const VismaEmulator&) = delete;

  std::optional<Response> handle(const Request& request) override;
  std::optional<Response> control(const Request& request) override;
  void seed_demo() override;
  Status seed_json(std::string_view seed_file_text) override;

  /// A fresh token pair for the first registered client (or `client_id`), with `scope` (the
  /// client's allowed scopes when empty), as if the authorization flow had just completed.
  OAuthTokens issue_tokens_for_tests(std::string_view scope = {}, std::string_view client_id = {});
  /// The registered OAuth clients (client id, secret, redirect URIs, scopes).
  [[nodiscard]] std::vector<OAuthClient> clients() const;
  /// The emulator's current time (the clock plus the advanced offset).
  [[nodiscard]] Timestamp now() const;
  /// Moves the emulator's time forward by `by`.
  void advance_clock(std::chrono::milliseconds by);

 private:
  std::optional<Response> handle_locked(const Request& request);
  std::optional<Response> control_locked(const Request& request);
  Timestamp now_locked() const;

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::unique_ptr<EmulatorState> s_;
};

}  // namespace wv::sandbox::visma

namespace wv::sandbox {
using visma::VismaEmulator;
}  // namespace wv::sandbox
