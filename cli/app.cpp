#include "cli/app.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "core/exit_code.hpp"
#include "core/redact.hpp"
#include "core/sync/engine/interrupt.hpp"

namespace wv::cli {
namespace {

void print_error(const std::string& message) {
  std::fprintf(stderr, "woovisma: %s\n", redact(message).c_str());
}

}  // namespace

int run(int argc, char** argv) {
  GlobalOptions options;
  Context ctx(options);

  CLI::App app{"Keeps a WooCommerce shop and Visma eAccounting (eEkonomi) in sync.", "woovisma"};
  app.set_version_flag("--version", std::string("woovisma ") + WOOVISMA_VERSION);
  app.require_subcommand(0, 1);
  app.footer("Run `woovisma COMMAND --help` for a command's options; `man woovisma` for more.");
  app.add_option("-c,--config", options.config_file, "Config file (default: $WOOVISMA_CONFIG)")
      ->type_name("FILE");
  app.add_option("--store", options.store_dir, "Store directory (overrides `store` in the config)")
      ->type_name("DIR");
  app.add_flag("-n,--dry-run", options.dry_run,
               "Show what would be written; write nothing anywhere");
  app.add_flag("-v,--verbose", options.verbose, "More detail in the log; twice for HTTP traces");
  app.add_flag("-q,--quiet", options.quiet, "Log errors only");
  app.add_option("--log-format", options.log_format, "Log line format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json");

  add_check_command(app, ctx);
  add_auth_command(app, ctx);
  add_status_command(app, ctx);
  add_sync_orders_command(app, ctx);
  add_resolve_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(std::string(e.what()) + "; run `woovisma --help` for usage");
    return to_int(ExitCode::Usage);
  }
  if (!ctx.command()) {
    print_error("a command is required; run `woovisma --help` for the list");
    return to_int(ExitCode::Usage);
  }
  if (options.verbose > 0 && options.quiet) {
    print_error("--verbose and --quiet contradict each other; give one of them");
    return to_int(ExitCode::Usage);
  }

  // SIGTERM/SIGINT let a run settle the items in flight and record itself (exit 7).
  engine::install_stop_handlers();
  try {
    auto result = ctx.command()();
    if (!result) {
      print_error(result.error().message);
      return to_int(exit_code_for(result.error().kind));
    }
    return to_int(*result);
  } catch (const Fatal& fatal) {
    print_error(fatal.error.message);
    return to_int(exit_code_for(fatal.error.kind));
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what() +
                "; nothing further was written. Please report this with the log (-v).");
    return to_int(ExitCode::Internal);
  }
}

}  // namespace wv::cli
