// The pure parts of the SMPP gateway: how an SMS becomes submit_sm PDUs, how deliver_sm becomes
// an inbound part or a receipt. The network behaviour is in session_test.cpp.
#include "gateway/smpp/smpp_gateway.hpp"

#include <gtest/gtest.h>

#include "gateway/smpp/delivery_receipt.hpp"
#include "sms_text/gsm7.hpp"
#include "sms_text/segment.hpp"
#include "sms_text/ucs2.hpp"

namespace smsinfo::gateway::smpp {
namespace {

OutboundSms MakeSms(const std::string& text, std::uint16_t ref = 0x1234) {
  const auto analysis = sms_text::Analyze(text);
  OutboundSms sms;
  sms.delivery_id = DeliveryId{7};
  sms.to = "+420720001676";
  sms.text = analysis.text;
  sms.encoding = analysis.encoding;
  sms.parts = analysis.parts;
  sms.concat_ref = ref;
  return sms;
}

std::string LongCzech() {
  std::string text;
  for (int i = 0; i < 4; ++i) text += "Příliš žluťoučký kůň úpěl ďábelské ódy. ";
  return text;  // 164 characters, UCS-2: 3 parts
}

std::string LongAscii() { return std::string(200, 'a') + " end"; }

TEST(BuildSubmits, SendsAShortGsmTextAsUnpackedSeptetsWithAReceiptRequested) {
  SmppConfig config;
  auto submits = BuildSubmits(config, MakeSms("Voda tece {ok}"));
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 1u);
  const SubmitSm& s = submits->front();
  EXPECT_EQ(s.data_coding, 0);
  EXPECT_EQ(s.registered_delivery, 1);
  EXPECT_EQ(s.destination_addr, "420720001676");
  EXPECT_EQ(s.dest_addr_ton, 1);
  EXPECT_EQ(s.esm_class, 0);
  EXPECT_EQ(s.short_message, sms_text::EncodeGsm7("Voda tece {ok}"));
}

TEST(BuildSubmits, SplitsLongCzechTextIntoUcs2PartsWithAnEightBitUdh) {
  SmppConfig config;
  const OutboundSms sms = MakeSms(LongCzech(), 0x1234);
  ASSERT_EQ(sms.parts.size(), 3u);
  auto submits = BuildSubmits(config, sms);
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 3u);
  std::string joined;
  for (std::size_t i = 0; i < 3; ++i) {
    const SubmitSm& s = (*submits)[i];
    EXPECT_EQ(s.data_coding, 8);
    EXPECT_EQ(s.esm_class, kEsmClassUdhi);
    EXPECT_EQ(s.registered_delivery, 1) << "every part asks for a receipt";
    const std::vector<std::uint8_t> udh(s.short_message.begin(), s.short_message.begin() + 6);
    EXPECT_EQ(udh, (std::vector<std::uint8_t>{5, 0, 3, 0x34, 3, static_cast<std::uint8_t>(i + 1)}));
    EXPECT_LE(s.short_message.size(), 140u);
    joined += sms_text::DecodeUcs2(std::span<const std::uint8_t>(s.short_message).subspan(6));
  }
  EXPECT_EQ(joined, sms.text);
}

TEST(BuildSubmits, PacksSeptetsAfterTheUdhWhenConfiguredAndReadsThemBack) {
  SmppConfig config;
  config.gsm_packed = true;
  const OutboundSms sms = MakeSms(LongAscii());
  auto submits = BuildSubmits(config, sms);
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 2u);
  EXPECT_EQ((*submits)[0].short_message.size(), 140u) << "6 octets UDH + 153 packed septets";
  DeliverSm echo;
  echo.esm_class = kEsmClassUdhi;
  echo.short_message = (*submits)[1].short_message;
  const InboundPart part = DecodeInbound(config, echo, TimePoint{});
  EXPECT_EQ(part.text, sms.parts[1]);
  ASSERT_TRUE(part.concat.has_value());
  EXPECT_EQ(part.concat->seq, 2);
  EXPECT_EQ(part.concat->total, 2);
}

TEST(BuildSubmits, UsesSarTlvsInsteadOfAUdhWhenConfigured) {
  SmppConfig config;
  config.long_messages = LongMessageMode::kSar;
  auto submits = BuildSubmits(config, MakeSms(LongAscii(), 0x0102));
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 2u);
  const auto sar = (*submits)[1].Sar();
  ASSERT_TRUE(sar.has_value());
  EXPECT_EQ(*sar, (SarInfo{0x0102, 2, 2}));
  EXPECT_EQ((*submits)[1].esm_class, 0);
  EXPECT_EQ((*submits)[0].short_message.size(), 153u);
}

TEST(BuildSubmits, SendsTheWholeTextInOneMessagePayloadWhenConfigured) {
  SmppConfig config;
  config.long_messages = LongMessageMode::kPayload;
  const OutboundSms sms = MakeSms(LongCzech());
  auto submits = BuildSubmits(config, sms);
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 1u);
  EXPECT_TRUE((*submits)[0].short_message.empty());
  EXPECT_EQ(sms_text::DecodeUcs2((*submits)[0].Payload()), sms.text);
}

TEST(BuildSubmits, ResplitsForTheSixteenBitReferenceUdh) {
  SmppConfig config;
  config.long_messages = LongMessageMode::kUdh16;
  const OutboundSms sms = MakeSms(std::string(306, 'x'));  // 2 parts of 153 with an 8-bit UDH
  ASSERT_EQ(sms.parts.size(), 2u);
  auto submits = BuildSubmits(config, sms);
  ASSERT_TRUE(submits.ok());
  ASSERT_EQ(submits->size(), 3u) << "152 septets fit beside the 7-octet UDH";
  const SubmitSm& first = (*submits)[0];
  EXPECT_EQ(first.short_message[0], 6);
  EXPECT_EQ(first.short_message[1], 8);
  EXPECT_EQ(first.short_message.size(), 7u + 152u);
}

TEST(BuildSubmits, RefusesADestinationThatDoesNotFit) {
  SmppConfig config;
  OutboundSms sms = MakeSms("x");
  sms.to = "+" + std::string(25, '1');
  EXPECT_FALSE(BuildSubmits(config, sms).ok());
}

TEST(DecodeInbound, ReadsEveryDataCodingWeSupport) {
  SmppConfig config;
  DeliverSm pdu;
  pdu.source_addr = "420720001676";
  pdu.source_addr_ton = 1;
  pdu.data_coding = 8;
  pdu.short_message = sms_text::EncodeUcs2("Přihlásit Hlavní 5");
  EXPECT_EQ(DecodeInbound(config, pdu, TimePoint{}).text, "Přihlásit Hlavní 5");
  EXPECT_EQ(DecodeInbound(config, pdu, TimePoint{}).from, "+420720001676");
  pdu.data_coding = 3;
  pdu.short_message = {'P', 0xF8, 'i'};  // ř is not Latin-1; 0xF8 is ø
  EXPECT_EQ(DecodeInbound(config, pdu, TimePoint{}).text, "Pøi");
  pdu.data_coding = 1;
  pdu.short_message = {'A', 'N', 'O'};
  EXPECT_EQ(DecodeInbound(config, pdu, TimePoint{}).text, "ANO");
  pdu.data_coding = 0;
  pdu.short_message = sms_text::EncodeGsm7("STOP €");
  EXPECT_EQ(DecodeInbound(config, pdu, TimePoint{}).text, "STOP €");
  EXPECT_FALSE(DecodeInbound(config, pdu, TimePoint{}).concat.has_value());
}

TEST(DecodeInbound, TakesConcatenationFromSarTlvs) {
  SmppConfig config;
  DeliverSm pdu;
  pdu.short_message = sms_text::EncodeGsm7("part");
  pdu.SetSar(SarInfo{300, 3, 2});
  const InboundPart part = DecodeInbound(config, pdu, TimePoint{});
  ASSERT_TRUE(part.concat.has_value());
  EXPECT_EQ(part.concat->ref, 300);
  EXPECT_EQ(part.concat->total, 3);
  EXPECT_EQ(part.concat->seq, 2);
}

DeliverSm ReceiptPdu(const std::string& id, ReceiptStat stat) {
  ReceiptText text;
  text.message_id = id;
  text.stat = stat;
  text.err = stat == ReceiptStat::kDelivered ? "000" : "034";
  const std::string body = FormatReceiptText(text);
  DeliverSm pdu;
  pdu.esm_class = kEsmClassDeliveryReceipt;
  pdu.short_message.assign(body.begin(), body.end());
  return pdu;
}

TEST(ToDeliveryReceipt, MatchesAHexSubmitIdWithADecimalReceiptId) {
  SmppConfig config;
  config.submit_id_format = MessageIdFormat::kHex;
  config.receipt_id_format = MessageIdFormat::kDecimal;
  auto receipt =
      ToDeliveryReceipt(config, ReceiptPdu("6699", ReceiptStat::kDelivered), TimePoint{});
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(receipt->has_value());
  EXPECT_EQ((*receipt)->message_id, NormalizeMessageId("1a2b", config.submit_id_format));
  EXPECT_EQ((*receipt)->status, ReceiptStatus::kDelivered);
}

TEST(ToDeliveryReceipt, ReportsUndeliverableWithTheSmscError) {
  SmppConfig config;
  auto receipt =
      ToDeliveryReceipt(config, ReceiptPdu("abc-1", ReceiptStat::kUndeliverable), TimePoint{});
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(receipt->has_value());
  EXPECT_EQ((*receipt)->message_id, "abc-1");
  EXPECT_EQ((*receipt)->status, ReceiptStatus::kUndeliverable);
  EXPECT_EQ((*receipt)->error, "UNDELIV err:034");
}

TEST(ToDeliveryReceipt, IgnoresIntermediateStates) {
  SmppConfig config;
  auto receipt = ToDeliveryReceipt(config, ReceiptPdu("1", ReceiptStat::kEnroute), TimePoint{});
  ASSERT_TRUE(receipt.ok());
  EXPECT_FALSE(receipt->has_value());
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
