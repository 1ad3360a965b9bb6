#include "base/clock.hpp"

#include <gtest/gtest.h>

namespace smsinfo {
namespace {

TEST(Clock, FakeClockMovesOnlyWhenAdvanced) {
  FakeClock clock(FromUnixMillis(1000));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 1000);
  clock.Advance(Duration(250));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 1250);
}

TEST(Clock, FormatsAndParsesIso8601RoundTrip) {
  const TimePoint t = FromUnixMillis(1'795'887'781'123);
  const std::string text = FormatIso8601(t);
  EXPECT_EQ(text, "2026-11-28T17:43:01.123Z");
  TimePoint parsed;
  ASSERT_TRUE(ParseIso8601(text, &parsed));
  EXPECT_EQ(parsed, t);
}

TEST(Clock, ParsesOffsetsIntoUtc) {
  TimePoint parsed;
  ASSERT_TRUE(ParseIso8601("2026-11-28T18:43+01:00", &parsed));
  EXPECT_EQ(FormatIso8601(parsed), "2026-11-28T17:43:00.000Z");
}

TEST(Clock, RejectsMalformedTimestamps) {
  TimePoint parsed;
  EXPECT_FALSE(ParseIso8601("", &parsed));
  EXPECT_FALSE(ParseIso8601("2026-13-01T00:00Z", &parsed));
  EXPECT_FALSE(ParseIso8601("2026-02-30T00:00Z", &parsed));
  EXPECT_FALSE(ParseIso8601("2026-11-28T10:00", &parsed));
  EXPECT_FALSE(ParseIso8601("2026-11-28T10:00Zjunk", &parsed));
}

}  // namespace
}  // namespace smsinfo
