#include "web/json_io.hpp"

#include <gtest/gtest.h>

namespace smsinfo::web {
namespace {

TEST(JsonIo, RejectsBodiesThatAreNotObjects) {
  EXPECT_FALSE(ParseObject("").ok());
  EXPECT_FALSE(ParseObject("{\"a\":").ok());
  EXPECT_FALSE(ParseObject("[1,2]").ok());
  EXPECT_TRUE(ParseObject("{}").ok());
}

TEST(JsonIo, NamesTheFieldOfTheWrongType) {
  auto body = ParseObject(R"({"text": 5, "urgent": "yes", "groups": [1, "x"]})");
  ASSERT_TRUE(body.ok());
  auto text = ReqString(*body, "text");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("'text'"), std::string::npos);
  EXPECT_FALSE(OptBool(*body, "urgent").ok());
  EXPECT_FALSE(OptIntArray(*body, "groups").ok());
  EXPECT_FALSE(ReqString(*body, "missing").ok());
  EXPECT_FALSE(OptString(*body, "missing")->has_value());
}

TEST(JsonIo, ReadsTimesWithZones) {
  auto body = ParseObject(R"({"a": "2026-12-01T08:00:00+01:00", "b": "tomorrow"})");
  ASSERT_TRUE(body.ok());
  auto a = OptTime(*body, "a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FormatIso8601(**a), "2026-12-01T07:00:00.000Z");
  EXPECT_FALSE(OptTime(*body, "b").ok());
}

TEST(JsonIo, CitizenTextSurvivesAsAJsonString) {
  domain::InboundSms sms;
  sms.text = "<img src=x onerror=alert(1)> \"; DROP TABLE x; -- \x01";
  const std::string dumped = ToJson(sms).dump();
  auto back = nlohmann::json::parse(dumped);
  EXPECT_EQ(back["text"], sms.text);
}

}  // namespace
}  // namespace smsinfo::web
