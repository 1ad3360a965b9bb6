// The Gateway contract: what every way to the phone network (SMPP, GSM modem, HTTP provider,
// the built-in simulator) offers to dispatch and inbound. A gateway owns its threads or runs
// on the shared loop; it reports everything through GatewayEvents, whose methods it may call
// from any of its threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "domain/message.hpp"

namespace smsinfo::gateway {

// What an SMS is, for the routing rules that choose the gateway sending it ([[route]] in the
// config, RoutingGateway). An urgent message is kUrgent whatever its kind.
enum class RouteKind {
  kBulk,    // composed by the office for many
  kReply,   // the office answering one citizen
  kSystem,  // confirmations and help SMS the system sends by itself
  kUrgent,  // marked urgent
};
inline constexpr int kRouteKinds = 4;

// "bulk", "reply", "system", "urgent" (the names used in the config).
inline const char* ToString(RouteKind kind) {
  switch (kind) {
    case RouteKind::kBulk:
      return "bulk";
    case RouteKind::kReply:
      return "reply";
    case RouteKind::kSystem:
      return "system";
    case RouteKind::kUrgent:
      return "urgent";
  }
  return "bulk";
}

inline std::optional<RouteKind> ParseRouteKind(std::string_view text) {
  for (int i = 0; i < kRouteKinds; ++i) {
    const auto kind = static_cast<RouteKind>(i);
    if (text == ToString(kind)) return kind;
  }
  return std::nullopt;
}

// One SMS to one phone, already segmented by sms_text. A gateway may send the parts as
// concatenated SMS (UDH or SAR) or the whole text at once (message_payload) — either way it
// reports one gateway message id per SMS it put on the network.
struct OutboundSms {
  DeliveryId delivery_id;  // opaque to the gateway; echoed in the result
  std::string to;          // E.164
  std::string text;        // the whole text, UTF-8, as phones will show it
  domain::Encoding encoding = domain::Encoding::kGsm7;
  std::vector<std::string> parts;  // text of each segment, UTF-8; one element for a short SMS
  std::uint16_t concat_ref = 0;    // reference number shared by the parts
  TimePoint expires_at;
  int priority = 0;
  RouteKind route = RouteKind::kBulk;
};

enum class SubmitStatus {
  kAccepted,        // the network took every part
  kTemporaryError,  // try again later (throttled, queue full, not connected, timeout)
  kPermanentError,  // will never work (invalid number, rejected content)
};

struct SubmitResult {
  DeliveryId delivery_id;
  SubmitStatus status = SubmitStatus::kAccepted;
  std::vector<std::string> message_ids;  // one per SMS put on the network, in part order
  std::string error;                     // for people, with the network's code if any
};

enum class ReceiptStatus { kDelivered, kUndeliverable, kExpired, kFailed };

struct DeliveryReceipt {
  std::string message_id;
  ReceiptStatus status = ReceiptStatus::kDelivered;
  std::string error;
  TimePoint at;
};

// One SMS (or one part of a concatenated one) as received from the network.
struct InboundPart {
  std::string from;
  std::string to;
  std::string text;  // decoded to UTF-8
  // Set for a part of a concatenated SMS (from UDH or SAR): reference, total, 1-based seq.
  struct Concat {
    int ref = 0;
    int total = 1;
    int seq = 1;
  };
  std::optional<Concat> concat;
  TimePoint received_at;
};

class GatewayEvents {
 public:
  virtual ~GatewayEvents() = default;
  virtual void OnSubmitResult(const std::string& gateway, SubmitResult result) = 0;
  virtual void OnReceipt(const std::string& gateway, DeliveryReceipt receipt) = 0;
  // The same, for a gateway that acknowledges receipts to the network: `stored` is called
  // exactly once, with true when the receipt is durably stored (then the network may forget
  // it) or false (the network should send it again). A crash before then loses nothing.
  virtual void OnReceipt(const std::string& gateway, DeliveryReceipt receipt,
                         std::function<void(bool stored)> stored) {
    OnReceipt(gateway, std::move(receipt));
    stored(true);
  }
  // `stored` must be called exactly once, with true only when the part is durably stored;
  // the gateway acknowledges the network after that (and asks for a resend on false).
  virtual void OnInbound(const std::string& gateway, InboundPart part,
                         std::function<void(bool stored)> stored) = 0;
};

// One connection to the network (an SMPP bind; other gateways report none).
struct BindStatus {
  std::string name;  // e.g. "0-transceiver": slot and bind type
  std::string mode;  // transceiver | transmitter | receiver
  bool connected = false;
  std::int64_t in_flight = 0;  // requests waiting for a response (the window in use)
  std::int64_t window = 0;     // at most this many
  double rate = 0;             // SMS parts sent per second, over the last few seconds
  std::int64_t sent = 0;       // SMS parts sent since the start
  std::int64_t connects = 0;   // successful binds since the start (1 + reconnects)
  std::string last_error;
};

struct GatewayStatus {
  std::string name;
  std::string type;
  bool connected = false;
  std::int64_t in_flight = 0;
  std::int64_t window = 0;
  std::string last_error;
  std::vector<BindStatus> binds;
};

class Gateway {
 public:
  virtual ~Gateway() = default;
  virtual const std::string& name() const = 0;
  virtual const char* type() const = 0;
  // Starts talking to the network and reporting to `events`, which must outlive Stop().
  virtual void Start(GatewayEvents& events) = 0;
  // Stops taking new SMS, waits for what is in flight (up to a timeout), then disconnects.
  virtual void Stop() = 0;
  // Takes one SMS; its result comes through OnSubmitResult. Returns false, without a result,
  // when the gateway cannot take more now (window full, not connected): try again later.
  // Thread-safe.
  virtual bool Submit(OutboundSms sms) = 0;
  // How many SMS it can have in flight at once (dispatch claims no more than this).
  virtual std::size_t Capacity() const = 0;
  virtual GatewayStatus Status() const = 0;
};

}  // namespace smsinfo::gateway
