#pragma once
// Keeps secrets out of everything the program prints. Every secret the program learns (consumer
// secrets, client secret, access and refresh tokens) is registered here the moment it is read,
// and every log line and error message passes through redact() on its way out. Known secret
// shapes (Authorization headers, token fields, oauth_signature) are masked even when their value
// was never registered.

#include <string>
#include <string_view>

namespace wv {

/// Remembers `secret` (ignored when shorter than 4 characters, which would mask ordinary text).
/// Thread-safe.
void register_secret(std::string_view secret);

/// `text` with every registered secret and every recognisable credential replaced by "***".
/// Thread-safe.
std::string redact(std::string_view text);

/// Forgets all registered secrets (tests only).
void clear_registered_secrets_for_tests();

}  // namespace wv
