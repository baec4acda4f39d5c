#pragma once
// What every command needs from the command line and the environment: the merged config, the
// store, the lock. Loaded lazily and once, so a command asks only for what it uses.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/exit_code.hpp"
#include "core/store/store.hpp"

namespace wv::cli {

/// The global options, as CLI11 fills them.
struct GlobalOptions {
  std::string config_file;
  std::string store_dir;
  std::string log_format;
  bool dry_run = false;
  int verbose = 0;
  bool quiet = false;
};

/// A command's work, run after parsing succeeded. Returns the exit code, or an error that the
/// caller prints as one line and maps to an exit code.
using CommandRun = std::function<Result<ExitCode>()>;

class Context {
 public:
  explicit Context(const GlobalOptions& options) : options_(options) {}

  /// Sets the command to run (called from a subcommand's parse callback).
  void set_command(CommandRun run) { command_ = std::move(run); }
  [[nodiscard]] const CommandRun& command() const { return command_; }

  /// What the command line contributes to the config.
  [[nodiscard]] CommandLineOverrides overrides() const;

  /// The merged config; loaded on first use, which also applies the log level and format.
  /// Fails with Config as load_config() does.
  Result<const Config*> config();

  /// Opens the store for reading and writing after taking the single-writer lock. Fails with
  /// Locked when another run holds it, with Store when it cannot be opened.
  Result<Store*> writable_store();
  /// Opens the store read-only without the lock (status). Returns nullptr when the store
  /// directory does not exist yet (nothing has run).
  Result<Store*> readable_store();

 private:
  const GlobalOptions& options_;
  CommandRun command_;
  std::optional<Config> config_;
  std::optional<StoreLock> lock_;
  std::unique_ptr<Store> store_;
};

}  // namespace wv::cli
