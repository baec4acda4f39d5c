#pragma once
// The few cryptographic primitives the program needs (OpenSSL's libcrypto underneath):
// HMAC-SHA256 for OAuth 1.0a signatures, Base64, and unpredictable nonces.

#include <string>
#include <string_view>

namespace wv {

/// Raw 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);
/// Raw 20-byte HMAC-SHA1 (OAuth 1.0a also allows it).
std::string hmac_sha1(std::string_view key, std::string_view message);
/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
/// Standard Base64 with padding.
std::string base64_encode(std::string_view bytes);
/// Decodes standard Base64 (padding optional); nullopt-like empty result with `ok` false on
/// invalid input.
std::string base64_decode(std::string_view text, bool& ok);
/// `bytes` cryptographically random bytes as lower-case hex (2 × bytes characters). Throws
/// std::runtime_error when the system's generator fails. Thread-safe (OpenSSL's RAND_bytes).
std::string random_hex(std::size_t bytes);

}  // namespace wv
