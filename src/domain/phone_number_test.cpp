#include "domain/phone_number.hpp"

#include <gtest/gtest.h>

namespace smsinfo::domain {
namespace {

TEST(PhoneNumber, ReadsCzechNumbersInEveryCommonWriting) {
  for (const char* text : {"720001676", "+420 720 001 676", "00420720001676", "720-001-676"}) {
    auto n = PhoneNumber::Parse(text);
    ASSERT_TRUE(n.ok()) << text;
    EXPECT_EQ(n->e164(), "+420720001676") << text;
  }
}

TEST(PhoneNumber, KeepsForeignNumbersWithTheirCountryCode) {
  auto n = PhoneNumber::Parse("+44 7911 123456");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->e164(), "+447911123456");
}

TEST(PhoneNumber, RejectsJunkThatLibphonenumberWouldAccept) {
  EXPECT_FALSE(PhoneNumber::Parse("12345").ok());
  EXPECT_FALSE(PhoneNumber::Parse("720 00 16 76x").ok());
  EXPECT_FALSE(PhoneNumber::Parse("").ok());
  EXPECT_FALSE(PhoneNumber::Parse("72000167+6").ok());
  EXPECT_FALSE(PhoneNumber::Parse(std::string(40, '7')).ok());
}

}  // namespace
}  // namespace smsinfo::domain
