// The residence register (import, search) and citizens' registrations (list, approve, reject),
// plus the inbox of received SMS. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "inbound/registration_service.hpp"
#include "residents/register_csv.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

struct ImportReport {
  std::int64_t imported = 0;
  std::vector<residents::RowError> errors;  // non-empty: nothing was imported
  std::string encoding;
};

class RegisterService {
 public:
  RegisterService(storage::Store& store, const Clock& clock, AuditLog& audit,
                  inbound::RegistrationService& registrations);

  // Replaces the register with the file's rows, or — if any row is bad — imports nothing and
  // reports every bad row. A file that is not a register at all is an Error.
  Result<ImportReport> ImportResidents(const Actor& actor, std::string_view csv_bytes);
  Result<storage::PageOf<domain::Resident>> ListResidents(const Actor& actor, const std::string& q,
                                                          storage::Page page);
  Result<std::optional<TimePoint>> LastImportedAt(const Actor& actor);

  Result<storage::PageOf<domain::Registration>> ListRegistrations(
      const Actor& actor, const storage::RegistrationFilter& filter, storage::Page page);
  Result<domain::Registration> GetRegistration(const Actor& actor, RegistrationId id);
  Result<domain::Registration> Approve(const Actor& actor, RegistrationId id);
  Result<domain::Registration> Reject(const Actor& actor, RegistrationId id);

  Result<storage::PageOf<domain::InboundSms>> ListInbound(const Actor& actor,
                                                          storage::InboundFilter filter,
                                                          storage::Page page);
  Result<void> MarkInboundRead(const Actor& actor, InboundId id, bool read);
  // The inbox: one thread per citizen, newest first.
  Result<storage::PageOf<storage::InboundThread>> ListThreads(
      const Actor& actor, const storage::InboundThreadFilter& filter, storage::Page page);
  // Marks everything this number sent read (opening its thread); returns how many were unread.
  Result<std::int64_t> MarkThreadRead(const Actor& actor, const std::string& phone);

 private:
  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
  inbound::RegistrationService& registrations_;
};

}  // namespace smsinfo::app
