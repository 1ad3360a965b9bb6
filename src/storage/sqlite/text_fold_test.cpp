#include "storage/sqlite/text_fold.hpp"

#include <gtest/gtest.h>

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

TEST(EscapeLike, EscapesWildcards) { EXPECT_EQ(EscapeLike("50%_a\\b"), "50\\%\\_a\\\\b"); }

}  // namespace
}  // namespace smsinfo::storage::sqlite
