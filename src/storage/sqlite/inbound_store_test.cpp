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

TEST_F(InboundStoreTest, ThreadsGroupRepliesPerSenderNewestFirstWithUnreadCounts) {
  const ContactId novak = AddContact("+420720000001", "Čížek");
  auto reply = [&](const std::string& from, int at, bool read) {
    auto stored = store_->inbound().Insert(Sms(from, T0() + Duration(at)));
    EXPECT_TRUE(stored.ok());
    EXPECT_TRUE(store_->inbound()
                    .Classify(stored->id, domain::InboundKind::kReply, std::nullopt, std::nullopt)
                    .ok());
    if (read) {
      EXPECT_TRUE(store_->inbound().MarkRead(org_, stored->id, true).ok());
    }
    return stored->id;
  };
  reply("+420720000001", 0, true);
  reply("+420720000002", 10, false);
  const InboundId newest_of_first = reply("+420720000001", 20, false);
  reply("+420720000003", 30, true);
  // A registration SMS is no reply; an erased sender's SMS is no thread.
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000004", T0() + Duration(40))).ok());
  reply("anonymized", 50, false);

  InboundThreadFilter replies;
  replies.kind = domain::InboundKind::kReply;
  auto page = store_->inbound().Threads(org_, replies, Page{});
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].phone, "+420720000003");
  EXPECT_EQ(page->items[1].phone, "+420720000001");
  EXPECT_EQ(page->items[1].last.id, newest_of_first);
  EXPECT_EQ(page->items[1].count, 2);
  EXPECT_EQ(page->items[1].unread, 1);
  EXPECT_EQ(*page->items[1].contact_id, novak);
  EXPECT_EQ(page->items[1].contact_name, "Čížek Jan");
  EXPECT_FALSE(page->items[2].contact_id.has_value());
  EXPECT_EQ(page->items[2].contact_name, "");

  InboundThreadFilter unread = replies;
  unread.unread_only = true;
  auto unread_page = store_->inbound().Threads(org_, unread, Page{});
  ASSERT_EQ(unread_page->total, 2);
  EXPECT_EQ(unread_page->items[0].phone, "+420720000001");

  auto second = store_->inbound().Threads(org_, replies, Page{1, 1});
  ASSERT_EQ(second->total, 3);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].phone, "+420720000001");
  EXPECT_TRUE(store_->inbound().Threads(org_, replies, Page{10, 5})->items.empty());

  EXPECT_EQ(store_->inbound().Threads(org_, InboundThreadFilter{}, Page{})->total, 4);
}

TEST_F(InboundStoreTest, ThreadSearchMatchesPhoneDigitsOrTheContactsNameWithoutAccents) {
  AddContact("+420720000001", "Čížek");
  AddContact("+420731555666", "Dvořák");
  for (const char* from : {"+420720000001", "+420731555666", "+420777000111"}) {
    ASSERT_TRUE(store_->inbound().Insert(Sms(from, T0())).ok());
  }
  auto search = [&](const std::string& q) {
    InboundThreadFilter f;
    f.q = q;
    auto page = store_->inbound().Threads(org_, f, Page{});
    EXPECT_TRUE(page.ok());
    std::vector<std::string> phones;
    for (const auto& th : page->items) phones.push_back(th.phone);
    return phones;
  };
  EXPECT_EQ(search("cizek"), std::vector<std::string>{"+420720000001"});
  EXPECT_EQ(search(" DVOŘ "), std::vector<std::string>{"+420731555666"});
  EXPECT_EQ(search("777 000"), std::vector<std::string>{"+420777000111"});
  EXPECT_EQ(search("777000"), std::vector<std::string>{"+420777000111"});
  EXPECT_EQ(search("+420 731"), std::vector<std::string>{"+420731555666"});
  EXPECT_EQ(search("100%_"), std::vector<std::string>{});
}

TEST_F(InboundStoreTest, MarkAllReadFromMarksOneSendersUnreadSmsOnly) {
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000001", T0())).ok());
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000001", T0() + Duration(1))).ok());
  ASSERT_TRUE(store_->inbound().Insert(Sms("+420720000002", T0() + Duration(2))).ok());
  EXPECT_EQ(*store_->inbound().MarkAllReadFrom(org_, "+420720000001"), 2);
  EXPECT_EQ(*store_->inbound().MarkAllReadFrom(org_, "+420720000001"), 0);
  InboundThreadFilter unread;
  unread.unread_only = true;
  auto page = store_->inbound().Threads(org_, unread, Page{});
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].phone, "+420720000002");
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
