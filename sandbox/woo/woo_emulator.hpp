#pragma once
// An emulated WooCommerce 7.9 shop behind its REST API wc/v3, faithful to the real shop's
// transcripts (shared/fixtures/woocommerce-7.9): the same status codes, headers, field names,
// JSON types and amounts to the öre, the same validation and authentication answers, and the
// same side effects (stock, sales counts, notes, refunds) of what a client does.
//
// Requests arrive as sandbox::Request objects; the emulator does no networking. Whether a request
// came over TLS decides authentication as on a real shop (Basic only over https); a sandbox
// reached over plain http can be told to behave as https with `treat_http_as_https`.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "sandbox/emulator.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

/// What a new emulator holds before any seed: nothing (a fresh shop without keys), the
/// recording shop at the start of the transcripts, or the demo shop (see seed.hpp).
enum class InitialData { empty, fixture, demo };

struct WooOptions {
  /// Take plain http requests as https (Basic authentication then works over http).
  bool treat_http_as_https = false;
  /// The clock the shop's dates and OAuth windows follow; nullptr for the system clock. Not owned.
  const Clock* clock = nullptr;
  InitialData initial = InitialData::empty;
};

class WooEmulator final : public Emulator {
 public:
  explicit WooEmulator(WooOptions options = {});

  /// Answers /wp-json/wc/v3/...; nullopt for other paths.
  std::optional<Response> handle(const Request& request) override;
  /// Answers /_sandbox/woo/... (see control.hpp); nullopt for other paths.
  std::optional<Response> control(const Request& request) override;
  /// The demo shop (see seed.hpp).
  void seed_demo() override;
  /// The "woocommerce" section of a seed file (see seed.hpp).
  Status seed_json(std::string_view seed_file_text) override;
  /// The recording shop as it was when the transcripts' recording began (see seed.hpp).
  void seed_fixture();
  /// The shop's home URL becomes the sandbox's address, as a real shop's is its own.
  void on_listening(const std::string& base_url) override;

  /// The current time as the shop sees it (clock plus the control API's offset).
  [[nodiscard]] Timestamp now() const;
  /// Runs `fn` on the state under the emulator's lock (for tests and seeding).
  template <class Fn>
  auto with_state(Fn&& fn) {
    std::lock_guard lock(mutex_);
    return fn(state_);
  }

 private:
  std::optional<Response> handle_locked(const Request& request);
  std::optional<Response> control_locked(const Request& request);

  /// After a reseed the shop keeps the sandbox's address (unless a seed file names its own).
  void keep_adopted_address(bool seed_named_one = false);

  WooOptions options_;
  std::string adopted_home_url_;  ///< the sandbox's address, once it listens
  std::chrono::milliseconds clock_offset_{0};
  mutable std::mutex mutex_;
  ShopState state_;
};

}  // namespace wv::sandbox::woo

namespace wv::sandbox {
using WooEmulator = woo::WooEmulator;
using WooOptions = woo::WooOptions;
}  // namespace wv::sandbox
