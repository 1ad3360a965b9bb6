// Outbound messages, their per-recipient deliveries and the parts of each delivery.
// State machine (ARCHITECTURE.md): queued → sending → submitted → delivered | undeliverable |
// expired | failed, plus cancelled. Plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::domain {

enum class DeliveryState {
  kQueued,
  kSending,
  kSubmitted,
  kDelivered,
  kUndeliverable,
  kExpired,
  kFailed,
  kCancelled,
};
const char* ToString(DeliveryState s);
std::optional<DeliveryState> ParseDeliveryState(std::string_view s);
bool IsFinal(DeliveryState s);

enum class Encoding { kGsm7, kUcs2 };
const char* ToString(Encoding e);

// Who asked for the message; decides its priority in dispatch.
enum class MessageKind {
  kBulk,          // composed by the office
  kReply,         // the office answering one citizen
  kConfirmation,  // sent by the system in answer to a citizen's command
};
const char* ToString(MessageKind k);
std::optional<MessageKind> ParseMessageKind(std::string_view s);

// Priorities in dispatch: higher goes first. Urgent and system answers ignore quiet hours.
inline constexpr int kPriorityNormal = 0;
inline constexpr int kPrioritySystem = 1;
inline constexpr int kPriorityUrgent = 2;

struct Message {
  MessageId id;
  OrgId org_id;
  MessageKind kind = MessageKind::kBulk;
  std::string body;           // what the office wrote
  std::string text;           // as phones will show it: prefix, body, signature, transliterated
  Encoding encoding = Encoding::kGsm7;
  int segments = 1;           // per recipient
  bool urgent = false;
  bool transliterate = true;
  int priority = kPriorityNormal;
  TimePoint send_at;          // not before
  TimePoint expires_at;       // a delivery not submitted by then expires
  std::optional<UserId> created_by;
  TimePoint created_at;
  std::optional<InboundId> in_reply_to;  // for kReply and kConfirmation
  std::int64_t recipients = 0;           // filled by queries
  std::map<DeliveryState, std::int64_t> counts;  // filled by queries
};

struct Delivery {
  DeliveryId id;
  MessageId message_id;
  OrgId org_id;
  std::string phone;
  std::optional<ContactId> contact_id;
  DeliveryState state = DeliveryState::kQueued;
  int attempts = 0;
  int parts_total = 0;
  int parts_delivered = 0;
  std::string error;  // last error, for people
  TimePoint updated_at;
};

}  // namespace smsinfo::domain
