#include "app/account_service.hpp"

#include <sodium.h>

#include <cstring>
#include <mutex>
#include <utility>

#include "domain/phone_number.hpp"

namespace smsinfo::app {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // cannot run safely without a working RNG
  });
}

Result<void> ValidatePassword(const std::string& password) {
  if (password.size() < 10) {
    return Error::InvalidInput(
        "heslo musi mit aspon 10 znaku / password must be at least 10 characters");
  }
  if (password.size() > 200) return Error::InvalidInput("password is too long");
  return Ok();
}

Result<void> ValidateUsername(const std::string& username) {
  if (username.empty() || username.size() > 64) {
    return Error::InvalidInput("username must be 1 to 64 characters");
  }
  for (char c : username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
          c == '@')) {
      return Error::InvalidInput("username may contain letters, digits and . _ - @ only");
    }
  }
  return Ok();
}

}  // namespace

AccountService::AccountService(storage::Store& store, const Clock& clock, AuditLog& audit,
                               std::function<void()> organization_changed)
    : store_(store),
      clock_(clock),
      audit_(audit),
      organization_changed_(std::move(organization_changed)) {
  InitSodium();
}

std::string AccountService::HashPassword(const std::string& password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    std::abort();  // out of memory
  }
  return out;
}

bool AccountService::VerifyPassword(const std::string& hash, const std::string& password) {
  InitSodium();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string AccountService::HashToken(const std::string& secret) {
  InitSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

std::string AccountService::RandomSecret(std::size_t bytes) {
  InitSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<NewToken> AccountService::MintToken(OrgId org, UserId user, const std::string& name) {
  NewToken t;
  t.secret = "smsi_" + RandomSecret(32);
  t.token.org_id = org;
  t.token.user_id = user;
  t.token.name = name;
  t.token.token_hash = HashToken(t.secret);
  t.token.created_at = clock_.Now();
  auto stored = store_.users().CreateToken(t.token);
  if (!stored.ok()) return stored.error();
  t.token = *stored;
  return t;
}

Result<InitResult> AccountService::Initialize(const InitRequest& request) {
  auto existing = store_.organizations().List();
  if (!existing.ok()) return existing.error();
  if (!existing->empty()) {
    return Error::Conflict("this data folder is already initialized");
  }
  SMSINFO_TRY(ValidateUsername(request.admin_username));
  domain::Organization org;
  org.name = request.organization_name;
  if (!request.central_number.empty()) {
    auto number = domain::PhoneNumber::Parse(request.central_number);
    if (!number.ok()) return number.error();
    org.central_number = number->e164();
  }
  InitResult result;
  const std::string password = RandomSecret(12);
  const std::string hash = HashPassword(password);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto created = store_.organizations().Create(org);
    if (!created.ok()) return created.error();
    result.organization = *created;
    domain::User user;
    user.org_id = created->id;
    user.username = request.admin_username;
    user.password_hash = hash;
    user.role = domain::Role::kAdmin;
    user.created_at = clock_.Now();
    auto u = store_.users().Create(user);
    if (!u.ok()) return u.error();
    auto token = MintToken(created->id, u->id, "init");
    if (!token.ok()) return token.error();
    result.token = token->secret;
    Actor system{created->id, std::nullopt, domain::Role::kAdmin, "init"};
    return audit_.Record(system, "system.init", "organization:" + std::to_string(created->id.value),
                         "admin user '" + request.admin_username + "'");
  });
  if (!tx.ok()) return tx.error();
  result.username = request.admin_username;
  result.password = password;
  return result;
}

Result<Actor> AccountService::AuthenticateToken(const std::string& secret) {
  if (secret.empty() || secret.size() > 200) return Error::Unauthenticated("invalid API token");
  auto token = store_.users().FindTokenByHash(HashToken(secret), clock_.Now());
  if (!token.ok()) return Error::Unauthenticated("invalid API token");
  auto user = store_.users().Get(token->user_id);
  if (!user.ok() || !user->active) return Error::Unauthenticated("invalid API token");
  return Actor{token->org_id, user->id, user->role, "token:" + token->name};
}

Result<Actor> AccountService::AuthenticatePassword(const std::string& username,
                                                   const std::string& password) {
  auto user = store_.users().FindByUsername(username);
  if (!user.ok() || !user->active || !VerifyPassword(user->password_hash, password)) {
    return Error::Unauthenticated("nespravne jmeno nebo heslo / wrong username or password");
  }
  return Actor{user->org_id, user->id, user->role, user->username};
}

Result<Actor> AccountService::SystemActor(OrgId org, std::string name) const {
  return Actor{org, std::nullopt, domain::Role::kAdmin, std::move(name)};
}

Result<domain::Organization> AccountService::DefaultOrganization() {
  auto orgs = store_.organizations().List();
  if (!orgs.ok()) return orgs.error();
  if (orgs->empty()) {
    return Error::NotFound("no organization yet: run `smsinfo init --data DIR` first");
  }
  return orgs->front();
}

Result<domain::User> AccountService::CreateUser(const Actor& actor, const std::string& username,
                                                const std::string& password, domain::Role role) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  SMSINFO_TRY(ValidateUsername(username));
  SMSINFO_TRY(ValidatePassword(password));
  domain::User user;
  user.org_id = actor.org;
  user.username = username;
  user.password_hash = HashPassword(password);
  user.role = role;
  user.created_at = clock_.Now();
  domain::User created;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto u = store_.users().Create(user);
    if (!u.ok()) return u.error();
    created = *u;
    return audit_.Record(actor, "user.create", "user:" + std::to_string(u->id.value),
                         username + " (" + domain::ToString(role) + ")");
  });
  if (!tx.ok()) return tx.error();
  return created;
}

Result<std::vector<domain::User>> AccountService::ListUsers(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  return store_.users().List(actor.org);
}

Result<domain::User> AccountService::UpdateUser(const Actor& actor, UserId user_id,
                                                std::optional<domain::Role> role,
                                                std::optional<bool> active) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  domain::User updated;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto user = store_.users().Get(user_id);
    if (!user.ok() || user->org_id != actor.org) {
      return Error::NotFound("no user " + std::to_string(user_id.value));
    }
    updated = *user;
    if (role) updated.role = *role;
    if (active) updated.active = *active;
    const bool stays_admin = updated.role == domain::Role::kAdmin && updated.active;
    if (user->role == domain::Role::kAdmin && user->active && !stays_admin) {
      auto users = store_.users().List(actor.org);
      if (!users.ok()) return users.error();
      int other_admins = 0;
      for (const auto& u : *users) {
        if (u.id != user->id && u.role == domain::Role::kAdmin && u.active) ++other_admins;
      }
      if (other_admins == 0) {
        return Error::Conflict(
            "posledniho aktivniho spravce nelze odebrat / the last active admin must stay");
      }
    }
    SMSINFO_TRY(store_.users().Update(updated));
    return audit_.Record(actor, "user.update", "user:" + std::to_string(user_id.value),
                         updated.username + " (" + domain::ToString(updated.role) +
                             (updated.active ? ", active)" : ", inactive)"));
  });
  if (!tx.ok()) return tx.error();
  return updated;
}

Result<void> AccountService::SetPassword(const Actor& actor, UserId user_id,
                                         const std::string& password) {
  if (!(actor.user && *actor.user == user_id)) SMSINFO_TRY(Require(actor, Permission::kAdminister));
  SMSINFO_TRY(ValidatePassword(password));
  auto user = store_.users().Get(user_id);
  if (!user.ok() || user->org_id != actor.org) return Error::NotFound("no such user");
  user->password_hash = HashPassword(password);
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.users().Update(*user));
    // A changed password ends every browser session of the user.
    auto ended = store_.sessions().DeleteForUser(user_id);
    if (!ended.ok() && ended.error().code != ErrorCode::kUnavailable) return ended.error();
    return audit_.Record(actor, "user.password", "user:" + std::to_string(user_id.value));
  });
}

Result<NewToken> AccountService::CreateToken(const Actor& actor, const std::string& name) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  if (name.empty() || name.size() > 64)
    return Error::InvalidInput("token name must be 1 to 64 characters");
  if (!actor.user) return Error::InvalidInput("a token must belong to a user");
  NewToken result;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto t = MintToken(actor.org, *actor.user, name);
    if (!t.ok()) return t.error();
    result = *t;
    return audit_.Record(actor, "token.create", "token:" + std::to_string(t->token.id.value), name);
  });
  if (!tx.ok()) return tx.error();
  return result;
}

Result<std::vector<domain::ApiToken>> AccountService::ListTokens(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  return store_.users().ListTokens(actor.org);
}

Result<void> AccountService::RevokeToken(const Actor& actor, ApiTokenId id) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  return store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.users().DeleteToken(actor.org, id));
    return audit_.Record(actor, "token.revoke", "token:" + std::to_string(id.value));
  });
}

Result<domain::Organization> AccountService::GetOrganization(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.organizations().Get(actor.org);
}

Result<domain::Organization> AccountService::UpdateOrganization(const Actor& actor,
                                                                const domain::Organization& org) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  domain::Organization updated = org;
  updated.id = actor.org;
  if (!updated.central_number.empty()) {
    auto number = domain::PhoneNumber::Parse(updated.central_number);
    if (!number.ok()) return number.error();
    updated.central_number = number->e164();
  }
  auto in_range = [](int m) { return m >= 0 && m < 24 * 60; };
  if (!in_range(updated.quiet_start_minute) || !in_range(updated.quiet_end_minute)) {
    return Error::InvalidInput("quiet hours must be minutes within a day (0..1439)");
  }
  auto tx = store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.organizations().Update(updated));
    return audit_.Record(actor, "organization.update",
                         "organization:" + std::to_string(actor.org.value));
  });
  if (!tx.ok()) return tx.error();
  if (organization_changed_) organization_changed_();
  return store_.organizations().Get(actor.org);
}

}  // namespace smsinfo::app
