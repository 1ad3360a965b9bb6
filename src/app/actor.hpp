// Actor: who is asking — a signed-in user, an API token acting as its user, the CLI on the
// server, or the system itself. Every app service takes one, checks its role and writes it into
// the audit log. Plain value.
#pragma once

#include <optional>
#include <string>

#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/user.hpp"

namespace smsinfo::app {

struct Actor {
  OrgId org;
  std::optional<UserId> user;
  domain::Role role = domain::Role::kViewer;
  std::string name;  // "admin", "token:deploy", "cli", "system"
};

// What an action needs. Roles (issue #4): admin everything; operator sends, handles the inbox,
// registrations and contacts; viewer only reads.
enum class Permission { kRead, kOperate, kAdminister };

inline Result<void> Require(const Actor& actor, Permission needed) {
  bool allowed = false;
  switch (actor.role) {
    case domain::Role::kAdmin:
      allowed = true;
      break;
    case domain::Role::kOperator:
      allowed = needed != Permission::kAdminister;
      break;
    case domain::Role::kViewer:
      allowed = needed == Permission::kRead;
      break;
  }
  if (!allowed) {
    return Error::PermissionDenied("the role '" + std::string(domain::ToString(actor.role)) +
                                   "' may not do this");
  }
  return Ok();
}

}  // namespace smsinfo::app
