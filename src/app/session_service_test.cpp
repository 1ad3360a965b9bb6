#include "app/session_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

constexpr const char* kPassword = "correct horse battery";

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    accounts_ = std::make_unique<AccountService>(*store_, clock_, *audit_);
    sessions_ =
        std::make_unique<SessionService>(*store_, clock_, *audit_, *accounts_, SessionConfig{});
  }
  SessionInfo SetUpAdmin() {
    auto s = sessions_->Setup({"Obec Vestec", "+420720001676", "starosta", kPassword});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? *s : SessionInfo{};
  }
  FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<SessionService> sessions_;
};

TEST_F(SessionServiceTest, SetupCreatesTheAdminOnceAndSignsIn) {
  EXPECT_TRUE(*sessions_->SetupRequired());
  SessionInfo s = SetUpAdmin();
  EXPECT_EQ(s.actor.role, domain::Role::kAdmin);
  EXPECT_FALSE(s.session_id.empty());
  EXPECT_FALSE(s.csrf_token.empty());
  EXPECT_FALSE(*sessions_->SetupRequired());
  EXPECT_EQ(sessions_->Setup({"Jiná", "", "druhy", kPassword}).error().code, ErrorCode::kConflict);
  auto resumed = sessions_->Resume(s.session_id);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->username, "starosta");
  EXPECT_EQ(resumed->csrf_token, s.csrf_token);
}

TEST_F(SessionServiceTest, StoresOnlyTheHashOfTheSessionId) {
  SessionInfo s = SetUpAdmin();
  EXPECT_FALSE(store_->sessions().Find(s.session_id).ok());
  EXPECT_TRUE(store_->sessions().Find(AccountService::HashToken(s.session_id)).ok());
}

TEST_F(SessionServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  SetUpAdmin();
  auto wrong = sessions_->Login("starosta", "not the password", "10.0.0.1");
  auto unknown = sessions_->Login("nikdo", kPassword, "10.0.0.1");
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  EXPECT_TRUE(sessions_->Login("starosta", kPassword, "10.0.0.1").ok());
}

TEST_F(SessionServiceTest, SessionEndsAfterTwelveIdleHours) {
  SessionInfo s = SetUpAdmin();
  clock_.Advance(std::chrono::hours(11));
  EXPECT_TRUE(sessions_->Resume(s.session_id).ok()) << "activity extends the session";
  clock_.Advance(std::chrono::hours(11));
  EXPECT_TRUE(sessions_->Resume(s.session_id).ok());
  clock_.Advance(std::chrono::hours(12));
  EXPECT_EQ(sessions_->Resume(s.session_id).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(SessionServiceTest, SessionEndsAfterSevenDaysWhateverTheActivity) {
  SessionInfo s = SetUpAdmin();
  for (int i = 0; i < 15; ++i) {
    clock_.Advance(std::chrono::hours(11));
    ASSERT_TRUE(sessions_->Resume(s.session_id).ok()) << "after " << (i + 1) * 11 << " h";
  }
  clock_.Advance(std::chrono::hours(4));  // 169 h
  EXPECT_EQ(sessions_->Resume(s.session_id).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(SessionServiceTest, LogoutEndsTheSession) {
  SessionInfo s = SetUpAdmin();
  ASSERT_TRUE(sessions_->Logout(s.session_id).ok());
  EXPECT_FALSE(sessions_->Resume(s.session_id).ok());
}

TEST_F(SessionServiceTest, PasswordChangeEndsEverySessionOfTheUser) {
  SessionInfo first = SetUpAdmin();
  auto second = sessions_->Login("starosta", kPassword, "10.0.0.2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(
      sessions_->ChangePassword(first.actor, "wrong current", "a new long password").error().code,
      ErrorCode::kPermissionDenied);
  auto fresh = sessions_->ChangePassword(first.actor, kPassword, "a new long password");
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_FALSE(sessions_->Resume(first.session_id).ok());
  EXPECT_FALSE(sessions_->Resume(second->session_id).ok());
  EXPECT_TRUE(sessions_->Resume(fresh->session_id).ok());
  EXPECT_TRUE(sessions_->Login("starosta", "a new long password", "10.0.0.2").ok());
}

TEST_F(SessionServiceTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  SetUpAdmin();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sessions_->Login("starosta", "wrong", "10.0.0." + std::to_string(i)).error().code,
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(sessions_->Login("starosta", kPassword, "10.0.0.9").error().code,
            ErrorCode::kThrottled);
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_TRUE(sessions_->Login("starosta", kPassword, "10.0.0.9").ok());
}

TEST_F(SessionServiceTest, TwentyFailuresFromOneAddressBlockThatAddressOnly) {
  SetUpAdmin();
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(sessions_->Login("user" + std::to_string(i), "x", "10.0.0.1").error().code,
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(sessions_->Login("starosta", kPassword, "10.0.0.1").error().code,
            ErrorCode::kThrottled);
  EXPECT_TRUE(sessions_->Login("starosta", kPassword, "10.0.0.2").ok());
}

TEST(LoginLimiter, ForgetsFailuresOlderThanTheWindow) {
  FakeClock clock;
  LoginLimiter limiter(clock, 2, 100, std::chrono::minutes(15));
  limiter.RecordFailure("Eva", "a");
  clock.Advance(std::chrono::minutes(10));
  limiter.RecordFailure("eva", "a");
  EXPECT_FALSE(limiter.Check("EVA", "b").ok()) << "account names are case blind";
  clock.Advance(std::chrono::minutes(5));
  EXPECT_TRUE(limiter.Check("eva", "b").ok());
  limiter.RecordFailure("eva", "a");
  limiter.RecordSuccess("eva");
  limiter.RecordFailure("eva", "a");
  EXPECT_TRUE(limiter.Check("eva", "a").ok()) << "success resets the account's count";
}

TEST_F(SessionServiceTest, SweepDeletesExpiredSessions) {
  SetUpAdmin();
  clock_.Advance(std::chrono::hours(13));
  EXPECT_EQ(*sessions_->Sweep(), 1);
}

}  // namespace
}  // namespace smsinfo::app
