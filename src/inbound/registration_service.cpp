#include "inbound/registration_service.hpp"

#include <utility>

#include "domain/contact.hpp"
#include "residents/address.hpp"

namespace smsinfo::inbound {
namespace {

std::string RegistrationObject(RegistrationId id) {
  return "registration:" + std::to_string(id.value);
}

}  // namespace

RegistrationService::RegistrationService(storage::Store& store, const Clock& clock,
                                         residents::Matcher& matcher, SystemMessages& messages)
    : store_(store), clock_(clock), matcher_(matcher), messages_(messages) {}

Result<domain::Registration> RegistrationService::Register(const domain::Organization& org,
                                                           const std::string& phone,
                                                           const RegistrationCommand& cmd,
                                                           std::optional<InboundId> inbound) {
  auto address = residents::ParseAddress(cmd.address, org.name);
  if (!address.ok()) {
    return Error::InvalidInput("registration address has no house number: " +
                               address.error().message);
  }
  residents::MatchRequest request;
  request.surname = cmd.surname;
  request.first_name = cmd.first_name;
  request.street = address->street;
  request.house_number = address->house_number;
  request.orientation_number = address->orientation_number;
  auto match = matcher_.Match(org.id, request);
  if (!match.ok()) return match.error();

  const TimePoint now = clock_.Now();
  domain::Registration registration;
  registration.org_id = org.id;
  registration.phone = phone;
  registration.surname = cmd.surname;
  registration.first_name = cmd.first_name;
  registration.street = address->street;
  registration.house_number = address->house_number;
  registration.orientation_number = address->orientation_number;
  registration.company = cmd.company;
  registration.status = domain::RegistrationStatus::kPending;
  registration.match = match->outcome;
  if (match->outcome == domain::MatchOutcome::kMatched) registration.resident_id = match->resident;
  registration.candidates = match->candidates;
  registration.inbound_id = inbound;
  registration.created_at = now;

  const bool auto_approve =
      org.registration_policy == domain::RegistrationPolicy::kAutoApproveMatched &&
      registration.match == domain::MatchOutcome::kMatched;

  Result<domain::Registration> out = Error::Internal("registration was not stored");
  SystemMessages::DeferWake defer(messages_);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.registrations().SupersedePending(org.id, phone, now));
    auto created = store_.registrations().Create(registration);
    if (!created.ok()) return created.error();
    SMSINFO_TRY(Audit(org.id, std::nullopt, "sms", "registration.create",
                      RegistrationObject(created->id),
                      std::string("match: ") + domain::ToString(created->match)));
    if (auto_approve) {
      out = ApproveInTx(org, created->id, std::nullopt, "system");
      if (!out.ok()) return out.error();
      return Ok();
    }
    auto sent = messages_.Send(org, phone, org.texts.registration_received,
                               domain::MessageKind::kConfirmation, inbound);
    if (!sent.ok()) return sent.error();
    out = std::move(created);
    return Ok();
  });
  if (!tx.ok()) return tx.error();
  return out;
}

Result<domain::Registration> RegistrationService::Approve(OrgId org, RegistrationId id,
                                                          std::optional<UserId> by,
                                                          const std::string& actor) {
  auto organization = store_.organizations().Get(org);
  if (!organization.ok()) return organization.error();
  Result<domain::Registration> out = Error::Internal("registration was not approved");
  SystemMessages::DeferWake defer(messages_);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    out = ApproveInTx(*organization, id, by, actor);
    if (!out.ok()) return out.error();
    return Ok();
  });
  if (!tx.ok()) return tx.error();
  return out;
}

Result<domain::Registration> RegistrationService::Reject(OrgId org, RegistrationId id,
                                                         std::optional<UserId> by,
                                                         const std::string& actor) {
  auto organization = store_.organizations().Get(org);
  if (!organization.ok()) return organization.error();
  Result<domain::Registration> out = Error::Internal("registration was not rejected");
  SystemMessages::DeferWake defer(messages_);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    out = RejectInTx(*organization, id, by, actor);
    if (!out.ok()) return out.error();
    return Ok();
  });
  if (!tx.ok()) return tx.error();
  return out;
}

Result<void> RegistrationService::Unregister(const domain::Organization& org,
                                             const std::string& phone,
                                             std::optional<InboundId> inbound) {
  SystemMessages::DeferWake defer(messages_);
  return store_.InTransaction([&]() -> Result<void> {
    auto erased = store_.privacy().ErasePhone(org.id, phone);
    if (!erased.ok()) return erased.error();
    SMSINFO_TRY(Audit(org.id, std::nullopt, "sms", "registration.unregister", "phone:erased",
                      "rows erased: " + std::to_string(*erased)));
    auto sent = messages_.Send(org, phone, org.texts.unregistered,
                               domain::MessageKind::kConfirmation, inbound);
    if (!sent.ok()) return sent.error();
    return Ok();
  });
}

Result<domain::Registration> RegistrationService::ApproveInTx(const domain::Organization& org,
                                                              RegistrationId id,
                                                              std::optional<UserId> by,
                                                              const std::string& actor) {
  const TimePoint now = clock_.Now();
  auto decided =
      store_.registrations().Decide(org.id, id, domain::RegistrationStatus::kApproved, by, now);
  if (!decided.ok()) return decided.error();
  const domain::Registration& registration = *decided;

  domain::Contact contact;
  bool exists = false;
  auto found = store_.contacts().FindByPhone(org.id, registration.phone);
  if (found.ok()) {
    contact = std::move(found).value();
    exists = true;
  } else if (found.error().code != ErrorCode::kNotFound) {
    return found.error();
  }
  contact.org_id = org.id;
  contact.phone = registration.phone;
  contact.surname = registration.surname;
  contact.first_name = registration.first_name;
  contact.street = registration.street;
  contact.house_number = registration.house_number;
  contact.orientation_number = registration.orientation_number;
  if (registration.resident_id) {
    auto resident = store_.residents().Get(org.id, *registration.resident_id);
    if (resident.ok()) {
      contact.surname = resident->surname;
      contact.first_name = resident->first_name;
      contact.street = resident->street;
      contact.house_number = resident->house_number;
      contact.orientation_number = resident->orientation_number;
    } else if (resident.error().code != ErrorCode::kNotFound) {
      return resident.error();
    }
  }
  contact.company = registration.company;
  contact.status = domain::ContactStatus::kActive;
  contact.source = domain::ContactSource::kRegistration;
  contact.updated_at = now;
  if (!exists) contact.created_at = now;
  auto saved = exists ? store_.contacts().Update(contact) : store_.contacts().Create(contact);
  if (!saved.ok()) return saved.error();

  SMSINFO_TRY(Audit(org.id, by, actor, "registration.approve", RegistrationObject(id),
                    "contact:" + std::to_string(saved->id.value)));
  auto sent = messages_.Send(org, registration.phone, org.texts.registration_approved,
                             domain::MessageKind::kConfirmation, registration.inbound_id);
  if (!sent.ok()) return sent.error();
  return decided;
}

Result<domain::Registration> RegistrationService::RejectInTx(const domain::Organization& org,
                                                             RegistrationId id,
                                                             std::optional<UserId> by,
                                                             const std::string& actor) {
  auto decided = store_.registrations().Decide(org.id, id, domain::RegistrationStatus::kRejected,
                                               by, clock_.Now());
  if (!decided.ok()) return decided.error();
  SMSINFO_TRY(Audit(org.id, by, actor, "registration.reject", RegistrationObject(id), ""));
  auto sent = messages_.Send(org, decided->phone, org.texts.registration_rejected,
                             domain::MessageKind::kConfirmation, decided->inbound_id);
  if (!sent.ok()) return sent.error();
  return decided;
}

Result<void> RegistrationService::Audit(OrgId org, std::optional<UserId> by,
                                        const std::string& actor, const std::string& action,
                                        const std::string& object, const std::string& detail) {
  domain::AuditEntry entry;
  entry.org_id = org;
  entry.user_id = by;
  entry.actor = actor;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  entry.at = clock_.Now();
  return store_.audit().Append(entry);
}

}  // namespace smsinfo::inbound
