// One line of the audit log: who did what, when.
#pragma once

#include <optional>
#include <string>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

struct AuditEntry {
  AuditId id;
  OrgId org_id;
  std::optional<UserId> user_id;   // empty for the system itself or a citizen's SMS
  std::string actor;               // "admin", "token:ci", "system", "sms"
  std::string action;              // "message.send", "registration.approve", ...
  std::string object;              // "message:12", "contact:5"
  std::string detail;              // short human-readable detail, no secrets
  TimePoint at;
};

}  // namespace smsinfo::domain
