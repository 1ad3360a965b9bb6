#include "residents/normalize.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace smsinfo::residents {
namespace {

TEST(NormalizeKey, RemovesDiacriticsAndLowerCases) {
  EXPECT_EQ(NormalizeKey("Nováková"), "novakova");
  EXPECT_EQ(NormalizeKey("Příliš žluťoučký kůň úpěl ďábelské ódy"),
            "prilis zlutoucky kun upel dabelske ody");
  EXPECT_EQ(NormalizeKey("ŘŠČŽÝÁÍÉŮÚĚŤĎŇ"), "rsczyaieuuetdn");
  EXPECT_EQ(NormalizeKey("ŠÍPKOVÁ"), "sipkova");
}

TEST(NormalizeKey, TrimsAndCollapsesWhitespace) {
  EXPECT_EQ(NormalizeKey("  Hlavní  "), "hlavni");
  EXPECT_EQ(NormalizeKey("Na   Vršku"), "na vrsku");
  EXPECT_EQ(NormalizeKey("Na\tVršku\r\n"), "na vrsku");
  EXPECT_EQ(NormalizeKey("Na\xC2\xA0Vršku"), "na vrsku");  // no-break space
  EXPECT_EQ(NormalizeKey("   "), "");
  EXPECT_EQ(NormalizeKey(""), "");
}

TEST(NormalizeKey, TurnsPunctuationIntoSpaces) {
  EXPECT_EQ(NormalizeKey("nám. Míru"), "nam miru");
  EXPECT_EQ(NormalizeKey("Nováková-Svobodová"), "novakova svobodova");
  EXPECT_EQ(NormalizeKey("\"Na Vršku\";"), "na vrsku");
  EXPECT_EQ(NormalizeKey("O'Neill, J.: x"), "o neill j x");
  EXPECT_EQ(NormalizeKey("„Na Vršku“ – sever"), "na vrsku sever");
  EXPECT_EQ(NormalizeKey("..."), "");
}

TEST(NormalizeKey, AsciiFastPathAgreesWithIcuPath) {
  // The second string has a non-ASCII character, so it goes through ICU.
  EXPECT_EQ(NormalizeKey("  HLAVNI  c.p. 50 "), "hlavni c p 50");
  EXPECT_EQ(NormalizeKey("  HLAVNÍ  c.p. 50 "), "hlavni c p 50");
}

TEST(NormalizeKey, SurvivesInvalidUtf8) {
  const std::string key = NormalizeKey("Nov\xE1k\xFF");
  EXPECT_EQ(key.substr(0, 3), "nov");
  EXPECT_FALSE(key.empty());
}

TEST(NormalizeKey, HandlesLongFieldsLinearly) {
  std::string long_text;
  for (int i = 0; i < 20000; ++i) long_text += "Žluťoučký ";
  const std::string key = NormalizeKey(long_text);
  EXPECT_EQ(key.size(), 20000u * 10u - 1u);
  EXPECT_EQ(key.substr(0, 10), "zlutoucky ");
}

TEST(NormalizeKey, GivesTheSameKeysFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 500; ++i) {
        if (NormalizeKey("Řezníčková  Šárka") != "reznickova sarka") ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(BoundedEditDistance, CountsEditsAndSwaps) {
  EXPECT_EQ(BoundedEditDistance("hlavni", "hlavni", 2), 0);
  EXPECT_EQ(BoundedEditDistance("hlavni", "hlavn", 2), 1);
  EXPECT_EQ(BoundedEditDistance("hlavni", "hlanvi", 2), 1);  // swapped neighbours
  EXPECT_EQ(BoundedEditDistance("hlavni", "hlafny", 2), 2);
  EXPECT_EQ(BoundedEditDistance("skolni", "polni", 2), 2);
  EXPECT_EQ(BoundedEditDistance("", "ab", 2), 2);
}

TEST(BoundedEditDistance, StopsAtTheLimit) {
  EXPECT_EQ(BoundedEditDistance("hlavni", "zahradni", 2), 3);
  EXPECT_EQ(BoundedEditDistance("a", "abcdefgh", 2), 3);
  EXPECT_EQ(BoundedEditDistance("abcdef", "uvwxyz", 2), 3);
}

}  // namespace
}  // namespace smsinfo::residents
