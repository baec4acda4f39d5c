#pragma once
// Receives the browser's redirect after the user allowed woovisma in Visma: a one-request HTTP
// listener on the loopback address of the configured redirect URI.

#include <chrono>
#include <string>

#include "core/error.hpp"

namespace wv::cli {

/// Listens on the host and port of `redirect_uri` (http://localhost:PORT/... or
/// http://127.0.0.1:PORT/...), answers the first request with a short page, and returns the
/// full address that request was for. Fails with Config when the URI is not a loopback http
/// address, with Transient when the port cannot be bound or nothing came within `timeout`.
Result<std::string> wait_for_redirect(const std::string& redirect_uri, std::chrono::seconds timeout);

}  // namespace wv::cli
