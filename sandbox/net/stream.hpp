#pragma once
// A byte stream over one accepted connection, plain TCP or TLS, so that request parsing and
// response writing do not care which. Private to the HTTP server.

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace wv::sandbox::net {

class Stream {
 public:
  virtual ~Stream() = default;
  /// Reads up to `size` bytes into `buffer`; 0 at end of stream, -1 when the connection failed
  /// or timed out.
  virtual long read_some(char* buffer, std::size_t size) = 0;
  /// Writes all of `data`; false when the peer is gone.
  virtual bool write_all(std::string_view data) = 0;
};

/// The socket `fd` as it is (the caller keeps ownership of `fd`).
std::unique_ptr<Stream> plain_stream(int fd);

/// An OpenSSL server context loaded from PEM files.
class TlsContext {
 public:
  /// Loads the certificate chain and private key. Fails with Internal naming the file that
  /// cannot be used.
  static Result<std::unique_ptr<TlsContext>> load(const std::string& certificate_pem_file,
                                                  const std::string& private_key_pem_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  /// Performs the TLS handshake on `fd` (the caller keeps ownership of `fd`); nullptr when the
  /// handshake fails (a plain-HTTP client, a client that rejects the certificate, ...).
  std::unique_ptr<Stream> accept(int fd);

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

}  // namespace wv::sandbox::net
