#include "residents/address.hpp"

#include <gtest/gtest.h>

namespace smsinfo::residents {
namespace {

Address Parse(std::string_view text, std::string_view municipality = "Vestec") {
  auto parsed = ParseAddress(text, municipality);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? *parsed : Address{};
}

void ExpectAddress(std::string_view text, std::string_view street, std::string_view house,
                   std::string_view orientation = "") {
  const Address a = Parse(text);
  EXPECT_EQ(a.street, street) << text;
  EXPECT_EQ(a.house_number, house) << text;
  EXPECT_EQ(a.orientation_number, orientation) << text;
}

TEST(ParseAddress, ReadsStreetAndHouseNumber) {
  ExpectAddress("Hlavni 50", "Hlavni", "50");
  ExpectAddress("Hlavní 50", "Hlavní", "50");
  ExpectAddress("hlavni  50", "hlavni", "50");
  ExpectAddress("  Hlavní\t50 ", "Hlavní", "50");
  ExpectAddress("Na Vrsku 12", "Na Vrsku", "12");
  ExpectAddress("28. října 5", "28. října", "5");
  ExpectAddress("Hlavni, 50", "Hlavni", "50");
  ExpectAddress("Hlavni50", "Hlavni", "50");
}

TEST(ParseAddress, UnderstandsHouseNumberMarkers) {
  ExpectAddress("Hlavni c.p. 50", "Hlavni", "50");
  ExpectAddress("Hlavní č.p.50", "Hlavní", "50");
  ExpectAddress("Hlavni cp 50", "Hlavni", "50");
  ExpectAddress("Hlavni CP50", "Hlavni", "50");
  ExpectAddress("Hlavní č. p. 50", "Hlavní", "50");
  ExpectAddress("Hlavní číslo popisné 50", "Hlavní", "50");
  ExpectAddress("Hlavní č. 50", "Hlavní", "50");
}

TEST(ParseAddress, SplitsHouseAndOrientationNumbers) {
  ExpectAddress("Školní 6/7", "Školní", "6", "7");
  ExpectAddress("Školní 6 / 7", "Školní", "6", "7");
  ExpectAddress("Školní 6/ 7b", "Školní", "6", "7b");
  ExpectAddress("Školní č.p. 6 č.o. 7", "Školní", "6", "7");
  ExpectAddress("Školní 6 c.o. 7", "Školní", "6", "7");
}

TEST(ParseAddress, AcceptsAnOrientationNumberAlone) {
  ExpectAddress("Školní č.o. 7", "Školní", "", "7");
  ExpectAddress("Školní co 7a", "Školní", "", "7a");
}

TEST(ParseAddress, KeepsOrientationLettersAndDropsLeadingZeros) {
  ExpectAddress("Hlavni 12a", "Hlavni", "12a");
  ExpectAddress("Hlavni 012", "Hlavni", "12");
  ExpectAddress("Školní 06/07", "Školní", "6", "7");
}

TEST(ParseAddress, GivesNoStreetForTheMunicipalityOrANumberAlone) {
  ExpectAddress("Vestec 4", "", "4");
  ExpectAddress("VESTEC 4", "", "4");
  ExpectAddress("4", "", "4");
  ExpectAddress("c.p. 4", "", "4");
  ExpectAddress("č.p.4", "", "4");
  const Address accented = Parse("Velké Popovice 7", "Velke popovice");
  EXPECT_EQ(accented.street, "");
  EXPECT_EQ(accented.house_number, "7");
}

TEST(ParseAddress, KeepsTheStreetWhenNoMunicipalityIsGiven) {
  const Address a = Parse("Vestec 4", "");
  EXPECT_EQ(a.street, "Vestec");
  EXPECT_EQ(a.house_number, "4");
}

TEST(ParseAddress, DropsTheMunicipalityAfterTheNumber) {
  ExpectAddress("Hlavni 50, Vestec", "Hlavni", "50");
  ExpectAddress("Školní 6/7 Vestec", "Školní", "6", "7");
}

TEST(ParseAddress, RejectsTextWithoutAHouseNumber) {
  for (std::string_view text :
       {"Hlavni", "Na Vrsku", "Hlavni c.p.", "Hlavni 1234567", "Hlavni 12abc", "Hlavni 5/"}) {
    auto parsed = ParseAddress(text, "Vestec");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(parsed.error().message.find("house number"), std::string::npos);
    EXPECT_NE(parsed.error().message.find("chybi cislo"), std::string::npos);
  }
}

TEST(ParseAddress, RejectsEmptyText) {
  for (std::string_view text : {"", "   ", "\t\r\n"}) {
    auto parsed = ParseAddress(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(parsed.error().message.find("empty"), std::string::npos);
  }
}

TEST(NormalizeHouseNumber, DropsSpacesAndLeadingZerosAndLowerCases) {
  EXPECT_EQ(NormalizeHouseNumber(" 012A"), "12a");
  EXPECT_EQ(NormalizeHouseNumber("0"), "0");
  EXPECT_EQ(NormalizeHouseNumber("100"), "100");
  EXPECT_EQ(NormalizeHouseNumber("12 b"), "12b");
  EXPECT_EQ(NormalizeHouseNumber(""), "");
}

}  // namespace
}  // namespace smsinfo::residents
