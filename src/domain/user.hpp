// Users of the office web application and API tokens. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

enum class Role { kAdmin, kOperator, kViewer };
const char* ToString(Role r);
std::optional<Role> ParseRole(std::string_view s);

struct User {
  UserId id;
  OrgId org_id;
  std::string username;
  std::string password_hash;  // argon2id string from libsodium
  Role role = Role::kViewer;
  bool active = true;
  TimePoint created_at;
};

struct ApiToken {
  ApiTokenId id;
  OrgId org_id;
  UserId user_id;  // the token acts as this user, with its role
  std::string name;
  std::string token_hash;  // SHA-256 hex of the secret; the secret itself is never stored
  TimePoint created_at;
  std::optional<TimePoint> last_used_at;
};

}  // namespace smsinfo::domain
