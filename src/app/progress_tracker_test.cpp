#include "app/progress_tracker.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

class ProgressTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    domain::Organization o;
    o.name = "Vestec";
    org_ = store_->organizations().Create(o)->id;
  }
  MessageId Send(const std::string& phone) {
    domain::Message m;
    m.org_id = org_;
    m.body = m.text = "Voda";
    m.send_at = m.created_at = FromUnixMillis(1'800'000'000'000);
    m.expires_at = m.send_at + std::chrono::hours(1);
    storage::RecipientSelection to;
    to.phones = {phone};
    return store_->messages().Create(m, to)->id;
  }
  std::unique_ptr<storage::Store> store_;
  OrgId org_;
  EventBus bus_;
};

TEST_F(ProgressTrackerTest, PublishesCountsWhenTheyChangeAndForgetsFinishedMessages) {
  ProgressTracker tracker(*store_, bus_);
  auto sub = bus_.Subscribe(org_);
  MessageId id = Send("+420720000001");
  tracker.Track(org_, id);
  EXPECT_EQ(tracker.Poll(), 1u);
  auto first = sub->Take();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].type, "message");
  EXPECT_EQ(first[0].id, id.value);
  EXPECT_EQ(first[0].counts.at("queued"), 1);
  EXPECT_EQ(tracker.Poll(), 0u) << "unchanged counts are not published again";

  const TimePoint now = FromUnixMillis(1'800'000'000'000);
  auto claimed = store_->deliveries().ClaimDue(now, {}, 10);
  ASSERT_EQ(claimed->size(), 1u);
  storage::SubmittedPart part{(*claimed)[0].id, 1, 1, "sim", "g1"};
  ASSERT_TRUE(store_->deliveries().RecordSubmitted({&part, 1}, now).ok());
  storage::Receipt receipt{"sim", "g1", storage::ReceiptState::kDelivered, "", now};
  ASSERT_TRUE(store_->deliveries().RecordReceipts({&receipt, 1}, now).ok());
  tracker.Notify();
  EXPECT_EQ(tracker.Poll(), 1u);
  auto last = sub->Take();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].counts.at("delivered"), 1);
  EXPECT_EQ(tracker.watched(), 0u);
}

TEST_F(ProgressTrackerTest, EventsGoOnlyToTheMessagesOrganization) {
  ProgressTracker tracker(*store_, bus_);
  auto other = bus_.Subscribe(OrgId(org_.value + 1));
  tracker.Track(org_, Send("+420720000001"));
  tracker.Poll();
  EXPECT_TRUE(other->Take().empty());
}

}  // namespace
}  // namespace smsinfo::app
