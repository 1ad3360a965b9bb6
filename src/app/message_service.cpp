#include "app/message_service.hpp"

#include "domain/phone_number.hpp"
#include "sms_text/compose.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::app {

MessageService::MessageService(storage::Store& store, const Clock& clock, AuditLog& audit,
                               std::int64_t validity_hours, std::function<void()> wake_dispatch)
    : store_(store),
      clock_(clock),
      audit_(audit),
      validity_hours_(validity_hours),
      wake_dispatch_(std::move(wake_dispatch)) {}

Result<sms_text::TextAnalysis> MessageService::Compose(const domain::Organization& org,
                                                       const std::string& text,
                                                       bool transliterate) const {
  const std::u32string chars = sms_text::DecodeUtf8(text);
  bool blank = true;
  for (char32_t c : chars) blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (blank) return Error::InvalidInput("text zpravy je prazdny / the message text is empty");
  if (chars.size() > kMaxBodyCharacters) {
    return Error::InvalidInput("text zpravy je delsi nez " + std::to_string(kMaxBodyCharacters) +
                               " znaku / the text is longer than " +
                               std::to_string(kMaxBodyCharacters) + " characters");
  }
  sms_text::ComposeOptions options;
  options.prefix = org.prefix;
  options.signature = org.signature;
  options.transliterate = transliterate;
  auto analysis = sms_text::Compose(text, options);
  if (analysis.segments > kMaxSegments) {
    return Error::InvalidInput("zprava by mela " + std::to_string(analysis.segments) +
                               " casti, nejvyse " + std::to_string(kMaxSegments) +
                               " / the message would need " + std::to_string(analysis.segments) +
                               " SMS parts, at most " + std::to_string(kMaxSegments) + " allowed");
  }
  return analysis;
}

Result<sms_text::TextAnalysis> MessageService::Analyze(const Actor& actor, const std::string& text,
                                                       std::optional<bool> transliterate) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  auto org = store_.organizations().Get(actor.org);
  if (!org.ok()) return org.error();
  return Compose(*org, text, transliterate.value_or(org->transliterate_by_default));
}

Result<SendResult> MessageService::Send(const Actor& actor, const SendRequest& request) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  auto org = store_.organizations().Get(actor.org);
  if (!org.ok()) return org.error();
  const bool transliterate = request.transliterate.value_or(org->transliterate_by_default);
  auto analysis = Compose(*org, request.text, transliterate);
  if (!analysis.ok()) return analysis.error();

  storage::RecipientSelection to = request.recipients;
  to.phones.clear();
  for (const auto& raw : request.recipients.phones) {
    auto phone = domain::PhoneNumber::Parse(raw);
    if (!phone.ok()) return phone.error();
    to.phones.push_back(phone->e164());
  }
  const TimePoint now = clock_.Now();
  domain::Message m;
  m.org_id = actor.org;
  m.kind = request.kind;
  m.body = request.text;
  m.text = analysis->text;
  m.encoding = analysis->encoding;
  m.segments = analysis->segments;
  m.urgent = request.urgent;
  m.transliterate = transliterate;
  m.priority = request.urgent                               ? domain::kPriorityUrgent
               : request.kind == domain::MessageKind::kBulk ? domain::kPriorityNormal
                                                            : domain::kPrioritySystem;
  m.send_at = request.send_at.value_or(now);
  if (m.send_at < now) m.send_at = now;
  m.expires_at = m.send_at + std::chrono::hours(validity_hours_);
  m.created_by = actor.user;
  m.created_at = now;
  m.in_reply_to = request.in_reply_to;

  SendResult result;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto created = store_.messages().Create(m, to);
    if (!created.ok()) return created.error();
    result.message = *created;
    return audit_.Record(
        actor, "message.send", "message:" + std::to_string(created->id.value),
        std::to_string(created->recipients) + " recipients" + (m.urgent ? ", urgent" : ""));
  });
  if (!tx.ok()) return tx.error();
  result.recipients = result.message.recipients;
  result.total_segments = result.recipients * result.message.segments;
  result.cost_milli = result.total_segments * org->price_per_segment_milli;
  messages_sent_.fetch_add(1, std::memory_order_relaxed);
  deliveries_queued_.fetch_add(result.recipients, std::memory_order_relaxed);
  if (sent_listener_) sent_listener_(actor.org, result.message.id);
  if (wake_dispatch_) wake_dispatch_();
  return result;
}

Result<domain::Message> MessageService::Get(const Actor& actor, MessageId id) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.messages().Get(actor.org, id);
}

Result<storage::PageOf<domain::Message>> MessageService::List(const Actor& actor,
                                                              const storage::MessageFilter& f,
                                                              storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  return store_.messages().List(actor.org, f, page);
}

Result<storage::PageOf<domain::Delivery>> MessageService::Deliveries(
    const Actor& actor, MessageId id, const storage::DeliveryFilter& f, storage::Page page) {
  SMSINFO_TRY(Require(actor, Permission::kRead));
  auto m = store_.messages().Get(actor.org, id);
  if (!m.ok()) return m.error();
  return store_.messages().ListDeliveries(actor.org, id, f, page);
}

Result<std::int64_t> MessageService::Cancel(const Actor& actor, MessageId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  std::int64_t cancelled = 0;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto n = store_.messages().Cancel(actor.org, id, clock_.Now());
    if (!n.ok()) return n.error();
    cancelled = *n;
    return audit_.Record(actor, "message.cancel", "message:" + std::to_string(id.value),
                         std::to_string(cancelled) + " deliveries cancelled");
  });
  if (!tx.ok()) return tx.error();
  return cancelled;
}

Result<std::int64_t> MessageService::RetryFailed(const Actor& actor, MessageId id) {
  SMSINFO_TRY(Require(actor, Permission::kOperate));
  std::int64_t retried = 0;
  auto tx = store_.InTransaction([&]() -> Result<void> {
    auto n = store_.messages().RetryFailed(actor.org, id, clock_.Now());
    if (!n.ok()) return n.error();
    retried = *n;
    return audit_.Record(actor, "message.retry", "message:" + std::to_string(id.value),
                         std::to_string(retried) + " deliveries queued again");
  });
  if (!tx.ok()) return tx.error();
  if (retried > 0 && sent_listener_) sent_listener_(actor.org, id);
  if (retried > 0 && wake_dispatch_) wake_dispatch_();
  return retried;
}

}  // namespace smsinfo::app
