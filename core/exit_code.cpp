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

namespace {

int severity(ExitCode c) {
  switch (c) {
    case ExitCode::Ok: return 0;
    case ExitCode::Partial: return 1;
    case ExitCode::Interrupted: return 2;
    case ExitCode::Transient: return 3;
    case ExitCode::Auth: return 4;
    case ExitCode::Locked: return 5;
    case ExitCode::Usage: return 6;
    case ExitCode::Internal: return 7;
  }
  return 7;
}

}  // namespace

ExitCode worse(ExitCode a, ExitCode b) { return severity(b) > severity(a) ? b : a; }

}  // namespace wv
