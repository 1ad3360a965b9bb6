// RegistrationService: a citizen's registration and unregistration by SMS and the office's
// decisions on registrations. Each operation is one store transaction together with its audit
// entry and the SMS it sends to the citizen: nothing is ever half-written. Used by
// InboundProcessor and by the app layer (approve/reject through the API).
// Thread safety: may be called from several threads if the Matcher may.
#pragma once

#include <optional>
#include <string>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/organization.hpp"
#include "domain/registration.hpp"
#include "inbound/command_parser.hpp"
#include "inbound/system_messages.hpp"
#include "residents/matcher.hpp"
#include "storage/store.hpp"

namespace smsinfo::inbound {

class RegistrationService {
 public:
  // Every argument must outlive the service.
  RegistrationService(storage::Store& store, const Clock& clock, residents::Matcher& matcher,
                      SystemMessages& messages);
  RegistrationService(const RegistrationService&) = delete;
  RegistrationService& operator=(const RegistrationService&) = delete;

  // Matches the command against the residence register and stores a pending registration for
  // `phone` (E.164), superseding older pending ones of that phone; audits it (actor "sms") and
  // sends `registration_received`. With policy kAutoApproveMatched and a kMatched outcome it is
  // approved at once (actor "system", as Approve) and `registration_approved` is sent instead.
  // kInvalidInput when the address has no house number.
  Result<domain::Registration> Register(const domain::Organization& org, const std::string& phone,
                                        const RegistrationCommand& cmd,
                                        std::optional<InboundId> inbound);

  // Pending -> approved (kConflict if it was decided already, kNotFound if unknown). Creates or
  // updates the contact of that phone: status active, source registration, company from the
  // registration; names and address from the matched resident when there is one (the register
  // spells them with diacritics), else as the citizen wrote them. Group memberships of an
  // existing contact stay. Audits (actor, user) and sends `registration_approved`.
  Result<domain::Registration> Approve(OrgId org, RegistrationId id, std::optional<UserId> by,
                                       const std::string& actor);
  // Pending -> rejected; audits and sends `registration_rejected`. No contact is touched.
  Result<domain::Registration> Reject(OrgId org, RegistrationId id, std::optional<UserId> by,
                                      const std::string& actor);

  // Erases the number's personal data (PrivacyStore::ErasePhone: contact, registrations, the
  // text and sender of its inbound SMS), audits anonymously (actor "sms", object
  // "phone:erased") and sends `unregistered` to the number.
  Result<void> Unregister(const domain::Organization& org, const std::string& phone,
                          std::optional<InboundId> inbound);

 private:
  // The bodies of Approve and Reject; run inside a transaction.
  Result<domain::Registration> ApproveInTx(const domain::Organization& org, RegistrationId id,
                                           std::optional<UserId> by, const std::string& actor);
  Result<domain::Registration> RejectInTx(const domain::Organization& org, RegistrationId id,
                                          std::optional<UserId> by, const std::string& actor);
  Result<void> Audit(OrgId org, std::optional<UserId> by, const std::string& actor,
                     const std::string& action, const std::string& object,
                     const std::string& detail);

  storage::Store& store_;
  const Clock& clock_;
  residents::Matcher& matcher_;
  SystemMessages& messages_;
};

}  // namespace smsinfo::inbound
