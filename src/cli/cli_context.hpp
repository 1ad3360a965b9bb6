// What every `smsinfo` subcommand shares: the data folder, opening the application on it,
// printing results and mapping errors to exit codes. Used from the main thread only.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/application.hpp"
#include "base/result.hpp"

namespace smsinfo::cli {

// Exit codes: 0 ok, 1 internal, 2 invalid input, 3 not found, 4 conflict, 5 unavailable,
// 6 throttled/timeout, 7 not allowed.
int ExitCode(ErrorCode code);
// Prints "smsinfo: <message>" to stderr and returns the exit code for it.
int Fail(const Error& error);

struct CliContext {
  std::string data_dir;
  bool json = false;  // print JSON instead of tables

  // Loads the config and opens the application (without starting it).
  Result<std::unique_ptr<app::Application>> OpenApp() const;
  // The organization's admin acting from the command line (audit actor "cli").
  Result<app::Actor> CliActor(app::Application& app) const;
  void Print(const nlohmann::json& value) const;  // JSON, pretty
};

}  // namespace smsinfo::cli
