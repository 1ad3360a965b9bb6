// An SMS received on an organization's central number. Stored before anything else happens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

enum class InboundKind {
  kPending,         // stored, not yet processed
  kRegistration,
  kUnregistration,
  kReply,
  kInvalidCommand,
  kThrottled,       // kept, not acted on: the number sent too much
};
const char* ToString(InboundKind k);
std::optional<InboundKind> ParseInboundKind(std::string_view s);

struct InboundSms {
  InboundId id;
  OrgId org_id;
  std::string from;  // E.164 where it parses, else as the network gave it
  std::string to;
  std::string text;  // UTF-8, reassembled, exactly as it came
  TimePoint received_at;
  InboundKind kind = InboundKind::kPending;
  std::optional<ContactId> contact_id;
  std::optional<MessageId> in_reply_to;  // the last message sent to that number
  std::string gateway;                   // which gateway received it
  bool read = false;
};

}  // namespace smsinfo::domain
