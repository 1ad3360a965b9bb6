#include "residents/register_csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace smsinfo::residents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kHeader =
    "Příjmení;Jméno;Ulice;Číslo popisné;Číslo orientační;Obec;PSČ;Rok narození\r\n";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ParsedRegister ParseOk(std::string_view bytes) {
  auto parsed = ParseRegisterCsv(bytes);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? *parsed : ParsedRegister{};
}

// One error expected, on `line`, whose message contains `text`.
void ExpectOneRowError(const std::string& csv, int line, std::string_view text) {
  const ParsedRegister parsed = ParseOk(csv);
  ASSERT_EQ(parsed.errors.size(), 1u) << csv;
  EXPECT_EQ(parsed.errors[0].line, line) << csv;
  EXPECT_THAT(parsed.errors[0].message, HasSubstr(std::string(text))) << csv;
}

class RealRegister : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = SMSINFO_RESIDENTS_DATA_DIR;
    if (!std::filesystem::exists(dir_ / "residents.csv") ||
        !std::filesystem::exists(dir_ / "residents-cp1250.csv")) {
      GTEST_SKIP() << "no sample register in " << dir_;
    }
  }
  std::filesystem::path dir_;
};

TEST_F(RealRegister, ReadsAllResidentsFromTheUtf8Export) {
  const ParsedRegister parsed = ParseOk(ReadFile(dir_ / "residents.csv"));
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.encoding, "utf-8");
  EXPECT_EQ(parsed.delimiter, ';');
  ASSERT_EQ(parsed.residents.size(), 3000u);
  const domain::Resident& first = parsed.residents.front();
  EXPECT_EQ(first.surname, "Kučera");
  EXPECT_EQ(first.first_name, "Vojtěch");
  EXPECT_EQ(first.street, "Sadová");
  EXPECT_EQ(first.house_number, "1");
  EXPECT_EQ(first.orientation_number, "");
  EXPECT_EQ(first.municipality, "Vestec");
  EXPECT_EQ(first.zip, "252 50");
  EXPECT_EQ(first.birth_year, 1985);
  EXPECT_FALSE(first.id.valid());
  EXPECT_FALSE(first.org_id.valid());
}

TEST_F(RealRegister, ReadsTheSameResidentsFromTheWindows1250Export) {
  const ParsedRegister utf8 = ParseOk(ReadFile(dir_ / "residents.csv"));
  const ParsedRegister cp1250 = ParseOk(ReadFile(dir_ / "residents-cp1250.csv"));
  EXPECT_TRUE(cp1250.errors.empty());
  EXPECT_EQ(cp1250.encoding, "windows-1250");
  ASSERT_EQ(cp1250.residents.size(), utf8.residents.size());
  for (std::size_t i = 0; i < utf8.residents.size(); ++i) {
    const auto& a = utf8.residents[i];
    const auto& b = cp1250.residents[i];
    ASSERT_EQ(a.surname, b.surname) << i;
    ASSERT_EQ(a.first_name, b.first_name) << i;
    ASSERT_EQ(a.street, b.street) << i;
    ASSERT_EQ(a.house_number, b.house_number) << i;
    ASSERT_EQ(a.orientation_number, b.orientation_number) << i;
    ASSERT_EQ(a.municipality, b.municipality) << i;
    ASSERT_EQ(a.zip, b.zip) << i;
    ASSERT_EQ(a.birth_year, b.birth_year) << i;
  }
}

TEST_F(RealRegister, HasStreetlessAndOrientationNumberedHouses) {
  const ParsedRegister parsed = ParseOk(ReadFile(dir_ / "residents.csv"));
  std::size_t streetless = 0;
  std::size_t oriented = 0;
  for (const auto& r : parsed.residents) {
    if (r.street.empty()) ++streetless;
    if (!r.orientation_number.empty()) ++oriented;
  }
  EXPECT_GT(streetless, 0u);
  EXPECT_GT(oriented, 0u);
}

TEST(ParseRegisterCsv, AcceptsAByteOrderMarkAndLfLineEnds) {
  const ParsedRegister parsed =
      ParseOk("\xEF\xBB\xBFPříjmení;Jméno;Číslo popisné\nNovák;Jan;5\nNováková;Jana;5\n");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.encoding, "utf-8");
  ASSERT_EQ(parsed.residents.size(), 2u);
  EXPECT_EQ(parsed.residents[0].surname, "Novák");
  EXPECT_EQ(parsed.residents[1].house_number, "5");
}

TEST(ParseRegisterCsv, DecodesWindows1250) {
  // "Příjmení;Jméno;Ulice;ČP" / "Řezníčková;Šárka;Ždárská;7" in Windows-1250.
  const std::string csv =
      "P\xF8\xEDjmen\xED;Jm\xE9no;Ulice;\xC8P\r\n"
      "\xD8"
      "ezn\xED\xE8kov\xE1;\x8A\xE1rka;\x8E"
      "d\xE1rsk\xE1;7\r\n";
  const ParsedRegister parsed = ParseOk(csv);
  EXPECT_EQ(parsed.encoding, "windows-1250");
  ASSERT_EQ(parsed.residents.size(), 1u);
  EXPECT_EQ(parsed.residents[0].surname, "Řezníčková");
  EXPECT_EQ(parsed.residents[0].first_name, "Šárka");
  EXPECT_EQ(parsed.residents[0].street, "Ždárská");
}

TEST(ParseRegisterCsv, MapsEnglishHeadersAndCommaDelimiter) {
  const ParsedRegister parsed = ParseOk(
      "surname,first_name,street,house_number,orientation_number,municipality,zip,birth_year\n"
      "Novak,Jan,Hlavni,050,7a,Vestec,25250,1970\n");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.delimiter, ',');
  ASSERT_EQ(parsed.residents.size(), 1u);
  const auto& r = parsed.residents[0];
  EXPECT_EQ(r.street, "Hlavni");
  EXPECT_EQ(r.house_number, "50");
  EXPECT_EQ(r.orientation_number, "7a");
  EXPECT_EQ(r.zip, "25250");
  EXPECT_EQ(r.birth_year, 1970);
}

TEST(ParseRegisterCsv, MapsHeadersCaseAndAccentBlind) {
  const ParsedRegister parsed =
      ParseOk("PRIJMENI;jmeno;č.p.;č.o.;OBEC;psc\nNovák;Jan;5;2;Vestec;252 50\n");
  ASSERT_EQ(parsed.residents.size(), 1u);
  EXPECT_EQ(parsed.residents[0].house_number, "5");
  EXPECT_EQ(parsed.residents[0].orientation_number, "2");
  EXPECT_EQ(parsed.residents[0].municipality, "Vestec");
  EXPECT_EQ(parsed.residents[0].zip, "252 50");
}

TEST(ParseRegisterCsv, ReadsACombinedAddressColumn) {
  const ParsedRegister parsed = ParseOk(
      "Jméno;Příjmení;Adresa;Obec;Poznámka\n"
      "Jan;Novák;Školní 6/7;Vestec;x\n"
      "Eva;Nováková;Vestec 4;Vestec;\n"
      "Petr;Dvořák;č.p. 12;Vestec;\n");
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.residents.size(), 3u);
  EXPECT_EQ(parsed.residents[0].street, "Školní");
  EXPECT_EQ(parsed.residents[0].house_number, "6");
  EXPECT_EQ(parsed.residents[0].orientation_number, "7");
  EXPECT_EQ(parsed.residents[1].street, "");
  EXPECT_EQ(parsed.residents[1].house_number, "4");
  EXPECT_EQ(parsed.residents[2].house_number, "12");
}

TEST(ParseRegisterCsv, ClearsAStreetThatIsTheMunicipality) {
  const ParsedRegister parsed =
      ParseOk("Příjmení;Jméno;Ulice;ČP;Obec\nNovák;Jan;VESTEC;4;Vestec\n");
  ASSERT_EQ(parsed.residents.size(), 1u);
  EXPECT_EQ(parsed.residents[0].street, "");
}

TEST(ParseRegisterCsv, HonoursQuotesDoubledQuotesAndQuotedNewlines) {
  const ParsedRegister parsed = ParseOk(
      "Příjmení;Jméno;Ulice;ČP\r\n"
      "\"Novák; st.\";\"Jan \"\"Honza\"\"\";\"Na\r\nVršku\";5\r\n"
      "Svoboda;Petr;Polní;6\r\n");
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.residents.size(), 2u);
  EXPECT_EQ(parsed.residents[0].surname, "Novák; st.");
  EXPECT_EQ(parsed.residents[0].first_name, "Jan \"Honza\"");
  EXPECT_EQ(parsed.residents[0].street, "Na\r\nVršku");
  EXPECT_EQ(parsed.residents[1].surname, "Svoboda");
}

TEST(ParseRegisterCsv, SkipsBlankLinesAndTrailingEmptyColumns) {
  const ParsedRegister parsed =
      ParseOk("\r\nPříjmení;Jméno;ČP;\r\n\r\nNovák;Jan;5;\r\n;;;\r\n   \r\nSvoboda;Petr;6\r\n\r\n");
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.residents.size(), 2u);
}

TEST(ParseRegisterCsv, TrimsSpacesAroundCells) {
  const ParsedRegister parsed = ParseOk("Příjmení ; Jméno ; ČP\n  Novák ;  Jan;  5  \n");
  ASSERT_EQ(parsed.residents.size(), 1u);
  EXPECT_EQ(parsed.residents[0].surname, "Novák");
  EXPECT_EQ(parsed.residents[0].house_number, "5");
}

TEST(ParseRegisterCsv, ReportsWrongNumberOfFieldsWithItsLine) {
  ExpectOneRowError(std::string(kHeader) + "Novák;Jan;Hlavní;5;;Vestec;252 50;1970\r\n" +
                        "Novák;Jan;Hlavní;5\r\n",
                    3, "4 fields instead of 8");
  ExpectOneRowError(std::string(kHeader) + "Novák;Jan;Hlavní;5;;Vestec;252 50;1970;x\r\n", 2,
                    "9 fields instead of 8");
}

TEST(ParseRegisterCsv, ReportsMissingRequiredValues) {
  ExpectOneRowError(std::string(kHeader) + ";Jan;Hlavní;5;;Vestec;252 50;1970\r\n", 2,
                    "surname is missing");
  ExpectOneRowError(std::string(kHeader) + "Novák;;Hlavní;5;;Vestec;252 50;1970\r\n", 2,
                    "first name is missing");
  ExpectOneRowError(std::string(kHeader) + "\r\nNovák;Jan;Hlavní;;;Vestec;252 50;1970\r\n", 3,
                    "house number is missing");
}

TEST(ParseRegisterCsv, ReportsAHouseNumberThatIsNotANumber) {
  for (const char* bad : {"5a", "x", "0", "1234567", "-5"}) {
    ExpectOneRowError(std::string(kHeader) + "Novák;Jan;Hlavní;" + bad + ";;Vestec;;1970\r\n", 2,
                      "house number is not a number");
  }
}

TEST(ParseRegisterCsv, ReportsABadOrientationNumber) {
  ExpectOneRowError(std::string(kHeader) + "Novák;Jan;Hlavní;5;7ab;Vestec;;1970\r\n", 2,
                    "orientation number is not a number");
}

TEST(ParseRegisterCsv, ReportsAnImplausibleBirthYear) {
  for (const char* bad : {"1200", "3000", "19x5", "85", "1985.0"}) {
    ExpectOneRowError(std::string(kHeader) + "Novák;Jan;Hlavní;5;;Vestec;;" + bad + "\r\n", 2,
                      "not a plausible year");
  }
}

TEST(ParseRegisterCsv, ReportsAFieldOver200Characters) {
  std::string long_name(150, 'a');
  long_name += std::string(51, 'x');
  ExpectOneRowError(std::string(kHeader) + "Novák;" + long_name + ";Hlavní;5;;Vestec;;1970\r\n", 2,
                    "longer than 200 characters");
  // 200 characters with diacritics (400 bytes) are fine.
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "é";
  const ParsedRegister ok =
      ParseOk(std::string(kHeader) + "Novák;" + accented + ";Hlavní;5;;Vestec;;1970\r\n");
  EXPECT_TRUE(ok.errors.empty());
}

TEST(ParseRegisterCsv, ReportsAnUnbalancedQuoteAndReadsOnFromTheNextLine) {
  const std::string csv = std::string(kHeader) + "Novák;Jan;Hlavní;5;;Vestec;;1970\r\n" +
                          "\"Svoboda;Petr;Polní;6;;Vestec;;1971\r\n" +
                          "Dvořák;Jan;Polní;7;;Vestec;;1972\r\n";
  const ParsedRegister parsed = ParseOk(csv);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line, 3);
  EXPECT_THAT(parsed.errors[0].message, HasSubstr("Unbalanced quote"));
  ASSERT_EQ(parsed.residents.size(), 2u);
  EXPECT_EQ(parsed.residents[1].surname, "Dvořák");
}

TEST(ParseRegisterCsv, ReportsTextAfterAClosingQuote) {
  ExpectOneRowError(std::string(kHeader) + "\"Novák\"x;Jan;Hlavní;5;;Vestec;;1970\r\n", 2,
                    "closing quote");
}

TEST(ParseRegisterCsv, ReportsAnUnreadableAddress) {
  ExpectOneRowError("Příjmení;Jméno;Adresa\nNovák;Jan;Hlavní\n", 2, "no house number");
}

TEST(ParseRegisterCsv, CountsLinesInsideQuotedFieldsForLaterErrors) {
  const std::string csv = std::string(kHeader) + "Novák;Jan;\"Na\nVršku\";5;;Vestec;;1970\r\n" +
                          "Novák;;Hlavní;5;;Vestec;;1970\r\n";
  ExpectOneRowError(csv, 4, "first name is missing");
}

TEST(ParseRegisterCsv, ReportsEveryBadRowInLineOrder) {
  const std::string csv = std::string(kHeader) + "Novák;Jan;Hlavní;x;;Vestec;;1970\r\n" +
                          "Novák;Jan\r\n" + "Novák;Jan;Hlavní;5;;Vestec;;1970\r\n" +
                          ";;Hlavní;5;;Vestec;;1970\r\n";
  const ParsedRegister parsed = ParseOk(csv);
  std::vector<int> lines;
  for (const auto& e : parsed.errors) lines.push_back(e.line);
  EXPECT_THAT(lines, ElementsAre(2, 3, 5, 5));
  EXPECT_EQ(parsed.residents.size(), 1u);
}

TEST(ParseRegisterCsv, RejectsAnEmptyFile) {
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("\xEF\xBB\xBF"), std::string_view("\r\n\r\n  \n")}) {
    auto parsed = ParseRegisterCsv(bytes);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_THAT(parsed.error().message, HasSubstr("empty"));
  }
}

TEST(ParseRegisterCsv, RejectsAHeaderWithoutTheRequiredColumnsAndNamesThem) {
  auto parsed = ParseRegisterCsv("Jmeno;Telefon;Ulice\nJan;777;Hlavni\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
  const std::string& message = parsed.error().message;
  EXPECT_THAT(message, HasSubstr("\"Telefon\""));
  EXPECT_THAT(message, HasSubstr("Prijmeni (surname)"));
  EXPECT_THAT(message, HasSubstr("Cislo popisne (house_number)"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("Jmeno (first_name),")));
}

TEST(ParseRegisterCsv, RejectsAFileWithoutAHeader) {
  auto parsed = ParseRegisterCsv("Novák;Jan;Hlavní;5\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.error().message, HasSubstr("\"Novák\""));
}

TEST(ReadCsv, RejectsUtf16) {
  auto table = ReadCsv(std::string_view("\xFF\xFEP\0r\0", 6));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.error().message, HasSubstr("UTF-16"));
}

TEST(ReadCsv, RejectsMoreThanTwoMillionRows) {
  std::string csv = "a\n";
  csv.reserve(2 + 2'000'001 * 2);
  for (int i = 0; i < 2'000'001; ++i) csv += "1\n";
  auto table = ReadCsv(csv);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.error().message, HasSubstr("2,000,000"));
}

TEST(ReadCsv, ReturnsCellsWithTheirLines) {
  auto table = ReadCsv("name,phone\r\nJan,\"+420 777, 1\"\r\n\r\nEva,777\r\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->delimiter, ',');
  EXPECT_THAT(table->header, ElementsAre("name", "phone"));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_THAT(table->rows[0], ElementsAre("Jan", "+420 777, 1"));
  EXPECT_THAT(table->row_lines, ElementsAre(2, 4));
}

TEST(ReadCsv, AcceptsLoneCarriageReturns) {
  auto table = ReadCsv("a;b\rx;y\r");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_THAT(table->rows[0], ElementsAre("x", "y"));
}

TEST(KeysFor, NormalizesSurnameFirstNameAndStreet) {
  domain::Resident r;
  r.surname = "Řezníčková";
  r.first_name = " Šárka ";
  r.street = "Na Výsluní";
  const storage::ResidentKeys keys = KeysFor(r);
  EXPECT_EQ(keys.surname_key, "reznickova");
  EXPECT_EQ(keys.first_name_key, "sarka");
  EXPECT_EQ(keys.street_key, "na vysluni");
}

}  // namespace
}  // namespace smsinfo::residents
