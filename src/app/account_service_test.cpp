#include "app/account_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    accounts_ = std::make_unique<AccountService>(*store_, clock_, *audit_);
  }
  FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(AccountServiceTest, InitializeCreatesAnAdminWhosePasswordAndTokenWork) {
  auto init = accounts_->Initialize({"Obec Vestec", "+420 720 001 676", "admin"});
  ASSERT_TRUE(init.ok()) << init.error().message;
  EXPECT_EQ(init->organization.central_number, "+420720001676");
  auto by_password = accounts_->AuthenticatePassword("admin", init->password);
  ASSERT_TRUE(by_password.ok());
  EXPECT_EQ(by_password->role, domain::Role::kAdmin);
  auto by_token = accounts_->AuthenticateToken(init->token);
  ASSERT_TRUE(by_token.ok());
  EXPECT_EQ(by_token->org, init->organization.id);
  EXPECT_FALSE(accounts_->AuthenticatePassword("admin", "wrong password").ok());
  EXPECT_EQ(accounts_->AuthenticateToken("smsi_nope").error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AccountServiceTest, InitializeTwiceIsRefused) {
  ASSERT_TRUE(accounts_->Initialize({}).ok());
  EXPECT_EQ(accounts_->Initialize({}).error().code, ErrorCode::kConflict);
}

TEST_F(AccountServiceTest, StoresOnlyHashesOfPasswordsAndTokens) {
  auto init = accounts_->Initialize({});
  ASSERT_TRUE(init.ok());
  auto user = store_->users().FindByUsername("admin");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(user->password_hash.find(init->password), std::string::npos);
  auto tokens = store_->users().ListTokens(init->organization.id);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ(tokens->front().token_hash, AccountService::HashToken(init->token));
}

TEST_F(AccountServiceTest, OnlyAdminsManageUsersAndViewersCannotOperate) {
  auto init = accounts_->Initialize({});
  ASSERT_TRUE(init.ok());
  auto admin = accounts_->AuthenticateToken(init->token);
  ASSERT_TRUE(admin.ok());
  auto viewer =
      accounts_->CreateUser(*admin, "clerk", "long enough password", domain::Role::kViewer);
  ASSERT_TRUE(viewer.ok()) << viewer.error().message;
  auto as_viewer = accounts_->AuthenticatePassword("clerk", "long enough password");
  ASSERT_TRUE(as_viewer.ok());
  EXPECT_EQ(accounts_->CreateUser(*as_viewer, "x", "long enough password", domain::Role::kAdmin)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(accounts_->CreateUser(*admin, "short", "short", domain::Role::kViewer).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(accounts_->CreateUser(*admin, "clerk", "long enough password", domain::Role::kViewer)
                .error()
                .code,
            ErrorCode::kConflict);
}

TEST_F(AccountServiceTest, ARevokedTokenNoLongerAuthenticates) {
  auto init = accounts_->Initialize({});
  ASSERT_TRUE(init.ok());
  auto admin = accounts_->AuthenticateToken(init->token);
  ASSERT_TRUE(admin.ok());
  auto token = accounts_->CreateToken(*admin, "ci");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(accounts_->AuthenticateToken(token->secret).ok());
  ASSERT_TRUE(accounts_->RevokeToken(*admin, token->token.id).ok());
  EXPECT_FALSE(accounts_->AuthenticateToken(token->secret).ok());
}

TEST_F(AccountServiceTest, EveryChangeIsAudited) {
  auto init = accounts_->Initialize({});
  ASSERT_TRUE(init.ok());
  auto admin = accounts_->AuthenticateToken(init->token);
  ASSERT_TRUE(accounts_->CreateToken(*admin, "ci").ok());
  auto log = store_->audit().List(init->organization.id, {}, {});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->total, 2);
}

TEST_F(AccountServiceTest, AnAdminChangesRolesAndDeactivatesButKeepsTheLastAdmin) {
  auto init = accounts_->Initialize({"Obec Vestec", "", "admin"});
  ASSERT_TRUE(init.ok());
  auto admin = accounts_->AuthenticateToken(init->token);
  ASSERT_TRUE(admin.ok());
  auto clerk = accounts_->CreateUser(*admin, "referentka", "dlouhe heslo 1", domain::Role::kViewer);
  ASSERT_TRUE(clerk.ok());

  auto promoted = accounts_->UpdateUser(*admin, clerk->id, domain::Role::kOperator, std::nullopt);
  ASSERT_TRUE(promoted.ok()) << promoted.error().message;
  EXPECT_EQ(promoted->role, domain::Role::kOperator);
  EXPECT_EQ(accounts_->AuthenticatePassword("referentka", "dlouhe heslo 1")->role,
            domain::Role::kOperator);
  // An operator cannot change anyone, itself included.
  auto as_clerk = accounts_->AuthenticatePassword("referentka", "dlouhe heslo 1");
  EXPECT_EQ(
      accounts_->UpdateUser(*as_clerk, clerk->id, domain::Role::kAdmin, std::nullopt).error().code,
      ErrorCode::kPermissionDenied);

  ASSERT_TRUE(accounts_->UpdateUser(*admin, clerk->id, std::nullopt, false).ok());
  EXPECT_FALSE(accounts_->AuthenticatePassword("referentka", "dlouhe heslo 1").ok());

  // The only admin cannot demote or deactivate itself; nothing changes.
  const UserId admin_id = *admin->user;
  EXPECT_EQ(
      accounts_->UpdateUser(*admin, admin_id, domain::Role::kViewer, std::nullopt).error().code,
      ErrorCode::kConflict);
  EXPECT_EQ(accounts_->UpdateUser(*admin, admin_id, std::nullopt, false).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(accounts_->AuthenticateToken(init->token)->role, domain::Role::kAdmin);
  EXPECT_EQ(accounts_->UpdateUser(*admin, UserId(999), std::nullopt, false).error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace smsinfo::app
