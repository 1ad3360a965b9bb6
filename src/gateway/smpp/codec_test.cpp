#include "gateway/smpp/codec.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/smpp/delivery_receipt.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using Bytes = std::vector<std::uint8_t>;

// "00 0a ff" -> {0x00, 0x0a, 0xff}; spaces and newlines are ignored.
Bytes Hex(std::string_view hex) {
  Bytes out;
  int high = -1;
  for (char c : hex) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

Bytes Ascii(std::string_view s) { return Bytes(s.begin(), s.end()); }

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes MustEncode(const Pdu& pdu) {
  auto bytes = Encode(pdu);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  return bytes.ok() ? *bytes : Bytes{};
}

// Decodes, expecting success.
Pdu MustDecode(const Bytes& bytes) {
  auto result = Decode(bytes);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).pdu() : Pdu{};
}

// Decodes, expecting failure.
DecodeError MustFail(const Bytes& bytes) {
  auto result = Decode(bytes);
  EXPECT_FALSE(result.ok());
  return result.ok() ? DecodeError{} : result.error();
}

// Rewrites command_length to the buffer's size, so a body edit is seen by the body checks.
Bytes FixLength(Bytes bytes) {
  const auto n = static_cast<std::uint32_t>(bytes.size());
  bytes[0] = static_cast<std::uint8_t>(n >> 24);
  bytes[1] = static_cast<std::uint8_t>(n >> 16);
  bytes[2] = static_cast<std::uint8_t>(n >> 8);
  bytes[3] = static_cast<std::uint8_t>(n);
  return bytes;
}

ShortMessagePdu Addressed(ShortMessagePdu m) {
  m.source_addr_ton = 5;
  m.source_addr = "SMSINFO";
  m.dest_addr_ton = 1;
  m.dest_addr_npi = 1;
  m.destination_addr = "420720001676";
  return m;
}

// ---------------------------------------------------------------------------------------------
// Byte-exact encodings, written by hand from SMPP 3.4 §4.

const Bytes kBindTransceiver = Hex(
    "00000024 00000009 00000000 00000001"  // header: length 36, bind_transceiver, seq 1
    "736d73696e666f00"                     // system_id "smsinfo"
    "73656372657400"                       // password "secret"
    "00"                                   // system_type ""
    "34 00 00"                             // interface_version 3.4, addr_ton, addr_npi
    "00");                                 // address_range ""

TEST(SmppCodec, EncodesBindTransceiverByteForByte) {
  BindRequest bind;
  bind.command = BindType::kTransceiver;
  bind.system_id = "smsinfo";
  bind.password = "secret";
  EXPECT_EQ(MustEncode(MakePdu(1, bind)), kBindTransceiver);
}

TEST(SmppCodec, DecodesBindTransceiver) {
  const Pdu pdu = MustDecode(kBindTransceiver);
  EXPECT_EQ(pdu.header.command_length, 36u);
  EXPECT_EQ(pdu.header.command_id, CommandId::kBindTransceiver);
  EXPECT_EQ(pdu.header.sequence_number, 1u);
  const auto& bind = std::get<BindRequest>(pdu.body);
  EXPECT_EQ(bind.command, BindType::kTransceiver);
  EXPECT_EQ(bind.system_id, "smsinfo");
  EXPECT_EQ(bind.password, "secret");
  EXPECT_EQ(bind.interface_version, 0x34);
}

const Bytes kSubmitSmWithUdh = Hex(
    "0000003e 00000004 00000000 00000002"  // length 62, submit_sm, seq 2
    "00"                                   // service_type ""
    "05 00 534d53494e464f00"               // source: alphanumeric, "SMSINFO"
    "01 01 34323037323030303136373600"     // destination: international ISDN, "420720001676"
    "40 00 00"                             // esm_class UDHI, protocol_id, priority_flag
    "00 00"                                // schedule_delivery_time, validity_period
    "01 00 00 00"                          // registered_delivery, replace, data_coding, default
    "0a"                                   // sm_length 10
    "0500032a0201 41686f6a");              // UDH: concat ref 0x2a part 1 of 2, then "Ahoj"

TEST(SmppCodec, EncodesSubmitSmWithUdhByteForByte) {
  SubmitSm submit{Addressed({})};
  submit.esm_class = kEsmClassUdhi;
  submit.registered_delivery = kRegisteredDeliveryAlways;
  submit.short_message = Hex("0500032a0201 41686f6a");
  EXPECT_EQ(MustEncode(MakePdu(2, submit)), kSubmitSmWithUdh);
  EXPECT_EQ(std::get<SubmitSm>(MustDecode(kSubmitSmWithUdh).body), submit);
}

const Bytes kSubmitSmWithPayloadAndSar = Hex(
    "0000004c 00000004 00000000 00000003"  // length 76, submit_sm, seq 3
    "00 05 00 534d53494e464f00 01 01 34323037323030303136373600"
    "00 00 00 00 00"                       // esm_class .. validity_period
    "01 00 08 00"                          // registered_delivery, replace, UCS-2, default
    "00"                                   // sm_length 0: the text is in message_payload
    "020c 0002 002a"                       // sar_msg_ref_num 42
    "020e 0001 02"                         // sar_total_segments 2
    "020f 0001 01"                         // sar_segment_seqnum 1
    "0424 0004 00410068");                 // message_payload "Ah" in UCS-2

TEST(SmppCodec, EncodesSubmitSmWithMessagePayloadAndSarByteForByte) {
  SubmitSm submit{Addressed({})};
  submit.registered_delivery = kRegisteredDeliveryAlways;
  submit.data_coding = kDataCodingUcs2;
  submit.SetSar({42, 2, 1});
  submit.tlvs.Set(tlv_tag::kMessagePayload, Hex("00410068"));
  EXPECT_EQ(MustEncode(MakePdu(3, submit)), kSubmitSmWithPayloadAndSar);
}

TEST(SmppCodec, ReadsSarAndPayloadOfADecodedSubmitSm) {
  const auto submit = std::get<SubmitSm>(MustDecode(kSubmitSmWithPayloadAndSar).body);
  EXPECT_EQ(submit.Sar(), (SarInfo{42, 2, 1}));
  EXPECT_EQ(Bytes(submit.Payload().begin(), submit.Payload().end()), Hex("00410068"));
  EXPECT_TRUE(submit.short_message.empty());
}

constexpr std::string_view kReceiptText =
    "id:6699 sub:001 dlvrd:001 submit date:2611281200 done date:2611281201 stat:DELIVRD "
    "err:000 text:Ahoj";

const Bytes kDeliverSmReceipt = Concat({
    Hex("000000a6 00000005 00000000 00000007"  // length 166, deliver_sm, seq 7
        "00 01 01 34323037323030303136373600"  // service_type, source "420720001676"
        "05 00 534d53494e464f00"               // destination "SMSINFO"
        "04 00 00 00 00"                       // esm_class: SMSC delivery receipt
        "00 00 00 00"                          // registered_delivery .. sm_default_msg_id
        "64"),                                 // sm_length 100
    Ascii(kReceiptText),
    Hex("001e 0005 3636393900"  // receipted_message_id "6699"
        "0427 0001 02"),        // message_state DELIVERED
});

TEST(SmppCodec, EncodesDeliverSmReceiptByteForByte) {
  DeliverSm deliver;
  deliver.source_addr_ton = 1;
  deliver.source_addr_npi = 1;
  deliver.source_addr = "420720001676";
  deliver.dest_addr_ton = 5;
  deliver.destination_addr = "SMSINFO";
  deliver.esm_class = kEsmClassDeliveryReceipt;
  deliver.short_message = Ascii(kReceiptText);
  deliver.tlvs.SetCString(tlv_tag::kReceiptedMessageId, "6699");
  deliver.tlvs.SetU8(tlv_tag::kMessageState, static_cast<std::uint8_t>(MessageState::kDelivered));
  EXPECT_EQ(MustEncode(MakePdu(7, deliver)), kDeliverSmReceipt);
}

TEST(SmppCodec, DecodesDeliverSmReceiptIntoItsTlvsAndText) {
  const auto deliver = std::get<DeliverSm>(MustDecode(kDeliverSmReceipt).body);
  EXPECT_TRUE(IsDeliveryReceipt(deliver.esm_class));
  EXPECT_EQ(deliver.ReceiptedMessageId(), "6699");
  EXPECT_EQ(deliver.State(), MessageState::kDelivered);
  const auto receipt = ReadReceipt(deliver);
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->message_id, "6699");
  EXPECT_EQ(receipt->stat, ReceiptStat::kDelivered);
  EXPECT_EQ(receipt->err, "000");
}

TEST(SmppCodec, EncodesEnquireLinkAsHeaderOnly) {
  EXPECT_EQ(MustEncode(MakePdu(5, EnquireLink{})),
            Hex("00000010 00000015 00000000 00000005"));
}

TEST(SmppCodec, EncodesSubmitSmRespWithItsStatus) {
  SubmitSmResp resp;
  resp.message_id = "1a2b";
  EXPECT_EQ(MustEncode(MakePdu(9, resp, CommandStatus::kEsmeRok)),
            Hex("00000015 80000004 00000000 00000009 3161326200"));
  EXPECT_EQ(MustEncode(MakePdu(9, SubmitSmResp{}, CommandStatus::kEsmeRthrottled)),
            Hex("00000011 80000004 00000058 00000009 00"));
}

// ---------------------------------------------------------------------------------------------
// Round trips of every PDU type.

std::vector<Pdu> EveryPduType() {
  std::vector<Pdu> pdus;
  for (BindType type : {BindType::kReceiver, BindType::kTransmitter, BindType::kTransceiver}) {
    BindRequest bind;
    bind.command = type;
    bind.system_id = "abcdefghijklmno";  // 15, the maximum
    bind.password = "12345678";          // 8, the maximum
    bind.system_type = "SMSINFO";
    bind.addr_ton = 1;
    bind.addr_npi = 1;
    bind.address_range = "^420";
    pdus.push_back(MakePdu(10, bind));
    BindResponse resp;
    resp.command = type;
    resp.system_id = "SMSC";
    resp.tlvs.SetU8(tlv_tag::kScInterfaceVersion, 0x34);
    pdus.push_back(MakePdu(10, resp));
  }
  pdus.push_back(MakePdu(11, Outbind{"SMSC", "pw"}));
  pdus.push_back(MakePdu(12, Unbind{}));
  pdus.push_back(MakePdu(12, UnbindResp{}));
  pdus.push_back(MakePdu(13, EnquireLink{}));
  pdus.push_back(MakePdu(13, EnquireLinkResp{}));
  pdus.push_back(MakePdu(14, GenericNack{}, CommandStatus::kEsmeRinvCmdId));

  SubmitSm submit{Addressed({})};
  submit.service_type = "WAP";
  submit.schedule_delivery_time = "261128120000000+";
  submit.validity_period = "000001000000000R";
  submit.priority_flag = 1;
  submit.short_message = Ascii("Voda nepotece v ulici Na Vyhlidce");
  submit.tlvs.SetU16(tlv_tag::kUserMessageReference, 777);
  pdus.push_back(MakePdu(0x7FFFFFFF, submit));
  SubmitSmResp submit_resp;
  submit_resp.message_id = std::string(64, '9');
  pdus.push_back(MakePdu(15, submit_resp));

  DeliverSm deliver{Addressed({})};
  deliver.short_message = Ascii("REG Na Vyhlidce 12");
  deliver.tlvs.Append(Tlv{0x1401, {1, 2, 3}});  // vendor-specific: kept as is
  pdus.push_back(MakePdu(16, deliver));
  pdus.push_back(MakePdu(16, DeliverSmResp{}));

  DataSm data;
  data.source_addr = std::string(64, '1');
  data.destination_addr = "420720001676";
  data.registered_delivery = 1;
  data.tlvs.Set(tlv_tag::kMessagePayload, Ascii("data"));
  pdus.push_back(MakePdu(17, data));
  DataSmResp data_resp;
  data_resp.message_id = "abc";
  data_resp.tlvs.Set(0x0425, {0});  // delivery_failure_reason
  pdus.push_back(MakePdu(17, data_resp, CommandStatus::kEsmeRdeliveryFailure));
  return pdus;
}

TEST(SmppCodec, RoundTripsEveryPduType) {
  for (Pdu pdu : EveryPduType()) {
    const Bytes bytes = MustEncode(pdu);
    pdu.header.command_length = static_cast<std::uint32_t>(bytes.size());
    EXPECT_EQ(MustDecode(bytes), pdu) << CommandIdName(pdu.header.command_id);
  }
}

TEST(SmppCodec, KeepsUnknownTlvsInWireOrder) {
  DeliverSm deliver{Addressed({})};
  deliver.tlvs.Append(Tlv{0x1500, {}});
  deliver.tlvs.Append(Tlv{tlv_tag::kMessageState, {2}});
  deliver.tlvs.Append(Tlv{0x1500, {9}});
  const auto decoded = std::get<DeliverSm>(MustDecode(MustEncode(MakePdu(1, deliver))).body);
  ASSERT_EQ(decoded.tlvs.items().size(), 3u);
  EXPECT_EQ(decoded.tlvs, deliver.tlvs);
}

TEST(SmppCodec, AcceptsAnErrorResponseWithoutBody) {
  const Pdu pdu = MustDecode(Hex("00000010 80000004 00000058 00000009"));
  EXPECT_EQ(pdu.header.command_status, CommandStatus::kEsmeRthrottled);
  EXPECT_EQ(std::get<SubmitSmResp>(pdu.body).message_id, "");
  EXPECT_EQ(MustDecode(Hex("00000010 80000009 0000000e 00000001")).header.command_id,
            CommandId::kBindTransceiverResp);
}

// ---------------------------------------------------------------------------------------------
// Malformed input: one test per kind of damage.

TEST(SmppCodec, RejectsATruncatedHeader) {
  const DecodeError error = MustFail(Hex("00000010 00000015 0000"));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvCmdLen);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kGenericNack);
}

TEST(SmppCodec, RejectsACommandLengthLargerThanThePdu) {
  const DecodeError error = MustFail(Hex("00000011 00000015 00000000 00000005"));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvCmdLen);
  EXPECT_EQ(error.sequence_number, 5u);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kGenericNack);
}

TEST(SmppCodec, RejectsACommandLengthSmallerThanThePdu) {
  Bytes bytes = kBindTransceiver;
  bytes[3] = 0x20;  // says 32, is 36
  EXPECT_EQ(MustFail(bytes).command_status, CommandStatus::kEsmeRinvCmdLen);
  EXPECT_EQ(MustFail(Hex("00000010 00000015 00000000 00000005 00")).command_status,
            CommandStatus::kEsmeRinvCmdLen);
}

TEST(SmppCodec, RejectsAnUnknownCommandIdKeepingItsSequenceNumber) {
  const DecodeError error = MustFail(Hex("00000010 00000777 00000000 0000002a"));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvCmdId);
  EXPECT_EQ(error.sequence_number, 42u);
  EXPECT_EQ(static_cast<std::uint32_t>(error.command_id), 0x777u);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kGenericNack);
}

TEST(SmppCodec, RejectsACStringWithoutNulBeforeTheBodyEnds) {
  // bind_transceiver whose system_id "smsinfo" runs to the end of the PDU.
  const DecodeError error = MustFail(FixLength(Concat({Hex("00000000 00000009 00000000 00000001"),
                                                       Ascii("smsinfo")})));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvCmdLen);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kGenericNack);
}

TEST(SmppCodec, RejectsAnOverLongSystemIdWithRinvsysid) {
  BindRequest bind;
  bind.system_id = std::string(15, 'x');
  Bytes bytes = MustEncode(MakePdu(1, bind));
  bytes.insert(bytes.begin() + 16, 'x');  // 16 characters
  const DecodeError error = MustFail(FixLength(bytes));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvSysId);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kBindTransceiverResp);
  EXPECT_EQ(error.sequence_number, 1u);
}

TEST(SmppCodec, RejectsAnOverLongPasswordWithRinvpaswd) {
  Bytes bytes = kBindTransceiver;
  bytes.insert(bytes.begin() + 24, {'a', 'b', 'c'});  // "abcsecret": 9 characters
  EXPECT_EQ(MustFail(FixLength(bytes)).command_status, CommandStatus::kEsmeRinvPaswd);
}

TEST(SmppCodec, RejectsOverLongAddressesWithTheirStatus) {
  Bytes source = kSubmitSmWithUdh;
  source.insert(source.begin() + 20, 14, '1');  // source_addr of 21 characters
  EXPECT_EQ(MustFail(FixLength(source)).command_status, CommandStatus::kEsmeRinvSrcAdr);
  Bytes destination = kSubmitSmWithUdh;
  destination.insert(destination.begin() + 30, 9, '1');  // destination_addr of 21 characters
  const DecodeError error = MustFail(FixLength(destination));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvDstAdr);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kSubmitSmResp);
}

TEST(SmppCodec, AcceptsAddressesOfTwentyCharacters) {
  Bytes source = kSubmitSmWithUdh;
  source.insert(source.begin() + 20, 13, '1');  // "SMSINFO" and 13 digits
  EXPECT_TRUE(Decode(FixLength(source)).ok());
}

TEST(SmppCodec, RejectsAnOverLongMessageIdWithRinvmsgid) {
  const Bytes bytes = FixLength(
      Concat({Hex("00000000 80000004 00000000 00000001"), Bytes(65, '7'), Hex("00")}));
  EXPECT_EQ(MustFail(bytes).command_status, CommandStatus::kEsmeRinvMsgId);
  EXPECT_EQ(MustFail(bytes).ReplyCommand(), CommandId::kGenericNack);  // never answer a resp
}

TEST(SmppCodec, RejectsSmLengthBeyondTheBody) {
  Bytes bytes = kSubmitSmWithUdh;
  bytes[51] = 11;  // sm_length says 11, 10 octets follow
  EXPECT_EQ(MustFail(bytes).command_status, CommandStatus::kEsmeRinvMsgLen);
}

TEST(SmppCodec, RejectsSmLengthOver254) {
  Bytes bytes = Concat({kSubmitSmWithUdh, Bytes(245, 'a')});
  bytes[51] = 255;
  EXPECT_EQ(MustFail(FixLength(bytes)).command_status, CommandStatus::kEsmeRinvMsgLen);
}

TEST(SmppCodec, RejectsATruncatedTlvHeader) {
  const DecodeError error = MustFail(FixLength(Concat({kSubmitSmWithUdh, Hex("0424 00")})));
  EXPECT_EQ(error.command_status, CommandStatus::kEsmeRinvOptParStream);
  EXPECT_EQ(error.ReplyCommand(), CommandId::kSubmitSmResp);
}

TEST(SmppCodec, RejectsATlvValueRunningPastTheBody) {
  EXPECT_EQ(MustFail(FixLength(Concat({kSubmitSmWithUdh, Hex("0424 0005 41424344")})))
                .command_status,
            CommandStatus::kEsmeRinvOptParStream);
}

TEST(SmppCodec, RejectsAKnownTlvOfTheWrongSize) {
  EXPECT_EQ(MustFail(FixLength(Concat({kSubmitSmWithUdh, Hex("020e 0002 0002")}))).command_status,
            CommandStatus::kEsmeRinvParLen);
}

TEST(SmppCodec, RejectsTrailingOctetsAfterABindBody) {
  EXPECT_EQ(MustFail(FixLength(Concat({kBindTransceiver, Hex("00")}))).command_status,
            CommandStatus::kEsmeRinvCmdLen);
}

TEST(SmppCodec, RejectsAFixedFieldCutOffByTheBodyEnd) {
  const Bytes cut(kSubmitSmWithUdh.begin(), kSubmitSmWithUdh.begin() + 44);  // before priority_flag
  EXPECT_EQ(MustFail(FixLength(cut)).command_status, CommandStatus::kEsmeRinvCmdLen);
}

TEST(SmppCodec, FailsCleanlyOnEveryTruncationOfAValidPdu) {
  for (const Bytes& whole : {kBindTransceiver, kSubmitSmWithUdh, kSubmitSmWithPayloadAndSar,
                             kDeliverSmReceipt}) {
    for (std::size_t n = 0; n < whole.size(); ++n) {
      const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
      EXPECT_FALSE(Decode(cut).ok()) << n;  // command_length lies
      if (n >= kHeaderLength) {
        const auto result = Decode(FixLength(cut));
        if (!result.ok()) {
          EXPECT_NE(result.error().command_status, CommandStatus::kEsmeRok);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Encode refuses what Decode would refuse.

TEST(SmppCodec, RefusesToEncodeAnOverLongSystemId) {
  BindRequest bind;
  bind.system_id = std::string(16, 'x');
  const auto bytes = Encode(MakePdu(1, bind));
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().message.find("system_id"), std::string::npos);
}

TEST(SmppCodec, RefusesToEncodeAShortMessageOver254Octets) {
  SubmitSm submit{Addressed({})};
  submit.short_message = Bytes(255, 'a');
  EXPECT_FALSE(Encode(MakePdu(1, submit)).ok());
  submit.short_message.pop_back();
  EXPECT_TRUE(Encode(MakePdu(1, submit)).ok());
}

TEST(SmppCodec, RefusesToEncodeAStringHoldingNul) {
  SubmitSm submit{Addressed({})};
  submit.destination_addr = std::string("420\0", 4);
  EXPECT_FALSE(Encode(MakePdu(1, submit)).ok());
}

TEST(SmppCodec, RefusesToEncodeAKnownTlvOfTheWrongSize) {
  SubmitSm submit{Addressed({})};
  submit.tlvs.Set(tlv_tag::kSarMsgRefNum, {1});
  EXPECT_FALSE(Encode(MakePdu(1, submit)).ok());
}

TEST(SmppCodec, TakesCommandIdFromTheBodyNotTheHeader) {
  Pdu pdu = MakePdu(5, EnquireLink{});
  pdu.header.command_id = CommandId::kSubmitSm;
  pdu.header.command_length = 999;
  EXPECT_EQ(MustEncode(pdu), Hex("00000010 00000015 00000000 00000005"));
}

// ---------------------------------------------------------------------------------------------

TEST(SmppTlvList, SetReplacesEveryTlvOfTheTag) {
  TlvList tlvs;
  tlvs.Append(Tlv{0x1500, {1}});
  tlvs.Append(Tlv{0x0204, {0, 1}});
  tlvs.Append(Tlv{0x1500, {2}});
  tlvs.SetU8(0x1500, 3);
  ASSERT_EQ(tlvs.items().size(), 2u);
  EXPECT_EQ(tlvs.items()[0], (Tlv{0x1500, {3}}));
  EXPECT_EQ(tlvs.GetU16(0x0204), 1);
  tlvs.Remove(0x1500);
  EXPECT_EQ(tlvs.Find(0x1500), nullptr);
}

TEST(SmppTlvList, TypedGettersRejectTheWrongSize) {
  TlvList tlvs;
  tlvs.Set(0x0427, {1, 2});
  EXPECT_EQ(tlvs.GetU8(0x0427), std::nullopt);
  EXPECT_EQ(tlvs.GetU16(0x0427), 0x0102);
  tlvs.Set(0x001E, Ascii(std::string_view("ab\0c", 4)));
  EXPECT_EQ(tlvs.GetCString(0x001E), std::nullopt);
  tlvs.SetCString(0x001E, "abc");
  EXPECT_EQ(tlvs.GetCString(0x001E), "abc");
}

TEST(SmppPdu, NamesCommandsAndStatusesAsTheSpecSpellsThem) {
  EXPECT_STREQ(CommandIdName(CommandId::kDataSmResp), "data_sm_resp");
  EXPECT_STREQ(CommandIdName(static_cast<CommandId>(0x777)), "unknown");
  EXPECT_STREQ(CommandStatusName(CommandStatus::kEsmeRthrottled), "ESME_RTHROTTLED");
  EXPECT_EQ(ResponseOf(CommandId::kBindReceiver), CommandId::kBindReceiverResp);
  EXPECT_TRUE(IsResponse(CommandId::kGenericNack));
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
