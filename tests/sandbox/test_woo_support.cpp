// Definitions for test_woo_support.hpp (compiled into the sandbox suite).
#include "tests/sandbox/test_woo_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

namespace wv::testing::woo {

Json parse(const std::string& text) {
  auto j = wv::sandbox::parse_json(text);
  if (!j) FAIL("not JSON: " << j.error().message << "\n" << text.substr(0, 400));
  return *j;
}

Json body_of(const Response& r) { return parse(r.body); }

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

std::string header_of(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (lower(k) == lower(name)) return v;
  }
  return "";
}

bool has_header(const Response& r, const std::string& name) {
  return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) { return lower(h.first) == lower(name); });
}

const Json& at(const Json& j, std::initializer_list<std::string> path) {
  const Json* cur = &j;
  for (const auto& key : path) {
    if (cur->is_array()) {
      const std::size_t i = std::stoul(key);
      if (i >= cur->items().size()) FAIL("index " << key << " out of range");
      cur = &cur->items()[i];
    } else {
      cur = cur->find(key);
      if (cur == nullptr) FAIL("no member " << key);
    }
  }
  return *cur;
}

Response send(wv::sandbox::woo::WooEmulator& shop, const Request& request) {
  auto r = request.path.rfind("/_sandbox/", 0) == 0 ? shop.control(request) : shop.handle(request);
  if (!r) FAIL("the emulator did not take " << request.path);
  return *r;
}

}  // namespace wv::testing::woo
