// Organizations, users, passwords (argon2id) and API tokens; turns credentials into an Actor.
// Thread-safe. Password hashing costs ~100 ms and 64 MiB: never call it on the event loop.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "base/clock.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

struct InitRequest {
  std::string organization_name = "Obec";
  std::string central_number;  // E.164 or as people write it; may be empty at first
  std::string admin_username = "admin";
};

struct InitResult {
  domain::Organization organization;
  std::string username;
  std::string password;  // generated; shown once
  std::string token;     // generated; shown once
};

struct NewToken {
  domain::ApiToken token;
  std::string secret;  // shown once; only its hash is stored
};

class AccountService {
 public:
  // `organization_changed` runs after an organization's settings were committed.
  AccountService(storage::Store& store, const Clock& clock, AuditLog& audit,
                 std::function<void()> organization_changed = {});

  // First start: the organization, its admin user with a random password and an API token.
  // kConflict if an organization already exists.
  Result<InitResult> Initialize(const InitRequest& request);

  // Bearer token → the acting user. kUnauthenticated for an unknown token or inactive user.
  Result<Actor> AuthenticateToken(const std::string& secret);
  // Username + password → the user. kUnauthenticated on any mismatch (one message for all).
  Result<Actor> AuthenticatePassword(const std::string& username, const std::string& password);
  // The system itself acting for an organization (inbound, CLI on the server).
  Result<Actor> SystemActor(OrgId org, std::string name) const;
  // The first organization (single-tenant installs; CLI).
  Result<domain::Organization> DefaultOrganization();

  Result<domain::User> CreateUser(const Actor& actor, const std::string& username,
                                  const std::string& password, domain::Role role);
  Result<std::vector<domain::User>> ListUsers(const Actor& actor);
  // Changes a user's role and/or whether it may sign in (admins only). The last active admin
  // of the organization can be neither demoted nor deactivated (kConflict).
  Result<domain::User> UpdateUser(const Actor& actor, UserId user, std::optional<domain::Role> role,
                                  std::optional<bool> active);
  Result<void> SetPassword(const Actor& actor, UserId user, const std::string& password);
  Result<NewToken> CreateToken(const Actor& actor, const std::string& name);
  Result<std::vector<domain::ApiToken>> ListTokens(const Actor& actor);
  Result<void> RevokeToken(const Actor& actor, ApiTokenId id);

  Result<domain::Organization> GetOrganization(const Actor& actor);
  Result<domain::Organization> UpdateOrganization(const Actor& actor,
                                                  const domain::Organization& org);

  static std::string HashPassword(const std::string& password);
  static bool VerifyPassword(const std::string& hash, const std::string& password);
  static std::string HashToken(const std::string& secret);
  static std::string RandomSecret(std::size_t bytes);  // URL-safe base64

 private:
  Result<NewToken> MintToken(OrgId org, UserId user, const std::string& name);

  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
  std::function<void()> organization_changed_;
};

}  // namespace smsinfo::app
