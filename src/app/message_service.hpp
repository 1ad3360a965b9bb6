// Composing and sending messages, and following their deliveries. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "sms_text/segment.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

struct SendRequest {
  std::string text;
  storage::RecipientSelection recipients;  // phones as people typed them; validated here
  std::optional<TimePoint> send_at;        // empty: now
  bool urgent = false;
  std::optional<bool> transliterate;  // empty: the organization's default
  domain::MessageKind kind = domain::MessageKind::kBulk;
  std::optional<InboundId> in_reply_to;
};

struct SendResult {
  domain::Message message;
  std::int64_t recipients = 0;
  std::int64_t total_segments = 0;
  std::int64_t cost_milli = 0;  // total_segments × the organization's price per segment
};

class MessageService {
 public:
  // `wake_dispatch` is called after a message is stored, so sending starts at once.
  MessageService(storage::Store& store, const Clock& clock, AuditLog& audit,
                 std::int64_t validity_hours, std::function<void()> wake_dispatch);

  static constexpr std::size_t kMaxBodyCharacters = 1000;
  static constexpr int kMaxSegments = 10;

  // The text as phones will show it (prefix, signature, transliteration) and its counts.
  Result<sms_text::TextAnalysis> Analyze(const Actor& actor, const std::string& text,
                                         std::optional<bool> transliterate);
  Result<SendResult> Send(const Actor& actor, const SendRequest& request);
  Result<domain::Message> Get(const Actor& actor, MessageId id);
  Result<storage::PageOf<domain::Message>> List(const Actor& actor, const storage::MessageFilter& f,
                                                storage::Page page);
  Result<storage::PageOf<domain::Delivery>> Deliveries(const Actor& actor, MessageId id,
                                                       const storage::DeliveryFilter& f,
                                                       storage::Page page);
  Result<std::int64_t> Cancel(const Actor& actor, MessageId id);
  Result<std::int64_t> RetryFailed(const Actor& actor, MessageId id);

  // Called after a message is stored or its failed deliveries are queued again (live progress).
  // Set once while wiring, before any Send.
  void SetSentListener(std::function<void(OrgId, MessageId)> listener) {
    sent_listener_ = std::move(listener);
  }

  // Since the start of the process (for /metrics): messages stored by Send, and the deliveries
  // (one per recipient) they queued.
  std::int64_t messages_sent() const { return messages_sent_.load(std::memory_order_relaxed); }
  std::int64_t deliveries_queued() const {
    return deliveries_queued_.load(std::memory_order_relaxed);
  }

 private:
  Result<sms_text::TextAnalysis> Compose(const domain::Organization& org, const std::string& text,
                                         bool transliterate) const;

  storage::Store& store_;
  const Clock& clock_;
  AuditLog& audit_;
  std::int64_t validity_hours_;
  std::function<void()> wake_dispatch_;
  std::function<void(OrgId, MessageId)> sent_listener_;
  std::atomic<std::int64_t> messages_sent_{0};
  std::atomic<std::int64_t> deliveries_queued_{0};
};

}  // namespace smsinfo::app
