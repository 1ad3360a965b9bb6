// SMPP 3.4 wire constants and the typed PDUs the codec reads and writes: the header (§3.2,
// §5.1), the PDU bodies we support (§4.1–§4.7, §4.11) and TLV optional parameters (§5.3).
// See docs/smpp.md for what is supported and why. Plain values; safe to use from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace smsinfo::gateway::smpp {

// ---------------------------------------------------------------------------------------------
// Header constants (SMPP 3.4 §5.1)

inline constexpr std::size_t kHeaderLength = 16;  // command_length, command_id, status, sequence
inline constexpr std::uint32_t kResponseBit = 0x80000000;  // command_id of a *_resp (§5.1.2.1)

// command_id (§5.1.2.1). The enum may hold any 32-bit value: a decoded header keeps what the
// peer sent, known or not.
enum class CommandId : std::uint32_t {
  kGenericNack = 0x80000000,
  kBindReceiver = 0x00000001,
  kBindReceiverResp = 0x80000001,
  kBindTransmitter = 0x00000002,
  kBindTransmitterResp = 0x80000002,
  kSubmitSm = 0x00000004,
  kSubmitSmResp = 0x80000004,
  kDeliverSm = 0x00000005,
  kDeliverSmResp = 0x80000005,
  kUnbind = 0x00000006,
  kUnbindResp = 0x80000006,
  kBindTransceiver = 0x00000009,
  kBindTransceiverResp = 0x80000009,
  kOutbind = 0x0000000B,
  kEnquireLink = 0x00000015,
  kEnquireLinkResp = 0x80000015,
  kDataSm = 0x00000103,
  kDataSmResp = 0x80000103,
};

constexpr bool IsResponse(CommandId id) {
  return (static_cast<std::uint32_t>(id) & kResponseBit) != 0;
}
// The *_resp of a request (generic_nack stays generic_nack).
constexpr CommandId ResponseOf(CommandId request) {
  return static_cast<CommandId>(static_cast<std::uint32_t>(request) | kResponseBit);
}
// True for the command ids listed above, i.e. the ones Decode understands.
bool IsSupportedCommand(CommandId id);
// The spec's name ("submit_sm", "bind_transceiver_resp"), or "unknown" for other values.
const char* CommandIdName(CommandId id);

// command_status (§5.1.3). As with CommandId, any 32-bit value may be held.
enum class CommandStatus : std::uint32_t {
  kEsmeRok = 0x00000000,
  kEsmeRinvMsgLen = 0x00000001,  // message length is invalid
  kEsmeRinvCmdLen = 0x00000002,  // command length is invalid
  kEsmeRinvCmdId = 0x00000003,   // invalid command id
  kEsmeRinvBndSts = 0x00000004,  // incorrect bind status for the given command
  kEsmeRalyBnd = 0x00000005,     // already bound
  kEsmeRinvPrtFlg = 0x00000006,  // invalid priority flag
  kEsmeRinvRegDlvFlg = 0x00000007,
  kEsmeRsysErr = 0x00000008,     // system error
  kEsmeRinvSrcAdr = 0x0000000A,  // invalid source address
  kEsmeRinvDstAdr = 0x0000000B,  // invalid destination address
  kEsmeRinvMsgId = 0x0000000C,   // message id is invalid
  kEsmeRbindFail = 0x0000000D,   // bind failed
  kEsmeRinvPaswd = 0x0000000E,   // invalid password
  kEsmeRinvSysId = 0x0000000F,   // invalid system id
  kEsmeRmsgQFul = 0x00000014,    // message queue full
  kEsmeRinvSerTyp = 0x00000015,  // invalid service type
  kEsmeRinvEsmClass = 0x00000043,
  kEsmeRsubmitFail = 0x00000045,
  kEsmeRinvSysTyp = 0x00000053,  // invalid system_type
  kEsmeRthrottled = 0x00000058,  // throttling error: the ESME exceeded its message limits
  kEsmeRinvSched = 0x00000061,   // invalid scheduled delivery time
  kEsmeRinvExpiry = 0x00000062,  // invalid validity period
  kEsmeRinvOptParStream = 0x000000C0,  // error in the optional part of the PDU body
  kEsmeRoptParNotAllwd = 0x000000C1,   // optional parameter not allowed
  kEsmeRinvParLen = 0x000000C2,        // invalid parameter length
  kEsmeRmissingOptParam = 0x000000C3,
  kEsmeRinvOptParamVal = 0x000000C4,
  kEsmeRdeliveryFailure = 0x000000FE,
  kEsmeRunknownErr = 0x000000FF,
  kEsmeRinvDcs = 0x00000104,  // invalid data_coding; defined by SMPP 5.0, used by 3.4 SMSCs too
};

// The spec's name ("ESME_RTHROTTLED"), or "unknown" for other values.
const char* CommandStatusName(CommandStatus status);

// ---------------------------------------------------------------------------------------------
// Field constants (§5.2)

// esm_class (§5.2.12).
inline constexpr std::uint8_t kEsmClassMessageTypeMask = 0x3C;
inline constexpr std::uint8_t kEsmClassDeliveryReceipt = 0x04;  // SMSC delivery receipt
inline constexpr std::uint8_t kEsmClassUdhi = 0x40;             // short_message starts with a UDH
inline constexpr std::uint8_t kEsmClassReplyPath = 0x80;

constexpr bool IsDeliveryReceipt(std::uint8_t esm_class) {
  return (esm_class & kEsmClassMessageTypeMask) == kEsmClassDeliveryReceipt;
}

// registered_delivery (§5.2.17), bits 1..0: SMSC delivery receipt.
inline constexpr std::uint8_t kRegisteredDeliveryNone = 0x00;
inline constexpr std::uint8_t kRegisteredDeliveryAlways = 0x01;     // on success or failure
inline constexpr std::uint8_t kRegisteredDeliveryOnFailure = 0x02;  // on failure only

// interface_version (§5.2.4) and the data_coding values we send (§5.2.19).
inline constexpr std::uint8_t kInterfaceVersion34 = 0x34;
inline constexpr std::uint8_t kDataCodingDefault = 0x00;  // SMSC default alphabet (GSM 7-bit)
inline constexpr std::uint8_t kDataCodingOctet = 0x04;    // 8-bit binary
inline constexpr std::uint8_t kDataCodingUcs2 = 0x08;     // UCS-2 (UTF-16BE)

// Maximum sizes of C-Octet Strings, the terminating NUL included (§4.x tables).
inline constexpr std::size_t kMaxSystemId = 16;
inline constexpr std::size_t kMaxPassword = 9;
inline constexpr std::size_t kMaxSystemType = 13;
inline constexpr std::size_t kMaxAddressRange = 41;
inline constexpr std::size_t kMaxServiceType = 6;
inline constexpr std::size_t kMaxAddress = 21;        // submit_sm, deliver_sm addresses
inline constexpr std::size_t kMaxDataSmAddress = 65;  // data_sm addresses (§4.7.1)
inline constexpr std::size_t kMaxTime = 17;           // schedule_delivery_time, validity_period
inline constexpr std::size_t kMaxMessageId = 65;
inline constexpr std::size_t kMaxShortMessage = 254;  // sm_length range 0..254 (§5.2.21)

// ---------------------------------------------------------------------------------------------
// TLV optional parameters (§5.3)

namespace tlv_tag {
inline constexpr std::uint16_t kUserMessageReference = 0x0204;  // 2 octets (§5.3.2.17)
inline constexpr std::uint16_t kSarMsgRefNum = 0x020C;          // 2 octets (§5.3.2.22)
inline constexpr std::uint16_t kSarTotalSegments = 0x020E;      // 1 octet (§5.3.2.23)
inline constexpr std::uint16_t kSarSegmentSeqnum = 0x020F;      // 1 octet (§5.3.2.24)
inline constexpr std::uint16_t kScInterfaceVersion = 0x0210;    // 1 octet (§5.3.2.25)
inline constexpr std::uint16_t kReceiptedMessageId = 0x001E;    // C-string <= 65 (§5.3.2.12)
inline constexpr std::uint16_t kNetworkErrorCode = 0x0423;      // 3 octets (§5.3.2.31)
inline constexpr std::uint16_t kMessagePayload = 0x0424;        // any length (§5.3.2.32)
inline constexpr std::uint16_t kMessageState = 0x0427;          // 1 octet (§5.3.2.35)
}  // namespace tlv_tag

// message_state (§5.2.28), as carried by the message_state TLV.
enum class MessageState : std::uint8_t {
  kEnroute = 1,
  kDelivered = 2,
  kExpired = 3,
  kDeleted = 4,
  kUndeliverable = 5,
  kAccepted = 6,
  kUnknown = 7,
  kRejected = 8,
};

struct Tlv {
  std::uint16_t tag = 0;
  std::vector<std::uint8_t> value;  // at most 65535 octets
  bool operator==(const Tlv&) const = default;
};

// The sar_* TLVs of one part of a concatenated message (§5.3.2.22–24).
struct SarInfo {
  std::uint16_t msg_ref_num = 0;
  std::uint8_t total_segments = 1;
  std::uint8_t segment_seqnum = 1;  // 1-based
  bool operator==(const SarInfo&) const = default;
};

// network_error_code (§5.3.2.31): network type (1 ANSI-136, 2 IS-95, 3 GSM, ...) and its code.
struct NetworkErrorCode {
  std::uint8_t network_type = 0;
  std::uint16_t error_code = 0;
  bool operator==(const NetworkErrorCode&) const = default;
};

// The TLVs of one PDU in wire order, unknown tags included (they are kept, not interpreted).
// The typed getters return nullopt when the tag is absent or its value has the wrong size.
class TlvList {
 public:
  const std::vector<Tlv>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

  // The first TLV with this tag, or nullptr. The pointer lives until the list changes.
  const Tlv* Find(std::uint16_t tag) const;
  std::optional<std::uint8_t> GetU8(std::uint16_t tag) const;
  std::optional<std::uint16_t> GetU16(std::uint16_t tag) const;
  // A C-Octet String value: its characters without the terminating NUL.
  std::optional<std::string> GetCString(std::uint16_t tag) const;

  // Appends, keeping any earlier TLV with the same tag (the decoder uses this).
  void Append(Tlv tlv) { items_.push_back(std::move(tlv)); }
  // Replaces every TLV with this tag by one with this value, or appends it.
  void Set(std::uint16_t tag, std::vector<std::uint8_t> value);
  void SetU8(std::uint16_t tag, std::uint8_t value);
  void SetU16(std::uint16_t tag, std::uint16_t value);
  void SetCString(std::uint16_t tag, std::string_view value);  // appends the NUL
  void Remove(std::uint16_t tag);

  bool operator==(const TlvList&) const = default;

 private:
  std::vector<Tlv> items_;
};

// ---------------------------------------------------------------------------------------------
// PDU bodies

enum class BindType { kReceiver, kTransmitter, kTransceiver };

// bind_receiver / bind_transmitter / bind_transceiver (§4.1.1, §4.1.3, §4.1.5).
struct BindRequest {
  BindType command = BindType::kTransceiver;
  std::string system_id;    // <= 15 characters
  std::string password;     // <= 8 characters
  std::string system_type;  // <= 12 characters
  std::uint8_t interface_version = kInterfaceVersion34;
  std::uint8_t addr_ton = 0;
  std::uint8_t addr_npi = 0;
  std::string address_range;  // <= 40 characters
  bool operator==(const BindRequest&) const = default;
};

// bind_*_resp (§4.1.2, §4.1.4, §4.1.6). The SMSC may add sc_interface_version.
struct BindResponse {
  BindType command = BindType::kTransceiver;
  std::string system_id;  // <= 15 characters
  TlvList tlvs;
  std::optional<std::uint8_t> ScInterfaceVersion() const {
    return tlvs.GetU8(tlv_tag::kScInterfaceVersion);
  }
  bool operator==(const BindResponse&) const = default;
};

// outbind (§4.1.7): the SMSC asks the ESME to bind.
struct Outbind {
  std::string system_id;  // <= 15 characters
  std::string password;   // <= 8 characters
  bool operator==(const Outbind&) const = default;
};

// The header-only PDUs (§4.2, §4.3, §4.11).
struct Unbind {
  bool operator==(const Unbind&) const = default;
};
struct UnbindResp {
  bool operator==(const UnbindResp&) const = default;
};
struct EnquireLink {
  bool operator==(const EnquireLink&) const = default;
};
struct EnquireLinkResp {
  bool operator==(const EnquireLinkResp&) const = default;
};
struct GenericNack {
  bool operator==(const GenericNack&) const = default;
};

// The body shared by submit_sm (§4.4.1) and deliver_sm (§4.6.1). In deliver_sm the SMSC sets
// schedule_delivery_time, validity_period, replace_if_present_flag and sm_default_msg_id to
// NULL/0. A text longer than 254 octets travels in message_payload with an empty short_message.
struct ShortMessagePdu {
  std::string service_type;  // <= 5 characters
  std::uint8_t source_addr_ton = 0;
  std::uint8_t source_addr_npi = 0;
  std::string source_addr;  // <= 20 characters
  std::uint8_t dest_addr_ton = 0;
  std::uint8_t dest_addr_npi = 0;
  std::string destination_addr;  // <= 20 characters
  std::uint8_t esm_class = 0;
  std::uint8_t protocol_id = 0;
  std::uint8_t priority_flag = 0;
  std::string schedule_delivery_time;  // "" or 16 characters (§7.1.1)
  std::string validity_period;         // "" or 16 characters
  std::uint8_t registered_delivery = 0;
  std::uint8_t replace_if_present_flag = 0;
  std::uint8_t data_coding = 0;
  std::uint8_t sm_default_msg_id = 0;
  std::vector<std::uint8_t> short_message;  // <= 254 octets; sm_length is its size
  TlvList tlvs;

  // The user data: message_payload if present, else short_message.
  std::span<const std::uint8_t> Payload() const;
  std::optional<SarInfo> Sar() const;  // nullopt unless all three sar_* TLVs are valid
  void SetSar(const SarInfo& sar);
  std::optional<std::string> ReceiptedMessageId() const;
  std::optional<MessageState> State() const;  // message_state TLV
  std::optional<NetworkErrorCode> NetworkError() const;
  std::optional<std::uint16_t> UserMessageReference() const;

  bool operator==(const ShortMessagePdu&) const = default;
};

struct SubmitSm : ShortMessagePdu {
  bool operator==(const SubmitSm&) const = default;
};
struct DeliverSm : ShortMessagePdu {
  bool operator==(const DeliverSm&) const = default;
};

// data_sm (§4.7.1): the fields of submit_sm without the ones that are TLVs here; the user data
// is in message_payload.
struct DataSm {
  std::string service_type;  // <= 5 characters
  std::uint8_t source_addr_ton = 0;
  std::uint8_t source_addr_npi = 0;
  std::string source_addr;  // <= 64 characters
  std::uint8_t dest_addr_ton = 0;
  std::uint8_t dest_addr_npi = 0;
  std::string destination_addr;  // <= 64 characters
  std::uint8_t esm_class = 0;
  std::uint8_t registered_delivery = 0;
  std::uint8_t data_coding = 0;
  TlvList tlvs;
  bool operator==(const DataSm&) const = default;
};

// submit_sm_resp (§4.4.2), deliver_sm_resp (§4.6.2, message_id unused: empty), data_sm_resp
// (§4.7.2). TLVs are defined only for data_sm_resp in 3.4; we accept them on all three because
// SMSCs speaking parts of SMPP 5.0 send them (e.g. additional_status_info_text).
struct MessageIdResponse {
  std::string message_id;  // <= 64 characters
  TlvList tlvs;
  bool operator==(const MessageIdResponse&) const = default;
};
struct SubmitSmResp : MessageIdResponse {
  bool operator==(const SubmitSmResp&) const = default;
};
struct DeliverSmResp : MessageIdResponse {
  bool operator==(const DeliverSmResp&) const = default;
};
struct DataSmResp : MessageIdResponse {
  bool operator==(const DataSmResp&) const = default;
};

using PduBody = std::variant<BindRequest, BindResponse, Outbind, Unbind, UnbindResp, EnquireLink,
                             EnquireLinkResp, GenericNack, SubmitSm, SubmitSmResp, DeliverSm,
                             DeliverSmResp, DataSm, DataSmResp>;

// The header (§3.2). Encode computes command_length and command_id from the body; Decode fills
// them from the wire.
struct PduHeader {
  std::uint32_t command_length = 0;
  CommandId command_id = CommandId::kGenericNack;
  CommandStatus command_status = CommandStatus::kEsmeRok;
  std::uint32_t sequence_number = 0;  // 1..0x7FFFFFFF (§5.1.4)
  bool operator==(const PduHeader&) const = default;
};

struct Pdu {
  PduHeader header;
  PduBody body;
  bool operator==(const Pdu&) const = default;
};

// The command_id a body is sent with.
CommandId CommandIdOf(const PduBody& body);

// A PDU with its header filled in (command_length is left for Encode).
Pdu MakePdu(std::uint32_t sequence_number, PduBody body,
            CommandStatus status = CommandStatus::kEsmeRok);

}  // namespace smsinfo::gateway::smpp
