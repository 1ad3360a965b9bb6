#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class InboundStoreTest : public StoreTest {
 protected:
  domain::InboundSms Sms(const std::string& from, TimePoint at) {
    domain::InboundSms s;
    s.org_id = org_;
    s.from = from;
    s.to = "+420700000001";
    s.text = "*P Novák,Jan,Hlavní 12";
    s.received_at = at;
    s.gateway = "smpp";
    return s;
  }
  InboundPart Part(int seq, TimePoint at, int ref = 7) {
    InboundPart p;
    p.org_id = org_;
    p.from = "+420720000001";
    p.to = "+420700000001";
    p.ref = ref;
    p.total = 2;
    p.seq = seq;
    p.text = "part" + std::to_string(seq);
    p.gateway = "smpp";
    p.received_at = at;
    return p;
  }
};

TEST_F(InboundStoreTest, InsertsClassifiesAndMarksRead) {
  auto stored = store_->inbound().Insert(Sms("+420720000001", T0()));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(store_->inbound().ListPending(10)->size(), 1u);
  ASSERT_TRUE(store_->inbound()
                  .Classify(stored->id, domain::InboundKind::kReply, ContactId(3), MessageId(4))
                  .ok());
  ASSERT_TRUE(store_->inbound().MarkRead(org_, stored->id, true).ok());
  auto got = store_->inbound().Get(org_, stored->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->kind, domain::InboundKind::kReply);
  EXPECT_EQ(*got->contact_id, ContactId(3));
  EXPECT_EQ(*got->in_reply_to, MessageId(4));
  EXPECT_TRUE(got->read);
  EXPECT_EQ(got->text, "*P Novák,Jan,Hlavní 12");
  EXPECT_TRUE(store_->inbound().ListPending(10)->empty());
  EXPECT_EQ(store_->inbound()
                .Classify(InboundId(99), domain::InboundKind::kReply, std::nullopt, std::nullopt)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->inbound().MarkRead(org_, InboundId(99), true).error().code,
            ErrorCode::kNotFound);
}

TEST_F(InboundStoreTest, ListsAndCountsBySender) {
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000001", T0())).ok());
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000001", T0() + Duration(10))).ok());
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000002", T0() + Duration(20))).ok());
  InboundFilter from;
  from.from = "+420720000001";
  auto page = store_->inbound().List(org_, from, Page{});
  ASSERT_EQ(page->total, 2);
  EXPECT_EQ(page->items[0].received_at, T0() + Duration(10));
  EXPECT_EQ(*store_->inbound().CountFrom(org_, "+420720000001", T0() + Duration(5)), 1);
  InboundFilter pending;
  pending.kind = domain::InboundKind::kPending;
  EXPECT_EQ(store_->inbound().List(org_, pending, Page{})->total, 3);
}

TEST_F(InboundStoreTest, StagesPartsKeepingTheFirstCopy) {
  ASSERT_TRUE(store_->inbound().StorePart(Part(2, T0())).ok());
  InboundPart duplicate = Part(2, T0() + Duration(5));
  duplicate.text = "changed";
  ASSERT_TRUE(store_->inbound().StorePart(duplicate).ok());
  ASSERT_TRUE(store_->inbound().StorePart(Part(1, T0() + Duration(1))).ok());
  auto parts = store_->inbound().PartsOf(org_, "+420720000001", 7, 2);
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].seq, 1);
  EXPECT_EQ((*parts)[1].text, "part2");
  ASSERT_TRUE(store_->inbound().DeletePartsOf(org_, "+420720000001", 7, 2).ok());
  EXPECT_TRUE(store_->inbound().PartsOf(org_, "+420720000001", 7, 2)->empty());
}

TEST_F(InboundStoreTest, StalePartsReturnsOnePartPerAbandonedSms) {
  ASSERT_TRUE(store_->inbound().StorePart(Part(1, T0(), 1)).ok());
  ASSERT_TRUE(store_->inbound().StorePart(Part(2, T0() + Duration(500), 1)).ok());
  ASSERT_TRUE(store_->inbound().StorePart(Part(2, T0() + Duration(2000), 2)).ok());
  auto stale = store_->inbound().StaleParts(T0() + Duration(1000));
  ASSERT_TRUE(stale.ok());
  ASSERT_EQ(stale->size(), 1u);
  EXPECT_EQ((*stale)[0].ref, 1);
  EXPECT_EQ((*stale)[0].seq, 1);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
