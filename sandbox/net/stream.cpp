#include "sandbox/net/stream.hpp"

#include <openssl/err.h>
#include <sys/socket.h>

#include <cerrno>

namespace wv::sandbox::net {
namespace {

class PlainStream final : public Stream {
 public:
  explicit PlainStream(int fd) : fd_(fd) {}

  long read_some(char* buffer, std::size_t size) override {
    for (;;) {
      ssize_t n = ::recv(fd_, buffer, size, 0);
      if (n >= 0) return static_cast<long>(n);
      if (errno != EINTR) return -1;
    }
  }

  bool write_all(std::string_view data) override {
    while (!data.empty()) {
      // MSG_NOSIGNAL: a client that went away must not kill the process with SIGPIPE.
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

 private:
  int fd_;
};

class TlsStream final : public Stream {
 public:
  explicit TlsStream(SSL* ssl) : ssl_(ssl) {}
  ~TlsStream() override {
    // No close_notify: the connection may be cut on purpose (faults) and the peer may be gone.
    SSL_free(ssl_);
  }
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  long read_some(char* buffer, std::size_t size) override {
    std::size_t got = 0;
    if (SSL_read_ex(ssl_, buffer, size, &got) == 1) return static_cast<long>(got);
    int error = SSL_get_error(ssl_, 0);
    ERR_clear_error();
    return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
  }

  bool write_all(std::string_view data) override {
    while (!data.empty()) {
      std::size_t written = 0;
      if (SSL_write_ex(ssl_, data.data(), data.size(), &written) != 1) {
        ERR_clear_error();
        return false;
      }
      data.remove_prefix(written);
    }
    return true;
  }

 private:
  SSL* ssl_;
};

std::string openssl_error_text() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

}  // namespace

std::unique_ptr<Stream> plain_stream(int fd) { return std::make_unique<PlainStream>(fd); }

Result<std::unique_ptr<TlsContext>> TlsContext::load(const std::string& certificate_pem_file,
                                                     const std::string& private_key_pem_file) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) return fail(ErrorKind::Internal, "cannot create a TLS context: " + openssl_error_text());
  std::unique_ptr<TlsContext> context(new TlsContext(ctx));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx, certificate_pem_file.c_str()) != 1) {
    return fail(ErrorKind::Internal, "cannot use TLS certificate " + certificate_pem_file + ": " +
                                         openssl_error_text() + "; give a PEM certificate file");
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, private_key_pem_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return fail(ErrorKind::Internal, "cannot use TLS private key " + private_key_pem_file + ": " +
                                         openssl_error_text() + "; give a PEM private key file");
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return fail(ErrorKind::Internal, "TLS private key " + private_key_pem_file +
                                         " does not belong to certificate " + certificate_pem_file);
  }
  return context;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

std::unique_ptr<Stream> TlsContext::accept(int fd) {
  SSL* ssl = SSL_new(ctx_);
  if (ssl == nullptr) {
    ERR_clear_error();
    return nullptr;
  }
  if (SSL_set_fd(ssl, fd) != 1 || SSL_accept(ssl) != 1) {
    ERR_clear_error();
    SSL_free(ssl);
    return nullptr;
  }
  return std::make_unique<TlsStream>(ssl);
}

}  // namespace wv::sandbox::net
