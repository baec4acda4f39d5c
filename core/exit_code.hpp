#pragma once
// The process exit codes, in one place. Documented in man/woovisma.1 (EXIT STATUS) and the
// README; scripts and cron wrappers depend on them, so they never change meaning.

#include "core/error.hpp"

namespace wv {

enum class ExitCode : int {
  Ok = 0,         ///< everything asked for was done
  Internal = 1,   ///< a bug or an unexpected local failure
  Usage = 2,      ///< wrong arguments or a config error: fix the command or the config
  Partial = 3,    ///< some items failed and will be retried by the next run
  Transient = 4,  ///< a remote system was unreachable or overloaded: the next run retries
  Auth = 5,       ///< credentials were refused: run `woovisma auth visma` or fix the keys
  Locked = 6,     ///< another run holds the store's lock; this run changed nothing
  Interrupted = 7,  ///< SIGTERM/SIGINT: the items in flight were settled, the rest waits
};

// The contract when several outcomes apply in one run (several shops, several items): the most
// severe wins, in this order (most severe first):
//   1 internal > 2 usage/config > 5 auth > 4 transient > 7 interrupted > 3 partial > 0 ok.
// 6 (locked) is only ever alone: such a run never got the store and did nothing.
// 3 means: after the run, an item of the command's shops is failing (waiting for its retry) or
// needs a person (`woovisma status` lists both; `woovisma resolve` clears a notice).

/// The more severe of two exit codes, by the order above.
ExitCode worse(ExitCode a, ExitCode b);

/// The exit code for a run that stopped because of `kind`.
ExitCode exit_code_for(ErrorKind kind);

constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

}  // namespace wv
