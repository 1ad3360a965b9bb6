#include "inbound/inbound_processor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <type_traits>
#include <variant>
#include <vector>

#include "domain/phone_number.hpp"
#include "inbound/command_parser.hpp"

namespace smsinfo::inbound {
namespace {

constexpr std::size_t kPendingBatch = 100;

bool IsE164(const std::string& phone) {
  auto parsed = domain::PhoneNumber::Parse(phone);
  return parsed.ok() && parsed->e164() == phone;
}

}  // namespace

InboundProcessor::InboundProcessor(storage::Store& store, const Clock& clock,
                                   RegistrationService& registrations, SystemMessages& messages,
                                   InboundConfig config)
    : store_(store),
      clock_(clock),
      registrations_(registrations),
      messages_(messages),
      config_(std::move(config)),
      flood_guard_(clock, config_.flood_max, config_.flood_window) {}

std::string InboundProcessor::Normalize(const std::string& number) const {
  auto parsed = domain::PhoneNumber::Parse(number, config_.default_region);
  return parsed.ok() ? parsed->e164() : number;
}

Result<domain::Organization> InboundProcessor::Route(const std::string& to) {
  const std::string e164 = Normalize(to);
  auto org = store_.organizations().FindByCentralNumber(e164);
  if (org.ok() || org.error().code != ErrorCode::kNotFound) return org;
  auto all = store_.organizations().List();
  if (!all.ok()) return all.error();
  if (all->size() == 1) return all->front();
  return Error::NotFound("no organization has the central number '" + to + "'");
}

Result<std::optional<InboundId>> InboundProcessor::Receive(const ReceivedPart& part) {
  auto org = Route(part.to);
  if (!org.ok()) return org.error();
  const std::string from = Normalize(part.from);
  const std::string to = Normalize(part.to);

  // A part whose numbering makes no sense is kept as a whole SMS rather than lost.
  const bool concatenated = part.concat_ref.has_value() && part.concat_total > 1 &&
                            part.concat_seq >= 1 && part.concat_seq <= part.concat_total;
  if (!concatenated) {
    domain::InboundSms sms;
    sms.org_id = org->id;
    sms.from = from;
    sms.to = to;
    sms.text = part.text;
    sms.received_at = part.received_at;
    sms.kind = domain::InboundKind::kPending;
    sms.gateway = part.gateway;
    auto stored = store_.inbound().Insert(sms);
    if (!stored.ok()) return stored.error();
    return std::optional<InboundId>(stored->id);
  }

  storage::InboundPart staged;
  staged.org_id = org->id;
  staged.from = from;
  staged.to = to;
  staged.ref = *part.concat_ref;
  staged.total = part.concat_total;
  staged.seq = part.concat_seq;
  staged.text = part.text;
  staged.gateway = part.gateway;
  staged.received_at = part.received_at;

  std::optional<InboundId> whole;
  std::lock_guard lock(reassembly_mutex_);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    SMSINFO_TRY(store_.inbound().StorePart(staged));
    auto parts = store_.inbound().PartsOf(staged.org_id, staged.from, staged.ref, staged.total);
    if (!parts.ok()) return parts.error();
    std::set<int> seqs;
    for (const auto& p : *parts) {
      if (p.seq >= 1 && p.seq <= staged.total) seqs.insert(p.seq);
    }
    if (static_cast<int>(seqs.size()) < staged.total) return Ok();
    auto id = StoreJoined(staged);
    if (!id.ok()) return id.error();
    whole = *id;
    return Ok();
  });
  if (!tx.ok()) return tx.error();
  return whole;
}

Result<InboundId> InboundProcessor::StoreJoined(const storage::InboundPart& any_part) {
  auto parts =
      store_.inbound().PartsOf(any_part.org_id, any_part.from, any_part.ref, any_part.total);
  if (!parts.ok()) return parts.error();
  if (parts->empty()) return Error::NotFound("no stored parts for this concatenated SMS");
  std::vector<const storage::InboundPart*> by_seq(static_cast<std::size_t>(any_part.total),
                                                  nullptr);
  domain::InboundSms sms;
  sms.org_id = any_part.org_id;
  sms.from = any_part.from;
  sms.to = any_part.to;
  sms.kind = domain::InboundKind::kPending;
  sms.received_at = parts->front().received_at;
  sms.gateway = parts->front().gateway;
  for (const auto& p : *parts) {
    if (p.seq >= 1 && p.seq <= any_part.total && by_seq[p.seq - 1] == nullptr) {
      by_seq[p.seq - 1] = &p;
    }
    if (p.received_at < sms.received_at) {
      sms.received_at = p.received_at;
      sms.gateway = p.gateway;
    }
  }
  for (const storage::InboundPart* p : by_seq) sms.text += p ? p->text : kMissingPartMarker;
  auto stored = store_.inbound().Insert(sms);
  if (!stored.ok()) return stored.error();
  SMSINFO_TRY(
      store_.inbound().DeletePartsOf(any_part.org_id, any_part.from, any_part.ref, any_part.total));
  return stored->id;
}

Result<domain::InboundKind> InboundProcessor::Process(InboundId id) {
  auto orgs = store_.organizations().List();
  if (!orgs.ok()) return orgs.error();
  for (const auto& org : *orgs) {
    auto sms = store_.inbound().Get(org.id, id);
    if (sms.ok()) return ProcessSms(*sms);
    if (sms.error().code != ErrorCode::kNotFound) return sms.error();
  }
  return Error::NotFound("no inbound SMS " + std::to_string(id.value));
}

Result<std::optional<domain::InboundKind>> InboundProcessor::ReceiveAndProcess(
    const ReceivedPart& part) {
  auto id = Receive(part);
  if (!id.ok()) return id.error();
  if (!id->has_value()) return std::optional<domain::InboundKind>();
  auto kind = Process(**id);
  if (!kind.ok()) return kind.error();
  return std::optional<domain::InboundKind>(*kind);
}

Result<domain::InboundKind> InboundProcessor::ProcessSms(const domain::InboundSms& sms) {
  if (sms.kind != domain::InboundKind::kPending) return sms.kind;
  auto org = store_.organizations().Get(sms.org_id);
  if (!org.ok()) return org.error();
  Result<domain::InboundKind> kind = Error::Internal("inbound SMS was not processed");
  SystemMessages::DeferWake defer(messages_);
  auto tx = store_.InTransaction([&]() -> Result<void> {
    kind = ProcessInTx(sms, *org);
    if (!kind.ok()) return kind.error();
    return Ok();
  });
  if (!tx.ok()) return tx.error();
  return kind;
}

Result<domain::InboundKind> InboundProcessor::ProcessInTx(const domain::InboundSms& sms,
                                                          const domain::Organization& org) {
  using domain::InboundKind;
  // Another thread may have processed it since it was read.
  auto current = store_.inbound().Get(org.id, sms.id);
  if (!current.ok()) return current.error();
  if (current->kind != InboundKind::kPending) return current->kind;

  auto classify = [&](InboundKind kind, std::optional<ContactId> contact,
                      std::optional<MessageId> in_reply_to) -> Result<InboundKind> {
    SMSINFO_TRY(store_.inbound().Classify(sms.id, kind, contact, in_reply_to));
    return kind;
  };

  if (!flood_guard_.Allow(org.id, sms.from)) {
    auto contact = ContactOf(org.id, sms.from);
    if (!contact.ok()) return contact.error();
    return classify(InboundKind::kThrottled, *contact, std::nullopt);
  }

  // Without a real number (an alphanumeric sender, say) nobody can be registered or answered.
  const bool answerable = IsE164(sms.from);
  const Command command = ParseCommand(sms.text);

  if (const auto* registration = std::get_if<RegistrationCommand>(&command)) {
    if (!answerable) return classify(InboundKind::kInvalidCommand, std::nullopt, std::nullopt);
    auto registered = registrations_.Register(org, sms.from, *registration, sms.id);
    if (!registered.ok()) {
      if (registered.error().code != ErrorCode::kInvalidInput) return registered.error();
      SMSINFO_TRY(SendHelp(org, sms));
      return classify(InboundKind::kInvalidCommand, std::nullopt, std::nullopt);
    }
    auto contact = ContactOf(org.id, sms.from);
    if (!contact.ok()) return contact.error();
    return classify(InboundKind::kRegistration, *contact, std::nullopt);
  }

  if (std::holds_alternative<UnregistrationCommand>(command)) {
    if (!answerable) return classify(InboundKind::kInvalidCommand, std::nullopt, std::nullopt);
    auto contact = ContactOf(org.id, sms.from);
    if (!contact.ok()) return contact.error();
    storage::RegistrationFilter filter;
    filter.phone = sms.from;
    auto registrations = store_.registrations().List(org.id, filter, storage::Page{1, 0});
    if (!registrations.ok()) return registrations.error();
    if (contact->has_value() || registrations->total > 0) {
      SMSINFO_TRY(registrations_.Unregister(org, sms.from, sms.id));
    } else {
      auto sent = messages_.Send(org, sms.from, org.texts.unregistered,
                                 domain::MessageKind::kConfirmation, sms.id);
      if (!sent.ok()) return sent.error();
    }
    return classify(InboundKind::kUnregistration, std::nullopt, std::nullopt);
  }

  auto contact = ContactOf(org.id, sms.from);
  if (!contact.ok()) return contact.error();

  if (std::holds_alternative<InvalidCommand>(command)) {
    if (answerable) SMSINFO_TRY(SendHelp(org, sms));
    return classify(InboundKind::kInvalidCommand, *contact, std::nullopt);
  }

  auto last = store_.messages().LastMessageTo(org.id, sms.from);
  if (!last.ok()) return last.error();
  return classify(InboundKind::kReply, *contact, *last);
}

Result<void> InboundProcessor::SendHelp(const domain::Organization& org,
                                        const domain::InboundSms& sms) {
  const TimePoint now = clock_.Now();
  const TimePoint recent = now - config_.help_interval;
  std::lock_guard lock(help_mutex_);
  const auto key = std::make_pair(org.id, sms.from);
  if (auto it = last_help_.find(key); it != last_help_.end() && it->second > recent) return Ok();
  // Also ask the store, so that a restart does not reset the limit: was the last message to
  // this number a recent help SMS?
  auto last = store_.messages().LastMessageTo(org.id, sms.from);
  if (!last.ok()) return last.error();
  if (last->has_value()) {
    auto message = store_.messages().Get(org.id, **last);
    if (!message.ok()) return message.error();
    if (message->body == org.texts.help && message->created_at > recent) {
      last_help_[key] = message->created_at;
      return Ok();
    }
  }
  auto sent =
      messages_.Send(org, sms.from, org.texts.help, domain::MessageKind::kConfirmation, sms.id);
  if (!sent.ok()) return sent.error();
  last_help_[key] = now;
  if (last_help_.size() > 10'000) {
    std::erase_if(last_help_, [&](const auto& entry) { return entry.second <= recent; });
  }
  return Ok();
}

Result<std::optional<ContactId>> InboundProcessor::ContactOf(OrgId org, const std::string& phone) {
  auto contact = store_.contacts().FindByPhone(org, phone);
  if (contact.ok()) return std::optional<ContactId>(contact->id);
  if (contact.error().code == ErrorCode::kNotFound) return std::optional<ContactId>();
  return contact.error();
}

Result<int> InboundProcessor::ProcessPending() {
  std::set<InboundId> attempted;
  int processed = 0;
  while (true) {
    auto pending = store_.inbound().ListPending(kPendingBatch + attempted.size());
    if (!pending.ok()) return pending.error();
    bool progressed = false;
    for (const auto& sms : *pending) {
      if (!attempted.insert(sms.id).second) continue;
      progressed = true;
      auto kind = ProcessSms(sms);
      if (kind.ok()) {
        ++processed;
      } else {
        spdlog::warn("inbound SMS {} stays pending: {}", sms.id.value, kind.error().message);
      }
    }
    if (!progressed) break;
  }
  return processed;
}

Result<int> InboundProcessor::FlushStaleParts() {
  auto stale = store_.inbound().StaleParts(clock_.Now() - config_.reassembly_timeout);
  if (!stale.ok()) return stale.error();
  std::vector<std::pair<OrgId, InboundId>> made;
  for (const auto& part : *stale) {
    std::lock_guard lock(reassembly_mutex_);
    std::optional<InboundId> id;
    auto tx = store_.InTransaction([&]() -> Result<void> {
      auto stored = StoreJoined(part);
      if (!stored.ok()) return stored.error();
      id = *stored;
      return Ok();
    });
    if (!tx.ok()) return tx.error();
    made.emplace_back(part.org_id, *id);
  }
  for (const auto& [org, id] : made) {
    auto sms = store_.inbound().Get(org, id);
    auto kind = sms.ok() ? ProcessSms(*sms) : Result<domain::InboundKind>(sms.error());
    if (!kind.ok()) {
      spdlog::warn("inbound SMS {} stays pending: {}", id.value, kind.error().message);
    }
  }
  return static_cast<int>(made.size());
}

}  // namespace smsinfo::inbound
