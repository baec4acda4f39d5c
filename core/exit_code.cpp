#include "core/exit_code.hpp"

namespace wv {

ExitCode exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Transient: return ExitCode::Transient;
    case ErrorKind::Auth: return ExitCode::Auth;
    case ErrorKind::Config:
    case ErrorKind::Usage: return ExitCode::Usage;
    case ErrorKind::Locked: return ExitCode::Locked;
    case ErrorKind::Rejected:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict: return ExitCode::Partial;
    case ErrorKind::Store:
    case ErrorKind::Internal: return ExitCode::Internal;
  }
  return ExitCode::Internal;
}

}  // namespace wv
