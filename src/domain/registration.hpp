// A citizen's self-registration by SMS and its match against the residence register.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

enum class RegistrationStatus { kPending, kApproved, kRejected };
const char* ToString(RegistrationStatus s);
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view s);

enum class MatchOutcome { kMatched, kAmbiguous, kUnmatched };
const char* ToString(MatchOutcome m);
std::optional<MatchOutcome> ParseMatchOutcome(std::string_view s);

struct Registration {
  RegistrationId id;
  OrgId org_id;
  std::string phone;  // E.164 of the sender
  std::string surname;
  std::string first_name;
  std::string street;
  std::string house_number;
  std::string orientation_number;
  std::string company;
  RegistrationStatus status = RegistrationStatus::kPending;
  MatchOutcome match = MatchOutcome::kUnmatched;
  std::optional<ResidentId> resident_id;   // set when matched
  std::vector<ResidentId> candidates;      // set when ambiguous
  std::optional<InboundId> inbound_id;     // the SMS it came in
  TimePoint created_at;
  std::optional<TimePoint> decided_at;
  std::optional<UserId> decided_by;  // empty when decided automatically
};

}  // namespace smsinfo::domain
