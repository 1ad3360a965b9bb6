#include "app/office_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

class OfficeServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    domain::Organization o;
    o.name = "Vestec";
    o.central_number = "+420720001676";
    o.price_per_segment_milli = 900;
    org_ = store_->organizations().Create(o)->id;
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    messages_ = std::make_unique<MessageService>(*store_, clock_, *audit_, 24, nullptr);
    office_ = std::make_unique<OfficeService>(*store_, clock_, *audit_, *messages_);
  }
  Actor As(domain::Role role) { return Actor{org_, std::nullopt, role, "test"}; }
  std::int64_t ContactCount() {
    return store_->contacts().List(org_, {}, storage::Page{1, 0})->total;
  }
  InboundId Inbound(const std::string& from, const std::string& text) {
    domain::InboundSms sms;
    sms.org_id = org_;
    sms.from = from;
    sms.to = "+420720001676";
    sms.text = text;
    sms.received_at = clock_.Now();
    auto id = store_->inbound().Insert(sms)->id;
    EXPECT_TRUE(store_->inbound().Classify(id, domain::InboundKind::kReply, {}, {}).ok());
    return id;
  }

  FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  OrgId org_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<MessageService> messages_;
  std::unique_ptr<OfficeService> office_;
};

TEST_F(OfficeServiceTest, ViewerMayReadButNotChangeAnything) {
  const Actor viewer = As(domain::Role::kViewer);
  EXPECT_TRUE(office_->GetOverview(viewer).ok());
  EXPECT_TRUE(office_->ListTemplates(viewer).ok());
  EXPECT_TRUE(office_->ExportContactsCsv(viewer).ok());
  const auto denied = ErrorCode::kPermissionDenied;
  EXPECT_EQ(office_->CreateTemplate(viewer, "a", "b").error().code, denied);
  EXPECT_EQ(office_->DeleteTemplate(viewer, 1).error().code, denied);
  EXPECT_EQ(office_->Reply(viewer, InboundId(1), "x").error().code, denied);
  EXPECT_EQ(office_->ImportContacts(viewer, "telefon\n+420720000001\n", false).error().code,
            denied);
  EXPECT_EQ(office_->ExportPhone(viewer, "+420720000001").error().code, denied);
  EXPECT_EQ(office_->ErasePhone(viewer, "+420720000001").error().code, denied);
  EXPECT_EQ(office_->ListAudit(viewer, {}, {}).error().code, denied);
}

TEST_F(OfficeServiceTest, OperatorMayOperateButNotReadTheAuditLog) {
  const Actor op = As(domain::Role::kOperator);
  EXPECT_TRUE(office_->CreateTemplate(op, "Voda", "Nepoteče voda").ok());
  EXPECT_TRUE(office_->ErasePhone(op, "+420720000001").ok());
  EXPECT_EQ(office_->ListAudit(op, {}, {}).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(office_->ListAudit(As(domain::Role::kAdmin), {}, {}).ok());
}

TEST_F(OfficeServiceTest, ReplyGoesToTheSenderAndMarksTheSmsRead) {
  InboundId sms = Inbound("+420720000005", "Kdy poteče voda?");
  auto sent = office_->Reply(As(domain::Role::kOperator), sms, "Zítra v 8:00");
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->message.kind, domain::MessageKind::kReply);
  EXPECT_EQ(sent->message.in_reply_to, sms);
  EXPECT_EQ(sent->recipients, 1);
  storage::MessageFilter f;
  f.phone = "+420720000005";
  EXPECT_EQ(store_->messages().List(org_, f, {})->total, 1);
  EXPECT_TRUE(store_->inbound().Get(org_, sms)->read);
}

TEST_F(OfficeServiceTest, ImportCreatesAndUpdatesContactsWithTheirGroups) {
  const std::string csv =
      "telefon;prijmeni;jmeno;ulice;cp;skupiny\n"
      "+420720000001;Novák;Jan;Hlavní;12;Hasiči|Senioři\n"
      "720000002;Dvořák;Eva;Polní;3;\n";
  auto report = office_->ImportContacts(As(domain::Role::kOperator), csv, false);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->rows, 2);
  EXPECT_EQ(report->created, 2);
  EXPECT_TRUE(report->errors.empty());
  EXPECT_TRUE(report->written);
  auto jan = store_->contacts().FindByPhone(org_, "+420720000001");
  ASSERT_TRUE(jan.ok());
  EXPECT_EQ(jan->surname, "Novák");
  EXPECT_EQ(jan->groups.size(), 2u);
  EXPECT_EQ(store_->groups().List(org_)->size(), 2u);

  auto again = office_->ImportContacts(As(domain::Role::kOperator),
                                       "phone,surname\n+420720000001,Nováková\n", false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->updated, 1);
  jan = store_->contacts().FindByPhone(org_, "+420720000001");
  EXPECT_EQ(jan->surname, "Nováková");
  EXPECT_EQ(jan->groups.size(), 2u) << "without a groups column memberships stay";
}

TEST_F(OfficeServiceTest, DryRunAndBadRowsWriteNothing) {
  const std::string good = "telefon;prijmeni;skupiny\n+420720000001;Novák;Nová skupina\n";
  auto dry = office_->ImportContacts(As(domain::Role::kOperator), good, true);
  ASSERT_TRUE(dry.ok()) << dry.error().message;
  EXPECT_EQ(dry->created, 1);
  EXPECT_FALSE(dry->written);
  EXPECT_EQ(ContactCount(), 0);
  EXPECT_TRUE(store_->groups().List(org_)->empty());

  const std::string bad =
      "telefon;prijmeni\n+420720000001;Novák\nnot a phone;Dvořák\n+420720000001;Znovu\n";
  auto report = office_->ImportContacts(As(domain::Role::kOperator), bad, false);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].line, 3);
  EXPECT_EQ(report->errors[1].line, 4);
  EXPECT_FALSE(report->written);
  EXPECT_EQ(ContactCount(), 0);
}

TEST_F(OfficeServiceTest, ImportWithoutPhoneColumnIsRefused) {
  EXPECT_EQ(office_->ImportContacts(As(domain::Role::kAdmin), "jmeno\nJan\n", false).error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(OfficeServiceTest, ExportIsUtf8WithBomSemicolonsAndGuardsFormulas) {
  ASSERT_TRUE(office_
                  ->ImportContacts(As(domain::Role::kAdmin),
                                   "telefon;prijmeni;firma\n+420720000001;Novák;=HYPERLINK(1)\n",
                                   false)
                  .ok());
  auto csv = office_->ExportContactsCsv(As(domain::Role::kViewer));
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->rfind("\xEF\xBB\xBFtelefon;prijmeni;", 0), 0u);
  EXPECT_NE(csv->find("+420720000001;Novák;;;;;'=HYPERLINK(1);;active\r\n"), std::string::npos)
      << *csv;
}

TEST_F(OfficeServiceTest, ExportAndEraseOfOnePhone) {
  ASSERT_TRUE(office_
                  ->ImportContacts(As(domain::Role::kAdmin),
                                   "telefon;prijmeni;skupiny\n+420720000001;Novák;Hasiči\n", false)
                  .ok());
  Inbound("+420720000001", "Dobrý den");
  SendRequest send;
  send.text = "Voda nepoteče";
  send.recipients.phones = {"+420720000001"};
  ASSERT_TRUE(messages_->Send(As(domain::Role::kAdmin), send).ok());

  auto record = office_->ExportPhone(As(domain::Role::kOperator), "720 000 001");
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(record->phone, "+420720000001");
  ASSERT_TRUE(record->contact.has_value());
  ASSERT_EQ(record->groups.size(), 1u);
  EXPECT_EQ(record->groups[0].name, "Hasiči");
  EXPECT_EQ(record->inbound.size(), 1u);
  ASSERT_EQ(record->deliveries.size(), 1u);
  EXPECT_NE(record->deliveries[0].message_text.find("Voda"), std::string::npos);

  ASSERT_TRUE(office_->ErasePhone(As(domain::Role::kOperator), "+420720000001").ok());
  EXPECT_FALSE(store_->contacts().FindByPhone(org_, "+420720000001").ok());
  storage::AuditFilter f;
  f.action = "privacy.erase";
  auto audit = store_->audit().List(org_, f, {});
  ASSERT_EQ(audit->total, 1);
  EXPECT_EQ(audit->items[0].object, "phone:+420720***001");
}

TEST_F(OfficeServiceTest, OverviewCountsThisMonthAndItsCost) {
  SendRequest send;
  send.text = "Voda nepoteče";
  send.recipients.phones = {"+420720000001", "+420720000002"};
  ASSERT_TRUE(messages_->Send(As(domain::Role::kAdmin), send).ok());
  Inbound("+420720000003", "Díky");
  auto o = office_->GetOverview(As(domain::Role::kViewer));
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->month.messages, 1);
  EXPECT_EQ(o->month.recipients, 2);
  EXPECT_EQ(o->month.segments, 2);
  EXPECT_EQ(o->cost_milli, 1800);
  EXPECT_EQ(o->replies_unread, 1);
  EXPECT_LE(o->month_start, clock_.Now());
}

TEST_F(OfficeServiceTest, TemplatesAreCreatedListedAndDeleted) {
  const Actor op = As(domain::Role::kOperator);
  auto t = office_->CreateTemplate(op, "Voda", "Nepoteče voda");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(office_->CreateTemplate(op, "Voda", "jinak").error().code, ErrorCode::kConflict);
  EXPECT_EQ(office_->CreateTemplate(op, "", "x").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(office_->ListTemplates(op)->size(), 1u);
  ASSERT_TRUE(office_->DeleteTemplate(op, t->id).ok());
  EXPECT_TRUE(office_->ListTemplates(op)->empty());
}

TEST_F(OfficeServiceTest, PreviewCountsEachPhoneOnceAndStoresNothing) {
  ASSERT_TRUE(office_
                  ->ImportContacts(As(domain::Role::kAdmin),
                                   "telefon;prijmeni;ulice;skupiny\n"
                                   "+420720000001;Novák;Hlavní;Hasiči\n"
                                   "+420720000002;Dvořák;Hlavní;Hasiči\n"
                                   "+420720000003;Malá;Polní;\n",
                                   false)
                  .ok());
  const GroupId hasici = store_->groups().List(org_)->at(0).id;
  storage::RecipientSelection to;
  to.groups = {hasici};
  to.streets = {"Hlavní"};
  to.phones = {"720 000 001", "+420720000009", "nonsense"};
  auto preview = office_->PreviewRecipients(As(domain::Role::kOperator), to);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->recipients, 3) << "two group members (also on Hlavní) and one new number";
  ASSERT_EQ(preview->invalid_phones.size(), 1u);
  EXPECT_EQ(preview->invalid_phones[0], "nonsense");
  EXPECT_EQ(store_->messages().List(org_, {}, {})->total, 0) << "the probe message is rolled back";

  storage::RecipientSelection everyone;
  everyone.all = true;
  EXPECT_EQ(office_->PreviewRecipients(As(domain::Role::kAdmin), everyone)->recipients, 3);
  EXPECT_EQ(office_->PreviewRecipients(As(domain::Role::kAdmin), {})->recipients, 0);
  storage::RecipientSelection nobody_there;
  nobody_there.streets = {"Neexistující"};
  EXPECT_EQ(office_->PreviewRecipients(As(domain::Role::kAdmin), nobody_there)->recipients, 0);
  storage::RecipientSelection unknown_group;
  unknown_group.groups = {GroupId(999)};
  EXPECT_EQ(office_->PreviewRecipients(As(domain::Role::kAdmin), unknown_group).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(office_->PreviewRecipients(As(domain::Role::kViewer), to).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(OfficeServiceTest, ResidentsOfARegistrationAreTheMatchOrTheCandidates) {
  std::vector<domain::Resident> residents(3);
  std::vector<storage::ResidentKeys> keys(3);
  const char* first_names[] = {"Jan", "Jana", "Petr"};
  for (int i = 0; i < 3; ++i) {
    residents[static_cast<std::size_t>(i)].org_id = org_;
    residents[static_cast<std::size_t>(i)].surname = "Novák";
    residents[static_cast<std::size_t>(i)].first_name = first_names[i];
    residents[static_cast<std::size_t>(i)].house_number = std::to_string(10 + i);
    keys[static_cast<std::size_t>(i)] = {"novak", first_names[i], ""};
  }
  ASSERT_TRUE(store_->residents().ReplaceAll(org_, residents, keys, clock_.Now()).ok());
  auto stored = store_->residents().List(org_, "", {});
  ASSERT_EQ(stored->total, 3);

  domain::Registration matched;
  matched.org_id = org_;
  matched.phone = "+420720000001";
  matched.surname = "Novák";
  matched.match = domain::MatchOutcome::kMatched;
  matched.resident_id = stored->items[0].id;
  matched.created_at = clock_.Now();
  auto m = store_->registrations().Create(matched);
  ASSERT_TRUE(m.ok()) << m.error().message;
  auto side = office_->ResidentsOf(As(domain::Role::kViewer), m->id);
  ASSERT_TRUE(side.ok()) << side.error().message;
  ASSERT_TRUE(side->resident.has_value());
  EXPECT_EQ(side->resident->id, stored->items[0].id);
  EXPECT_TRUE(side->candidates.empty());

  domain::Registration ambiguous = matched;
  ambiguous.phone = "+420720000002";
  ambiguous.match = domain::MatchOutcome::kAmbiguous;
  ambiguous.resident_id.reset();
  ambiguous.candidates = {stored->items[1].id, stored->items[2].id};
  auto a = store_->registrations().Create(ambiguous);
  ASSERT_TRUE(a.ok()) << a.error().message;
  side = office_->ResidentsOf(As(domain::Role::kViewer), a->id);
  ASSERT_TRUE(side.ok());
  EXPECT_FALSE(side->resident.has_value());
  EXPECT_EQ(side->candidates.size(), 2u);

  EXPECT_EQ(office_->ResidentsOf(As(domain::Role::kViewer), RegistrationId(999)).error().code,
            ErrorCode::kNotFound);
}

TEST(OfficeService, MaskPhoneKeepsCountryPrefixAndLastDigits) {
  EXPECT_EQ(OfficeService::MaskPhone("+420720123456"), "+420720***456");
  EXPECT_EQ(OfficeService::MaskPhone("123"), "***");
}

}  // namespace
}  // namespace smsinfo::app
