// InboundProcessor, RegistrationService and SystemMessages against a real in-memory SQLite
// store, the real residence matcher and a fake clock.
#include "inbound/inbound_processor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "inbound/registration_service.hpp"
#include "inbound/system_messages.hpp"
#include "residents/matcher.hpp"
#include "residents/normalize.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::inbound {
namespace {

using domain::InboundKind;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kCentral = "+420720001676";
constexpr const char* kCitizen = "+420777111222";

// What one phone was sent: the message and its delivery to that phone.
struct Sent {
  domain::Message message;
  domain::Delivery delivery;
};

class InboundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    domain::Organization org;
    org.name = "Vestec";
    org.central_number = kCentral;
    auto created = store_->organizations().Create(org);
    ASSERT_TRUE(created.ok()) << created.error().message;
    org_ = *created;
    ImportResidents();
    Build();
  }

  // (Re)creates the services, as a restart would; the store stays.
  void Build(InboundConfig config = {}) {
    processor_.reset();
    registrations_.reset();
    messages_.reset();
    matcher_ = std::make_unique<residents::Matcher>(store_->residents(), "Vestec");
    messages_ = std::make_unique<SystemMessages>(*store_, clock_, [this] { ++wakes_; });
    registrations_ = std::make_unique<RegistrationService>(*store_, clock_, *matcher_, *messages_);
    processor_ =
        std::make_unique<InboundProcessor>(*store_, clock_, *registrations_, *messages_, config);
  }

  void ImportResidents() {
    std::vector<domain::Resident> people;
    auto add = [&](std::string surname, std::string first, std::string street, std::string house,
                   std::string orientation) {
      domain::Resident r;
      r.org_id = org_.id;
      r.surname = std::move(surname);
      r.first_name = std::move(first);
      r.street = std::move(street);
      r.house_number = std::move(house);
      r.orientation_number = std::move(orientation);
      r.municipality = "Vestec";
      people.push_back(r);
    };
    add("Novák", "Jan", "Hlavní", "50", "");
    add("Svobodová", "Marie", "Školní", "6", "7");
    add("Dvořák", "Petr", "", "4", "");
    std::vector<storage::ResidentKeys> keys;
    for (const auto& r : people) {
      keys.push_back({residents::NormalizeKey(r.surname), residents::NormalizeKey(r.first_name),
                      residents::NormalizeKey(r.street)});
    }
    auto stored = store_->residents().ReplaceAll(org_.id, people, keys, clock_.Now());
    ASSERT_TRUE(stored.ok()) << stored.error().message;
  }

  ReceivedPart Sms(const std::string& from, const std::string& text, std::string to = kCentral) {
    ReceivedPart part;
    part.gateway = "simulator";
    part.from = from;
    part.to = std::move(to);
    part.text = text;
    part.received_at = clock_.Now();
    return part;
  }

  ReceivedPart Part(const std::string& from, const std::string& text, int ref, int total, int seq) {
    ReceivedPart part = Sms(from, text);
    part.concat_ref = ref;
    part.concat_total = total;
    part.concat_seq = seq;
    return part;
  }

  InboundKind Handle(const std::string& from, const std::string& text) {
    auto kind = processor_->ReceiveAndProcess(Sms(from, text));
    EXPECT_TRUE(kind.ok()) << kind.error().message;
    EXPECT_TRUE(kind.ok() && kind->has_value());
    return kind.ok() && kind->has_value() ? **kind : InboundKind::kPending;
  }

  std::vector<Sent> SentTo(const std::string& phone) {
    std::vector<Sent> sent;
    auto messages = store_->messages().List(org_.id, {}, storage::Page{1000, 0});
    EXPECT_TRUE(messages.ok());
    if (!messages.ok()) return sent;
    // List is newest first; report oldest first.
    for (auto it = messages->items.rbegin(); it != messages->items.rend(); ++it) {
      storage::DeliveryFilter filter;
      filter.phone = phone;
      auto deliveries =
          store_->messages().ListDeliveries(org_.id, it->id, filter, storage::Page{10, 0});
      EXPECT_TRUE(deliveries.ok());
      if (deliveries.ok() && !deliveries->items.empty()) {
        sent.push_back({*it, deliveries->items.front()});
      }
    }
    return sent;
  }

  std::vector<domain::Registration> RegistrationsOf(const std::string& phone) {
    storage::RegistrationFilter filter;
    filter.phone = phone;
    auto list = store_->registrations().List(org_.id, filter, storage::Page{100, 0});
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->items : std::vector<domain::Registration>{};
  }

  std::vector<domain::InboundSms> Inbox() {
    auto list = store_->inbound().List(org_.id, {}, storage::Page{1000, 0});
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->items : std::vector<domain::InboundSms>{};
  }

  std::vector<domain::AuditEntry> Audit(const std::string& action) {
    storage::AuditFilter filter;
    filter.action = action;
    auto list = store_->audit().List(org_.id, filter, storage::Page{100, 0});
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->items : std::vector<domain::AuditEntry>{};
  }

  void SetPolicy(domain::RegistrationPolicy policy) {
    org_.registration_policy = policy;
    ASSERT_TRUE(store_->organizations().Update(org_).ok());
  }

  FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  domain::Organization org_;
  std::atomic<int> wakes_ = 0;
  std::unique_ptr<residents::Matcher> matcher_;
  std::unique_ptr<SystemMessages> messages_;
  std::unique_ptr<RegistrationService> registrations_;
  std::unique_ptr<InboundProcessor> processor_;
};

TEST_F(InboundTest, MatchingRegistrationWaitsForTheOfficeAndTheCitizenGetsTheConfirmation) {
  // The number as a Czech phone shows it, without the country code.
  auto kind = processor_->ReceiveAndProcess(Sms("777 111 222", "*P Novak,Jan,Hlavni 50"));
  ASSERT_TRUE(kind.ok()) << kind.error().message;
  EXPECT_EQ(**kind, InboundKind::kRegistration);

  const auto registrations = RegistrationsOf(kCitizen);
  ASSERT_EQ(registrations.size(), 1u);
  const auto& r = registrations[0];
  EXPECT_EQ(r.status, domain::RegistrationStatus::kPending);
  EXPECT_EQ(r.match, domain::MatchOutcome::kMatched);
  ASSERT_TRUE(r.resident_id.has_value());
  auto resident = store_->residents().Get(org_.id, *r.resident_id);
  ASSERT_TRUE(resident.ok());
  EXPECT_EQ(resident->surname, "Novák");
  EXPECT_EQ(r.surname, "Novak");
  EXPECT_EQ(r.street, "Hlavni");
  EXPECT_EQ(r.house_number, "50");

  const auto inbox = Inbox();
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].from, kCitizen);
  EXPECT_EQ(inbox[0].kind, InboundKind::kRegistration);
  EXPECT_EQ(r.inbound_id, inbox[0].id);

  const auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.body, org_.texts.registration_received);
  EXPECT_EQ(sent[0].message.text, "SMS Info OU:" + org_.texts.registration_received);
  EXPECT_EQ(sent[0].message.kind, domain::MessageKind::kConfirmation);
  EXPECT_EQ(sent[0].message.priority, domain::kPrioritySystem);
  EXPECT_EQ(sent[0].message.send_at, clock_.Now());
  EXPECT_EQ(sent[0].message.expires_at, clock_.Now() + hours(24));
  EXPECT_EQ(sent[0].message.in_reply_to, inbox[0].id);
  EXPECT_EQ(sent[0].delivery.state, domain::DeliveryState::kQueued);
  EXPECT_EQ(wakes_, 1);

  const auto audit = Audit("registration.");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "sms");
  EXPECT_EQ(audit[0].action, "registration.create");
  EXPECT_EQ(audit[0].object, "registration:" + std::to_string(r.id.value));

  EXPECT_FALSE(store_->contacts().FindByPhone(org_.id, kCitizen).ok());
}

TEST_F(InboundTest, NewerRegistrationSupersedesThePendingOne) {
  EXPECT_EQ(Handle(kCitizen, "*P Novak,Jan,Hlavni 5"), InboundKind::kRegistration);
  EXPECT_EQ(Handle(kCitizen, "*P Novak,Jan,Hlavni 50"), InboundKind::kRegistration);
  const auto registrations = RegistrationsOf(kCitizen);
  ASSERT_EQ(registrations.size(), 2u);
  int pending = 0;
  for (const auto& r : registrations) {
    if (r.status == domain::RegistrationStatus::kPending) {
      ++pending;
      EXPECT_EQ(r.house_number, "50");
    }
  }
  EXPECT_EQ(pending, 1);
}

TEST_F(InboundTest, AutoApprovePolicyApprovesAMatchedRegistrationAtOnce) {
  SetPolicy(domain::RegistrationPolicy::kAutoApproveMatched);
  EXPECT_EQ(Handle(kCitizen, "*P Novak,Jan,Hlavni c.p. 50,Novak&Syn"), InboundKind::kRegistration);
  const auto registrations = RegistrationsOf(kCitizen);
  ASSERT_EQ(registrations.size(), 1u);
  EXPECT_EQ(registrations[0].status, domain::RegistrationStatus::kApproved);
  EXPECT_EQ(registrations[0].match, domain::MatchOutcome::kMatched);
  EXPECT_FALSE(registrations[0].decided_by.has_value());

  auto contact = store_->contacts().FindByPhone(org_.id, kCitizen);
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->surname, "Novák");  // the register's spelling
  EXPECT_EQ(contact->street, "Hlavní");
  EXPECT_EQ(contact->house_number, "50");
  EXPECT_EQ(contact->company, "Novak&Syn");
  EXPECT_EQ(contact->source, domain::ContactSource::kRegistration);
  EXPECT_EQ(contact->status, domain::ContactStatus::kActive);

  const auto sent = SentTo(kCitizen);  // the approval instead of "received"
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.body, org_.texts.registration_approved);
  EXPECT_EQ(wakes_, 1);
  ASSERT_EQ(Audit("registration.approve").size(), 1u);
  EXPECT_EQ(Audit("registration.approve")[0].actor, "system");
  EXPECT_EQ(Inbox().front().contact_id, contact->id);
}

TEST_F(InboundTest, AutoApprovePolicyLeavesAnUnmatchedRegistrationPending) {
  SetPolicy(domain::RegistrationPolicy::kAutoApproveMatched);
  EXPECT_EQ(Handle(kCitizen, "*P Nekdo,Cizi,Polni 999"), InboundKind::kRegistration);
  const auto registrations = RegistrationsOf(kCitizen);
  ASSERT_EQ(registrations.size(), 1u);
  EXPECT_EQ(registrations[0].status, domain::RegistrationStatus::kPending);
  EXPECT_EQ(registrations[0].match, domain::MatchOutcome::kUnmatched);
  EXPECT_FALSE(store_->contacts().FindByPhone(org_.id, kCitizen).ok());
}

TEST_F(InboundTest, AddressWithoutStreetNameMatchesAndIsStoredWithoutStreet) {
  SetPolicy(domain::RegistrationPolicy::kAutoApproveMatched);
  EXPECT_EQ(Handle(kCitizen, "*P Dvorak,Petr,Vestec 4"), InboundKind::kRegistration);
  const auto r = RegistrationsOf(kCitizen).at(0);
  EXPECT_EQ(r.match, domain::MatchOutcome::kMatched);
  EXPECT_EQ(r.street, "");
  EXPECT_EQ(r.house_number, "4");
  EXPECT_EQ(r.status, domain::RegistrationStatus::kApproved);
}

TEST_F(InboundTest, OfficeApprovalCreatesTheContactAndTellsTheCitizen) {
  EXPECT_EQ(Handle(kCitizen, "*P Svobodova,Marie,Skolni 6/7"), InboundKind::kRegistration);
  const auto pending = RegistrationsOf(kCitizen).at(0);
  clock_.Advance(minutes(30));

  auto approved = registrations_->Approve(org_.id, pending.id, UserId(7), "clerk");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->status, domain::RegistrationStatus::kApproved);
  EXPECT_EQ(approved->decided_by, UserId(7));
  EXPECT_EQ(approved->decided_at, clock_.Now());

  auto contact = store_->contacts().FindByPhone(org_.id, kCitizen);
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->surname, "Svobodová");
  EXPECT_EQ(contact->first_name, "Marie");
  EXPECT_EQ(contact->street, "Školní");
  EXPECT_EQ(contact->house_number, "6");
  EXPECT_EQ(contact->orientation_number, "7");
  EXPECT_EQ(contact->source, domain::ContactSource::kRegistration);

  const auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].message.body, org_.texts.registration_approved);
  EXPECT_EQ(sent[1].message.in_reply_to, pending.inbound_id);
  EXPECT_EQ(wakes_, 2);

  const auto audit = Audit("registration.approve");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].user_id, UserId(7));
  EXPECT_EQ(audit[0].actor, "clerk");

  // A decided registration can't be decided again, and nothing more is written or sent.
  auto again = registrations_->Approve(org_.id, pending.id, UserId(7), "clerk");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(registrations_->Reject(org_.id, pending.id, UserId(7), "clerk").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(SentTo(kCitizen).size(), 2u);
  EXPECT_EQ(Audit("registration.").size(), 2u);
}

TEST_F(InboundTest, ApprovalUpdatesAnExistingContactAndKeepsItsGroups) {
  domain::Group group;
  group.org_id = org_.id;
  group.name = "Hasici";
  auto created_group = store_->groups().Create(group);
  ASSERT_TRUE(created_group.ok());
  domain::Contact contact;
  contact.org_id = org_.id;
  contact.phone = kCitizen;
  contact.surname = "Stary";
  contact.first_name = "Zaznam";
  contact.status = domain::ContactStatus::kInactive;
  contact.groups = {created_group->id};
  contact.created_at = contact.updated_at = clock_.Now();
  auto existing = store_->contacts().Create(contact);
  ASSERT_TRUE(existing.ok()) << existing.error().message;

  EXPECT_EQ(Handle(kCitizen, "*P Nekdo,Novy,Polni 12"), InboundKind::kRegistration);
  const auto r = RegistrationsOf(kCitizen).at(0);
  EXPECT_EQ(Inbox().front().contact_id, existing->id);
  ASSERT_TRUE(registrations_->Approve(org_.id, r.id, UserId(1), "admin").ok());

  auto updated = store_->contacts().FindByPhone(org_.id, kCitizen);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->id, existing->id);
  EXPECT_EQ(updated->surname, "Nekdo");
  EXPECT_EQ(updated->first_name, "Novy");
  EXPECT_EQ(updated->street, "Polni");
  EXPECT_EQ(updated->house_number, "12");
  EXPECT_EQ(updated->status, domain::ContactStatus::kActive);
  EXPECT_EQ(updated->source, domain::ContactSource::kRegistration);
  EXPECT_EQ(updated->groups, std::vector<GroupId>{created_group->id});
}

TEST_F(InboundTest, ApprovalThatCannotSendLeavesNothingHalfWritten) {
  // A registration whose phone no SMS can reach: the approval SMS fails, so the whole
  // approval (decision, contact, audit) is rolled back.
  domain::Registration r;
  r.org_id = org_.id;
  r.phone = "12345";
  r.surname = "Novak";
  r.first_name = "Jan";
  r.street = "Hlavni";
  r.house_number = "50";
  r.created_at = clock_.Now();
  auto created = store_->registrations().Create(r);
  ASSERT_TRUE(created.ok()) << created.error().message;

  auto approved = registrations_->Approve(org_.id, created->id, UserId(1), "admin");
  ASSERT_FALSE(approved.ok());
  EXPECT_EQ(approved.error().code, ErrorCode::kInvalidInput);
  auto still = store_->registrations().Get(org_.id, created->id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->status, domain::RegistrationStatus::kPending);
  EXPECT_FALSE(store_->contacts().FindByPhone(org_.id, "12345").ok());
  EXPECT_TRUE(Audit("registration.").empty());
  EXPECT_EQ(wakes_, 0);
}

TEST_F(InboundTest, OfficeRejectionTellsTheCitizenAndCreatesNoContact) {
  EXPECT_EQ(Handle(kCitizen, "*P Nekdo,Cizi,Polni 999"), InboundKind::kRegistration);
  const auto pending = RegistrationsOf(kCitizen).at(0);
  auto rejected = registrations_->Reject(org_.id, pending.id, UserId(3), "mayor");
  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_EQ(rejected->status, domain::RegistrationStatus::kRejected);
  EXPECT_FALSE(store_->contacts().FindByPhone(org_.id, kCitizen).ok());
  const auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].message.body, org_.texts.registration_rejected);
  ASSERT_EQ(Audit("registration.reject").size(), 1u);
  EXPECT_EQ(Audit("registration.reject")[0].user_id, UserId(3));
}

TEST_F(InboundTest, UnknownRegistrationIdIsNotFound) {
  auto approved = registrations_->Approve(org_.id, RegistrationId(999), UserId(1), "admin");
  ASSERT_FALSE(approved.ok());
  EXPECT_EQ(approved.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(SentTo(kCitizen).empty());
}

TEST_F(InboundTest, UnregistrationErasesContactAndRegistrationAndAnonymizesTheSms) {
  SetPolicy(domain::RegistrationPolicy::kAutoApproveMatched);
  EXPECT_EQ(Handle(kCitizen, "*P Novak,Jan,Hlavni 50"), InboundKind::kRegistration);
  EXPECT_EQ(Handle(kCitizen, "Dekuji"), InboundKind::kReply);
  ASSERT_TRUE(store_->contacts().FindByPhone(org_.id, kCitizen).ok());

  EXPECT_EQ(Handle(kCitizen, "*P"), InboundKind::kUnregistration);

  auto contact = store_->contacts().FindByPhone(org_.id, kCitizen);
  ASSERT_FALSE(contact.ok());
  EXPECT_EQ(contact.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(RegistrationsOf(kCitizen).empty());
  const auto inbox = Inbox();
  ASSERT_EQ(inbox.size(), 3u);
  for (const auto& sms : inbox) {
    EXPECT_NE(sms.from, kCitizen);
    EXPECT_EQ(sms.text, "");
    EXPECT_FALSE(sms.contact_id.has_value());
  }
  bool unregistration_kept = false;
  for (const auto& sms : inbox) unregistration_kept |= sms.kind == InboundKind::kUnregistration;
  EXPECT_TRUE(unregistration_kept);

  const auto sent = SentTo(kCitizen);
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.back().message.body, org_.texts.unregistered);
  const auto audit = Audit("registration.unregister");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].object, "phone:erased");
  EXPECT_EQ(audit[0].detail.find(kCitizen), std::string::npos);
  EXPECT_FALSE(audit[0].user_id.has_value());
}

TEST_F(InboundTest, UnregistrationOfAnUnknownNumberOnlyAnswers) {
  EXPECT_EQ(Handle(kCitizen, "*P."), InboundKind::kUnregistration);
  const auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.body, org_.texts.unregistered);
  EXPECT_TRUE(Audit("registration.").empty());
  EXPECT_EQ(Inbox().at(0).from, kCitizen);
}

TEST_F(InboundTest, MalformedCommandGetsTheHelpSmsAtMostOncePerHour) {
  EXPECT_EQ(Handle(kCitizen, "*P Novak"), InboundKind::kInvalidCommand);
  EXPECT_EQ(Handle(kCitizen, "*P Novak,Jan,Hlavni"), InboundKind::kInvalidCommand);
  clock_.Advance(minutes(59));
  EXPECT_EQ(Handle(kCitizen, "P Novak,Jan,Hlavni 50"), InboundKind::kInvalidCommand);
  Build();  // a restart forgets the in-memory limit; the store still remembers
  EXPECT_EQ(Handle(kCitizen, "*X"), InboundKind::kInvalidCommand);
  auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.body, org_.texts.help);
  EXPECT_EQ(sent[0].message.text, "SMS Info OU:" + org_.texts.help);

  clock_.Advance(minutes(2));
  EXPECT_EQ(Handle(kCitizen, "*P Novak"), InboundKind::kInvalidCommand);
  sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].message.body, org_.texts.help);
  EXPECT_TRUE(RegistrationsOf(kCitizen).empty());
}

TEST_F(InboundTest, ReplyIsThreadedToTheContactAndTheLastMessageSentToIt) {
  domain::Contact contact;
  contact.org_id = org_.id;
  contact.phone = kCitizen;
  contact.surname = "Novák";
  contact.first_name = "Jan";
  auto created = store_->contacts().Create(contact);
  ASSERT_TRUE(created.ok());
  auto send = [&](const std::string& body) {
    domain::Message m;
    m.org_id = org_.id;
    m.body = m.text = body;
    m.send_at = m.created_at = clock_.Now();
    m.expires_at = clock_.Now() + hours(24);
    storage::RecipientSelection to;
    to.all = true;
    auto message = store_->messages().Create(m, to);
    EXPECT_TRUE(message.ok());
    return message.ok() ? message->id : MessageId();
  };
  send("Uzavirka Hlavni ulice");
  const MessageId last = send("Odstavka vody v utery");

  EXPECT_EQ(Handle(kCitizen, "Dekuji, a kdy skonci?"), InboundKind::kReply);
  const auto sms = Inbox().at(0);
  EXPECT_EQ(sms.contact_id, created->id);
  EXPECT_EQ(sms.in_reply_to, last);
  EXPECT_TRUE(SentTo(kCitizen).size() == 2u);  // nothing sent back

  EXPECT_EQ(Handle("+420777999888", "Kdo jste?"), InboundKind::kReply);
  const auto stranger = Inbox().at(0);
  EXPECT_EQ(stranger.from, "+420777999888");
  EXPECT_FALSE(stranger.contact_id.has_value());
  EXPECT_FALSE(stranger.in_reply_to.has_value());
}

TEST_F(InboundTest, ThreePartsOutOfOrderWithADuplicateBecomeOneSms) {
  auto p3 = processor_->ReceiveAndProcess(Part(kCitizen, "ni 50", 77, 3, 3));
  auto p1 = processor_->ReceiveAndProcess(Part(kCitizen, "*P Novak,", 77, 3, 1));
  auto dup = processor_->ReceiveAndProcess(Part(kCitizen, "*P Novak,", 77, 3, 1));
  ASSERT_TRUE(p3.ok() && p1.ok() && dup.ok());
  EXPECT_FALSE(p3->has_value());
  EXPECT_FALSE(p1->has_value());
  EXPECT_FALSE(dup->has_value());
  EXPECT_TRUE(Inbox().empty());

  // Another SMS of the same number with another reference stays apart.
  ASSERT_TRUE(processor_->Receive(Part(kCitizen, "jina ", 78, 2, 1)).ok());

  auto p2 = processor_->ReceiveAndProcess(Part(kCitizen, "Jan,Hlav", 77, 3, 2));
  ASSERT_TRUE(p2.ok()) << p2.error().message;
  ASSERT_TRUE(p2->has_value());
  EXPECT_EQ(**p2, InboundKind::kRegistration);
  const auto inbox = Inbox();
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].text, "*P Novak,Jan,Hlavni 50");
  EXPECT_EQ(inbox[0].gateway, "simulator");
  EXPECT_EQ(RegistrationsOf(kCitizen).at(0).house_number, "50");
  auto left = store_->inbound().PartsOf(org_.id, kCitizen, 77, 3);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  auto other = store_->inbound().PartsOf(org_.id, kCitizen, 78, 2);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->size(), 1u);
}

TEST_F(InboundTest, StalePartsAreFlushedWithTheMissingPartsMarked) {
  ASSERT_TRUE(processor_->Receive(Part(kCitizen, "Voda tece ", 9, 3, 1)).ok());
  ASSERT_TRUE(processor_->Receive(Part(kCitizen, " u cp 50", 9, 3, 3)).ok());
  clock_.Advance(minutes(59));
  auto none = processor_->FlushStaleParts();
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  EXPECT_TRUE(Inbox().empty());

  clock_.Advance(minutes(2));
  auto flushed = processor_->FlushStaleParts();
  ASSERT_TRUE(flushed.ok()) << flushed.error().message;
  EXPECT_EQ(*flushed, 1);
  const auto inbox = Inbox();
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].text, "Voda tece [...] u cp 50");
  EXPECT_EQ(inbox[0].kind, InboundKind::kReply);
  EXPECT_EQ(inbox[0].received_at, clock_.Now() - minutes(61));
  auto left = store_->inbound().PartsOf(org_.id, kCitizen, 9, 3);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  EXPECT_EQ(*processor_->FlushStaleParts(), 0);
}

TEST_F(InboundTest, FloodGuardThrottlesThe21stSmsButStoresIt) {
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Handle(kCitizen, "*P Novak"), InboundKind::kInvalidCommand) << i;
  }
  EXPECT_EQ(Handle(kCitizen, "*P Novak"), InboundKind::kThrottled);
  EXPECT_EQ(Handle(kCitizen, "ahoj"), InboundKind::kThrottled);
  EXPECT_EQ(Inbox().size(), 22u);
  EXPECT_EQ(SentTo(kCitizen).size(), 1u);                           // the one help SMS
  EXPECT_EQ(Handle("+420777999888", "ahoj"), InboundKind::kReply);  // others are not affected

  clock_.Advance(minutes(10));
  EXPECT_EQ(Handle(kCitizen, "ahoj"), InboundKind::kReply);
}

TEST_F(InboundTest, UnknownCentralNumberWithOneOrganizationRoutesToIt) {
  auto id = processor_->Receive(Sms(kCitizen, "ahoj", "+420999888777"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(id->has_value());
  auto sms = store_->inbound().Get(org_.id, **id);
  ASSERT_TRUE(sms.ok());
  EXPECT_EQ(sms->to, "+420999888777");
}

TEST_F(InboundTest, RoutesByCentralNumberWhenThereAreSeveralOrganizations) {
  domain::Organization other;
  other.name = "Zlatniky";
  other.central_number = "+420720001677";
  auto created = store_->organizations().Create(other);
  ASSERT_TRUE(created.ok());

  auto to_first = processor_->Receive(Sms(kCitizen, "ahoj", "720 001 676"));
  ASSERT_TRUE(to_first.ok()) << to_first.error().message;
  EXPECT_TRUE(store_->inbound().Get(org_.id, **to_first).ok());
  auto to_second = processor_->Receive(Sms(kCitizen, "ahoj", "+420 720 001 677"));
  ASSERT_TRUE(to_second.ok());
  EXPECT_TRUE(store_->inbound().Get(created->id, **to_second).ok());
  auto kind = processor_->Process(**to_second);
  ASSERT_TRUE(kind.ok()) << kind.error().message;
  EXPECT_EQ(*kind, InboundKind::kReply);

  auto unknown = processor_->Receive(Sms(kCitizen, "ahoj", "+420999888777"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(InboundTest, HostileTextIsStoredAsItCameAndHandledAsAReply) {
  const std::vector<std::string> texts = {
      std::string("bell\x07 nul\0 esc\x1b", 16),
      "Díky 😀👍",
      std::string(1000, 'x'),
      "'; DROP TABLE inbound_sms; --",
      "<script>alert('x')</script><b>ahoj</b>",
      "invalid \xff\xfe utf-8",
  };
  for (const auto& text : texts) {
    auto kind = processor_->ReceiveAndProcess(Sms("+420777999888", text));
    ASSERT_TRUE(kind.ok()) << kind.error().message;
    EXPECT_EQ(**kind, InboundKind::kReply);
    EXPECT_EQ(Inbox().at(0).text, text);
  }
}

TEST_F(InboundTest, ProcessPendingActsOnWhatACrashLeftOnlyOnce) {
  auto first = processor_->Receive(Sms(kCitizen, "*P Novak,Jan,Hlavni 50"));
  auto second = processor_->Receive(Sms("+420777999888", "ahoj"));
  ASSERT_TRUE(first.ok() && second.ok());
  Build();  // the restart
  auto processed = processor_->ProcessPending();
  ASSERT_TRUE(processed.ok()) << processed.error().message;
  EXPECT_EQ(*processed, 2);
  EXPECT_EQ(*processor_->ProcessPending(), 0);

  auto again = processor_->Process(**first);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, InboundKind::kRegistration);
  EXPECT_EQ(RegistrationsOf(kCitizen).size(), 1u);
  EXPECT_EQ(SentTo(kCitizen).size(), 1u);
}

TEST_F(InboundTest, SenderThatIsNotAPhoneNumberIsNeverAnswered) {
  EXPECT_EQ(Handle("Vodafone", "*P Novak,Jan,Hlavni 50"), InboundKind::kInvalidCommand);
  EXPECT_EQ(Handle("Vodafone", "*P"), InboundKind::kInvalidCommand);
  EXPECT_EQ(Handle("Vodafone", "*P Novak"), InboundKind::kInvalidCommand);
  EXPECT_EQ(Handle("Vodafone", "Vase faktura"), InboundKind::kReply);
  EXPECT_EQ(Inbox().at(0).from, "Vodafone");
  auto messages = store_->messages().List(org_.id, {}, storage::Page{10, 0});
  ASSERT_TRUE(messages.ok());
  EXPECT_EQ(messages->total, 0);
  EXPECT_TRUE(RegistrationsOf("Vodafone").empty());
}

TEST_F(InboundTest, SystemMessagesRefuseANumberThatIsNotE164) {
  auto sent =
      messages_->Send(org_, "777111222", "ahoj", domain::MessageKind::kConfirmation, std::nullopt);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(wakes_, 0);
}

TEST_F(InboundTest, SystemMessagesWakeDispatchOnlyAfterTheOutermostDeferWake) {
  {
    SystemMessages::DeferWake outer(*messages_);
    {
      SystemMessages::DeferWake inner(*messages_);
      ASSERT_TRUE(messages_
                      ->Send(org_, kCitizen, "Příliš žluťoučký kůň",
                             domain::MessageKind::kConfirmation, std::nullopt)
                      .ok());
    }
    EXPECT_EQ(wakes_, 0);
  }
  EXPECT_EQ(wakes_, 1);
  const auto sent = SentTo(kCitizen);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.text, "SMS Info OU:Prilis zlutoucky kun");
  EXPECT_EQ(sent[0].message.encoding, domain::Encoding::kGsm7);
  EXPECT_EQ(sent[0].message.segments, 1);
}

}  // namespace
}  // namespace smsinfo::inbound
