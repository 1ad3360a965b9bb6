// `smsinfo`: the one binary. Subcommands set up a data folder, run the service, and do the
// office's work from a shell (on the server, as the organization's admin).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/cli_context.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace smsinfo::cli;
  // Logs go to stderr: stdout carries what commands print (JSON, the first-start credentials).
  spdlog::set_default_logger(spdlog::stderr_color_mt("smsinfo"));
  CLI::App cli{"smsinfo — municipal SMS information system"};
  cli.require_subcommand(1);
  cli.set_help_all_flag("--help-all", "Show help for every subcommand");
  CliContext context;
  const char* env_data = std::getenv("SMSINFO_DATA");
  context.data_dir = env_data != nullptr ? env_data : "data";
  cli.add_option("--data", context.data_dir,
                 "Data folder: config, database (default: $SMSINFO_DATA or ./data)")
      ->capture_default_str();

  Commands commands(context);
  commands.Register(cli);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return commands.exit_code();
}
