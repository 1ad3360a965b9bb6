#include "cli/cli_context.hpp"

#include <cstdio>
#include <iostream>

namespace smsinfo::cli {

int ExitCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kConflict: return 4;
    case ErrorCode::kUnavailable: return 5;
    case ErrorCode::kThrottled: return 6;
    case ErrorCode::kTimeout: return 6;
    case ErrorCode::kUnauthenticated: return 7;
    case ErrorCode::kPermissionDenied: return 7;
    case ErrorCode::kInternal: return 1;
  }
  return 1;
}

int Fail(const Error& error) {
  std::cerr << "smsinfo: " << error.message << "\n";
  return ExitCode(error.code);
}

Result<std::unique_ptr<app::Application>> CliContext::OpenApp() const {
  auto config = app::LoadConfig(data_dir);
  if (!config.ok()) return config.error();
  return app::Application::Open(*config);
}

Result<app::Actor> CliContext::CliActor(app::Application& app) const {
  auto org = app.accounts().DefaultOrganization();
  if (!org.ok()) return org.error();
  auto users = app.store().users().List(org->id);
  if (!users.ok()) return users.error();
  app::Actor actor{org->id, std::nullopt, domain::Role::kAdmin, "cli"};
  for (const auto& u : *users) {
    if (u.role == domain::Role::kAdmin && u.active) {
      actor.user = u.id;
      break;
    }
  }
  return actor;
}

void CliContext::Print(const nlohmann::json& value) const {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace smsinfo::cli
