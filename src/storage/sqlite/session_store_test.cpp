// Tests of the stores added for the office web application (issue #4): sessions, templates,
// overview counts, deliveries by phone, and the message and audit filters they use.
#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

class OfficeStoreTest : public StoreTest {
 protected:
  UserId MakeUser(const std::string& name) {
    domain::User u;
    u.org_id = org_;
    u.username = name;
    u.password_hash = "x";
    u.created_at = T0();
    auto created = store_->users().Create(u);
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->id : UserId();
  }
  Session SessionFor(UserId user, const std::string& hash) {
    Session s;
    s.id_hash = hash;
    s.user_id = user;
    s.org_id = org_;
    s.csrf_token = "csrf-" + hash;
    s.created_at = T0();
    s.last_seen_at = T0();
    s.expires_at = T0() + std::chrono::hours(24 * 7);
    return s;
  }
  MessageId Send(const std::vector<std::string>& phones, domain::Message m) {
    RecipientSelection to;
    to.phones = phones;
    auto created = store_->messages().Create(m, to);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : MessageId();
  }
};

TEST_F(OfficeStoreTest, SessionIsFoundByHashTouchedAndDeleted) {
  UserId user = MakeUser("eva");
  ASSERT_TRUE(store_->sessions().Create(SessionFor(user, "h1")).ok());
  auto found = store_->sessions().Find("h1");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->user_id, user);
  EXPECT_EQ(found->org_id, org_);
  EXPECT_EQ(found->csrf_token, "csrf-h1");
  EXPECT_EQ(found->expires_at, T0() + std::chrono::hours(24 * 7));
  ASSERT_TRUE(store_->sessions().Touch("h1", T0() + std::chrono::minutes(5)).ok());
  EXPECT_EQ(store_->sessions().Find("h1")->last_seen_at, T0() + std::chrono::minutes(5));
  ASSERT_TRUE(store_->sessions().Delete("h1").ok());
  EXPECT_EQ(store_->sessions().Find("h1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->sessions().Delete("h1").ok());
}

TEST_F(OfficeStoreTest, DeleteForUserRemovesOnlyThatUsersSessions) {
  UserId eva = MakeUser("eva");
  UserId jan = MakeUser("jan");
  ASSERT_TRUE(store_->sessions().Create(SessionFor(eva, "a")).ok());
  ASSERT_TRUE(store_->sessions().Create(SessionFor(eva, "b")).ok());
  ASSERT_TRUE(store_->sessions().Create(SessionFor(jan, "c")).ok());
  EXPECT_EQ(*store_->sessions().DeleteForUser(eva), 2);
  EXPECT_FALSE(store_->sessions().Find("a").ok());
  EXPECT_TRUE(store_->sessions().Find("c").ok());
}

TEST_F(OfficeStoreTest, DeleteExpiredRemovesIdleAndPastAbsoluteEnd) {
  UserId eva = MakeUser("eva");
  Session idle = SessionFor(eva, "idle");
  Session old = SessionFor(eva, "old");
  old.last_seen_at = T0() + std::chrono::hours(10);
  old.expires_at = T0() + std::chrono::hours(11);
  Session fresh = SessionFor(eva, "fresh");
  fresh.last_seen_at = T0() + std::chrono::hours(10);
  for (const Session& s : {idle, old, fresh}) ASSERT_TRUE(store_->sessions().Create(s).ok());
  EXPECT_EQ(*store_->sessions().DeleteExpired(T0() + std::chrono::hours(1),
                                              T0() + std::chrono::hours(12)),
            2);
  EXPECT_TRUE(store_->sessions().Find("fresh").ok());
}

TEST_F(OfficeStoreTest, TemplatesAreListedByNameAndNamesAreUniquePerOrganization) {
  MessageTemplate t;
  t.org_id = org_;
  t.name = "Voda";
  t.text = "Nepoteče voda";
  t.created_at = T0();
  auto water = store_->templates().Create(t);
  ASSERT_TRUE(water.ok());
  t.name = "Elektřina";
  ASSERT_TRUE(store_->templates().Create(t).ok());
  t.name = "Voda";
  EXPECT_EQ(store_->templates().Create(t).error().code, ErrorCode::kConflict);
  OrgId other = MakeOrg("Jesenice", "+420700000002");
  t.org_id = other;
  EXPECT_TRUE(store_->templates().Create(t).ok());
  auto list = store_->templates().List(org_);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Elektřina");
  EXPECT_EQ(store_->templates().Delete(other, water->id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->templates().Delete(org_, water->id).ok());
  EXPECT_EQ(store_->templates().List(org_)->size(), 1u);
}

TEST_F(OfficeStoreTest, TotalsCountMessagesOfThePeriodWithoutConfirmations) {
  MessageId in_month = Send({"+420720000001", "+420720000002"}, MessageAt(T0(), 0, 2));
  domain::Message confirmation = MessageAt(T0());
  confirmation.kind = domain::MessageKind::kConfirmation;
  Send({"+420720000003"}, confirmation);
  Send({"+420720000004"}, MessageAt(T0() - std::chrono::hours(24 * 40)));
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  ASSERT_TRUE(claimed.ok());
  std::vector<SubmittedPart> parts;
  for (const auto& c : *claimed) {
    if (c.message_id != in_month || c.phone != "+420720000001") continue;
    parts.push_back({c.id, 1, 2, "sim", "g1"});
    parts.push_back({c.id, 2, 2, "sim", "g2"});
  }
  ASSERT_TRUE(store_->deliveries().RecordSubmitted(parts, T0()).ok());
  std::vector<Receipt> receipts{{"sim", "g1", ReceiptState::kDelivered, "", T0()},
                                {"sim", "g2", ReceiptState::kDelivered, "", T0()}};
  ASSERT_TRUE(store_->deliveries().RecordReceipts(receipts, T0()).ok());
  auto totals =
      store_->reports().Totals(org_, T0() - std::chrono::hours(24), T0() + std::chrono::hours(24));
  ASSERT_TRUE(totals.ok()) << totals.error().message;
  EXPECT_EQ(totals->messages, 1);
  EXPECT_EQ(totals->recipients, 2);
  EXPECT_EQ(totals->delivered, 1);
  EXPECT_EQ(totals->segments, 4);
}

TEST_F(OfficeStoreTest, UnreadRepliesCountsOnlyUnreadReplies) {
  domain::InboundSms sms;
  sms.org_id = org_;
  sms.from = "+420720000001";
  sms.to = "+420700000001";
  sms.text = "Děkuji";
  sms.received_at = T0();
  auto a = store_->inbound().Insert(sms);
  auto b = store_->inbound().Insert(sms);
  auto c = store_->inbound().Insert(sms);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  for (auto id : {a->id, b->id}) {
    ASSERT_TRUE(store_->inbound().Classify(id, domain::InboundKind::kReply, {}, {}).ok());
  }
  ASSERT_TRUE(store_->inbound().MarkRead(org_, a->id, true).ok());
  EXPECT_EQ(*store_->reports().UnreadReplies(org_), 1);
}

TEST_F(OfficeStoreTest, MessagesFilterByPhoneAndDeliveriesToPhoneCarryTheText) {
  MessageId first = Send({"+420720000001", "+420720000002"}, MessageAt(T0()));
  Send({"+420720000002"}, MessageAt(T0()));
  MessageFilter f;
  f.phone = "+420720000001";
  auto list = store_->messages().List(org_, f, Page{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].id, first);
  f.phone = "+420720000002";
  EXPECT_EQ(store_->messages().List(org_, f, Page{})->total, 2);
  auto to = store_->privacy().DeliveriesTo(org_, "+420720000002", 10);
  ASSERT_TRUE(to.ok());
  ASSERT_EQ(to->size(), 2u);
  EXPECT_EQ((*to)[1].delivery.message_id, first);
  EXPECT_EQ((*to)[1].message_text, "SMS Info OU: Voda nepotece");
}

TEST_F(OfficeStoreTest, AuditListFiltersByTime) {
  for (int hour : {1, 2, 3}) {
    domain::AuditEntry e;
    e.org_id = org_;
    e.actor = "eva";
    e.action = "message.send";
    e.at = T0() + std::chrono::hours(hour);
    ASSERT_TRUE(store_->audit().Append(e).ok());
  }
  AuditFilter f;
  f.from = T0() + std::chrono::hours(2);
  EXPECT_EQ(store_->audit().List(org_, f, Page{})->total, 2);
  f.to = T0() + std::chrono::hours(3);
  EXPECT_EQ(store_->audit().List(org_, f, Page{})->total, 1);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
