#pragma once
// Child processes for end-to-end tests: run the woovisma and woovisma-sandbox binaries with
// chosen arguments and environment, capture what they print, wait with a timeout, stop them.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace wv::testing {

struct ProcessOptions {
  /// args[0] is the program (a path; PATH is not searched), the rest its arguments.
  std::vector<std::string> args;
  /// Variables set (or overridden) on top of the inherited environment.
  std::map<std::string, std::string> env;
  /// Variables removed from the inherited environment.
  std::vector<std::string> unset_env;
  /// Start from an empty environment instead of this process's.
  bool clear_env = false;
  /// Working directory of the child; this process's when absent.
  std::optional<std::filesystem::path> working_dir;
  /// Fed to the child's standard input (which is /dev/null when absent).
  std::optional<std::string> stdin_text;
  /// Standard input is a pipe the test writes while the child runs (Process::write_stdin,
  /// close_stdin), for dialogues; takes precedence over stdin_text.
  bool stdin_pipe = false;
  /// Where standard output and error go; captured in temporary files when absent.
  std::optional<std::filesystem::path> stdout_file;
  std::optional<std::filesystem::path> stderr_file;
};

/// A running (or finished) child process. The destructor kills a child still running.
class Process {
 public:
  /// Starts the child. Fails with Internal when it cannot be started (no such program, ...).
  static Result<Process> spawn(ProcessOptions options);

  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  [[nodiscard]] pid_t pid() const { return pid_; }
  /// True until the child has exited and been reaped.
  [[nodiscard]] bool running();

  /// Waits up to `timeout` for the child to exit; its exit code, 128 + N when killed by signal
  /// N, or nullopt when it is still running after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  /// Sends SIGTERM (ask to stop cleanly); nothing when the child has already exited.
  void terminate();
  /// Sends SIGKILL and reaps the child.
  void kill();

  /// Writes `text` to the child's standard input (ProcessOptions::stdin_pipe). False when there
  /// is no such pipe or the child no longer reads it.
  bool write_stdin(std::string_view text);
  /// Closes the child's standard input (it then reads end of file). Idempotent.
  void close_stdin();

  /// Everything the child wrote to standard output / error so far (the whole file when
  /// redirected to one; empty when that file cannot be read).
  [[nodiscard]] std::string stdout_text() const;
  [[nodiscard]] std::string stderr_text() const;

 private:
  Process() = default;
  void release();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;  ///< the writing end of the stdin pipe, -1 when none
  std::optional<int> exit_code_;
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
  std::vector<std::filesystem::path> temporary_files_;
};

struct ProcessResult {
  int exit_code = -1;  ///< as Process::wait(); -1 when the child had to be killed at the timeout
  bool timed_out = false;
  std::string out;
  std::string err;
};

/// Runs the child to completion (killing it after `timeout`) and returns what it printed.
/// Fails with Internal when it cannot be started.
Result<ProcessResult> run_process(ProcessOptions options,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// Waits until `path` exists; false when it still does not after `timeout`.
bool wait_for_file(const std::filesystem::path& path, std::chrono::milliseconds timeout);

}  // namespace wv::testing
