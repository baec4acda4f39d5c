#pragma once
// Registration of each subcommand on the CLI11 tree. Each lives in its own cmd_*.cpp file and
// keeps its callback short: the work is done by core and the connectors.

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace wv::cli {

void add_status_command(CLI::App& app, Context& ctx);
void add_check_command(CLI::App& app, Context& ctx);
void add_auth_command(CLI::App& app, Context& ctx);
void add_sync_orders_command(CLI::App& app, Context& ctx);
void add_resolve_command(CLI::App& app, Context& ctx);

}  // namespace wv::cli
