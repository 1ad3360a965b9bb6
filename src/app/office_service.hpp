// The office screens' use cases beyond the basic services: the overview counts, replying to one
// citizen, privacy export and erasure of a phone number, message templates, contact CSV import
// and export, and the audit log. Every method checks the actor's role. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "app/message_service.hpp"
#include "base/clock.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

struct Overview {
  TimePoint month_start;  // UTC
  storage::MessageTotals month;
  double delivery_rate = 0;  // delivered / recipients, 0 when nothing was sent
  std::int64_t cost_milli = 0;
  std::int64_t registrations_pending = 0;
  std::int64_t replies_unread = 0;
};

// Everything held about one phone number.
struct PhoneRecord {
  std::string phone;  // E.164
  std::optional<domain::Contact> contact;
  std::vector<domain::Group> groups;  // the contact's groups
  std::vector<domain::Registration> registrations;
  std::vector<domain::InboundSms> inbound;
  std::vector<storage::PrivacyStore::PhoneDelivery> deliveries;
};

struct ImportRowError {
  int line = 0;
  std::string message;
};

struct ContactImportReport {
  std::int64_t rows = 0;
  std::int64_t created = 0;  // would be created, for a dry run
  std::int64_t updated = 0;
  std::vector<ImportRowError> errors;
  bool written = false;  // false for a dry run or when any row had an error
};

// How many distinct phones a selection reaches, for the live count of the compose screen.
struct RecipientPreview {
  std::int64_t recipients = 0;
  std::vector<std::string> invalid_phones;  // as given; left out of the count
};

// A registration's side of the register: the matched resident or the candidates.
struct RegistrationResidents {
  std::optional<domain::Resident> resident;
  std::vector<domain::Resident> candidates;
};

class OfficeService {
 public:
  OfficeService(storage::Store& store, const Clock& clock, AuditLog& audit,
                MessageService& messages);

  Result<Overview> GetOverview(const Actor& actor);

  // Sends `text` to the sender of inbound SMS `id` as a kReply and marks the SMS read.
  Result<SendResult> Reply(const Actor& actor, InboundId id, const std::string& text);

  // Operators and admins; `phone` as people write it.
  Result<PhoneRecord> ExportPhone(const Actor& actor, const std::string& phone);
  // PrivacyStore::ErasePhone and the audit entry "privacy.erase" (with the number masked);
  // returns how many rows were touched.
  Result<std::int64_t> ErasePhone(const Actor& actor, const std::string& phone);

  Result<std::vector<storage::MessageTemplate>> ListTemplates(const Actor& actor);
  Result<storage::MessageTemplate> CreateTemplate(const Actor& actor, const std::string& name,
                                                  const std::string& text);
  Result<void> DeleteTemplate(const Actor& actor, std::int64_t id);

  // CSV of contacts (see docs: phone/telefon, surname/prijmeni, first_name/jmeno, street/ulice,
  // house_number/cp, orientation_number/co, company/firma, groups/skupiny with '|' between
  // group names; unknown groups are created). A contact whose phone exists is updated. Writes
  // nothing when `dry_run` or when any row has an error; otherwise all rows in one transaction.
  Result<ContactImportReport> ImportContacts(const Actor& actor, std::string_view csv,
                                             bool dry_run);
  // Every contact as CSV: UTF-8 with BOM, ';' separated, the import's Czech column names.
  Result<std::string> ExportContactsCsv(const Actor& actor);

  // Counts the distinct phones `to` selects exactly as MessageService::Send would (groups,
  // streets, contacts, all and phones, deduplicated by the store), and stores nothing: the
  // message is created in a transaction that is always rolled back. Phones that don't parse are
  // listed in `invalid_phones` and left out. Operators and admins.
  Result<RecipientPreview> PreviewRecipients(const Actor& actor, storage::RecipientSelection to);

  // The residents a registration was matched against (the match, or an ambiguous one's
  // candidates), for showing both side by side. Anyone who may read.
  Result<RegistrationResidents> ResidentsOf(const Actor& actor, RegistrationId id);

  Result<storage::PageOf<domain::AuditEntry>> ListAudit(const Actor& actor,
                                                        const storage::AuditFilter& filter,
                                                        storage::Page page);

  // "+420720123456" → "+420720***456": enough to find an audit entry, not to identify anyone.
  static std::string MaskPhone(const std::string& e164);

 private:
  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
  MessageService& messages_;
};

}  // namespace smsinfo::app
