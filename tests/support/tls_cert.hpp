#pragma once
// A throw-away TLS identity for tests: a self-signed CA certificate that is also valid as the
// server certificate for 127.0.0.1 and localhost, generated with the OpenSSL API.

#include <filesystem>

namespace wv::testing {

struct TlsCertificate {
  std::filesystem::path certificate_pem;  ///< the certificate (also the CA a client must trust)
  std::filesystem::path private_key_pem;  ///< its private key (mode 0600)
};

/// Writes a fresh certificate ("cert.pem") and key ("key.pem") into `directory`, which must
/// exist. Throws std::runtime_error naming the OpenSSL step that failed.
TlsCertificate make_self_signed_certificate(const std::filesystem::path& directory);

}  // namespace wv::testing
