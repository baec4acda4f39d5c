#pragma once
// Reading and building sandbox Requests without the HTTP server: form bodies, and a Request made
// from a method and a target (what tests and the control API use).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sandbox/http_server.hpp"

namespace wv::sandbox::visma {

/// Decoded pairs of an application/x-www-form-urlencoded body or query ('+' is a space).
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view text);
/// The first value named `name` in `pairs`, or nullopt.
std::optional<std::string> form_value(const std::vector<std::pair<std::string, std::string>>& pairs,
                                      std::string_view name);

/// A Request for `method` and `target` ("/v2/articles?$page=2"): path decoded, query split and
/// decoded, header names lower-cased.
Request make_request(std::string method, std::string_view target, std::string body = {},
                     std::vector<std::pair<std::string, std::string>> headers = {});

}  // namespace wv::sandbox::visma
