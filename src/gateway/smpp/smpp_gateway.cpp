#include "gateway/smpp/smpp_gateway.hpp"

#include <algorithm>
#include <utility>

#include "gateway/smpp/delivery_receipt.hpp"
#include "sms_text/gsm7.hpp"
#include "sms_text/segment.hpp"
#include "sms_text/ucs2.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using Steady = std::chrono::steady_clock;

std::vector<std::uint8_t> EncodeText(const SmppConfig& config, bool gsm, std::string_view text,
                                     std::span<const std::uint8_t> udh) {
  std::vector<std::uint8_t> out(udh.begin(), udh.end());
  if (!gsm) {
    auto ucs2 = sms_text::EncodeUcs2(text);
    out.insert(out.end(), ucs2.begin(), ucs2.end());
    return out;
  }
  auto septets = sms_text::EncodeGsm7(text);
  if (config.gsm_packed) {
    const int fill = udh.empty() ? 0 : sms_text::FillBitsAfterUdh(udh.size());
    auto packed = sms_text::PackSeptets(septets, fill);
    out.insert(out.end(), packed.begin(), packed.end());
  } else {
    out.insert(out.end(), septets.begin(), septets.end());
  }
  return out;
}

// Splits `text` into parts of at most `units` septets (GSM) or UTF-16 units (UCS-2), never
// inside an escape pair or a surrogate pair. For the 7-octet 16-bit concatenation UDH.
std::vector<std::string> SplitText(std::string_view text, bool gsm, int units) {
  std::vector<std::string> parts(1);
  int used = 0;
  for (char32_t c : sms_text::DecodeUtf8(text)) {
    int cost = gsm ? sms_text::Gsm7Septets(c) : sms_text::Utf16Units(c);
    if (cost == 0) cost = 1;  // becomes '?'
    if (used + cost > units) {
      parts.emplace_back();
      used = 0;
    }
    sms_text::AppendUtf8(parts.back(), c);
    used += cost;
  }
  return parts;
}

const char* BindTypeName(BindType type) {
  switch (type) {
    case BindType::kReceiver:
      return "receiver";
    case BindType::kTransmitter:
      return "transmitter";
    case BindType::kTransceiver:
      return "transceiver";
  }
  return "transceiver";
}

std::string WithoutPlus(const std::string& number) {
  return !number.empty() && number[0] == '+' ? number.substr(1) : number;
}

}  // namespace

std::string NormalizeMessageId(std::string_view id, MessageIdFormat format) {
  switch (format) {
    case MessageIdFormat::kAsIs:
      return std::string(id);
    case MessageIdFormat::kHex:
      return MessageIdAsDecimal(id, true).value_or(std::string(id));
    case MessageIdFormat::kDecimal:
      return MessageIdAsDecimal(id, false).value_or(std::string(id));
  }
  return std::string(id);
}

Result<std::vector<SubmitSm>> BuildSubmits(const SmppConfig& config, const OutboundSms& sms) {
  SubmitSm base;
  base.source_addr_ton = config.source_ton;
  base.source_addr_npi = config.source_npi;
  base.source_addr = config.source_addr;
  base.dest_addr_ton = config.dest_ton;
  base.dest_addr_npi = config.dest_npi;
  base.destination_addr = WithoutPlus(sms.to);
  base.priority_flag = static_cast<std::uint8_t>(std::clamp(sms.priority, 0, 3));
  base.registered_delivery =
      config.request_receipts ? kRegisteredDeliveryAlways : kRegisteredDeliveryNone;
  const bool gsm = sms.encoding == domain::Encoding::kGsm7;
  base.data_coding = gsm ? kDataCodingDefault : kDataCodingUcs2;
  if (base.destination_addr.size() >= kMaxAddress) {
    return Error::InvalidInput("destination address too long: " + sms.to);
  }

  std::vector<std::string> parts = sms.parts;
  if (parts.empty()) parts.push_back(sms.text);
  std::vector<SubmitSm> submits;
  if (parts.size() == 1 || config.long_messages == LongMessageMode::kPayload) {
    SubmitSm one = base;
    const std::string& text = parts.size() == 1 ? parts[0] : sms.text;
    auto data = EncodeText(config, gsm, text, {});
    if (data.size() > kMaxShortMessage || parts.size() > 1) {
      one.tlvs.Set(tlv_tag::kMessagePayload, std::move(data));
    } else {
      one.short_message = std::move(data);
    }
    submits.push_back(std::move(one));
    return submits;
  }
  const bool ref16 = config.long_messages == LongMessageMode::kUdh16;
  if (ref16) {
    // The 16-bit reference UDH is one octet longer: 152 septets / 66 UTF-16 units per part.
    parts =
        SplitText(sms.text, gsm, gsm ? sms_text::kGsm7PartUnits - 1 : sms_text::kUcs2PartUnits - 1);
  }
  if (parts.size() > 255) return Error::InvalidInput("more than 255 parts");
  const int total = static_cast<int>(parts.size());
  for (int i = 0; i < total; ++i) {
    SubmitSm part = base;
    const std::string& text = parts[static_cast<std::size_t>(i)];
    if (config.long_messages == LongMessageMode::kSar) {
      part.short_message = EncodeText(config, gsm, text, {});
      part.SetSar(SarInfo{sms.concat_ref, static_cast<std::uint8_t>(total),
                          static_cast<std::uint8_t>(i + 1)});
    } else {
      const auto udh = sms_text::ConcatUdh(sms.concat_ref, total, i + 1, ref16);
      part.esm_class = static_cast<std::uint8_t>(part.esm_class | kEsmClassUdhi);
      part.short_message = EncodeText(config, gsm, text, udh);
    }
    if (part.short_message.size() > kMaxShortMessage) {
      return Error::InvalidInput("a part is longer than 254 octets");
    }
    submits.push_back(std::move(part));
  }
  return submits;
}

InboundPart DecodeInbound(const SmppConfig& config, const DeliverSm& pdu, TimePoint received_at) {
  InboundPart part;
  part.from = pdu.source_addr;
  if (pdu.source_addr_ton == 1 && !part.from.empty() && part.from[0] != '+') {
    part.from = "+" + part.from;
  }
  part.to = pdu.destination_addr;
  part.received_at = received_at;
  std::span<const std::uint8_t> data = pdu.Payload();
  std::size_t udh_len = 0;
  if ((pdu.esm_class & kEsmClassUdhi) != 0 && !data.empty()) {
    const std::size_t len = std::size_t{data[0]} + 1;
    if (len <= data.size()) {
      if (auto info = sms_text::ParseConcatUdh(data.first(len))) {
        part.concat = InboundPart::Concat{info->ref, info->total, info->seq};
      }
      udh_len = len;
      data = data.subspan(len);
    }
  } else if (auto sar = pdu.Sar()) {
    part.concat = InboundPart::Concat{sar->msg_ref_num, sar->total_segments, sar->segment_seqnum};
  }
  const std::uint8_t dc = pdu.data_coding;
  const bool gsm = dc == 0 || ((dc & 0xF0) == 0xF0 && (dc & 0x04) == 0);
  if (gsm) {
    if (config.gsm_packed) {
      const int fill = udh_len == 0 ? 0 : sms_text::FillBitsAfterUdh(udh_len);
      const std::size_t bits = data.size() * 8;
      const std::size_t count =
          bits > static_cast<std::size_t>(fill) ? (bits - static_cast<std::size_t>(fill)) / 7 : 0;
      part.text = sms_text::DecodeGsm7(sms_text::UnpackSeptets(data, count, fill));
    } else {
      part.text = sms_text::DecodeGsm7(data);
    }
  } else if (dc == 1) {
    part.text = sms_text::DecodeIa5(data);
  } else if (dc == 8) {
    part.text = sms_text::DecodeUcs2(data);
  } else {
    part.text = sms_text::DecodeLatin1(data);
  }
  return part;
}

Result<std::optional<DeliveryReceipt>> ToDeliveryReceipt(const SmppConfig& config,
                                                         const DeliverSm& pdu, TimePoint now) {
  auto info = ReadReceipt(pdu);
  if (!info.ok()) return info.error();
  DeliveryReceipt receipt;
  receipt.message_id = NormalizeMessageId(info->message_id, config.receipt_id_format);
  receipt.at = now;
  switch (info->stat) {
    case ReceiptStat::kDelivered:
      receipt.status = ReceiptStatus::kDelivered;
      break;
    case ReceiptStat::kExpired:
      receipt.status = ReceiptStatus::kExpired;
      break;
    case ReceiptStat::kUndeliverable:
      receipt.status = ReceiptStatus::kUndeliverable;
      break;
    case ReceiptStat::kDeleted:
    case ReceiptStat::kRejected:
    case ReceiptStat::kUnknown:
      receipt.status = ReceiptStatus::kFailed;
      break;
    case ReceiptStat::kAccepted:
    case ReceiptStat::kEnroute:
      return std::optional<DeliveryReceipt>();
  }
  if (receipt.status != ReceiptStatus::kDelivered) {
    receipt.error = std::string(ReceiptStatName(info->stat));
    if (!info->err.empty()) receipt.error += " err:" + info->err;
    if (info->network_error) {
      receipt.error += " network_error:" + std::to_string(info->network_error->network_type) + "/" +
                       std::to_string(info->network_error->error_code);
    }
  }
  return std::optional<DeliveryReceipt>(std::move(receipt));
}

SmppGateway::SmppGateway(SmppConfig config, const Clock& clock)
    : config_(std::move(config)), clock_(clock), limiter_(config_.throughput) {}

SmppGateway::~SmppGateway() { Stop(); }

void SmppGateway::Start(GatewayEvents& events) {
  std::lock_guard lifecycle(lifecycle_mu_);
  {
    std::lock_guard lock(mu_);
    if (started_) return;
    events_ = &events;
    started_ = true;
    stopping_ = false;
  }
  auto sessions = std::make_shared<Sessions>();
  for (int slot = 0; slot < std::max(1, config_.binds); ++slot) {
    if (config_.bind_mode == BindMode::kTransceiver) {
      sessions->push_back(std::make_unique<Session>(config_, BindType::kTransceiver, slot, *this));
    } else {
      sessions->push_back(std::make_unique<Session>(config_, BindType::kTransmitter, slot, *this));
      sessions->push_back(std::make_unique<Session>(config_, BindType::kReceiver, slot, *this));
    }
  }
  {
    std::lock_guard lock(mu_);
    sessions_ = sessions;
  }
  for (auto& session : *sessions) session->Start();
}

std::shared_ptr<const SmppGateway::Sessions> SmppGateway::CurrentSessions() const {
  std::lock_guard lock(mu_);
  return sessions_;
}

void SmppGateway::Stop() {
  std::lock_guard lifecycle(lifecycle_mu_);
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
    stopping_ = true;
  }
  const auto deadline = Steady::now() + config_.drain_timeout;
  // Every session drains in parallel: each Stop() below waits for its own session only, and
  // the later ones keep sending while the earlier ones are being stopped.
  for (auto& session : *CurrentSessions()) session->Stop(deadline);
  std::vector<SubmitResult> results;
  GatewayEvents* events = nullptr;
  {
    std::lock_guard lock(mu_);
    events = events_;
    results = FailQueuedLocked("the gateway stopped before sending");
    started_ = false;
  }
  for (auto& result : results) events->OnSubmitResult(config_.name, std::move(result));
  std::lock_guard lock(mu_);
  events_ = nullptr;
}

bool SmppGateway::Submit(OutboundSms sms) {
  std::shared_ptr<const Sessions> sessions;
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_) return false;
    if (pending_.size() >= Capacity()) return false;
    sessions = sessions_;
  }
  bool any_bound = false;
  for (const auto& session : *sessions) {
    any_bound = any_bound || (session->bind_type() != BindType::kReceiver && session->bound());
  }
  if (!any_bound) return false;

  auto submits = BuildSubmits(config_, sms);
  std::unique_lock lock(mu_);
  if (!started_ || stopping_) return false;
  if (!submits.ok()) {
    GatewayEvents* events = events_;
    lock.unlock();
    SubmitResult result;
    result.delivery_id = sms.delivery_id;
    result.status = SubmitStatus::kPermanentError;
    result.error = submits.error().message;
    events->OnSubmitResult(config_.name, std::move(result));
    return true;
  }
  const std::uint64_t key = next_key_++;
  PendingSms& pending = pending_[key];
  pending.delivery_id = sms.delivery_id;
  pending.remaining = submits->size();
  pending.message_ids.resize(submits->size());
  int index = 0;
  for (SubmitSm& submit : *submits) {
    queue_.push_back(OutboundPart{key, index++, std::move(submit)});
  }
  lock.unlock();
  for (const auto& session : *sessions) {
    if (session->bind_type() != BindType::kReceiver) session->Notify();
  }
  return true;
}

std::size_t SmppGateway::Capacity() const {
  return config_.window * static_cast<std::size_t>(std::max(1, config_.binds));
}

GatewayStatus SmppGateway::Status() const {
  GatewayStatus status;
  status.name = config_.name;
  status.type = type();
  status.window = static_cast<std::int64_t>(Capacity());
  std::string session_error;
  int i = 0;
  const int per_slot = config_.bind_mode == BindMode::kTransceiver ? 1 : 2;
  for (const auto& session : *CurrentSessions()) {
    const SessionStatus s = session->Status();
    status.connected = status.connected || s.bound;
    status.in_flight += static_cast<std::int64_t>(s.in_window);
    if (!s.last_error.empty()) session_error = s.last_error;
    gateway::BindStatus bind;
    bind.mode = BindTypeName(session->bind_type());
    bind.name = std::to_string(i++ / per_slot) + "-" + bind.mode;
    bind.connected = s.bound;
    bind.in_flight = static_cast<std::int64_t>(s.in_window);
    bind.window = static_cast<std::int64_t>(config_.window);
    bind.rate = s.rate;
    bind.sent = s.sent;
    bind.connects = s.binds;
    bind.last_error = s.last_error;
    status.binds.push_back(std::move(bind));
  }
  std::lock_guard lock(mu_);
  status.last_error = !session_error.empty() ? session_error : last_error_;
  return status;
}

std::vector<SmppGateway::BindStatus> SmppGateway::Binds() const {
  std::vector<BindStatus> binds;
  int i = 0;
  const int per_slot = config_.bind_mode == BindMode::kTransceiver ? 1 : 2;
  for (const auto& session : *CurrentSessions()) {
    binds.push_back(BindStatus{i++ / per_slot, session->bind_type(), session->Status()});
  }
  return binds;
}

void SmppGateway::TakeParts(std::size_t max, std::vector<OutboundPart>& out,
                            std::chrono::steady_clock::duration* wait) {
  *wait = Steady::duration::zero();
  const auto now = Steady::now();
  std::lock_guard lock(mu_);
  while (out.size() < max && !queue_.empty()) {
    Steady::duration until{};
    if (!limiter_.TryAcquire(now, &until)) {
      if (out.empty()) *wait = std::max<Steady::duration>(until, std::chrono::microseconds(100));
      return;
    }
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
}

std::optional<SubmitResult> SmppGateway::RecordOutcomeLocked(std::uint64_t sms_key, int index,
                                                             PartOutcome outcome) {
  auto it = pending_.find(sms_key);
  if (it == pending_.end()) return std::nullopt;
  PendingSms& sms = it->second;
  switch (outcome.kind) {
    case PartOutcome::Kind::kAccepted:
      sms.message_ids[static_cast<std::size_t>(index)] =
          NormalizeMessageId(outcome.message_id, config_.submit_id_format);
      break;
    case PartOutcome::Kind::kTemporaryError:
      if (sms.status == SubmitStatus::kAccepted) sms.status = SubmitStatus::kTemporaryError;
      if (sms.error.empty()) sms.error = outcome.error;
      last_error_ = outcome.error;
      break;
    case PartOutcome::Kind::kPermanentError:
      sms.status = SubmitStatus::kPermanentError;
      sms.error = outcome.error;
      last_error_ = outcome.error;
      break;
  }
  if (--sms.remaining > 0) return std::nullopt;
  SubmitResult result;
  result.delivery_id = sms.delivery_id;
  result.status = sms.status;
  result.error = std::move(sms.error);
  if (sms.status == SubmitStatus::kAccepted) result.message_ids = std::move(sms.message_ids);
  pending_.erase(it);
  return result;
}

void SmppGateway::OnPartOutcome(std::uint64_t sms_key, int index, PartOutcome outcome) {
  std::optional<SubmitResult> result;
  GatewayEvents* events = nullptr;
  {
    std::lock_guard lock(mu_);
    result = RecordOutcomeLocked(sms_key, index, std::move(outcome));
    events = events_;
  }
  if (result && events != nullptr) events->OnSubmitResult(config_.name, std::move(*result));
}

void SmppGateway::OnThrottled() {
  std::lock_guard lock(mu_);
  limiter_.PauseUntil(Steady::now() + config_.throttle_backoff);
}

void SmppGateway::OnDeliverSm(DeliverSm pdu, std::function<void(bool stored)> ack) {
  GatewayEvents* events = nullptr;
  {
    std::lock_guard lock(mu_);
    events = events_;
  }
  if (events == nullptr) {
    ack(false);
    return;
  }
  if (IsDeliveryReceipt(pdu.esm_class)) {
    auto receipt = ToDeliveryReceipt(config_, pdu, clock_.Now());
    if (!receipt.ok()) {
      // Answered OK anyway: an unreadable receipt would be resent forever.
      SetLastError("unreadable delivery receipt: " + receipt.error().message);
    } else if (receipt->has_value()) {
      // Answered once stored: a receipt acknowledged and then lost in a crash would leave its
      // delivery `submitted` for ever.
      events->OnReceipt(config_.name, std::move(**receipt), std::move(ack));
      return;
    }
    ack(true);
    return;
  }
  events->OnInbound(config_.name, DecodeInbound(config_, pdu, clock_.Now()), std::move(ack));
}

std::vector<SubmitResult> SmppGateway::FailQueuedLocked(const std::string& reason) {
  std::vector<SubmitResult> results;
  for (auto& part : queue_) {
    PartOutcome outcome;
    outcome.kind = PartOutcome::Kind::kTemporaryError;
    outcome.error = reason;
    if (auto result = RecordOutcomeLocked(part.sms_key, part.index, std::move(outcome))) {
      results.push_back(std::move(*result));
    }
  }
  queue_.clear();
  return results;
}

void SmppGateway::OnSessionDown() {
  for (const auto& session : *CurrentSessions()) {
    if (session->bind_type() != BindType::kReceiver && session->bound()) return;
  }
  std::vector<SubmitResult> results;
  GatewayEvents* events = nullptr;
  {
    std::lock_guard lock(mu_);
    events = events_;
    results = FailQueuedLocked("no bind to the SMSC");
  }
  if (events == nullptr) return;
  for (auto& result : results) events->OnSubmitResult(config_.name, std::move(result));
}

void SmppGateway::OnPartsWritten(std::size_t parts, std::chrono::steady_clock::time_point at) {
  std::lock_guard lock(mu_);
  limiter_.RecordWrites(parts, at);
}

bool SmppGateway::HasQueuedParts() {
  std::lock_guard lock(mu_);
  return !queue_.empty();
}

void SmppGateway::SetLastError(std::string error) {
  std::lock_guard lock(mu_);
  last_error_ = std::move(error);
}

}  // namespace smsinfo::gateway::smpp
