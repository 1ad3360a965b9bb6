#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class UserStoreTest : public StoreTest {
 protected:
  domain::User UserNamed(const std::string& name) {
    domain::User u;
    u.org_id = org_;
    u.username = name;
    u.password_hash = "$argon2id$...";
    u.role = domain::Role::kOperator;
    u.created_at = T0();
    return u;
  }
};

TEST_F(UserStoreTest, CreatesFindsUpdatesAndLists) {
  auto created = store_->users().Create(UserNamed("alena"));
  ASSERT_TRUE(created.ok());
  auto found = store_->users().FindByUsername("alena");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->role, domain::Role::kOperator);
  EXPECT_EQ(found->created_at, T0());
  found->active = false;
  found->role = domain::Role::kAdmin;
  ASSERT_TRUE(store_->users().Update(*found).ok());
  auto got = store_->users().Get(created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->active);
  EXPECT_EQ(got->role, domain::Role::kAdmin);
  auto list = store_->users().List(org_);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
  EXPECT_EQ(store_->users().FindByUsername("nobody").error().code, ErrorCode::kNotFound);
}

TEST_F(UserStoreTest, RejectsATakenUsernameAcrossOrganizations) {
  ASSERT_TRUE(store_->users().Create(UserNamed("alena")).ok());
  domain::User other = UserNamed("alena");
  other.org_id = MakeOrg("Jesenice", "+420700000002");
  auto again = store_->users().Create(other);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(UserStoreTest, FindsTokensByHashAndRecordsLastUse) {
  auto user = store_->users().Create(UserNamed("ci"));
  ASSERT_TRUE(user.ok());
  domain::ApiToken token;
  token.org_id = org_;
  token.user_id = user->id;
  token.name = "ci";
  token.token_hash = "abc123";
  token.created_at = T0();
  auto created = store_->users().CreateToken(token);
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->last_used_at.has_value());
  auto found = store_->users().FindTokenByHash("abc123", T0() + Duration(5));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->last_used_at.has_value());
  EXPECT_EQ(*found->last_used_at, T0() + Duration(5));
  EXPECT_EQ(store_->users().FindTokenByHash("zzz", T0()).error().code, ErrorCode::kNotFound);
  auto list = store_->users().ListTokens(org_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  ASSERT_TRUE(store_->users().DeleteToken(org_, created->id).ok());
  EXPECT_EQ(store_->users().DeleteToken(org_, created->id).error().code, ErrorCode::kNotFound);
}

TEST_F(UserStoreTest, RejectsATokenForAnUnknownUser) {
  domain::ApiToken token;
  token.org_id = org_;
  token.user_id = UserId(42);
  token.token_hash = "h";
  EXPECT_EQ(store_->users().CreateToken(token).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
