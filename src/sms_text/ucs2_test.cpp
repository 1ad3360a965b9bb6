#include "sms_text/ucs2.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace smsinfo::sms_text {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(Ucs2, EncodesBmpCharactersAsBigEndianUnits) {
  EXPECT_EQ(EncodeUcs2("Ař€"), (Bytes{0x00, 0x41, 0x01, 0x59, 0x20, 0xAC}));
}

TEST(Ucs2, EncodesEmojiAsSurrogatePair) {
  EXPECT_EQ(EncodeUcs2("😀"), (Bytes{0xD8, 0x3D, 0xDE, 0x00}));
}

TEST(Ucs2, DecodesWhatItEncodes) {
  const std::string text = "Příliš žluťoučký kůň 😀 €";
  EXPECT_EQ(DecodeUcs2(EncodeUcs2(text)), text);
}

TEST(Ucs2, ReplacesTrailingOddByte) {
  EXPECT_EQ(DecodeUcs2(Bytes{0x00, 0x41, 0x00}), "A\uFFFD");
  EXPECT_EQ(DecodeUcs2(Bytes{0x41}), "\uFFFD");
}

TEST(Ucs2, ReplacesLoneHighSurrogate) {
  EXPECT_EQ(DecodeUcs2(Bytes{0xD8, 0x3D, 0x00, 0x41}), "\uFFFDA");
  EXPECT_EQ(DecodeUcs2(Bytes{0x00, 0x41, 0xD8, 0x3D}), "A\uFFFD");
}

TEST(Ucs2, ReplacesLoneLowSurrogate) {
  EXPECT_EQ(DecodeUcs2(Bytes{0xDE, 0x00, 0x00, 0x41}), "\uFFFDA");
}

TEST(Ucs2, ReplacesReversedSurrogatePairWithTwoReplacementCharacters) {
  EXPECT_EQ(DecodeUcs2(Bytes{0xDE, 0x00, 0xD8, 0x3D}), "\uFFFD\uFFFD");
}

TEST(Ucs2, DecodesEmptyInputAsEmptyText) { EXPECT_EQ(DecodeUcs2(Bytes{}), ""); }

TEST(Ucs2, ReplacesInvalidUtf8WhenEncoding) {
  EXPECT_EQ(EncodeUcs2("a\xFF"), (Bytes{0x00, 0x61, 0xFF, 0xFD}));
}

}  // namespace
}  // namespace smsinfo::sms_text
