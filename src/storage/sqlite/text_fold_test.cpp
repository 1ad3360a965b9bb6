#include "storage/sqlite/text_fold.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsinfo::storage::sqlite {
namespace {

TEST(FoldForSearch, RemovesCzechDiacriticsAndCase) {
  EXPECT_EQ(FoldForSearch("Řehoř ČÍŽEK, Žďár nad Sázavou"), "rehor cizek, zdar nad sazavou");
  EXPECT_EQ(FoldForSearch("Ůžasné ďábelské ťuťu ňouma"), "uzasne dabelske tutu nouma");
}

TEST(FoldForSearch, FoldsLatin1Letters) {
  EXPECT_EQ(FoldForSearch("Müller Éclair Åse"), "muller eclair ase");
}

TEST(FoldForSearch, LowerCasesPlainAscii) {
  EXPECT_EQ(FoldForSearch("+420 Main St"), "+420 main st");
}

TEST(CzechSortKey, SortsAsCzechDoes) {
  // C < Č < D, H < CH < I, Ř after R, Š after S, Ž after Z; accents alone only break ties.
  const std::vector<std::string> czech = {"Cibulka", "Čermák", "Dvořák", "Hájek",
                                          "Chalupa", "Ihnát",  "Rada",   "Řezáč",
                                          "Svoboda", "Šimek",  "Zeman",  "Žák"};
  for (std::size_t i = 1; i < czech.size(); ++i) {
    EXPECT_LT(CzechSortKey(czech[i - 1]), CzechSortKey(czech[i]))
        << czech[i - 1] << " < " << czech[i];
  }
  EXPECT_LT(CzechSortKey("Novák Jan"), CzechSortKey("Nováková Eva"));
  EXPECT_LT(CzechSortKey("Dvorak"), CzechSortKey("Dvořák"));
  EXPECT_EQ(CzechSortKey("Novák").find('\0'), std::string::npos);
}

TEST(EscapeLike, EscapesWildcards) { EXPECT_EQ(EscapeLike("50%_a\\b"), "50\\%\\_a\\\\b"); }

}  // namespace
}  // namespace smsinfo::storage::sqlite
