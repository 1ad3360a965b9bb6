#include "sms_text/compose.hpp"

#include <gtest/gtest.h>

namespace smsinfo::sms_text {
namespace {

using domain::Encoding;

TEST(Compose, JoinsPrefixBodyAndSignatureAndTransliterates) {
  const TextAnalysis a = Compose("Uzavírka Hlavní ulice.", {"SMS Info OU:", "Vas OU", true});
  EXPECT_EQ(a.text, "SMS Info OU:Uzavirka Hlavni ulice. Vas OU");
  EXPECT_EQ(a.encoding, Encoding::kGsm7);
  EXPECT_EQ(a.segments, 1);
}

TEST(Compose, KeepsDiacriticsWithoutTransliterationAndSwitchesToUcs2) {
  const TextAnalysis a = Compose("Uzavírka Hlavní ulice.", {"SMS Info OU:", "Váš OÚ", false});
  EXPECT_EQ(a.text, "SMS Info OU:Uzavírka Hlavní ulice. Váš OÚ");
  EXPECT_EQ(a.encoding, Encoding::kUcs2);
}

TEST(Compose, TrimsTheBody) {
  EXPECT_EQ(Compose(" \n\u00A0Voda teče.\t \r\n", {"OU: ", "Vas OU", true}).text,
            "OU: Voda tece. Vas OU");
}

TEST(Compose, LeavesOutTheSpaceWhenNothingPrecedesTheSignature) {
  EXPECT_EQ(Compose("   ", {"", "Vas OU", true}).text, "Vas OU");
}

TEST(Compose, LeavesOutTheSpaceWhenThePrefixEndsWithWhitespace) {
  EXPECT_EQ(Compose("", {"Info: ", "Vas OU", true}).text, "Info: Vas OU");
}

TEST(Compose, AddsNothingForAnEmptySignature) {
  EXPECT_EQ(Compose("Voda.", {"Info:", "", true}).text, "Info:Voda.");
}

TEST(Compose, TransliteratesPrefixAndSignatureToo) {
  EXPECT_EQ(Compose("Test", {"Obec Řepín: ", "Starosta Růžička", true}).text,
            "Obec Repin: Test Starosta Ruzicka");
}

TEST(Compose, CountsSegmentsOfTheWholeMessage) {
  const std::string body(150, 'a');
  const TextAnalysis a = Compose(body, {"Info:", "Vas OU", true});
  EXPECT_EQ(a.units, 5 + 150 + 1 + 6);
  EXPECT_EQ(a.segments, 2);
}

TEST(Compose, GivesEmptyAnalysisForNothingToSend) {
  const TextAnalysis a = Compose("  ", {});
  EXPECT_EQ(a.text, "");
  EXPECT_EQ(a.segments, 0);
}

}  // namespace
}  // namespace smsinfo::sms_text
