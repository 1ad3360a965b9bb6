#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

using domain::DeliveryState;

class DeliveryStoreTest : public StoreTest {
 protected:
  MessageId Send(const std::vector<std::string>& phones, domain::Message message) {
    RecipientSelection to;
    to.phones = phones;
    auto created = store_->messages().Create(message, to);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : MessageId();
  }
  domain::Delivery Only(MessageId id) {
    auto page = store_->messages().ListDeliveries(org_, id, DeliveryFilter{}, Page{});
    EXPECT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), 1u);
    return page->items.at(0);
  }
  static Receipt ReceiptFor(const std::string& gateway_id, ReceiptState state,
                            const std::string& error = "") {
    return Receipt{"smpp", gateway_id, state, error, T0()};
  }
};

TEST_F(DeliveryStoreTest, ClaimsHighestPriorityFirstThenOldest) {
  MessageId late = Send({"+420720000001"}, MessageAt(T0() - Duration(10)));
  MessageId early = Send({"+420720000002"}, MessageAt(T0() - Duration(20)));
  MessageId urgent = Send({"+420720000003"}, MessageAt(T0(), domain::kPriorityUrgent));
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 3u);
  EXPECT_EQ((*claimed)[0].message_id, urgent);
  EXPECT_EQ((*claimed)[1].message_id, early);
  EXPECT_EQ((*claimed)[2].message_id, late);
  EXPECT_EQ(Only(urgent).state, DeliveryState::kSending);
  EXPECT_TRUE(store_->deliveries().ClaimDue(T0(), {}, 10)->empty());
}

TEST_F(DeliveryStoreTest, HonoursLimitAndSendAt) {
  Send({"+420720000001", "+420720000002", "+420720000003"}, MessageAt(T0()));
  MessageId future = Send({"+420720000004"}, MessageAt(T0() + Duration(60'000)));
  EXPECT_EQ(store_->deliveries().ClaimDue(T0(), {}, 2)->size(), 2u);
  EXPECT_EQ(store_->deliveries().ClaimDue(T0(), {}, 2)->size(), 1u);
  EXPECT_EQ(**store_->deliveries().NextDueAt(), T0() + Duration(60'000));
  auto later = store_->deliveries().ClaimDue(T0() + Duration(60'000), {}, 2);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].message_id, future);
}

TEST_F(DeliveryStoreTest, QuietOrganizationsGetOnlySystemAndUrgentMessages) {
  OrgId other = MakeOrg("Jesenice", "+420700000002");
  Send({"+420720000001"}, MessageAt(T0()));
  MessageId system = Send({"+420720000002"}, MessageAt(T0(), domain::kPrioritySystem));
  domain::Message elsewhere = MessageAt(T0());
  elsewhere.org_id = other;
  RecipientSelection to;
  to.phones = {"+420720000003"};
  auto other_message = store_->messages().Create(elsewhere, to);
  ASSERT_TRUE(other_message.ok());
  std::vector<OrgId> quiet{org_};
  auto claimed = store_->deliveries().ClaimDue(T0(), quiet, 10);
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_EQ((*claimed)[0].message_id, system);
  EXPECT_EQ((*claimed)[1].org_id, other);
  EXPECT_EQ(store_->deliveries().ClaimDue(T0(), {}, 10)->size(), 1u);
}

TEST_F(DeliveryStoreTest, ExpiredDeliveriesAreExpiredNotClaimed) {
  domain::Message m = MessageAt(T0() - std::chrono::hours(30));
  MessageId old = Send({"+420720000001"}, m);
  MessageId fresh = Send({"+420720000002"}, MessageAt(T0()));
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 1);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].message_id, fresh);
  EXPECT_EQ(Only(old).state, DeliveryState::kExpired);
}

TEST_F(DeliveryStoreTest, SubmittedThenDeliveredReceipt) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0()));
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  ASSERT_EQ(claimed->size(), 1u);
  std::vector<SubmittedPart> parts{{(*claimed)[0].id, 1, 1, "smpp", "gw-1"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kSubmitted);
  std::vector<Receipt> receipts{ReceiptFor("gw-1", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(receipts, T0()).ok());
  domain::Delivery d = Only(id);
  EXPECT_EQ(d.state, DeliveryState::kDelivered);
  EXPECT_EQ(d.parts_delivered, 1);
  // A repeated receipt changes nothing.
  ASSERT_TRUE(store_->deliveries().RecordReceipts(receipts, T0()).ok());
  EXPECT_EQ(Only(id).parts_delivered, 1);
}

TEST_F(DeliveryStoreTest, MultiPartIsDeliveredWhenEveryPartIs) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0(), domain::kPriorityNormal, 2));
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  DeliveryId d = (*claimed)[0].id;
  std::vector<SubmittedPart> first{{d, 1, 2, "smpp", "p1"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(first, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kSending);
  std::vector<SubmittedPart> second{{d, 2, 2, "smpp", "p2"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(second, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kSubmitted);
  std::vector<Receipt> one{ReceiptFor("p1", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(one, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kSubmitted);
  std::vector<Receipt> two{ReceiptFor("p2", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(two, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kDelivered);
  EXPECT_EQ(Only(id).parts_total, 2);
}

TEST_F(DeliveryStoreTest, FirstFinalFailureOfAPartWins) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0(), domain::kPriorityNormal, 2));
  DeliveryId d = (*store_->deliveries().ClaimDue(T0(), {}, 10))[0].id;
  std::vector<SubmittedPart> parts{{d, 1, 2, "smpp", "p1"}, {d, 2, 2, "smpp", "p2"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0()).ok());
  std::vector<Receipt> receipts{ReceiptFor("p2", ReceiptState::kUndeliverable, "absent"),
                                ReceiptFor("p1", ReceiptState::kExpired, "late")};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(receipts, T0()).ok());
  domain::Delivery got = Only(id);
  EXPECT_EQ(got.state, DeliveryState::kUndeliverable);
  EXPECT_EQ(got.error, "absent");
}

TEST_F(DeliveryStoreTest, ReceiptBeforeSubmitIdIsAppliedWhenTheIdShowsUp) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0()));
  DeliveryId d = (*store_->deliveries().ClaimDue(T0(), {}, 10))[0].id;
  std::vector<Receipt> early{ReceiptFor("gw-9", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(early, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kSending);
  std::vector<SubmittedPart> parts{{d, 1, 1, "smpp", "gw-9"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0()).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kDelivered);
}

TEST_F(DeliveryStoreTest, UnmatchedReceiptsAreForgottenOnlyWhenOlderThanTheCutOff) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0()));
  DeliveryId d = (*store_->deliveries().ClaimDue(T0(), {}, 10))[0].id;
  std::vector<Receipt> old{ReceiptFor("gw-old", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(old, T0()).ok());
  std::vector<Receipt> recent{ReceiptFor("gw-new", ReceiptState::kDelivered)};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(recent, T0() + Duration(5000)).ok());
  EXPECT_EQ(*store_->deliveries().PruneUnmatchedReceipts(T0() + Duration(1000)), 1);
  EXPECT_EQ(*store_->deliveries().PruneUnmatchedReceipts(T0() + Duration(1000)), 0);
  // The kept recent receipt still finds its part.
  std::vector<SubmittedPart> parts{{d, 1, 1, "smpp", "gw-new"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0() + Duration(6000)).ok());
  EXPECT_EQ(Only(id).state, DeliveryState::kDelivered);
}

TEST_F(DeliveryStoreTest, TemporaryFailureRetriesLaterOrExpires) {
  domain::Message m = MessageAt(T0());
  m.expires_at = T0() + Duration(100'000);
  MessageId retried = Send({"+420720000001"}, m);
  MessageId doomed = Send({"+420720000002"}, m);
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  ASSERT_EQ(claimed->size(), 2u);
  DeliveryId first = (*claimed)[0].message_id == retried ? (*claimed)[0].id : (*claimed)[1].id;
  DeliveryId second = (*claimed)[0].message_id == doomed ? (*claimed)[0].id : (*claimed)[1].id;
  std::vector<SubmitFailure> failures{{first, false, T0() + Duration(30'000), "throttled"},
                                      {second, false, T0() + Duration(100'000), "throttled"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitFailures(failures, T0()).ok());
  EXPECT_EQ(Only(retried).state, DeliveryState::kQueued);
  EXPECT_EQ(Only(retried).attempts, 1);
  EXPECT_EQ(Only(doomed).state, DeliveryState::kExpired);
  EXPECT_TRUE(store_->deliveries().ClaimDue(T0() + Duration(29'999), {}, 10)->empty());
  EXPECT_EQ(**store_->deliveries().NextDueAt(), T0() + Duration(30'000));
  auto again = store_->deliveries().ClaimDue(T0() + Duration(30'000), {}, 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempts, 1);
}

TEST_F(DeliveryStoreTest, RequeuesWorkLeftInFlightByACrash) {
  TempDbFile file;
  {
    auto opened = OpenSqliteStore(file.path());
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    org_ = MakeOrg("Vestec", "+420700000001");
    MessageId id = Send({"+420720000001", "+420720000002"}, MessageAt(T0()));
    auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
    ASSERT_EQ(claimed->size(), 2u);
    std::vector<SubmittedPart> parts{{(*claimed)[0].id, 1, 1, "smpp", "gw-1"}};
    ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0()).ok());
    (void)id;
    store_.reset();  // the "crash": nothing else is written
  }
  auto reopened = OpenSqliteStore(file.path());
  ASSERT_TRUE(reopened.ok());
  store_ = std::move(*reopened);
  EXPECT_EQ(*store_->deliveries().RequeueInFlight(T0() + Duration(1)), 1);
  auto again = store_->deliveries().ClaimDue(T0() + Duration(1), {}, 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(*store_->deliveries().RequeueInFlight(T0() + Duration(2)), 1);
  store_.reset();
}

TEST_F(DeliveryStoreTest, CancelledDeliveriesAreNotClaimed) {
  MessageId id = Send({"+420720000001"}, MessageAt(T0()));
  EXPECT_EQ(*store_->messages().Cancel(org_, id, T0()), 1);
  EXPECT_TRUE(store_->deliveries().ClaimDue(T0(), {}, 10)->empty());
  EXPECT_FALSE(store_->deliveries().NextDueAt()->has_value());
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
