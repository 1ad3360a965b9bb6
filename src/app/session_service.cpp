#include "app/session_service.hpp"

#include <algorithm>
#include <cctype>

#include "domain/phone_number.hpp"

namespace smsinfo::app {
namespace {

constexpr std::size_t kMaxTrackedKeys = 100'000;  // bounds the limiter's memory under attack

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error WrongCredentials() {
  return Error::Unauthenticated("nespravne jmeno nebo heslo / wrong username or password");
}

}  // namespace

LoginLimiter::LoginLimiter(const Clock& clock, int per_account, int per_address, Duration window)
    : clock_(clock),
      per_account_(static_cast<std::size_t>(std::max(per_account, 1))),
      per_address_(static_cast<std::size_t>(std::max(per_address, 1))),
      window_(window) {}

std::size_t LoginLimiter::Count(Failures& failures, const std::string& key, TimePoint now) {
  auto it = failures.find(key);
  if (it == failures.end()) return 0;
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (times.empty()) {
    failures.erase(it);
    return 0;
  }
  return times.size();
}

void LoginLimiter::Add(Failures& failures, const std::string& key, TimePoint now) {
  if (failures.size() >= kMaxTrackedKeys && !failures.contains(key)) {
    std::erase_if(failures, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() <= now - window_;
    });
  }
  failures[key].push_back(now);
}

Result<void> LoginLimiter::Check(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  if (Count(accounts_, Lower(account), now) >= per_account_ ||
      Count(addresses_, address, now) >= per_address_) {
    return Error::Throttled(
        "prilis mnoho neuspesnych prihlaseni, zkuste to pozdeji / too many failed sign-ins, "
        "try again later");
  }
  return Ok();
}

void LoginLimiter::RecordFailure(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  Add(accounts_, Lower(account), now);
  Add(addresses_, address, now);
}

void LoginLimiter::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(Lower(account));
}

SessionService::SessionService(storage::Store& store, const Clock& clock, AuditLog& audit,
                               AccountService& accounts, SessionConfig config)
    : store_(store),
      clock_(clock),
      audit_(audit),
      accounts_(accounts),
      config_(config),
      limiter_(clock, config.failures_per_account, config.failures_per_address,
               config.failure_window) {}

Result<bool> SessionService::SetupRequired() {
  auto orgs = store_.organizations().List();
  if (!orgs.ok()) return orgs.error();
  for (const auto& org : *orgs) {
    auto users = store_.users().List(org.id);
    if (!users.ok()) return users.error();
    if (!users->empty()) return false;
  }
  return true;
}

Result<SessionInfo> SessionService::Setup(const SetupRequest& request) {
  std::lock_guard lock(setup_mu_);
  auto required = SetupRequired();
  if (!required.ok()) return required.error();
  if (!*required) return Error::Conflict("smsinfo is already set up");
  if (request.organization_name.empty() || request.organization_name.size() > 200) {
    return Error::InvalidInput("organization_name must be 1 to 200 characters");
  }
  if (request.username.empty() || request.username.size() > 64) {
    return Error::InvalidInput("username must be 1 to 64 characters");
  }
  if (request.password.size() < 10 || request.password.size() > 200) {
    return Error::InvalidInput(
        "heslo musi mit 10 az 200 znaku / password must be 10 to 200 characters");
  }
  domain::Organization org;
  org.name = request.organization_name;
  if (!request.central_number.empty()) {
    auto number = domain::PhoneNumber::Parse(request.central_number);
    if (!number.ok()) return number.error();
    org.central_number = number->e164();
  }
  const std::string hash = AccountService::HashPassword(request.password);  // outside the store
  domain::User created;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto orgs = store_.organizations().List();
    if (!orgs.ok()) return orgs.error();
    domain::Organization target;
    if (orgs->empty()) {
      auto o = store_.organizations().Create(org);
      if (!o.ok()) return o.error();
      target = *o;
    } else {
      // An organization without users (e.g. created by an interrupted init) is taken over.
      target = orgs->front();
      target.name = org.name;
      if (!org.central_number.empty()) target.central_number = org.central_number;
      SMSINFO_TRY(store_.organizations().Update(target));
    }
    domain::User user;
    user.org_id = target.id;
    user.username = request.username;
    user.password_hash = hash;
    user.role = domain::Role::kAdmin;
    user.created_at = clock_.Now();
    auto u = store_.users().Create(user);
    if (!u.ok()) return u.error();
    created = *u;
    Actor actor{target.id, u->id, domain::Role::kAdmin, u->username};
    return audit_.Record(actor, "system.setup", "organization:" + std::to_string(target.id.value),
                         "admin user '" + u->username + "'");
  });
  if (!tx.ok()) return tx.error();
  return Open(created);
}

Result<SessionInfo> SessionService::Login(const std::string& username, const std::string& password,
                                          const std::string& remote_address) {
  SMSINFO_TRY(limiter_.Check(username, remote_address));
  if (username.empty() || username.size() > 64 || password.size() > 200) {
    limiter_.RecordFailure(username, remote_address);
    return WrongCredentials();
  }
  auto actor = accounts_.AuthenticatePassword(username, password);
  if (!actor.ok()) {
    if (actor.error().code != ErrorCode::kUnauthenticated) return actor.error();
    limiter_.RecordFailure(username, remote_address);
    return WrongCredentials();
  }
  limiter_.RecordSuccess(username);
  auto user = store_.users().Get(*actor->user);
  if (!user.ok()) return user.error();
  return Open(*user);
}

Result<SessionInfo> SessionService::Open(const domain::User& user) {
  SessionInfo info;
  info.session_id = AccountService::RandomSecret(32);
  info.csrf_token = AccountService::RandomSecret(32);
  info.username = user.username;
  info.actor = Actor{user.org_id, user.id, user.role, user.username};
  storage::Session s;
  s.id_hash = AccountService::HashToken(info.session_id);
  s.user_id = user.id;
  s.org_id = user.org_id;
  s.csrf_token = info.csrf_token;
  s.created_at = clock_.Now();
  s.last_seen_at = s.created_at;
  s.expires_at = s.created_at + config_.absolute;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.sessions().Create(s));
    return audit_.Record(info.actor, "session.login", "user:" + std::to_string(user.id.value));
  });
  if (!tx.ok()) return tx.error();
  return info;
}

Result<SessionInfo> SessionService::Resume(const std::string& session_id) {
  if (session_id.empty() || session_id.size() > 200) {
    return Error::Unauthenticated("not signed in");
  }
  const std::string hash = AccountService::HashToken(session_id);
  auto s = store_.sessions().Find(hash);
  if (!s.ok()) {
    if (s.error().code == ErrorCode::kNotFound) return Error::Unauthenticated("not signed in");
    return s.error();
  }
  const TimePoint now = clock_.Now();
  if (now >= s->expires_at || now - s->last_seen_at >= config_.idle) {
    (void)store_.sessions().Delete(hash);
    return Error::Unauthenticated("the session has expired; sign in again");
  }
  auto user = store_.users().Get(s->user_id);
  if (!user.ok() || !user->active || user->org_id != s->org_id) {
    (void)store_.sessions().Delete(hash);
    return Error::Unauthenticated("not signed in");
  }
  if (now - s->last_seen_at >= std::chrono::minutes(1)) {
    (void)store_.sessions().Touch(hash, now);  // activity is best effort
  }
  SessionInfo info;
  info.actor = Actor{user->org_id, user->id, user->role, user->username};
  info.username = user->username;
  info.csrf_token = s->csrf_token;
  return info;
}

Result<void> SessionService::Logout(const std::string& session_id) {
  if (session_id.empty()) return Ok();
  return store_.sessions().Delete(AccountService::HashToken(session_id));
}

Result<SessionInfo> SessionService::ChangePassword(const Actor& actor,
                                                   const std::string& current_password,
                                                   const std::string& new_password) {
  if (!actor.user) return Error::InvalidInput("only a user has a password");
  auto user = store_.users().Get(*actor.user);
  if (!user.ok()) return user.error();
  if (!AccountService::VerifyPassword(user->password_hash, current_password)) {
    return Error::PermissionDenied("soucasne heslo nesouhlasi / the current password is wrong");
  }
  // SetPassword validates, hashes, ends the user's sessions and writes the audit entry.
  SMSINFO_TRY(accounts_.SetPassword(actor, *actor.user, new_password));
  auto updated = store_.users().Get(*actor.user);
  if (!updated.ok()) return updated.error();
  return Open(*updated);
}

Result<std::int64_t> SessionService::Sweep() {
  const TimePoint now = clock_.Now();
  return store_.sessions().DeleteExpired(now - config_.idle, now);
}

}  // namespace smsinfo::app
