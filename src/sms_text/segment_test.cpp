#include "sms_text/segment.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

namespace smsinfo::sms_text {
namespace {

using domain::Encoding;
using Bytes = std::vector<std::uint8_t>;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  return std::accumulate(parts.begin(), parts.end(), std::string());
}

TEST(Analyze, GivesZeroSegmentsForEmptyText) {
  const TextAnalysis a = Analyze("");
  EXPECT_EQ(a.encoding, Encoding::kGsm7);
  EXPECT_EQ(a.characters, 0);
  EXPECT_EQ(a.units, 0);
  EXPECT_EQ(a.segments, 0);
  EXPECT_TRUE(a.parts.empty());
}

TEST(Analyze, Fits160GsmCharactersInOneSegment) {
  const TextAnalysis a = Analyze(Repeat("a", 160));
  EXPECT_EQ(a.encoding, Encoding::kGsm7);
  EXPECT_EQ(a.characters, 160);
  EXPECT_EQ(a.units, 160);
  EXPECT_EQ(a.segments, 1);
  ASSERT_EQ(a.parts.size(), 1u);
  EXPECT_EQ(a.parts[0], a.text);
}

TEST(Analyze, Splits161GsmCharactersInto153And8) {
  const TextAnalysis a = Analyze(Repeat("a", 161));
  EXPECT_EQ(a.segments, 2);
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[0], Repeat("a", 153));
  EXPECT_EQ(a.parts[1], Repeat("a", 8));
}

TEST(Analyze, Fits306GsmCharactersInTwoSegmentsAnd307InThree) {
  EXPECT_EQ(Analyze(Repeat("a", 306)).segments, 2);
  const TextAnalysis a = Analyze(Repeat("a", 307));
  EXPECT_EQ(a.segments, 3);
  EXPECT_EQ(a.parts[2], "a");
}

TEST(Analyze, CountsEuroSignAsTwoSeptets) {
  const TextAnalysis a = Analyze(Repeat("a", 158) + "€");
  EXPECT_EQ(a.encoding, Encoding::kGsm7);
  EXPECT_EQ(a.characters, 159);
  EXPECT_EQ(a.units, 160);
  EXPECT_EQ(a.segments, 1);
  EXPECT_EQ(Analyze(Repeat("a", 159) + "€").segments, 2);
}

TEST(Analyze, Fits80ExtensionCharactersInOneSegment) {
  const TextAnalysis a = Analyze(Repeat("€", 80));
  EXPECT_EQ(a.units, 160);
  EXPECT_EQ(a.segments, 1);
  EXPECT_EQ(Analyze(Repeat("[", 81)).segments, 2);
}

TEST(Analyze, NeverSplitsAnEscapePairAcrossSegments) {
  for (std::string_view ext : {"€", "[", "]", "{", "}", "\\", "~", "^", "|", "\f"}) {
    const TextAnalysis a = Analyze(Repeat("a", 152) + std::string(ext) + Repeat("a", 8));
    EXPECT_EQ(a.units, 162) << ext;
    ASSERT_EQ(a.segments, 2) << ext;
    EXPECT_EQ(a.parts[0], Repeat("a", 152)) << ext;  // 152 septets: the pair does not fit
    EXPECT_EQ(a.parts[1], std::string(ext) + Repeat("a", 8)) << ext;
  }
}

TEST(Analyze, KeepsAnEscapePairWholeEvenWhenThatTakesAnExtraSegment) {
  // 306 septets would fit in two full parts, but the pair cannot straddle the boundary.
  const TextAnalysis a = Analyze(Repeat("a", 152) + "€" + Repeat("a", 152));
  EXPECT_EQ(a.units, 306);
  EXPECT_EQ(a.segments, 3);
  EXPECT_EQ(Join(a.parts), a.text);
}

TEST(Analyze, Fits70Ucs2CharactersInOneSegment) {
  const TextAnalysis a = Analyze(Repeat("ř", 70));
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
  EXPECT_EQ(a.characters, 70);
  EXPECT_EQ(a.units, 70);
  EXPECT_EQ(a.segments, 1);
}

TEST(Analyze, Splits71Ucs2CharactersInto67And4) {
  const TextAnalysis a = Analyze(Repeat("ř", 71));
  EXPECT_EQ(a.segments, 2);
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[0], Repeat("ř", 67));
  EXPECT_EQ(a.parts[1], Repeat("ř", 4));
  EXPECT_EQ(Analyze(Repeat("ř", 134)).segments, 2);
  EXPECT_EQ(Analyze(Repeat("ř", 135)).segments, 3);
}

TEST(Analyze, SwitchesTheWholeTextToUcs2ForOneNonGsmCharacter) {
  const TextAnalysis a = Analyze(Repeat("a", 159) + "ř");
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
  EXPECT_EQ(a.units, 160);
  EXPECT_EQ(a.segments, 3);  // 67 + 67 + 26
}

TEST(Analyze, CountsExtensionCharactersAsOneUnitInUcs2) {
  const TextAnalysis a = Analyze("ř€[");
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
  EXPECT_EQ(a.units, 3);
}

TEST(Analyze, CountsEmojiAsTwoUtf16Units) {
  const TextAnalysis a = Analyze(Repeat("😀", 35));
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
  EXPECT_EQ(a.characters, 35);
  EXPECT_EQ(a.units, 70);
  EXPECT_EQ(a.segments, 1);
  EXPECT_EQ(Analyze(Repeat("😀", 35) + "a").segments, 2);
}

TEST(Analyze, NeverSplitsASurrogatePairAcrossSegments) {
  const TextAnalysis a = Analyze(Repeat("ř", 66) + "😀" + Repeat("ř", 10));
  EXPECT_EQ(a.units, 78);
  ASSERT_EQ(a.segments, 2);
  EXPECT_EQ(a.parts[0], Repeat("ř", 66));
  EXPECT_EQ(a.parts[1], "😀" + Repeat("ř", 10));
}

TEST(Analyze, SplitsLongEmojiTextOnPairBoundaries) {
  const TextAnalysis a = Analyze(Repeat("😀", 100));
  EXPECT_EQ(a.units, 200);
  EXPECT_EQ(a.segments, 4);  // 33 pairs (66 units) per part
  for (const std::string& part : a.parts) EXPECT_EQ(part.size() % 4, 0u);
  EXPECT_EQ(Join(a.parts), a.text);
}

TEST(Analyze, ReplacesInvalidUtf8AndAnalyzesTheResult) {
  const TextAnalysis a = Analyze("ab\xFF");
  EXPECT_EQ(a.text, "ab\uFFFD");
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
  EXPECT_EQ(a.characters, 3);
}

TEST(Analyze, JoinsPartsBackToTheText) {
  const std::string text = Repeat("Uzavírka Hlavní ulice {€} ", 30);
  const TextAnalysis a = Analyze(text);
  EXPECT_EQ(a.text, text);
  EXPECT_EQ(Join(a.parts), text);
  EXPECT_EQ(a.segments, static_cast<int>(a.parts.size()));
}

TEST(ConcatUdh, WritesTheEightBitReferenceHeader) {
  EXPECT_EQ(ConcatUdh(0x42, 3, 2), (Bytes{0x05, 0x00, 0x03, 0x42, 0x03, 0x02}));
  EXPECT_EQ(ConcatUdh(0x1234, 2, 1), (Bytes{0x05, 0x00, 0x03, 0x34, 0x02, 0x01}));
}

TEST(ConcatUdh, WritesTheSixteenBitReferenceHeader) {
  EXPECT_EQ(ConcatUdh(0x1234, 5, 4, true), (Bytes{0x06, 0x08, 0x04, 0x12, 0x34, 0x05, 0x04}));
}

TEST(ParseConcatUdh, ReadsWhatConcatUdhWrites) {
  const auto eight = ParseConcatUdh(ConcatUdh(0xAB, 255, 255));
  ASSERT_TRUE(eight.has_value());
  EXPECT_EQ(eight->ref, 0xAB);
  EXPECT_EQ(eight->total, 255);
  EXPECT_EQ(eight->seq, 255);
  const auto sixteen = ParseConcatUdh(ConcatUdh(0xBEEF, 2, 1, true));
  ASSERT_TRUE(sixteen.has_value());
  EXPECT_EQ(sixteen->ref, 0xBEEF);
  EXPECT_EQ(sixteen->total, 2);
  EXPECT_EQ(sixteen->seq, 1);
}

TEST(ParseConcatUdh, IgnoresTheTextAfterTheHeader) {
  const auto info = ParseConcatUdh(Bytes{0x05, 0x00, 0x03, 0x07, 0x02, 0x02, 'H', 'i'});
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->ref, 7);
  EXPECT_EQ(info->seq, 2);
}

TEST(ParseConcatUdh, FindsConcatenationAfterOtherElements) {
  // Application port addressing (IEI 0x05, 4 octets) first.
  const Bytes udh = {0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x09, 0x03, 0x01};
  const auto info = ParseConcatUdh(udh);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->ref, 9);
  EXPECT_EQ(info->total, 3);
  EXPECT_EQ(info->seq, 1);
}

TEST(ParseConcatUdh, RejectsEveryTruncationOfAValidHeader) {
  for (bool ref16 : {false, true}) {
    const Bytes udh = ConcatUdh(0x0102, 3, 1, ref16);
    for (std::size_t n = 0; n < udh.size(); ++n) {
      EXPECT_FALSE(ParseConcatUdh(std::span(udh).first(n)).has_value()) << n << " " << ref16;
    }
  }
}

TEST(ParseConcatUdh, RejectsElementRunningPastTheHeader) {
  // UDHL says 5: the element claims 4 data octets, but only 3 are left in the header.
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x00, 0x04, 0x01, 0x01, 0x01, 0x01}).has_value());
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x00, 0x09, 0x01, 0x02, 0x01}).has_value());
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x01, 0x00}).has_value());  // IEI without IEDL
}

TEST(ParseConcatUdh, ReturnsNothingWithoutConcatenationElement) {
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x00}).has_value());
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x04, 0x05, 0x02, 0x0B, 0x84}).has_value());
}

TEST(ParseConcatUdh, IgnoresElementsWithInvalidSequenceNumbers) {
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x00, 0x03, 0x01, 0x02, 0x00}).has_value());  // seq 0
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x00, 0x03, 0x01, 0x02, 0x03}).has_value());  // 3 of 2
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x00, 0x03, 0x01, 0x00, 0x00}).has_value());  // total 0
}

TEST(ParseConcatUdh, IgnoresConcatenationElementsOfTheWrongLength) {
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x06, 0x00, 0x04, 0x01, 0x02, 0x01, 0x01}).has_value());
  EXPECT_FALSE(ParseConcatUdh(Bytes{0x05, 0x08, 0x03, 0x01, 0x02, 0x01}).has_value());
}

TEST(ParseConcatUdh, TakesTheLastValidElementWhenRepeated) {
  const Bytes udh = {0x0A, 0x00, 0x03, 0x01, 0x02, 0x01, 0x00, 0x03, 0x07, 0x04, 0x03};
  const auto info = ParseConcatUdh(udh);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->ref, 7);
  EXPECT_EQ(info->total, 4);
  EXPECT_EQ(info->seq, 3);
}

TEST(ParseConcatUdh, SurvivesGarbage) {
  Bytes garbage;
  for (int i = 0; i < 300; ++i) {
    garbage.push_back(static_cast<std::uint8_t>((i * 97 + 13) % 256));
    for (std::size_t start = 0; start < garbage.size(); start += 17) {
      const auto info = ParseConcatUdh(std::span(garbage).subspan(start));
      if (info) {
        EXPECT_GE(info->seq, 1);
        EXPECT_LE(info->seq, info->total);
      }
    }
  }
}

}  // namespace
}  // namespace smsinfo::sms_text
