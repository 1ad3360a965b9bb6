#include "sms_text/utf8.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace smsinfo::sms_text {
namespace {

TEST(Utf8, DecodesOneToFourByteSequences) {
  EXPECT_EQ(DecodeUtf8("a\xC5\x99\xE2\x82\xAC\xF0\x9F\x98\x80"), U"a\u0159\u20AC\U0001F600");
}

TEST(Utf8, EncodesWhatItDecodes) {
  const std::string text = "Příliš žluťoučký kůň € 😀";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(text)), text);
}

TEST(Utf8, ReplacesStrayContinuationAndInvalidLeadBytes) {
  EXPECT_EQ(DecodeUtf8("a\x80"
                       "b\xFF"
                       "c\xC0\xAF"),
            U"a\uFFFDb\uFFFDc\uFFFD\uFFFD");
}

TEST(Utf8, ReplacesTruncatedSequenceWithOneReplacementCharacter) {
  EXPECT_EQ(DecodeUtf8("\xE2\x82"), U"\uFFFD");
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98"
                       "a"),
            U"\uFFFDa");
}

TEST(Utf8, RejectsOverlongsSurrogatesAndValuesAboveTheLastCodePoint) {
  EXPECT_EQ(DecodeUtf8("\xE0\x80\x80"), U"\uFFFD\uFFFD\uFFFD");            // overlong NUL
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");            // U+D800
  EXPECT_EQ(DecodeUtf8("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // U+110000
  EXPECT_EQ(DecodeUtf8("\xF4\x8F\xBF\xBF"), U"\U0010FFFF");
}

TEST(Utf8, EncodesSurrogatesAndOutOfRangeValuesAsReplacementCharacter) {
  EXPECT_EQ(EncodeUtf8(std::u32string{char32_t{0xD800}, char32_t{0x110000}}),
            "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(Utf8Length(0xD800), 3);
}

TEST(Utf8, DecodesLatin1BytesAsTheirCodePoints) {
  const std::vector<std::uint8_t> bytes = {'O', 'd', 's', 't', 0xE1, 'v', 'k', 'a', 0xA4};
  EXPECT_EQ(DecodeLatin1(bytes), "Odstávka¤");
}

TEST(Utf8, DecodesIa5AndReplacesBytesAbove7F) {
  const std::vector<std::uint8_t> bytes = {'H', 'i', 0xE1, '!'};
  EXPECT_EQ(DecodeIa5(bytes), "Hi\uFFFD!");
}

}  // namespace
}  // namespace smsinfo::sms_text
