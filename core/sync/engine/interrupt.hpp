#pragma once
// A request to stop, from SIGTERM or SIGINT: a run stops taking new items, settles the ones in
// flight (their writes are safe to finish or to leave to intent recovery), records itself as
// interrupted and exits with ExitCode::Interrupted.

namespace wv::engine {

/// Installs handlers for SIGTERM and SIGINT that request a stop. A second signal ends the
/// process at once (the default action), as an impatient operator expects.
void install_stop_handlers();
/// Asks running flows to stop (what the handlers call; tests call it directly).
void request_stop();
/// True once a stop was requested.
bool stop_requested();
/// Forgets a request (tests, and processes that run several commands).
void clear_stop_request();

}  // namespace wv::engine
