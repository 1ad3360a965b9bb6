#include "app/register_service.hpp"

#include "domain/phone_number.hpp"
#include "residents/normalize.hpp"

namespace smsinfo::app {

RegisterService::RegisterService(storage::Store& store, const Clock& clock, AuditLog& audit,
                                 inbound::RegistrationService& registrations)
    : store_(store), clock_(clock), audit_(audit), registrations_(registrations) {}

Result<ImportReport> RegisterService::ImportResidents(const Actor& actor, std::string_view bytes) {
  SMSINFO_TRY(Require(actor, Permission::kAdminister));
  auto parsed = residents::ParseRegisterCsv(bytes);
  if (!parsed.ok()) return parsed.error();
  ImportReport report;
  report.encoding = parsed->encoding;
  if (!parsed->errors.empty()) {
    report.errors = parsed->errors;
    return report;
  }
  std::vector<storage::ResidentKeys> keys;
  keys.reserve(parsed->residents.size());
  for (auto& r : parsed->residents) {
    r.org_id = actor.org;
    keys.push_back(residents::KeysFor(r));
  }
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto n = store_.residents().ReplaceAll(actor.org, parsed->residents, keys, clock_.Now());
    if (!n.ok()) return n.error();
    report.imported = *n;
    return audit_.Record(actor, "residents.import", "register",
                         std::to_string(*n) + " residents (" + parsed->encoding + ")");
  });
  if (!tx.ok()) return tx.error();
  return report;
}

Result<storage::PageOf<domain::Resident>> RegisterService::ListResidents(const Actor& actor,
                                                                         const std::string& q,
                                                                         storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.residents().List(actor.org, residents::NormalizeKey(q), page);
}

Result<std::optional<TimePoint>> RegisterService::LastImportedAt(const Actor& actor) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.residents().LastImportedAt(actor.org);
}

Result<storage::PageOf<domain::Registration>> RegisterService::ListRegistrations(
    const Actor& actor, const storage::RegistrationFilter& filter, storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  storage::RegistrationFilter f = filter;
  if (!f.phone.empty()) {
    auto phone = domain::PhoneNumber::Parse(f.phone);
    if (!phone.ok()) return phone.error();
    f.phone = phone->e164();
  }
  return store_.registrations().List(actor.org, f, page);
}

Result<domain::Registration> RegisterService::GetRegistration(const Actor& actor,
                                                              RegistrationId id) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.registrations().Get(actor.org, id);
}

Result<domain::Registration> RegisterService::Approve(const Actor& actor, RegistrationId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return registrations_.Approve(actor.org, id, actor.user, actor.name);
}

Result<domain::Registration> RegisterService::Reject(const Actor& actor, RegistrationId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return registrations_.Reject(actor.org, id, actor.user, actor.name);
}

Result<storage::PageOf<domain::InboundSms>> RegisterService::ListInbound(
    const Actor& actor, storage::InboundFilter filter, storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  if (!filter.from.empty()) {
    auto phone = domain::PhoneNumber::Parse(filter.from);
    if (phone.ok()) filter.from = phone->e164();
  }
  return store_.inbound().List(actor.org, filter, page);
}

Result<void> RegisterService::MarkInboundRead(const Actor& actor, InboundId id, bool read) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  return store_.inbound().MarkRead(actor.org, id, read);
}

Result<storage::PageOf<storage::InboundThread>> RegisterService::ListThreads(
    const Actor& actor, const storage::InboundThreadFilter& filter, storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.inbound().Threads(actor.org, filter, page);
}

Result<std::int64_t> RegisterService::MarkThreadRead(const Actor& actor, const std::string& phone) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto parsed = domain::PhoneNumber::Parse(phone);
  if (!parsed.ok()) return parsed.error();
  return store_.inbound().MarkAllReadFrom(actor.org, parsed->e164());
}

}  // namespace smsinfo::app
