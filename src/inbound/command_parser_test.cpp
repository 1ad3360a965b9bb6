#include "inbound/command_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsinfo::inbound {
namespace {

RegistrationCommand Reg(std::string surname, std::string first_name, std::string address,
                        std::string company = "") {
  return RegistrationCommand{std::move(surname), std::move(first_name), std::move(address),
                             std::move(company)};
}

struct RegistrationCase {
  const char* what;
  std::string text;
  RegistrationCommand expected;
};

TEST(ParseCommand, AcceptsEveryToleratedSpellingOfARegistration) {
  const std::vector<RegistrationCase> cases = {
      {"the seed's example", "*P Novak,Jan,Hlavni 50", Reg("Novak", "Jan", "Hlavni 50")},
      {"the seed's company example", "*P Novak,Jan,Hlavni 50,Novak&Syn",
       Reg("Novak", "Jan", "Hlavni 50", "Novak&Syn")},
      {"surrounding whitespace and newlines", " \r\n *P Novak,Jan,Hlavni 50 \n\n",
       Reg("Novak", "Jan", "Hlavni 50")},
      {"lower-case p", "*p Novak,Jan,Hlavni 50", Reg("Novak", "Jan", "Hlavni 50")},
      {"space between * and P", "* P Novak,Jan,Hlavni 50", Reg("Novak", "Jan", "Hlavni 50")},
      {"no space after P", "*PNovak,Jan,Hlavni 50", Reg("Novak", "Jan", "Hlavni 50")},
      {"spaces around commas", "*P  Novak , Jan ,  Hlavni 50 ", Reg("Novak", "Jan", "Hlavni 50")},
      {"a trailing comma", "*P Novak,Jan,Hlavni 50,", Reg("Novak", "Jan", "Hlavni 50")},
      {"several trailing commas", "*P Novak,Jan,Hlavni 50, , ,", Reg("Novak", "Jan", "Hlavni 50")},
      {"semicolons instead of commas", "*P Novak;Jan;Hlavni 50;Novak&Syn",
       Reg("Novak", "Jan", "Hlavni 50", "Novak&Syn")},
      {"line breaks instead of commas", "*P Novak\nJan\r\nHlavni 50",
       Reg("Novak", "Jan", "Hlavni 50")},
      {"a colon after P", "*P: Novak,Jan,Hlavni 50", Reg("Novak", "Jan", "Hlavni 50")},
      {"a company with '&' and spaces", "*P Novak,Jan,Hlavni 50, Novak & Syn s.r.o. ",
       Reg("Novak", "Jan", "Hlavni 50", "Novak & Syn s.r.o.")},
      {"more than four fields join into the company", "*P Novak,Jan,Hlavni 50,Novak, syn a spol.",
       Reg("Novak", "Jan", "Hlavni 50", "Novak, syn a spol.")},
      {"diacritics and c.p.", "*P Novák,Jan,Hlavní č.p.50", Reg("Novák", "Jan", "Hlavní č.p.50")},
      {"an orientation number", "*P Svobodova,Marie,Školní 6/7",
       Reg("Svobodova", "Marie", "Školní 6/7")},
      {"an address without a street name", "*P Dvorak,Petr,Vestec 4",
       Reg("Dvorak", "Petr", "Vestec 4")},
      {"multi-word names, inner whitespace collapsed", "*P Van  der Berg,Jan\tMaria,Na Vrsku 12",
       Reg("Van der Berg", "Jan Maria", "Na Vrsku 12")},
      {"exactly 100 characters", "*P " + std::string(100, 'a') + ",Jan,Hlavni 50",
       Reg(std::string(100, 'a'), "Jan", "Hlavni 50")},
      {"100 two-byte characters",
       "*P Jan,Novak,Hlavni 50," +
           [] {
             std::string s;
             for (int i = 0; i < 100; ++i) s += "á";
             return s;
           }(),
       Reg("Jan", "Novak", "Hlavni 50",
           [] {
             std::string s;
             for (int i = 0; i < 100; ++i) s += "á";
             return s;
           }())},
  };
  for (const auto& c : cases) {
    const Command command = ParseCommand(c.text);
    const auto* registration = std::get_if<RegistrationCommand>(&command);
    ASSERT_NE(registration, nullptr) << c.what << ": " << c.text;
    EXPECT_EQ(*registration, c.expected) << c.what;
  }
}

TEST(ParseCommand, TreatsAsteriskPAloneOrWithPunctuationAsUnregistration) {
  for (std::string text : {"*P", "*p", " \n*P \r\n", "*P.", "* P", "*P !", "*P,", "*p ..."}) {
    EXPECT_TRUE(std::holds_alternative<UnregistrationCommand>(ParseCommand(text))) << text;
  }
}

struct InvalidCase {
  const char* what;
  std::string text;
};

TEST(ParseCommand, RejectsMalformedCommandsWithAReason) {
  const std::vector<InvalidCase> cases = {
      {"fewer than 3 fields", "*P Novak,Jan"},
      {"one field", "*P Novak Jan Hlavni 50"},
      {"empty surname", "*P  ,Jan,Hlavni 50,Firma"},
      {"empty first name", "*P Novak,,Hlavni 50"},
      {"empty address", "*P Novak,Jan, ,Firma"},
      {"address without a house number", "*P Novak,Jan,Hlavni"},
      {"surname over 100 characters", "*P " + std::string(101, 'a') + ",Jan,Hlavni 50"},
      {"company over 100 characters", "*P Novak,Jan,Hlavni 50," + std::string(101, 'b')},
      {"a control character", std::string("*P Nov\x01", 7) + "ak,Jan,Hlavni 50"},
      {"DEL", "*P Novak,Jan,Hlavni 50,Firma\x7f"},
      {"a bidi override", "*P Novak,Jan\u202E,Hlavni 50"},
      {"invalid UTF-8",
       "*P Nov\xff"
       "ak,Jan,Hlavni 50"},
      {"another command letter", "*X Novak,Jan,Hlavni 50"},
      {"another command letter, lower case", "*r"},
      {"an asterisk alone", "*"},
      {"an asterisk and digits", "*123#"},
      {"a forgotten asterisk", "P Novak,Jan,Hlavni 50"},
      {"a forgotten asterisk, lower case", "p Novak, Jan, Hlavni 50"},
  };
  for (const auto& c : cases) {
    const Command command = ParseCommand(c.text);
    const auto* invalid = std::get_if<InvalidCommand>(&command);
    ASSERT_NE(invalid, nullptr) << c.what << ": " << c.text;
    EXPECT_FALSE(invalid->reason.empty()) << c.what;
  }
}

TEST(ParseCommand, TreatsTextWithoutALeadingAsteriskAsPlainText) {
  const std::vector<std::string> texts = {
      "Dekuji za informaci",
      "",
      "  \n ",
      "P. S. dekuji",
      "P Novak",                           // "P " but fewer than two commas
      "Prijdu, dekuji, ahoj",              // starts with P but not "P "
      "Voda tece *P Novak,Jan,Hlavni 50",  // the command is not at the start
      "<b>ahoj</b>'; DROP TABLE inbound_sms;--",
      "Díky 😀",
  };
  for (const auto& text : texts) {
    EXPECT_TRUE(std::holds_alternative<PlainText>(ParseCommand(text))) << text;
  }
}

TEST(ParseCommand, ExplainsWhatIsMissing) {
  const Command command = ParseCommand("*P Novak,Jan,Hlavni");
  ASSERT_TRUE(std::holds_alternative<InvalidCommand>(command));
  EXPECT_NE(std::get<InvalidCommand>(command).reason.find("house number"), std::string::npos);
}

}  // namespace
}  // namespace smsinfo::inbound
