#pragma once
// A tiny emulator for testing the sandbox's machinery: a list of customers under /v2/customers
// (Visma-style paths) and a list of orders under /wp-json/wc/v3/orders (WooCommerce-style), and
// one control route. It counts what reaches it, so tests can tell processed from refused.

#include <atomic>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "sandbox/emulator.hpp"

namespace wv::testing {

/// A request with only a method and a path, as the emulators' routing sees it.
inline sandbox::Request request(std::string method, std::string path) {
  sandbox::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

class FakeEmulator final : public sandbox::Emulator {
 public:
  std::optional<sandbox::Response> handle(const sandbox::Request& request) override {
    std::vector<std::string>* list = nullptr;
    std::string base;
    if (request.path.starts_with("/v2/customers")) {
      list = &customers_;
      base = "/v2/customers";
    } else if (request.path.starts_with("/wp-json/wc/v3/orders")) {
      list = &orders_;
      base = "/wp-json/wc/v3/orders";
    } else {
      return std::nullopt;
    }
    ++handled;
    std::lock_guard lock(mutex_);
    if (request.method == "POST" && request.path == base) {
      list->push_back(request.body);
      return sandbox::Response::json(201, "{\"id\":" + std::to_string(list->size()) + "}");
    }
    if (request.method == "GET" && request.path == base) {
      std::string body = "[";
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (i > 0) body += ',';
        body += "{\"id\":" + std::to_string(i + 1) + ",\"body\":\"" + std::to_string((*list)[i].size()) + "\"}";
      }
      return sandbox::Response::json(200, body + "]");
    }
    if (request.method == "GET") {
      return sandbox::Response::json(200, "{\"id\":1,\"padding\":\"" + std::string(2000, 'p') + "\"}");
    }
    return sandbox::Response::json(405, "{}");
  }

  std::optional<sandbox::Response> control(const sandbox::Request& request) override {
    if (request.path != "/_sandbox/fake/count") return std::nullopt;
    return sandbox::Response::json(200, "{\"handled\":" + std::to_string(handled.load()) + "}");
  }

  void seed_demo() override {
    std::lock_guard lock(mutex_);
    customers_ = {"demo"};
    ++seeded;
  }

  Status seed_json(std::string_view text) override {
    if (text.find("\"fake_reject\"") != std::string_view::npos) {
      return fail(ErrorKind::Config, "fake_reject: not accepted");
    }
    std::lock_guard lock(mutex_);
    seed_text = std::string(text);
    ++seeded;
    return {};
  }

  std::size_t customer_count() {
    std::lock_guard lock(mutex_);
    return customers_.size();
  }

  std::atomic<int> handled{0};
  std::atomic<int> seeded{0};
  std::string seed_text;

 private:
  std::mutex mutex_;
  std::vector<std::string> customers_;
  std::vector<std::string> orders_;
};

}  // namespace wv::testing
