#pragma once
// One emulated remote system (WooCommerce, Visma) behind the sandbox's HTTP server.
// Implementations guard their own state: handle() is called from several server threads.

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "sandbox/http_server.hpp"

namespace wv::sandbox {

class Emulator {
 public:
  virtual ~Emulator() = default;
  /// Answers a request of the emulated API, or nullopt when the path is not this emulator's.
  virtual std::optional<Response> handle(const Request& request) = 0;
  /// Answers a control request under /_sandbox/<name>/ (what a person would do in the real
  /// system's UI), or nullopt when the path is not this emulator's.
  virtual std::optional<Response> control(const Request& request) = 0;
  /// Replaces the state with the demo data set.
  virtual void seed_demo() = 0;
  /// Replaces the state with the emulator's section of a seed file (the whole file's JSON text
  /// is passed; each emulator reads its own top-level key). Fails with Config naming the
  /// offending field.
  virtual Status seed_json(std::string_view seed_file_text) = 0;
  /// Called once the sandbox listens, with its address ("http://127.0.0.1:PORT"): an emulator
  /// whose answers contain its own address (links, OAuth base strings) adopts it.
  virtual void on_listening(const std::string& base_url) { (void)base_url; }
};

}  // namespace wv::sandbox
