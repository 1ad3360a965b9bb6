#include "sms_text/transliterate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "sms_text/gsm7.hpp"
#include "sms_text/segment.hpp"
#include "sms_text/utf8.hpp"

namespace smsinfo::sms_text {
namespace {

bool AllGsm7(std::string_view utf8) {
  for (char32_t c : DecodeUtf8(utf8)) {
    if (!IsGsm7(c)) return false;
  }
  return true;
}

TEST(ToGsmAlphabet, RemovesCzechDiacriticsButKeepsEAcute) {
  EXPECT_EQ(ToGsmAlphabet("Příliš žluťoučký kůň úpěl ďábelské ódy ŘŠČŽÝÁÍŮÚĚŤĎŇ"),
            "Prilis zlutoucky kun upel dabelské ody RSCZYAIUUETDN");
}

TEST(ToGsmAlphabet, KeepsCharactersThatAreInTheGsmAlphabet) {
  const std::string gsm =
      "é É ü Ü ä Ä ö Ö ñ à è ù ì ò Ç Ø ø Å å Æ æ ß £ ¥ € $ @ ¿ ¡ § ¤ ΔΩΣ [ ] { } "
      "\\ ~ ^ | _\n\r\f";
  EXPECT_EQ(ToGsmAlphabet(gsm), gsm);
}

TEST(ToGsmAlphabet, KeepsEAcuteInsteadOfStrippingIt) {
  EXPECT_EQ(ToGsmAlphabet("Kavárna Café Müller"), "Kavarna Café Müller");
}

TEST(ToGsmAlphabet, ComposesDecomposedInputBeforeDeciding) {
  // "Cafe" + U+0301 (NFD é) becomes the GSM é; "r" + U+030C (NFD ř) loses the caron.
  EXPECT_EQ(ToGsmAlphabet("Cafe\u0301 r\u030C"), "Café r");
}

TEST(ToGsmAlphabet, ReplacesTypographicQuotesDashesAndEllipsis) {
  EXPECT_EQ(ToGsmAlphabet("„Uzavírka“ – ‚zítra‘ — “ok” … «x» `a´ 5−3 • bod"),
            "\"Uzavirka\" - 'zitra' - \"ok\" ... \"x\" 'a' 5-3 - bod");
}

TEST(ToGsmAlphabet, ReplacesUnicodeSpacesAndTabWithSpace) {
  EXPECT_EQ(ToGsmAlphabet("a\u00A0b\u202Fc\u2009d\te"), "a b c d e");
}

TEST(ToGsmAlphabet, RemovesZeroWidthCharactersSoftHyphenAndDegreeSign) {
  EXPECT_EQ(ToGsmAlphabet("\uFEFFpo\u00ADkyn\u200B -5 °C"), "pokyn -5 C");
}

TEST(ToGsmAlphabet, TransliteratesOtherLatinLetters) {
  EXPECT_EQ(ToGsmAlphabet("Łódź œuvre Đ"), "Lodz oeuvre D");
}

TEST(ToGsmAlphabet, ReplacesWhatCannotBeTransliteratedWithQuestionMark) {
  EXPECT_EQ(ToGsmAlphabet("a😀b"), "a?b");
  EXPECT_EQ(ToGsmAlphabet("x\xFFy"), "x?y");
}

TEST(ToGsmAlphabet, AlwaysReturnsGsmText) {
  for (std::string_view text : {"Привет мир", "日本語", "a\x01\x02 b", "αβγ Ωmega ŉ ǅ ﬁ ẞ"}) {
    EXPECT_TRUE(AllGsm7(ToGsmAlphabet(text))) << text;
  }
}

TEST(ToGsmAlphabet, TurnsUcs2CzechTextIntoGsm) {
  const std::string text = "Vážení občané, v pondělí bude přerušena dodávka vody.";
  EXPECT_EQ(Analyze(text).encoding, domain::Encoding::kUcs2);
  const TextAnalysis a = Analyze(ToGsmAlphabet(text));
  EXPECT_EQ(a.encoding, domain::Encoding::kGsm7);
  EXPECT_EQ(a.text, "Vazeni obcané, v pondeli bude prerusena dodavka vody.");
}

TEST(ToGsmAlphabet, HandlesLongNonLatinRuns) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "ř😀";
  const std::string out = ToGsmAlphabet(text);
  std::string expected;
  for (int i = 0; i < 2000; ++i) expected += "r?";
  EXPECT_EQ(out, expected);
}

TEST(ToGsmAlphabet, GivesTheSameResultOnEveryThread) {
  const std::string text = "Příliš žluťoučký kůň – „úpěl“";
  const std::string expected = ToGsmAlphabet(text);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 50; ++k) results[i] = ToGsmAlphabet(text);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace smsinfo::sms_text
