#include "core/error.hpp"

namespace wv {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Transient: return "transient";
    case ErrorKind::Rejected: return "rejected";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Auth: return "auth";
    case ErrorKind::Config: return "config";
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Store: return "store";
    case ErrorKind::Locked: return "locked";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace wv
