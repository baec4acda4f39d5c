#pragma once
// The command-line program: parses arguments, loads the config, runs one command and maps
// every outcome to an exit code (core/exit_code.hpp). Nothing else catches exceptions.

namespace wv::cli {

/// Runs woovisma with the given arguments and returns the process exit code.
int run(int argc, char** argv);

}  // namespace wv::cli
