#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class RegistrationStoreTest : public StoreTest {
 protected:
  domain::Registration Pending(const std::string& phone) {
    domain::Registration r;
    r.org_id = org_;
    r.phone = phone;
    r.surname = "Novák";
    r.match = domain::MatchOutcome::kAmbiguous;
    r.candidates = {ResidentId(3), ResidentId(17)};
    r.created_at = T0();
    return r;
  }
};

TEST_F(RegistrationStoreTest, StoresCandidatesAndReadsThemBack) {
  auto created = store_->registrations().Create(Pending("+420720000001"));
  ASSERT_TRUE(created.ok());
  auto got = store_->registrations().Get(org_, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->match, domain::MatchOutcome::kAmbiguous);
  ASSERT_EQ(got->candidates.size(), 2u);
  EXPECT_EQ(got->candidates[1], ResidentId(17));
  EXPECT_FALSE(got->decided_at.has_value());
}

TEST_F(RegistrationStoreTest, DecidesOnlyPendingRegistrations) {
  auto created = store_->registrations().Create(Pending("+420720000001"));
  ASSERT_TRUE(created.ok());
  auto decided = store_->registrations().Decide(
      org_, created->id, domain::RegistrationStatus::kApproved, UserId(5), T0() + Duration(10));
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->status, domain::RegistrationStatus::kApproved);
  auto got = store_->registrations().Get(org_, created->id);
  EXPECT_EQ(*got->decided_by, UserId(5));
  EXPECT_EQ(*got->decided_at, T0() + Duration(10));
  EXPECT_EQ(
      store_->registrations()
          .Decide(org_, created->id, domain::RegistrationStatus::kRejected, std::nullopt, T0())
          .error()
          .code,
      ErrorCode::kConflict);
  EXPECT_EQ(store_->registrations()
                .Decide(org_, RegistrationId(99), domain::RegistrationStatus::kRejected,
                        std::nullopt, T0())
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_F(RegistrationStoreTest, SupersedesPendingOfThePhoneAndFilters) {
  ASSERT_TRUE(store_->registrations().Create(Pending("+420720000001")).ok());
  ASSERT_TRUE(store_->registrations().Create(Pending("+420720000002")).ok());
  ASSERT_TRUE(store_->registrations().SupersedePending(org_, "+420720000001", T0()).ok());
  RegistrationFilter pending;
  pending.status = domain::RegistrationStatus::kPending;
  auto list = store_->registrations().List(org_, pending, Page{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].phone, "+420720000002");
  RegistrationFilter by_phone;
  by_phone.phone = "+420720000001";
  auto rejected = store_->registrations().List(org_, by_phone, Page{});
  ASSERT_EQ(rejected->total, 1);
  EXPECT_EQ(rejected->items[0].status, domain::RegistrationStatus::kRejected);
  EXPECT_EQ(store_->registrations().List(org_, RegistrationFilter{}, Page{})->total, 2);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
