#include <gtest/gtest.h>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

using AuditStoreTest = StoreTest;

TEST_F(AuditStoreTest, AppendsAndFiltersByActionPrefixAndUser) {
  for (const char* action : {"message.send", "message.cancel", "contact.create"}) {
    domain::AuditEntry e;
    e.org_id = org_;
    e.user_id = UserId(std::string(action) == "contact.create" ? 2 : 1);
    e.actor = "admin";
    e.action = action;
    e.object = "message:1";
    e.at = T0();
    ASSERT_TRUE(store_->audit().Append(e).ok());
  }
  AuditFilter messages;
  messages.action = "message.";
  auto page = store_->audit().List(org_, messages, Page{});
  ASSERT_EQ(page->total, 2);
  EXPECT_EQ(page->items[0].action, "message.cancel");
  AuditFilter by_user;
  by_user.user = UserId(2);
  EXPECT_EQ(store_->audit().List(org_, by_user, Page{})->total, 1);
  AuditFilter wildcard;
  wildcard.action = "%";
  EXPECT_EQ(store_->audit().List(org_, wildcard, Page{})->total, 0);
  EXPECT_EQ(store_->audit().List(org_, AuditFilter{}, Page{})->total, 3);
}

using PrivacyStoreTest = StoreTest;

TEST_F(PrivacyStoreTest, ErasesThePhoneEverywhereButUnfinishedDeliveries) {
  const std::string phone = "+420720000001";
  GroupId g = AddGroup("G");
  domain::Contact c = ContactFor(phone);
  c.groups = {g};
  ASSERT_TRUE(store_->contacts().Create(c).ok());
  domain::Registration r;
  r.org_id = org_;
  r.phone = phone;
  ASSERT_TRUE(store_->registrations().Create(r).ok());
  domain::InboundSms sms;
  sms.org_id = org_;
  sms.from = phone;
  sms.text = "*P Novák";
  sms.kind = domain::InboundKind::kRegistration;
  auto stored = store_->inbound().Insert(sms);
  ASSERT_TRUE(stored.ok());
  RecipientSelection to;
  to.phones = {phone};
  auto done = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(done.ok());
  ASSERT_EQ(*store_->messages().Cancel(org_, done->id, T0()), 1);
  auto open = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(open.ok());

  auto touched = store_->privacy().ErasePhone(org_, phone);
  ASSERT_TRUE(touched.ok());
  // membership + contact + registration + inbound + finished delivery
  EXPECT_EQ(*touched, 5);
  EXPECT_EQ(store_->contacts().FindByPhone(org_, phone).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->groups().Get(org_, g)->member_count, 0);
  RegistrationFilter by_phone;
  by_phone.phone = phone;
  EXPECT_EQ(store_->registrations().List(org_, by_phone, Page{})->total, 0);
  auto anonymized = store_->inbound().Get(org_, stored->id);
  EXPECT_EQ(anonymized->from, "anonymized");
  EXPECT_EQ(anonymized->text, "");
  EXPECT_EQ(anonymized->kind, domain::InboundKind::kRegistration);
  auto finished = store_->messages().ListDeliveries(org_, done->id, DeliveryFilter{}, Page{});
  EXPECT_EQ(finished->items[0].phone, "");
  auto pending = store_->messages().ListDeliveries(org_, open->id, DeliveryFilter{}, Page{});
  EXPECT_EQ(pending->items[0].phone, phone);
}

TEST_F(PrivacyStoreTest, TheErasureConfirmationLosesItsPhoneOnceItIsFinal) {
  const std::string phone = "+420720000002";
  domain::InboundSms sms;
  sms.org_id = org_;
  sms.from = phone;
  sms.text = "*P";
  sms.kind = domain::InboundKind::kUnregistration;
  auto unregister = store_->inbound().Insert(sms);
  ASSERT_TRUE(unregister.ok());
  sms.text = "Dekuji";
  sms.kind = domain::InboundKind::kReply;
  auto other_phone_reply = sms;
  other_phone_reply.from = "+420720000003";
  auto kept = store_->inbound().Insert(other_phone_reply);
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(store_->privacy().ErasePhone(org_, phone).ok());

  RecipientSelection to;
  to.phones = {phone};
  domain::Message confirmation = MessageAt(T0());
  confirmation.in_reply_to = unregister->id;
  auto sent = store_->messages().Create(confirmation, to);
  ASSERT_TRUE(sent.ok());
  RecipientSelection other;
  other.phones = {"+420720000003"};
  domain::Message answer = MessageAt(T0());
  answer.in_reply_to = kept->id;
  auto answered = store_->messages().Create(answer, other);
  ASSERT_TRUE(answered.ok());
  ASSERT_EQ(*store_->messages().Cancel(org_, answered->id, T0()), 1);

  // Not final yet: the phone is needed to send it.
  EXPECT_EQ(*store_->privacy().ForgetPhonesOfFinishedErasureReplies(), 0);
  ASSERT_EQ(*store_->messages().Cancel(org_, sent->id, T0()), 1);
  EXPECT_EQ(*store_->privacy().ForgetPhonesOfFinishedErasureReplies(), 1);
  EXPECT_EQ(
      store_->messages().ListDeliveries(org_, sent->id, DeliveryFilter{}, Page{})->items[0].phone,
      "");
  // An answer to someone who did not unregister keeps its phone.
  EXPECT_EQ(store_->messages()
                .ListDeliveries(org_, answered->id, DeliveryFilter{}, Page{})
                ->items[0]
                .phone,
            "+420720000003");
  EXPECT_EQ(*store_->privacy().ForgetPhonesOfFinishedErasureReplies(), 0);
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
