#include "sms_text/gsm7.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsinfo::sms_text {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Septets(std::string_view ascii) { return Bytes(ascii.begin(), ascii.end()); }

TEST(Gsm7, HoldsTheCzechLettersOfTheBasicTable) {
  for (char32_t c : std::u32string(U"éÉ")) EXPECT_TRUE(IsGsm7(c));
  for (char32_t c : std::u32string(U"áčďěíňóřšťúůýžÁČŘŠŽ")) EXPECT_FALSE(IsGsm7(c)) << int(c);
}

TEST(Gsm7, HoldsLatin1AndGreekLettersOfTheBasicTable) {
  for (char32_t c : std::u32string(U"@£$¥èéùìòÇ\n\rØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ ¤¡ÄÖÑÜ§¿äöñüà")) {
    EXPECT_EQ(Gsm7Septets(c), 1) << int(c);
  }
}

TEST(Gsm7, CountsEuroSignAsTwoSeptets) { EXPECT_EQ(Gsm7Septets(U'€'), 2); }

TEST(Gsm7, CountsEveryExtensionCharacterAsTwoSeptets) {
  for (char32_t c : std::u32string(U"€[]{}\\~^|\f")) EXPECT_EQ(Gsm7Septets(c), 2) << int(c);
}

TEST(Gsm7, CountsUnrepresentableCharactersAsZero) {
  for (char32_t c : std::u32string(U"`řç\x1B\t\u00A0😀")) {
    EXPECT_EQ(Gsm7Septets(c), 0) << int(c);
    EXPECT_FALSE(IsGsm7(c));
  }
}

TEST(Gsm7, EncodesEveryBasicCharacterToItsOwnCode) {
  for (int code = 0; code < 128; ++code) {
    if (code == kGsm7Escape) continue;
    const std::string utf8 = DecodeGsm7(Bytes{static_cast<std::uint8_t>(code)});
    EXPECT_EQ(EncodeGsm7(utf8), Bytes{static_cast<std::uint8_t>(code)}) << code;
  }
}

TEST(Gsm7, EncodesAsciiThatDiffersFromTheTable) {
  EXPECT_EQ(EncodeGsm7("@$_"), (Bytes{0x00, 0x02, 0x11}));
}

TEST(Gsm7, EncodesExtensionCharactersBehindTheEscape) {
  EXPECT_EQ(EncodeGsm7("€[]{}\\~^|\f"),
            (Bytes{0x1B, 0x65, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x28, 0x1B, 0x29,
                   0x1B, 0x2F, 0x1B, 0x3D, 0x1B, 0x14, 0x1B, 0x40, 0x1B, 0x0A}));
}

TEST(Gsm7, EncodesUnrepresentableCharactersAsQuestionMark) {
  EXPECT_EQ(EncodeGsm7("a\xC5\x99"
                       "b😀\xFF"),
            Septets("a?b??"));
}

TEST(Gsm7, DecodesWhatItEncodes) {
  const std::string text = "Hello @ £5 = €6 [ok] {x} \\ ~ ^ | \f Üñcode ¿¡ ΔΩ èùìòÇØøÅåÆæßÉ\r\n";
  EXPECT_EQ(DecodeGsm7(EncodeGsm7(text)), text);
}

TEST(Gsm7, DecodesEscapeEscapeAsSpace) {
  EXPECT_EQ(DecodeGsm7(Bytes{'a', 0x1B, 0x1B, 'b'}), "a b");
}

TEST(Gsm7, DecodesUndefinedExtensionAsTheBasicCharacter) {
  EXPECT_EQ(DecodeGsm7(Bytes{0x1B, 'A', 0x1B, 0x00}), "A@");
}

TEST(Gsm7, DecodesEscapeAtTheEndAsSpace) { EXPECT_EQ(DecodeGsm7(Bytes{'a', 0x1B}), "a "); }

TEST(Gsm7, DecodesValuesAbove7FAsReplacementCharacter) {
  EXPECT_EQ(DecodeGsm7(Bytes{0x80, 'a', 0x1B, 0xFF}), "\uFFFDa\uFFFD");
}

TEST(Gsm7, PacksTheSpecExample) {
  EXPECT_EQ(PackSeptets(Septets("hellohello")),
            (Bytes{0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37}));
}

TEST(Gsm7, PacksEightSeptetsIntoSevenOctets) {
  EXPECT_EQ(PackSeptets(Septets("12345678")), (Bytes{0x31, 0xD9, 0x8C, 0x56, 0xB3, 0xDD, 0x70}));
}

TEST(Gsm7, PacksAfterOneFillBit) {
  EXPECT_EQ(PackSeptets(Septets("hello"), 1), (Bytes{0xD0, 0x65, 0x36, 0xFB, 0x0D}));
  EXPECT_EQ(PackSeptets(Septets("A"), 1), (Bytes{0x82}));
}

TEST(Gsm7, NeedsOneFillBitAfterTheSixOctetConcatenationHeader) {
  EXPECT_EQ(FillBitsAfterUdh(6), 1);
  EXPECT_EQ(SeptetsForUdh(6), 7u);
  EXPECT_EQ(FillBitsAfterUdh(7), 0);  // 16-bit reference: 56 bits = 8 septets
  EXPECT_EQ(SeptetsForUdh(7), 8u);
  EXPECT_EQ(FillBitsAfterUdh(0), 0);
}

TEST(Gsm7, UnpacksWhatItPacksForEveryLengthAndFill) {
  Bytes septets;
  for (int n = 0; n <= 170; ++n) {
    for (int fill = 0; fill <= 6; ++fill) {
      const Bytes packed = PackSeptets(septets, fill);
      EXPECT_EQ(packed.size(), (static_cast<std::size_t>(fill) + 7 * septets.size() + 7) / 8);
      EXPECT_EQ(UnpackSeptets(packed, septets.size(), fill), septets) << n << " " << fill;
    }
    septets.push_back(static_cast<std::uint8_t>((n * 37 + 11) % 128));
  }
}

TEST(Gsm7, RoundTripsTextBehindASixOctetHeader) {
  const Bytes text = EncodeGsm7("Uzavirka Hlavni ulice od 8:00 do 16:00. Vas OU €");
  const Bytes packed = PackSeptets(text, FillBitsAfterUdh(6));
  EXPECT_EQ(DecodeGsm7(UnpackSeptets(packed, text.size(), 1)),
            "Uzavirka Hlavni ulice od 8:00 do 16:00. Vas OU €");
}

TEST(Gsm7, UnpacksOnlyWholeSeptetsOfTruncatedInput) {
  const Bytes packed = PackSeptets(Septets("hellohello"));
  const Bytes truncated(packed.begin(), packed.begin() + 3);  // 24 bits: 3 whole septets
  EXPECT_EQ(UnpackSeptets(truncated, 10), Septets("hel"));
  EXPECT_TRUE(UnpackSeptets(Bytes{}, 5).empty());
  EXPECT_EQ(UnpackSeptets(Bytes{0x82}, 5, 1), Septets("A"));
}

TEST(Gsm7, UnpacksNothingForFillBitsOutOfRange) {
  EXPECT_TRUE(UnpackSeptets(Bytes{0x41, 0x41}, 2, 7).empty());
  EXPECT_TRUE(UnpackSeptets(Bytes{0x41, 0x41}, 2, -1).empty());
}

TEST(Gsm7, MasksSeptetValuesToSevenBits) {
  EXPECT_EQ(PackSeptets(Bytes{0xC1}), PackSeptets(Bytes{0x41}));
}

}  // namespace
}  // namespace smsinfo::sms_text
