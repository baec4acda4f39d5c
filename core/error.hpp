#pragma once
// Expected failures travel as values: Result<T> is either a T or an Error saying what went
// wrong, in words a merchant can act on, and what kind of failure it is. The kind decides
// retrying and the exit code; the message is for people.

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <utility>

namespace wv {

enum class ErrorKind {
  Transient,  ///< network, 429, 5xx: the next run (or a retry) may succeed
  Rejected,   ///< the remote system refused this item (validation, locked period, ...)
  NotFound,   ///< the thing asked for does not exist
  Conflict,   ///< a duplicate or a state that forbids the change
  Auth,       ///< credentials missing, wrong or expired beyond refresh
  Config,     ///< the configuration is wrong or incomplete
  Usage,      ///< wrong command-line arguments
  Store,      ///< the local store cannot be read or written
  Locked,     ///< another run holds the store's lock
  Internal,   ///< a bug
};

/// Short lowercase name of the kind, for logs and JSON.
const char* to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;
  int http_status = 0;      ///< 0 when no HTTP answer was received
  std::string remote_code;  ///< "rest_invalid_param", "2000", ... when the remote sent one
  /// How long the remote asked us to wait before trying again.
  std::optional<std::chrono::seconds> retry_after;
  /// The request may have been carried out although no answer arrived (timeout or connection
  /// lost after sending). A create that fails this way must be looked up before it is repeated.
  bool ambiguous = false;
  /// The id of the remote object the error is about, when known: a listed object that could not
  /// be read keeps it, so that it is recorded and retried rather than lost.
  std::string subject_id;

  Error() = default;
  Error(ErrorKind k, std::string m) : kind(k), message(std::move(m)) {}

  /// The same error with `context` and ": " in front of its message.
  [[nodiscard]] Error with_context(const std::string& context) const {
    Error e = *this;
    e.message = context + ": " + message;
    return e;
  }
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
  return std::unexpected(Error(kind, std::move(message)));
}
inline std::unexpected<Error> fail(Error e) { return std::unexpected(std::move(e)); }

/// Thrown only for failures that end the program (caught once, in cli/app.cpp).
struct Fatal {
  Error error;
};

}  // namespace wv
