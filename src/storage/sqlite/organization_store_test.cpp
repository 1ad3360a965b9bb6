#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

using OrganizationStoreTest = StoreTest;

TEST_F(OrganizationStoreTest, CreatesAndReadsBackEveryField) {
  domain::Organization o;
  o.name = "Jesenice";
  o.central_number = "+420700000002";
  o.prefix = "Jesenice:";
  o.quiet_start_minute = 22 * 60;
  o.registration_policy = domain::RegistrationPolicy::kAutoApproveMatched;
  o.texts.help = "pomoc";
  o.price_per_segment_milli = 850;
  o.transliterate_by_default = false;
  auto created = store_->organizations().Create(o);
  ASSERT_TRUE(created.ok());
  auto got = store_->organizations().Get(created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Jesenice");
  EXPECT_EQ(got->prefix, "Jesenice:");
  EXPECT_EQ(got->quiet_start_minute, 22 * 60);
  EXPECT_EQ(got->registration_policy, domain::RegistrationPolicy::kAutoApproveMatched);
  EXPECT_EQ(got->texts.help, "pomoc");
  EXPECT_EQ(got->price_per_segment_milli, 850);
  EXPECT_FALSE(got->transliterate_by_default);
}

TEST_F(OrganizationStoreTest, FindsByCentralNumber) {
  auto found = store_->organizations().FindByCentralNumber("+420700000001");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, org_);
  auto missing = store_->organizations().FindByCentralNumber("+420799999999");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(OrganizationStoreTest, RejectsADuplicateCentralNumber) {
  domain::Organization o;
  o.name = "Other";
  o.central_number = "+420700000001";
  auto created = store_->organizations().Create(o);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kConflict);
}

TEST_F(OrganizationStoreTest, UpdatesAndListsAndReportsUnknownIds) {
  auto org = store_->organizations().Get(org_);
  ASSERT_TRUE(org.ok());
  org->signature = "Obec Vestec";
  ASSERT_TRUE(store_->organizations().Update(*org).ok());
  auto list = store_->organizations().List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().signature, "Obec Vestec");
  org->id = OrgId(999);
  EXPECT_EQ(store_->organizations().Update(*org).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->organizations().Get(OrgId(999)).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
