#include "inbound/system_messages.hpp"

#include "domain/phone_number.hpp"
#include "sms_text/compose.hpp"

namespace smsinfo::inbound {
namespace {

// DeferWake nesting on this thread, and whether a Send was held back meanwhile.
thread_local int defer_depth = 0;
thread_local bool wake_deferred = false;

}  // namespace

SystemMessages::SystemMessages(storage::Store& store, const Clock& clock,
                               std::function<void()> wake)
    : store_(store), clock_(clock), wake_(std::move(wake)) {}

Result<MessageId> SystemMessages::Send(const domain::Organization& org, const std::string& phone,
                                       std::string_view text, domain::MessageKind kind,
                                       std::optional<InboundId> in_reply_to) {
  auto parsed = domain::PhoneNumber::Parse(phone);
  if (!parsed.ok() || parsed->e164() != phone) {
    return Error::InvalidInput("cannot send an SMS to '" + phone + "': not an E.164 number");
  }
  const sms_text::TextAnalysis analysis =
      sms_text::Compose(text, sms_text::ComposeOptions{org.prefix, "", true});
  const TimePoint now = clock_.Now();
  domain::Message message;
  message.org_id = org.id;
  message.kind = kind;
  message.body = std::string(text);
  message.text = analysis.text;
  message.encoding = analysis.encoding;
  message.segments = analysis.segments;
  message.urgent = false;
  message.transliterate = true;
  message.priority = domain::kPrioritySystem;
  message.send_at = now;
  message.expires_at = now + kSystemMessageLifetime;
  message.created_at = now;
  message.in_reply_to = in_reply_to;
  storage::RecipientSelection to;
  to.phones.push_back(phone);
  auto created = store_.messages().Create(message, to);
  if (!created.ok()) return created.error();
  if (defer_depth > 0) {
    wake_deferred = true;
  } else if (wake_) {
    wake_();
  }
  return created->id;
}

SystemMessages::DeferWake::DeferWake(SystemMessages& messages) : messages_(messages) {
  ++defer_depth;
}

SystemMessages::DeferWake::~DeferWake() {
  if (--defer_depth > 0 || !wake_deferred) return;
  wake_deferred = false;
  if (messages_.wake_) messages_.wake_();
}

}  // namespace smsinfo::inbound
