#include "gateway/smpp/pdu.hpp"

#include <algorithm>
#include <type_traits>

namespace smsinfo::gateway::smpp {

bool IsSupportedCommand(CommandId id) {
  switch (id) {
    case CommandId::kGenericNack:
    case CommandId::kBindReceiver:
    case CommandId::kBindReceiverResp:
    case CommandId::kBindTransmitter:
    case CommandId::kBindTransmitterResp:
    case CommandId::kSubmitSm:
    case CommandId::kSubmitSmResp:
    case CommandId::kDeliverSm:
    case CommandId::kDeliverSmResp:
    case CommandId::kUnbind:
    case CommandId::kUnbindResp:
    case CommandId::kBindTransceiver:
    case CommandId::kBindTransceiverResp:
    case CommandId::kOutbind:
    case CommandId::kEnquireLink:
    case CommandId::kEnquireLinkResp:
    case CommandId::kDataSm:
    case CommandId::kDataSmResp:
      return true;
  }
  return false;
}

const char* CommandIdName(CommandId id) {
  switch (id) {
    case CommandId::kGenericNack: return "generic_nack";
    case CommandId::kBindReceiver: return "bind_receiver";
    case CommandId::kBindReceiverResp: return "bind_receiver_resp";
    case CommandId::kBindTransmitter: return "bind_transmitter";
    case CommandId::kBindTransmitterResp: return "bind_transmitter_resp";
    case CommandId::kSubmitSm: return "submit_sm";
    case CommandId::kSubmitSmResp: return "submit_sm_resp";
    case CommandId::kDeliverSm: return "deliver_sm";
    case CommandId::kDeliverSmResp: return "deliver_sm_resp";
    case CommandId::kUnbind: return "unbind";
    case CommandId::kUnbindResp: return "unbind_resp";
    case CommandId::kBindTransceiver: return "bind_transceiver";
    case CommandId::kBindTransceiverResp: return "bind_transceiver_resp";
    case CommandId::kOutbind: return "outbind";
    case CommandId::kEnquireLink: return "enquire_link";
    case CommandId::kEnquireLinkResp: return "enquire_link_resp";
    case CommandId::kDataSm: return "data_sm";
    case CommandId::kDataSmResp: return "data_sm_resp";
  }
  return "unknown";
}

const char* CommandStatusName(CommandStatus status) {
  switch (status) {
    case CommandStatus::kEsmeRok: return "ESME_ROK";
    case CommandStatus::kEsmeRinvMsgLen: return "ESME_RINVMSGLEN";
    case CommandStatus::kEsmeRinvCmdLen: return "ESME_RINVCMDLEN";
    case CommandStatus::kEsmeRinvCmdId: return "ESME_RINVCMDID";
    case CommandStatus::kEsmeRinvBndSts: return "ESME_RINVBNDSTS";
    case CommandStatus::kEsmeRalyBnd: return "ESME_RALYBND";
    case CommandStatus::kEsmeRinvPrtFlg: return "ESME_RINVPRTFLG";
    case CommandStatus::kEsmeRinvRegDlvFlg: return "ESME_RINVREGDLVFLG";
    case CommandStatus::kEsmeRsysErr: return "ESME_RSYSERR";
    case CommandStatus::kEsmeRinvSrcAdr: return "ESME_RINVSRCADR";
    case CommandStatus::kEsmeRinvDstAdr: return "ESME_RINVDSTADR";
    case CommandStatus::kEsmeRinvMsgId: return "ESME_RINVMSGID";
    case CommandStatus::kEsmeRbindFail: return "ESME_RBINDFAIL";
    case CommandStatus::kEsmeRinvPaswd: return "ESME_RINVPASWD";
    case CommandStatus::kEsmeRinvSysId: return "ESME_RINVSYSID";
    case CommandStatus::kEsmeRmsgQFul: return "ESME_RMSGQFUL";
    case CommandStatus::kEsmeRinvSerTyp: return "ESME_RINVSERTYP";
    case CommandStatus::kEsmeRinvEsmClass: return "ESME_RINVESMCLASS";
    case CommandStatus::kEsmeRsubmitFail: return "ESME_RSUBMITFAIL";
    case CommandStatus::kEsmeRinvSysTyp: return "ESME_RINVSYSTYP";
    case CommandStatus::kEsmeRthrottled: return "ESME_RTHROTTLED";
    case CommandStatus::kEsmeRinvSched: return "ESME_RINVSCHED";
    case CommandStatus::kEsmeRinvExpiry: return "ESME_RINVEXPIRY";
    case CommandStatus::kEsmeRinvOptParStream: return "ESME_RINVOPTPARSTREAM";
    case CommandStatus::kEsmeRoptParNotAllwd: return "ESME_ROPTPARNOTALLWD";
    case CommandStatus::kEsmeRinvParLen: return "ESME_RINVPARLEN";
    case CommandStatus::kEsmeRmissingOptParam: return "ESME_RMISSINGOPTPARAM";
    case CommandStatus::kEsmeRinvOptParamVal: return "ESME_RINVOPTPARAMVAL";
    case CommandStatus::kEsmeRdeliveryFailure: return "ESME_RDELIVERYFAILURE";
    case CommandStatus::kEsmeRunknownErr: return "ESME_RUNKNOWNERR";
    case CommandStatus::kEsmeRinvDcs: return "ESME_RINVDCS";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// TlvList

const Tlv* TlvList::Find(std::uint16_t tag) const {
  for (const Tlv& tlv : items_) {
    if (tlv.tag == tag) return &tlv;
  }
  return nullptr;
}

std::optional<std::uint8_t> TlvList::GetU8(std::uint16_t tag) const {
  const Tlv* tlv = Find(tag);
  if (tlv == nullptr || tlv->value.size() != 1) return std::nullopt;
  return tlv->value[0];
}

std::optional<std::uint16_t> TlvList::GetU16(std::uint16_t tag) const {
  const Tlv* tlv = Find(tag);
  if (tlv == nullptr || tlv->value.size() != 2) return std::nullopt;
  return static_cast<std::uint16_t>((tlv->value[0] << 8) | tlv->value[1]);
}

std::optional<std::string> TlvList::GetCString(std::uint16_t tag) const {
  const Tlv* tlv = Find(tag);
  if (tlv == nullptr || tlv->value.empty() || tlv->value.back() != 0) return std::nullopt;
  const auto end = tlv->value.end() - 1;
  if (std::find(tlv->value.begin(), end, std::uint8_t{0}) != end) return std::nullopt;
  return std::string(tlv->value.begin(), end);
}

void TlvList::Set(std::uint16_t tag, std::vector<std::uint8_t> value) {
  auto first = std::find_if(items_.begin(), items_.end(), [&](const Tlv& t) { return t.tag == tag; });
  if (first == items_.end()) {
    items_.push_back(Tlv{tag, std::move(value)});
    return;
  }
  first->value = std::move(value);
  items_.erase(std::remove_if(first + 1, items_.end(), [&](const Tlv& t) { return t.tag == tag; }),
               items_.end());
}

void TlvList::SetU8(std::uint16_t tag, std::uint8_t value) { Set(tag, {value}); }

void TlvList::SetU16(std::uint16_t tag, std::uint16_t value) {
  Set(tag, {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value & 0xFF)});
}

void TlvList::SetCString(std::uint16_t tag, std::string_view value) {
  std::vector<std::uint8_t> bytes(value.begin(), value.end());
  bytes.push_back(0);
  Set(tag, std::move(bytes));
}

void TlvList::Remove(std::uint16_t tag) {
  items_.erase(std::remove_if(items_.begin(), items_.end(), [&](const Tlv& t) { return t.tag == tag; }),
               items_.end());
}

// ---------------------------------------------------------------------------------------------
// ShortMessagePdu accessors

std::span<const std::uint8_t> ShortMessagePdu::Payload() const {
  if (const Tlv* payload = tlvs.Find(tlv_tag::kMessagePayload)) return payload->value;
  return short_message;
}

std::optional<SarInfo> ShortMessagePdu::Sar() const {
  const auto ref = tlvs.GetU16(tlv_tag::kSarMsgRefNum);
  const auto total = tlvs.GetU8(tlv_tag::kSarTotalSegments);
  const auto seq = tlvs.GetU8(tlv_tag::kSarSegmentSeqnum);
  if (!ref || !total || !seq) return std::nullopt;
  return SarInfo{*ref, *total, *seq};
}

void ShortMessagePdu::SetSar(const SarInfo& sar) {
  tlvs.SetU16(tlv_tag::kSarMsgRefNum, sar.msg_ref_num);
  tlvs.SetU8(tlv_tag::kSarTotalSegments, sar.total_segments);
  tlvs.SetU8(tlv_tag::kSarSegmentSeqnum, sar.segment_seqnum);
}

std::optional<std::string> ShortMessagePdu::ReceiptedMessageId() const {
  return tlvs.GetCString(tlv_tag::kReceiptedMessageId);
}

std::optional<MessageState> ShortMessagePdu::State() const {
  const auto state = tlvs.GetU8(tlv_tag::kMessageState);
  if (!state) return std::nullopt;
  return static_cast<MessageState>(*state);
}

std::optional<NetworkErrorCode> ShortMessagePdu::NetworkError() const {
  const Tlv* tlv = tlvs.Find(tlv_tag::kNetworkErrorCode);
  if (tlv == nullptr || tlv->value.size() != 3) return std::nullopt;
  return NetworkErrorCode{tlv->value[0],
                          static_cast<std::uint16_t>((tlv->value[1] << 8) | tlv->value[2])};
}

std::optional<std::uint16_t> ShortMessagePdu::UserMessageReference() const {
  return tlvs.GetU16(tlv_tag::kUserMessageReference);
}

// ---------------------------------------------------------------------------------------------

namespace {

CommandId BindCommand(BindType type) {
  switch (type) {
    case BindType::kReceiver: return CommandId::kBindReceiver;
    case BindType::kTransmitter: return CommandId::kBindTransmitter;
    case BindType::kTransceiver: return CommandId::kBindTransceiver;
  }
  return CommandId::kBindTransceiver;
}

template <class>
inline constexpr bool kAlwaysFalse = false;

}  // namespace

CommandId CommandIdOf(const PduBody& body) {
  return std::visit(
      [](const auto& b) -> CommandId {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, BindRequest>) {
          return BindCommand(b.command);
        } else if constexpr (std::is_same_v<T, BindResponse>) {
          return ResponseOf(BindCommand(b.command));
        } else if constexpr (std::is_same_v<T, Outbind>) {
          return CommandId::kOutbind;
        } else if constexpr (std::is_same_v<T, Unbind>) {
          return CommandId::kUnbind;
        } else if constexpr (std::is_same_v<T, UnbindResp>) {
          return CommandId::kUnbindResp;
        } else if constexpr (std::is_same_v<T, EnquireLink>) {
          return CommandId::kEnquireLink;
        } else if constexpr (std::is_same_v<T, EnquireLinkResp>) {
          return CommandId::kEnquireLinkResp;
        } else if constexpr (std::is_same_v<T, GenericNack>) {
          return CommandId::kGenericNack;
        } else if constexpr (std::is_same_v<T, SubmitSm>) {
          return CommandId::kSubmitSm;
        } else if constexpr (std::is_same_v<T, SubmitSmResp>) {
          return CommandId::kSubmitSmResp;
        } else if constexpr (std::is_same_v<T, DeliverSm>) {
          return CommandId::kDeliverSm;
        } else if constexpr (std::is_same_v<T, DeliverSmResp>) {
          return CommandId::kDeliverSmResp;
        } else if constexpr (std::is_same_v<T, DataSm>) {
          return CommandId::kDataSm;
        } else if constexpr (std::is_same_v<T, DataSmResp>) {
          return CommandId::kDataSmResp;
        } else {
          static_assert(kAlwaysFalse<T>, "every PduBody alternative needs a command_id");
        }
      },
      body);
}

Pdu MakePdu(std::uint32_t sequence_number, PduBody body, CommandStatus status) {
  Pdu pdu;
  pdu.header.command_id = CommandIdOf(body);
  pdu.header.command_status = status;
  pdu.header.sequence_number = sequence_number;
  pdu.body = std::move(body);
  return pdu;
}

}  // namespace smsinfo::gateway::smpp
