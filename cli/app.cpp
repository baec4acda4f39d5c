#include "cli/app.hpp"

#include <CLI/CLI.hpp>

#include "core/exit_code.hpp"

namespace wv::cli {

int run(int argc, char** argv) {
  CLI::App app{"woovisma: keeps a WooCommerce shop and Visma eAccounting in sync", "woovisma"};
  app.set_version_flag("--version", WOOVISMA_VERSION);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return e.get_exit_code() == 0 ? app.exit(e) : (app.exit(e), to_int(ExitCode::Usage));
  }
  return to_int(ExitCode::Ok);
}

}  // namespace wv::cli
