// The subcommands of `smsinfo`, registered on a CLI11 app. Each runs in its callback and sets
// the process exit code. Main thread only.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/cli_context.hpp"

namespace smsinfo::cli {

class Commands {
 public:
  explicit Commands(CliContext& context) : context_(context) {}
  void Register(CLI::App& cli);
  int exit_code() const { return exit_code_; }

 private:
  void RegisterSetup(CLI::App& cli);   // init, serve
  void RegisterOffice(CLI::App& cli);  // import contacts groups send messages registrations inbound
  void RegisterAdmin(CLI::App& cli);   // users, tokens, text, simulator

  // Runs `body` with an opened application and the CLI actor; sets the exit code.
  void WithApp(const std::function<Result<void>(app::Application&, const app::Actor&)>& body);

  CliContext& context_;
  int exit_code_ = 0;
};

int Serve(const CliContext& context, const std::string& listen_override, bool setup_in_browser);

}  // namespace smsinfo::cli
