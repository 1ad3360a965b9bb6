#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite/store_test_support.hpp"

namespace smsinfo::storage::sqlite {
namespace {

using domain::DeliveryState;
using MessageStoreTest = StoreTest;

std::vector<std::string> PhonesOf(Store& store, OrgId org, MessageId id) {
  auto page = store.messages().ListDeliveries(org, id, DeliveryFilter{}, Page{1000, 0});
  std::vector<std::string> phones;
  if (!page.ok()) return phones;
  for (const auto& d : page->items) phones.push_back(d.phone);
  std::sort(phones.begin(), phones.end());
  return phones;
}

TEST_F(MessageStoreTest, DeduplicatesRecipientsAcrossContactsGroupsStreetsAndPhones) {
  GroupId g = AddGroup("G");
  ContactId a = AddContact("+420720000001", "A", "Hlavní");
  ContactId b = AddContact("+420720000002", "B", "Lipová");
  AddContact("+420720000003", "C", "Hlavní");
  std::vector<ContactId> members{a, b};
  ASSERT_TRUE(store_->groups().AddMembers(org_, g, members).ok());
  RecipientSelection to;
  to.contacts = {a};
  to.groups = {g};
  to.streets = {"HLAVNI"};
  to.phones = {"+420720000002", "+420777000000"};
  auto created = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->recipients, 4);
  EXPECT_EQ(PhonesOf(*store_, org_, created->id),
            (std::vector<std::string>{"+420720000001", "+420720000002", "+420720000003",
                                      "+420777000000"}));
  DeliveryFilter by_phone;
  by_phone.phone = "+420720000002";
  auto linked = store_->messages().ListDeliveries(org_, created->id, by_phone, Page{});
  ASSERT_EQ(linked->items.size(), 1u);
  EXPECT_EQ(*linked->items[0].contact_id, b);
}

TEST_F(MessageStoreTest, AllMeansEveryActiveContact) {
  AddContact("+420720000001");
  domain::Contact off = ContactFor("+420720000002");
  off.status = domain::ContactStatus::kInactive;
  ASSERT_TRUE(store_->contacts().Create(off).ok());
  RecipientSelection to;
  to.all = true;
  auto created = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->recipients, 1);
}

TEST_F(MessageStoreTest, CountRecipientsAgreesWithCreateAndWritesNothing) {
  GroupId g = AddGroup("G");
  ContactId a = AddContact("+420720000001", "A", "Hlavní");
  ContactId b = AddContact("+420720000002", "B", "Lipová");
  AddContact("+420720000003", "C", "Hlavní");
  domain::Contact off = ContactFor("+420720000004");
  off.status = domain::ContactStatus::kInactive;
  ASSERT_TRUE(store_->contacts().Create(off).ok());
  std::vector<ContactId> members{a, b};
  ASSERT_TRUE(store_->groups().AddMembers(org_, g, members).ok());

  RecipientSelection mixed;
  mixed.contacts = {a};
  mixed.groups = {g};
  mixed.streets = {"HLAVNI"};
  mixed.phones = {"+420720000002", "+420777000000"};
  RecipientSelection everyone;
  everyone.all = true;
  everyone.streets = {"Lipová"};
  // A raw number of an inactive contact is sent to (named explicitly); a repeated one once.
  everyone.phones = {"+420720000001", "+420720000004", "+420777000000", "+420777000000"};
  RecipientSelection everyone_and_group = everyone;
  everyone_and_group.groups = {g};
  std::int64_t messages = 0;
  for (const RecipientSelection& to : {mixed, everyone, everyone_and_group}) {
    auto counted = store_->messages().CountRecipients(org_, to);
    ASSERT_TRUE(counted.ok()) << counted.error().message;
    EXPECT_EQ(store_->messages().List(org_, MessageFilter{}, Page{})->total, messages++);
    auto created = store_->messages().Create(MessageAt(T0()), to);
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(*counted, created->recipients);
  }
  EXPECT_EQ(*store_->messages().CountRecipients(org_, mixed), 4);
  EXPECT_EQ(*store_->messages().CountRecipients(org_, everyone), 5);
  EXPECT_EQ(*store_->messages().CountRecipients(org_, RecipientSelection{}), 0);
  RecipientSelection nobody_on_street;
  nobody_on_street.streets = {"Neexistující"};
  EXPECT_EQ(*store_->messages().CountRecipients(org_, nobody_on_street), 0);
  RecipientSelection unknown_group;
  unknown_group.all = true;
  unknown_group.groups = {GroupId(999)};
  EXPECT_EQ(store_->messages().CountRecipients(org_, unknown_group).error().code,
            ErrorCode::kNotFound);
}

TEST_F(MessageStoreTest, UnknownContactOrGroupWritesNothing) {
  AddContact("+420720000001");
  RecipientSelection to;
  to.all = true;
  to.groups = {GroupId(42)};
  auto created = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kNotFound);
  RecipientSelection unknown_contact;
  unknown_contact.contacts = {ContactId(42)};
  EXPECT_EQ(store_->messages().Create(MessageAt(T0()), unknown_contact).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->messages().List(org_, MessageFilter{}, Page{})->total, 0);
  EXPECT_FALSE(store_->messages().LastMessageTo(org_, "+420720000001")->has_value());
}

TEST_F(MessageStoreTest, NobodySelectedIsInvalidInput) {
  EXPECT_EQ(store_->messages().Create(MessageAt(T0()), RecipientSelection{}).error().code,
            ErrorCode::kInvalidInput);
  RecipientSelection empty_street;
  empty_street.streets = {"Nikde"};
  EXPECT_EQ(store_->messages().Create(MessageAt(T0()), empty_street).error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(MessageStoreTest, GetAndListFillRecipientsAndCounts) {
  RecipientSelection to;
  to.phones = {"+420720000001", "+420720000002"};
  auto first = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(first.ok());
  domain::Message second_message = MessageAt(T0());
  second_message.body = "Svoz odpadu";
  second_message.kind = domain::MessageKind::kReply;
  auto second = store_->messages().Create(second_message, to);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*store_->messages().Cancel(org_, first->id, T0()), 2);

  auto got = store_->messages().Get(org_, first->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->recipients, 2);
  EXPECT_EQ(got->counts[DeliveryState::kCancelled], 2);
  EXPECT_EQ(got->body, "Voda nepoteče");

  auto list = store_->messages().List(org_, MessageFilter{}, Page{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 2);
  EXPECT_EQ(list->items[0].id, second->id);  // newest first
  EXPECT_EQ(list->items[0].counts[DeliveryState::kQueued], 2);
  EXPECT_EQ(list->items[1].counts[DeliveryState::kCancelled], 2);

  MessageFilter by_body;
  by_body.q = "odpad";
  EXPECT_EQ(store_->messages().List(org_, by_body, Page{})->total, 1);
  MessageFilter by_kind;
  by_kind.kind = domain::MessageKind::kReply;
  EXPECT_EQ(store_->messages().List(org_, by_kind, Page{})->total, 1);
  EXPECT_EQ(store_->messages().Get(org_, MessageId(99)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(**store_->messages().LastMessageTo(org_, "+420720000002"), second->id);
}

TEST_F(MessageStoreTest, MessagesOfAnotherOrganizationAreInvisible) {
  RecipientSelection to;
  to.phones = {"+420720000001"};
  auto created = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(created.ok());
  OrgId other = MakeOrg("Jesenice", "+420700000002");
  EXPECT_EQ(store_->messages().Get(other, created->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->messages().Cancel(other, created->id, T0()).error().code, ErrorCode::kNotFound);
}

TEST_F(MessageStoreTest, RetryFailedRequeuesFinalFailures) {
  RecipientSelection to;
  to.phones = {"+420720000001", "+420720000002"};
  auto created = store_->messages().Create(MessageAt(T0()), to);
  ASSERT_TRUE(created.ok());
  auto claimed = store_->deliveries().ClaimDue(T0(), {}, 10);
  ASSERT_EQ(claimed->size(), 2u);
  std::vector<SubmitFailure> failures{{(*claimed)[0].id, true, std::nullopt, "rejected"}};
  ASSERT_TRUE(store_->deliveries().RecordSubmitFailures(failures, T0()).ok());
  DeliveryFilter failed;
  failed.state = DeliveryState::kFailed;
  auto failed_page = store_->messages().ListDeliveries(org_, created->id, failed, Page{});
  ASSERT_EQ(failed_page->total, 1);
  EXPECT_EQ(failed_page->items[0].error, "rejected");
  EXPECT_EQ(failed_page->items[0].attempts, 1);
  EXPECT_EQ(*store_->messages().RetryFailed(org_, created->id, T0() + Duration(5)), 1);
  auto again = store_->deliveries().ClaimDue(T0() + Duration(5), {}, 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, (*claimed)[0].id);
  EXPECT_EQ((*again)[0].attempts, 1);
}

TEST_F(MessageStoreTest, CreateJoinsAnOuterTransactionAndRollsBackWithIt) {
  RecipientSelection to;
  to.phones = {"+420720000001"};
  auto result = store_->InTransaction([&]() -> Result<void> {
    auto created = store_->messages().Create(MessageAt(T0()), to);
    if (!created.ok()) return created.error();
    return Error::InvalidInput("changed my mind");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(store_->messages().List(org_, MessageFilter{}, Page{})->total, 0);
  EXPECT_FALSE(store_->deliveries().NextDueAt()->has_value());
}

}  // namespace
}  // namespace smsinfo::storage::sqlite
