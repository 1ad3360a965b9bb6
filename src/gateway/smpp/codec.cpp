#include "gateway/smpp/codec.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace smsinfo::gateway::smpp {

CommandId DecodeError::ReplyCommand() const {
  if (command_status == CommandStatus::kEsmeRinvCmdLen ||
      command_status == CommandStatus::kEsmeRinvCmdId || IsResponse(command_id) ||
      command_id == CommandId::kOutbind || !IsSupportedCommand(command_id)) {
    return CommandId::kGenericNack;
  }
  return ResponseOf(command_id);
}

namespace {

// A fault found in a field: the status to answer with and a text for the log.
struct Fault {
  CommandStatus status;
  std::string message;
};

// Size rule of a TLV we interpret (§5.3.2); other tags are kept uninterpreted.
std::optional<Fault> CheckKnownTlv(const Tlv& tlv) {
  std::size_t fixed = 0;
  const char* name = nullptr;
  switch (tlv.tag) {
    case tlv_tag::kUserMessageReference: fixed = 2, name = "user_message_reference"; break;
    case tlv_tag::kSarMsgRefNum: fixed = 2, name = "sar_msg_ref_num"; break;
    case tlv_tag::kSarTotalSegments: fixed = 1, name = "sar_total_segments"; break;
    case tlv_tag::kSarSegmentSeqnum: fixed = 1, name = "sar_segment_seqnum"; break;
    case tlv_tag::kScInterfaceVersion: fixed = 1, name = "sc_interface_version"; break;
    case tlv_tag::kMessageState: fixed = 1, name = "message_state"; break;
    case tlv_tag::kNetworkErrorCode: fixed = 3, name = "network_error_code"; break;
    case tlv_tag::kReceiptedMessageId:
      if (tlv.value.size() > kMaxMessageId) {
        return Fault{CommandStatus::kEsmeRinvParLen, "receipted_message_id longer than 65 octets"};
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
  if (tlv.value.size() != fixed) {
    return Fault{CommandStatus::kEsmeRinvParLen,
                 std::string(name) + " TLV must be " + std::to_string(fixed) + " octets, not " +
                     std::to_string(tlv.value.size())};
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Decoding

// Reads fields from a PDU body. Every read checks the bytes left; the first fault sticks and
// makes every later read fail, so reads can be chained with &&.
class BodyReader {
 public:
  explicit BodyReader(std::span<const std::uint8_t> body) : body_(body) {}

  std::size_t remaining() const { return body_.size() - pos_; }
  const std::optional<Fault>& fault() const { return fault_; }

  bool U8(std::uint8_t& out, const char* field) {
    if (fault_) return false;
    if (remaining() < 1) return Fail(CommandStatus::kEsmeRinvCmdLen, field, "body ends before it");
    out = body_[pos_++];
    return true;
  }

  // A C-Octet String of at most `max` octets, NUL included (§3.1).
  bool CString(std::string& out, std::size_t max, CommandStatus too_long, const char* field) {
    if (fault_) return false;
    const std::size_t limit = std::min(max, remaining());
    const auto begin = body_.begin() + static_cast<std::ptrdiff_t>(pos_);
    const auto end = begin + static_cast<std::ptrdiff_t>(limit);
    const auto nul = std::find(begin, end, std::uint8_t{0});
    if (nul == end) {
      if (limit < max) return Fail(CommandStatus::kEsmeRinvCmdLen, field, "has no NUL before the body ends");
      return Fail(too_long, field, "is longer than " + std::to_string(max - 1) + " characters");
    }
    out.assign(begin, nul);
    pos_ += out.size() + 1;
    return true;
  }

  // sm_length then short_message (§5.2.21, §5.2.22).
  bool ShortMessage(std::vector<std::uint8_t>& out) {
    std::uint8_t sm_length = 0;
    if (!U8(sm_length, "sm_length")) return false;
    if (sm_length > kMaxShortMessage) {
      return Fail(CommandStatus::kEsmeRinvMsgLen, "sm_length", "is over 254");
    }
    if (sm_length > remaining()) {
      return Fail(CommandStatus::kEsmeRinvMsgLen, "sm_length",
                  "is " + std::to_string(sm_length) + " but only " + std::to_string(remaining()) +
                      " octets are left");
    }
    const auto begin = body_.begin() + static_cast<std::ptrdiff_t>(pos_);
    out.assign(begin, begin + sm_length);
    pos_ += sm_length;
    return true;
  }

  // TLVs up to the end of the body (§3.2, §5.3.1).
  bool Tlvs(TlvList& out) {
    while (!fault_ && remaining() > 0) {
      if (remaining() < 4) {
        return Fail(CommandStatus::kEsmeRinvOptParStream, "TLV", "header is truncated");
      }
      Tlv tlv;
      tlv.tag = static_cast<std::uint16_t>((body_[pos_] << 8) | body_[pos_ + 1]);
      const std::size_t length = static_cast<std::size_t>((body_[pos_ + 2] << 8) | body_[pos_ + 3]);
      pos_ += 4;
      if (length > remaining()) {
        return Fail(CommandStatus::kEsmeRinvOptParStream, "TLV",
                    "value of tag " + std::to_string(tlv.tag) + " runs past the body");
      }
      const auto begin = body_.begin() + static_cast<std::ptrdiff_t>(pos_);
      tlv.value.assign(begin, begin + static_cast<std::ptrdiff_t>(length));
      pos_ += length;
      if (auto bad = CheckKnownTlv(tlv)) {
        fault_ = std::move(bad);
        return false;
      }
      out.Append(std::move(tlv));
    }
    return !fault_;
  }

  // The body must be fully consumed.
  bool End() {
    if (fault_) return false;
    if (remaining() != 0) {
      return Fail(CommandStatus::kEsmeRinvCmdLen, "body",
                  "has " + std::to_string(remaining()) + " unexpected trailing octets");
    }
    return true;
  }

 private:
  bool Fail(CommandStatus status, std::string_view field, std::string_view what) {
    fault_ = Fault{status, std::string(field) + " " + std::string(what)};
    return false;
  }

  std::span<const std::uint8_t> body_;
  std::size_t pos_ = 0;
  std::optional<Fault> fault_;
};

std::uint32_t ReadU32(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

void ReadBind(BodyReader& r, BindRequest& b) {
  r.CString(b.system_id, kMaxSystemId, CommandStatus::kEsmeRinvSysId, "system_id") &&
      r.CString(b.password, kMaxPassword, CommandStatus::kEsmeRinvPaswd, "password") &&
      r.CString(b.system_type, kMaxSystemType, CommandStatus::kEsmeRinvSysTyp, "system_type") &&
      r.U8(b.interface_version, "interface_version") && r.U8(b.addr_ton, "addr_ton") &&
      r.U8(b.addr_npi, "addr_npi") &&
      r.CString(b.address_range, kMaxAddressRange, CommandStatus::kEsmeRinvParLen,
                "address_range") &&
      r.End();
}

void ReadShortMessage(BodyReader& r, ShortMessagePdu& m) {
  r.CString(m.service_type, kMaxServiceType, CommandStatus::kEsmeRinvSerTyp, "service_type") &&
      r.U8(m.source_addr_ton, "source_addr_ton") && r.U8(m.source_addr_npi, "source_addr_npi") &&
      r.CString(m.source_addr, kMaxAddress, CommandStatus::kEsmeRinvSrcAdr, "source_addr") &&
      r.U8(m.dest_addr_ton, "dest_addr_ton") && r.U8(m.dest_addr_npi, "dest_addr_npi") &&
      r.CString(m.destination_addr, kMaxAddress, CommandStatus::kEsmeRinvDstAdr,
                "destination_addr") &&
      r.U8(m.esm_class, "esm_class") && r.U8(m.protocol_id, "protocol_id") &&
      r.U8(m.priority_flag, "priority_flag") &&
      r.CString(m.schedule_delivery_time, kMaxTime, CommandStatus::kEsmeRinvSched,
                "schedule_delivery_time") &&
      r.CString(m.validity_period, kMaxTime, CommandStatus::kEsmeRinvExpiry, "validity_period") &&
      r.U8(m.registered_delivery, "registered_delivery") &&
      r.U8(m.replace_if_present_flag, "replace_if_present_flag") &&
      r.U8(m.data_coding, "data_coding") && r.U8(m.sm_default_msg_id, "sm_default_msg_id") &&
      r.ShortMessage(m.short_message) && r.Tlvs(m.tlvs);
}

void ReadDataSm(BodyReader& r, DataSm& m) {
  r.CString(m.service_type, kMaxServiceType, CommandStatus::kEsmeRinvSerTyp, "service_type") &&
      r.U8(m.source_addr_ton, "source_addr_ton") && r.U8(m.source_addr_npi, "source_addr_npi") &&
      r.CString(m.source_addr, kMaxDataSmAddress, CommandStatus::kEsmeRinvSrcAdr, "source_addr") &&
      r.U8(m.dest_addr_ton, "dest_addr_ton") && r.U8(m.dest_addr_npi, "dest_addr_npi") &&
      r.CString(m.destination_addr, kMaxDataSmAddress, CommandStatus::kEsmeRinvDstAdr,
                "destination_addr") &&
      r.U8(m.esm_class, "esm_class") && r.U8(m.registered_delivery, "registered_delivery") &&
      r.U8(m.data_coding, "data_coding") && r.Tlvs(m.tlvs);
}

// Reads the body of a response. An error response may come without a body.
void ReadMessageIdResponse(BodyReader& r, MessageIdResponse& m, bool error_status) {
  if (error_status && r.remaining() == 0) return;
  r.CString(m.message_id, kMaxMessageId, CommandStatus::kEsmeRinvMsgId, "message_id") &&
      r.Tlvs(m.tlvs);
}

BindType BindTypeOf(CommandId id) {
  switch (static_cast<CommandId>(static_cast<std::uint32_t>(id) & ~kResponseBit)) {
    case CommandId::kBindReceiver: return BindType::kReceiver;
    case CommandId::kBindTransmitter: return BindType::kTransmitter;
    default: return BindType::kTransceiver;
  }
}

// Decodes the body for a supported command id; returns the body or the fault.
std::variant<PduBody, Fault> DecodeBody(const PduHeader& header, std::span<const std::uint8_t> body) {
  BodyReader r(body);
  const bool error_status = header.command_status != CommandStatus::kEsmeRok;
  PduBody out;
  switch (header.command_id) {
    case CommandId::kBindReceiver:
    case CommandId::kBindTransmitter:
    case CommandId::kBindTransceiver: {
      BindRequest b;
      b.command = BindTypeOf(header.command_id);
      ReadBind(r, b);
      out = std::move(b);
      break;
    }
    case CommandId::kBindReceiverResp:
    case CommandId::kBindTransmitterResp:
    case CommandId::kBindTransceiverResp: {
      BindResponse b;
      b.command = BindTypeOf(header.command_id);
      if (!(error_status && r.remaining() == 0)) {
        r.CString(b.system_id, kMaxSystemId, CommandStatus::kEsmeRinvSysId, "system_id") &&
            r.Tlvs(b.tlvs);
      }
      out = std::move(b);
      break;
    }
    case CommandId::kOutbind: {
      Outbind b;
      r.CString(b.system_id, kMaxSystemId, CommandStatus::kEsmeRinvSysId, "system_id") &&
          r.CString(b.password, kMaxPassword, CommandStatus::kEsmeRinvPaswd, "password") &&
          r.End();
      out = std::move(b);
      break;
    }
    case CommandId::kUnbind:
      r.End();
      out = Unbind{};
      break;
    case CommandId::kUnbindResp:
      r.End();
      out = UnbindResp{};
      break;
    case CommandId::kEnquireLink:
      r.End();
      out = EnquireLink{};
      break;
    case CommandId::kEnquireLinkResp:
      r.End();
      out = EnquireLinkResp{};
      break;
    case CommandId::kGenericNack:
      r.End();
      out = GenericNack{};
      break;
    case CommandId::kSubmitSm: {
      SubmitSm m;
      ReadShortMessage(r, m);
      out = std::move(m);
      break;
    }
    case CommandId::kDeliverSm: {
      DeliverSm m;
      ReadShortMessage(r, m);
      out = std::move(m);
      break;
    }
    case CommandId::kDataSm: {
      DataSm m;
      ReadDataSm(r, m);
      out = std::move(m);
      break;
    }
    case CommandId::kSubmitSmResp: {
      SubmitSmResp m;
      ReadMessageIdResponse(r, m, error_status);
      out = std::move(m);
      break;
    }
    case CommandId::kDeliverSmResp: {
      DeliverSmResp m;
      ReadMessageIdResponse(r, m, error_status);
      out = std::move(m);
      break;
    }
    case CommandId::kDataSmResp: {
      DataSmResp m;
      ReadMessageIdResponse(r, m, error_status);
      out = std::move(m);
      break;
    }
  }
  if (r.fault()) return *r.fault();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding

class BodyWriter {
 public:
  explicit BodyWriter(std::vector<std::uint8_t>& out) : out_(out) {}

  const std::optional<std::string>& fault() const { return fault_; }

  void U8(std::uint8_t v) { out_.push_back(v); }
  void U16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v & 0xFF));
  }

  void CString(std::string_view s, std::size_t max, const char* field) {
    if (s.size() + 1 > max) {
      Fail(std::string(field) + " is longer than " + std::to_string(max - 1) + " characters");
    } else if (s.find('\0') != std::string_view::npos) {
      Fail(std::string(field) + " contains a NUL character");
    }
    out_.insert(out_.end(), s.begin(), s.end());
    out_.push_back(0);
  }

  void ShortMessage(const std::vector<std::uint8_t>& sm) {
    if (sm.size() > kMaxShortMessage) {
      Fail("short_message is longer than 254 octets; use message_payload");
    }
    out_.push_back(static_cast<std::uint8_t>(std::min(sm.size(), kMaxShortMessage)));
    out_.insert(out_.end(), sm.begin(), sm.end());
  }

  void Tlvs(const TlvList& tlvs) {
    for (const Tlv& tlv : tlvs.items()) {
      if (tlv.value.size() > 0xFFFF) Fail("TLV value longer than 65535 octets");
      if (auto bad = CheckKnownTlv(tlv)) Fail(bad->message);
      U16(tlv.tag);
      U16(static_cast<std::uint16_t>(std::min<std::size_t>(tlv.value.size(), 0xFFFF)));
      out_.insert(out_.end(), tlv.value.begin(), tlv.value.end());
    }
  }

 private:
  void Fail(std::string message) {
    if (!fault_) fault_ = std::move(message);
  }

  std::vector<std::uint8_t>& out_;
  std::optional<std::string> fault_;
};

void WriteShortMessage(BodyWriter& w, const ShortMessagePdu& m) {
  w.CString(m.service_type, kMaxServiceType, "service_type");
  w.U8(m.source_addr_ton);
  w.U8(m.source_addr_npi);
  w.CString(m.source_addr, kMaxAddress, "source_addr");
  w.U8(m.dest_addr_ton);
  w.U8(m.dest_addr_npi);
  w.CString(m.destination_addr, kMaxAddress, "destination_addr");
  w.U8(m.esm_class);
  w.U8(m.protocol_id);
  w.U8(m.priority_flag);
  w.CString(m.schedule_delivery_time, kMaxTime, "schedule_delivery_time");
  w.CString(m.validity_period, kMaxTime, "validity_period");
  w.U8(m.registered_delivery);
  w.U8(m.replace_if_present_flag);
  w.U8(m.data_coding);
  w.U8(m.sm_default_msg_id);
  w.ShortMessage(m.short_message);
  w.Tlvs(m.tlvs);
}

void WriteBody(BodyWriter& w, const PduBody& body) {
  std::visit(
      [&w](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, BindRequest>) {
          w.CString(b.system_id, kMaxSystemId, "system_id");
          w.CString(b.password, kMaxPassword, "password");
          w.CString(b.system_type, kMaxSystemType, "system_type");
          w.U8(b.interface_version);
          w.U8(b.addr_ton);
          w.U8(b.addr_npi);
          w.CString(b.address_range, kMaxAddressRange, "address_range");
        } else if constexpr (std::is_same_v<T, BindResponse>) {
          w.CString(b.system_id, kMaxSystemId, "system_id");
          w.Tlvs(b.tlvs);
        } else if constexpr (std::is_same_v<T, Outbind>) {
          w.CString(b.system_id, kMaxSystemId, "system_id");
          w.CString(b.password, kMaxPassword, "password");
        } else if constexpr (std::is_same_v<T, SubmitSm> || std::is_same_v<T, DeliverSm>) {
          WriteShortMessage(w, b);
        } else if constexpr (std::is_same_v<T, DataSm>) {
          w.CString(b.service_type, kMaxServiceType, "service_type");
          w.U8(b.source_addr_ton);
          w.U8(b.source_addr_npi);
          w.CString(b.source_addr, kMaxDataSmAddress, "source_addr");
          w.U8(b.dest_addr_ton);
          w.U8(b.dest_addr_npi);
          w.CString(b.destination_addr, kMaxDataSmAddress, "destination_addr");
          w.U8(b.esm_class);
          w.U8(b.registered_delivery);
          w.U8(b.data_coding);
          w.Tlvs(b.tlvs);
        } else if constexpr (std::is_base_of_v<MessageIdResponse, T>) {
          w.CString(b.message_id, kMaxMessageId, "message_id");
          w.Tlvs(b.tlvs);
        } else {
          // Unbind, UnbindResp, EnquireLink, EnquireLinkResp, GenericNack: header only.
          static_assert(std::is_empty_v<T>, "a PduBody alternative with fields needs encoding");
        }
      },
      body);
}

void PutU32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t v) {
  out[at] = static_cast<std::uint8_t>(v >> 24);
  out[at + 1] = static_cast<std::uint8_t>((v >> 16) & 0xFF);
  out[at + 2] = static_cast<std::uint8_t>((v >> 8) & 0xFF);
  out[at + 3] = static_cast<std::uint8_t>(v & 0xFF);
}

}  // namespace

DecodeResult Decode(std::span<const std::uint8_t> one_pdu) {
  if (one_pdu.size() < kHeaderLength) {
    return DecodeError{CommandStatus::kEsmeRinvCmdLen, CommandId{0}, 0,
                       "PDU of " + std::to_string(one_pdu.size()) +
                           " octets is shorter than the 16-octet header"};
  }
  PduHeader header;
  header.command_length = ReadU32(one_pdu, 0);
  header.command_id = static_cast<CommandId>(ReadU32(one_pdu, 4));
  header.command_status = static_cast<CommandStatus>(ReadU32(one_pdu, 8));
  header.sequence_number = ReadU32(one_pdu, 12);
  if (header.command_length != one_pdu.size()) {
    return DecodeError{CommandStatus::kEsmeRinvCmdLen, header.command_id, header.sequence_number,
                       "command_length " + std::to_string(header.command_length) +
                           " differs from the PDU's " + std::to_string(one_pdu.size()) +
                           " octets"};
  }
  if (!IsSupportedCommand(header.command_id)) {
    return DecodeError{CommandStatus::kEsmeRinvCmdId, header.command_id, header.sequence_number,
                       "unknown command_id " +
                           std::to_string(static_cast<std::uint32_t>(header.command_id))};
  }
  auto body = DecodeBody(header, one_pdu.subspan(kHeaderLength));
  if (auto* fault = std::get_if<Fault>(&body)) {
    return DecodeError{fault->status, header.command_id, header.sequence_number,
                       std::string(CommandIdName(header.command_id)) + ": " + fault->message};
  }
  return Pdu{header, std::get<PduBody>(std::move(body))};
}

Result<std::vector<std::uint8_t>> Encode(const Pdu& pdu) {
  std::vector<std::uint8_t> out(kHeaderLength, 0);
  BodyWriter w(out);
  WriteBody(w, pdu.body);
  if (w.fault()) {
    return Error::InvalidInput(std::string(CommandIdName(CommandIdOf(pdu.body))) + ": " +
                               *w.fault());
  }
  if (out.size() > 0xFFFFFFFFu) return Error::InvalidInput("PDU longer than 4 GiB");
  PutU32(out, 0, static_cast<std::uint32_t>(out.size()));
  PutU32(out, 4, static_cast<std::uint32_t>(CommandIdOf(pdu.body)));
  PutU32(out, 8, static_cast<std::uint32_t>(pdu.header.command_status));
  PutU32(out, 12, pdu.header.sequence_number);
  return out;
}

}  // namespace smsinfo::gateway::smpp
