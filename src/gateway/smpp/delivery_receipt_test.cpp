#include "gateway/smpp/delivery_receipt.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smsinfo::gateway::smpp {
namespace {

TEST(SmppReceipt, ReadsTheAppendixBForm) {
  const auto r = ParseReceiptText(
      "id:0123456789 sub:001 dlvrd:001 submit date:2611281200 done date:2611281201 "
      "stat:DELIVRD err:000 text:Voda nepotece");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->message_id, "0123456789");
  EXPECT_EQ(r->submitted, 1);
  EXPECT_EQ(r->delivered, 1);
  EXPECT_EQ(r->submit_date, (ReceiptDate{2026, 11, 28, 12, 0, std::nullopt}));
  EXPECT_EQ(r->done_date, (ReceiptDate{2026, 11, 28, 12, 1, std::nullopt}));
  EXPECT_EQ(r->stat, ReceiptStat::kDelivered);
  EXPECT_EQ(r->stat_text, "DELIVRD");
  EXPECT_EQ(r->err, "000");
  EXPECT_EQ(r->text, "Voda nepotece");
}

TEST(SmppReceipt, ReadsFieldsInAnyOrderAndAnyCase) {
  const auto r = ParseReceiptText("STAT:undeliv Err:034 ID:1A2B Done Date:2611281201 Text:x");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->message_id, "1A2B");
  EXPECT_EQ(r->stat, ReceiptStat::kUndeliverable);
  EXPECT_EQ(r->err, "034");
  EXPECT_TRUE(r->done_date.has_value());
  EXPECT_FALSE(r->submit_date.has_value());
  EXPECT_FALSE(r->submitted.has_value());
  EXPECT_EQ(r->text, "x");
}

TEST(SmppReceipt, ReadsTwelveDigitDatesAndUnderscoredKeys) {
  const auto r = ParseReceiptText("id:7 submit_date:190608165232 stat:EXPIRED");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->submit_date, (ReceiptDate{2019, 6, 8, 16, 52, 32}));
  EXPECT_EQ(r->stat, ReceiptStat::kExpired);
}

TEST(SmppReceipt, LeavesMalformedOptionalFieldsEmpty) {
  const auto r = ParseReceiptText("id:7 sub:x1 dlvrd: done date:2613281201 stat:REJECTD");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->submitted.has_value());
  EXPECT_FALSE(r->delivered.has_value());
  EXPECT_FALSE(r->done_date.has_value());  // month 13
  EXPECT_EQ(r->stat, ReceiptStat::kRejected);
}

TEST(SmppReceipt, ReadsEveryStatSpelling) {
  const std::pair<const char*, ReceiptStat> cases[] = {
      {"DELIVRD", ReceiptStat::kDelivered}, {"EXPIRED", ReceiptStat::kExpired},
      {"DELETED", ReceiptStat::kDeleted},   {"UNDELIV", ReceiptStat::kUndeliverable},
      {"ACCEPTD", ReceiptStat::kAccepted},  {"UNKNOWN", ReceiptStat::kUnknown},
      {"REJECTD", ReceiptStat::kRejected},  {"ENROUTE", ReceiptStat::kEnroute},
      {"delivered", ReceiptStat::kDelivered}, {"2", ReceiptStat::kDelivered},
      {"5", ReceiptStat::kUndeliverable},   {"BOGUS", ReceiptStat::kUnknown},
  };
  for (const auto& [text, stat] : cases) {
    const auto r = ParseReceiptText(std::string("id:1 stat:") + text);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_EQ(r->stat, stat) << text;
  }
}

TEST(SmppReceipt, TakesTheRestAfterTextEvenIfItLooksLikeFields) {
  const auto r = ParseReceiptText("id:1 stat:DELIVRD text:id:2 stat:EXPIRED");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message_id, "1");
  EXPECT_EQ(r->stat, ReceiptStat::kDelivered);
  EXPECT_EQ(r->text, "id:2 stat:EXPIRED");
}

TEST(SmppReceipt, DoesNotMistakeAWordEndingInAKeyForTheKey) {
  const auto r = ParseReceiptText("messageid:9 id:1 stat:DELIVRD");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message_id, "1");
}

TEST(SmppReceipt, FailsWithoutIdOrStat) {
  EXPECT_FALSE(ParseReceiptText("sub:001 stat:DELIVRD").ok());
  EXPECT_FALSE(ParseReceiptText("id:1 sub:001").ok());
  EXPECT_FALSE(ParseReceiptText("").ok());
  EXPECT_FALSE(ParseReceiptText("id:").ok());
}

TEST(SmppReceipt, FormatsWhatItReads) {
  ReceiptText receipt;
  receipt.message_id = "6699";
  receipt.submit_date = ReceiptDate{2026, 11, 28, 12, 0, std::nullopt};
  receipt.done_date = ReceiptDate{2026, 11, 28, 12, 1, 5};
  receipt.stat = ReceiptStat::kUndeliverable;
  receipt.stat_text = "UNDELIV";
  receipt.err = "034";
  receipt.text = "Voda nepotece v ulici";  // 21 characters: the receipt keeps 20
  const std::string text = FormatReceiptText(receipt);
  EXPECT_EQ(text,
            "id:6699 sub:001 dlvrd:000 submit date:2611281200 done date:261128120105 "
            "stat:UNDELIV err:034 text:Voda nepotece v ulic");
  const auto back = ParseReceiptText(text);
  ASSERT_TRUE(back.ok());
  receipt.submitted = 1;
  receipt.delivered = 0;
  receipt.text.pop_back();
  EXPECT_EQ(*back, receipt);
}

TEST(SmppReceipt, ConvertsDatesWithTheSmscOffset) {
  const ReceiptDate date{2026, 11, 28, 13, 0, 30};
  TimePoint utc;
  ASSERT_TRUE(ParseIso8601("2026-11-28T12:00:30Z", &utc));
  EXPECT_EQ(ToTimePoint(date, std::chrono::minutes(60)), utc);
}

TEST(SmppReceipt, ReadReceiptPrefersTheTlvsOverTheText) {
  DeliverSm deliver;
  deliver.esm_class = kEsmClassDeliveryReceipt;
  const std::string text = "id:1a2b stat:DELIVRD err:000 done date:2611281201";
  deliver.short_message.assign(text.begin(), text.end());
  deliver.tlvs.SetCString(tlv_tag::kReceiptedMessageId, "6699");
  deliver.tlvs.SetU8(tlv_tag::kMessageState, static_cast<std::uint8_t>(MessageState::kExpired));
  deliver.tlvs.Set(tlv_tag::kNetworkErrorCode, {3, 0, 34});
  const auto info = ReadReceipt(deliver);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->message_id, "6699");
  EXPECT_EQ(info->stat, ReceiptStat::kExpired);
  EXPECT_EQ(info->err, "000");
  EXPECT_EQ(info->network_error, (NetworkErrorCode{3, 34}));
  EXPECT_TRUE(info->done_date.has_value());
}

TEST(SmppReceipt, ReadReceiptUsesTheTextWhenThereAreNoTlvs) {
  DeliverSm deliver;
  deliver.esm_class = kEsmClassDeliveryReceipt;
  const std::string text = "id:1a2b stat:REJECTD err:011";
  deliver.tlvs.Set(tlv_tag::kMessagePayload, std::vector<std::uint8_t>(text.begin(), text.end()));
  const auto info = ReadReceipt(deliver);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->message_id, "1a2b");
  EXPECT_EQ(info->stat, ReceiptStat::kRejected);
}

TEST(SmppReceipt, ReadReceiptRefusesAnOrdinaryMessage) {
  DeliverSm deliver;
  const std::string text = "id:1 stat:DELIVRD";
  deliver.short_message.assign(text.begin(), text.end());
  EXPECT_FALSE(ReadReceipt(deliver).ok());
  deliver.esm_class = kEsmClassDeliveryReceipt;
  EXPECT_TRUE(ReadReceipt(deliver).ok());
  deliver.short_message.clear();
  EXPECT_FALSE(ReadReceipt(deliver).ok());
}

TEST(SmppMessageId, MatchesAHexIdWithTheSameIdInDecimal) {
  EXPECT_EQ(MessageIdAsDecimal("1a2b", true), "6699");
  EXPECT_EQ(MessageIdAsDecimal("1A2B", true), "6699");
  EXPECT_EQ(MessageIdAsDecimal("6699", false), "6699");
  EXPECT_EQ(MessageIdAsDecimal("006699", false), "6699");
  EXPECT_EQ(MessageIdAsDecimal("0", true), "0");
  EXPECT_EQ(MessageIdAsDecimal("000", false), "0");
}

TEST(SmppMessageId, HandlesIdsLongerThan64Bits) {
  EXPECT_EQ(MessageIdAsDecimal("ffffffffffffffffffffffffffffffff", true),
            "340282366920938463463374607431768211455");
  EXPECT_EQ(MessageIdAsDecimal("18446744073709551616", false), "18446744073709551616");
}

TEST(SmppMessageId, GivesNothingForIdsThatAreNotNumbers) {
  EXPECT_EQ(MessageIdAsDecimal("", true), std::nullopt);
  EXPECT_EQ(MessageIdAsDecimal("1a2b", false), std::nullopt);
  EXPECT_EQ(MessageIdAsDecimal("12-ab", true), std::nullopt);
  EXPECT_EQ(MessageIdAsDecimal("0x1a", true), std::nullopt);
  EXPECT_EQ(MessageIdAsDecimal(std::string(129, '1'), false), std::nullopt);
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
