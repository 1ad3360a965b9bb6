// String forms of the domain enums, as they appear in the API, the CLI and the store.
#include <array>
#include <utility>

#include "domain/contact.hpp"
#include "domain/inbound_sms.hpp"
#include "domain/message.hpp"
#include "domain/organization.hpp"
#include "domain/registration.hpp"
#include "domain/user.hpp"

namespace smsinfo::domain {
namespace {

template <class E, std::size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, const char*>, N>& table,
                         std::string_view name) {
  for (const auto& [e, n] : table) {
    if (name == n) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<RegistrationPolicy, const char*>, 2> kPolicies{{
    {RegistrationPolicy::kManual, "manual"},
    {RegistrationPolicy::kAutoApproveMatched, "auto_approve_matched"},
}};
constexpr std::array<std::pair<Role, const char*>, 3> kRoles{{
    {Role::kAdmin, "admin"}, {Role::kOperator, "operator"}, {Role::kViewer, "viewer"},
}};
constexpr std::array<std::pair<ContactStatus, const char*>, 2> kContactStatuses{{
    {ContactStatus::kActive, "active"}, {ContactStatus::kInactive, "inactive"},
}};
constexpr std::array<std::pair<ContactSource, const char*>, 3> kContactSources{{
    {ContactSource::kManual, "manual"},
    {ContactSource::kImport, "import"},
    {ContactSource::kRegistration, "registration"},
}};
constexpr std::array<std::pair<RegistrationStatus, const char*>, 3> kRegistrationStatuses{{
    {RegistrationStatus::kPending, "pending"},
    {RegistrationStatus::kApproved, "approved"},
    {RegistrationStatus::kRejected, "rejected"},
}};
constexpr std::array<std::pair<MatchOutcome, const char*>, 3> kMatchOutcomes{{
    {MatchOutcome::kMatched, "matched"},
    {MatchOutcome::kAmbiguous, "ambiguous"},
    {MatchOutcome::kUnmatched, "unmatched"},
}};
constexpr std::array<std::pair<DeliveryState, const char*>, 8> kDeliveryStates{{
    {DeliveryState::kQueued, "queued"},
    {DeliveryState::kSending, "sending"},
    {DeliveryState::kSubmitted, "submitted"},
    {DeliveryState::kDelivered, "delivered"},
    {DeliveryState::kUndeliverable, "undeliverable"},
    {DeliveryState::kExpired, "expired"},
    {DeliveryState::kFailed, "failed"},
    {DeliveryState::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<MessageKind, const char*>, 3> kMessageKinds{{
    {MessageKind::kBulk, "bulk"},
    {MessageKind::kReply, "reply"},
    {MessageKind::kConfirmation, "confirmation"},
}};
constexpr std::array<std::pair<InboundKind, const char*>, 6> kInboundKinds{{
    {InboundKind::kPending, "pending"},
    {InboundKind::kRegistration, "registration"},
    {InboundKind::kUnregistration, "unregistration"},
    {InboundKind::kReply, "reply"},
    {InboundKind::kInvalidCommand, "invalid_command"},
    {InboundKind::kThrottled, "throttled"},
}};

}  // namespace

const char* ToString(RegistrationPolicy p) { return NameOf(kPolicies, p); }
std::optional<RegistrationPolicy> ParseRegistrationPolicy(std::string_view s) {
  return ValueOf(kPolicies, s);
}
const char* ToString(Role r) { return NameOf(kRoles, r); }
std::optional<Role> ParseRole(std::string_view s) { return ValueOf(kRoles, s); }
const char* ToString(ContactStatus s) { return NameOf(kContactStatuses, s); }
std::optional<ContactStatus> ParseContactStatus(std::string_view s) {
  return ValueOf(kContactStatuses, s);
}
const char* ToString(ContactSource s) { return NameOf(kContactSources, s); }
std::optional<ContactSource> ParseContactSource(std::string_view s) {
  return ValueOf(kContactSources, s);
}
const char* ToString(RegistrationStatus s) { return NameOf(kRegistrationStatuses, s); }
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view s) {
  return ValueOf(kRegistrationStatuses, s);
}
const char* ToString(MatchOutcome m) { return NameOf(kMatchOutcomes, m); }
std::optional<MatchOutcome> ParseMatchOutcome(std::string_view s) {
  return ValueOf(kMatchOutcomes, s);
}
const char* ToString(DeliveryState s) { return NameOf(kDeliveryStates, s); }
std::optional<DeliveryState> ParseDeliveryState(std::string_view s) {
  return ValueOf(kDeliveryStates, s);
}
bool IsFinal(DeliveryState s) {
  switch (s) {
    case DeliveryState::kQueued:
    case DeliveryState::kSending:
    case DeliveryState::kSubmitted:
      return false;
    case DeliveryState::kDelivered:
    case DeliveryState::kUndeliverable:
    case DeliveryState::kExpired:
    case DeliveryState::kFailed:
    case DeliveryState::kCancelled:
      return true;
  }
  return false;
}
const char* ToString(Encoding e) { return e == Encoding::kGsm7 ? "gsm7" : "ucs2"; }
const char* ToString(MessageKind k) { return NameOf(kMessageKinds, k); }
std::optional<MessageKind> ParseMessageKind(std::string_view s) { return ValueOf(kMessageKinds, s); }
const char* ToString(InboundKind k) { return NameOf(kInboundKinds, k); }
std::optional<InboundKind> ParseInboundKind(std::string_view s) { return ValueOf(kInboundKinds, s); }

}  // namespace smsinfo::domain
