// Browser sign-in: first-run setup, password login with rate limits, sessions kept in the store
// (only the SHA-256 of the session id), their idle and absolute expiry, logout and password
// change. Thread-safe. Login and password change verify argon2id hashes (~100 ms): call them
// from worker threads, never from an event loop; no store lock is held while hashing.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/account_service.hpp"
#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "base/clock.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

// Failed logins per account and per remote address within a sliding window. Thread-safe.
class LoginLimiter {
 public:
  LoginLimiter(const Clock& clock, int per_account, int per_address, Duration window);
  // kThrottled when the account or the address has reached its limit of failures.
  Result<void> Check(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  // A successful login forgets the account's failures (not the address's).
  void RecordSuccess(const std::string& account);

 private:
  using Failures = std::unordered_map<std::string, std::deque<TimePoint>>;
  // Drops failures older than the window; returns how many remain for `key`.
  std::size_t Count(Failures& failures, const std::string& key, TimePoint now);
  void Add(Failures& failures, const std::string& key, TimePoint now);

  const Clock& clock_;
  const std::size_t per_account_;
  const std::size_t per_address_;
  const Duration window_;
  std::mutex mu_;
  Failures accounts_;
  Failures addresses_;
};

struct SessionConfig {
  Duration idle = std::chrono::hours(12);
  Duration absolute = std::chrono::hours(24 * 7);
  int failures_per_account = 5;
  int failures_per_address = 20;
  Duration failure_window = std::chrono::minutes(15);
};

struct SetupRequest {
  std::string organization_name;
  std::string central_number;
  std::string username;
  std::string password;
};

// A signed-in browser, as the web layer needs it.
struct SessionInfo {
  Actor actor;
  std::string username;
  std::string csrf_token;
  std::string session_id;  // the cookie value; only filled right after login
};

class SessionService {
 public:
  SessionService(storage::Store& store, const Clock& clock, AuditLog& audit,
                 AccountService& accounts, SessionConfig config);

  // True while no user exists (first run).
  Result<bool> SetupRequired();
  // Creates the organization and its admin, then signs the admin in. kConflict once any user
  // exists.
  Result<SessionInfo> Setup(const SetupRequest& request);
  // kThrottled over the limits, kUnauthenticated for wrong credentials (one message for all).
  Result<SessionInfo> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address);
  // The session with this cookie value; kUnauthenticated if unknown, expired, or its user is
  // no longer active. Records activity (at most once a minute).
  Result<SessionInfo> Resume(const std::string& session_id);
  Result<void> Logout(const std::string& session_id);
  // Verifies `current_password`, sets the new one and ends every session of the user; returns
  // a fresh session for the caller.
  Result<SessionInfo> ChangePassword(const Actor& actor, const std::string& current_password,
                                     const std::string& new_password);
  // Deletes idle and expired sessions; returns how many.
  Result<std::int64_t> Sweep();

  const SessionConfig& config() const { return config_; }

 private:
  Result<SessionInfo> Open(const domain::User& user);

  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
  AccountService& accounts_;
  const SessionConfig config_;
  LoginLimiter limiter_;
  std::mutex setup_mu_;  // one Setup at a time
};

}  // namespace smsinfo::app
