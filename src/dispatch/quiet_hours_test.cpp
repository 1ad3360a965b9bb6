#include "dispatch/quiet_hours.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smsinfo::dispatch {
namespace {

TimePoint At(const std::string& iso) {
  TimePoint t;
  EXPECT_TRUE(ParseIso8601(iso, &t)) << iso;
  return t;
}

domain::Organization Org(int start_minute, int end_minute,
                         std::string time_zone = "Europe/Prague") {
  domain::Organization org;
  org.quiet_start_minute = start_minute;
  org.quiet_end_minute = end_minute;
  org.timezone = std::move(time_zone);
  return org;
}

TEST(LocalMinuteOfDay, FollowsCentralEuropeanWinterAndSummerTime) {
  EXPECT_EQ(LocalMinuteOfDay("Europe/Prague", At("2026-01-15T20:30:00Z")), 21 * 60 + 30);
  EXPECT_EQ(LocalMinuteOfDay("Europe/Prague", At("2026-07-15T20:30:00Z")), 22 * 60 + 30);
  EXPECT_EQ(LocalMinuteOfDay("America/New_York", At("2026-01-15T20:30:00Z")), 15 * 60 + 30);
}

TEST(LocalMinuteOfDay, WrapsAtLocalMidnight) {
  EXPECT_EQ(LocalMinuteOfDay("Europe/Prague", At("2026-01-15T22:59:00Z")), 23 * 60 + 59);
  EXPECT_EQ(LocalMinuteOfDay("Europe/Prague", At("2026-01-15T23:00:00Z")), 0);
}

TEST(LocalMinuteOfDay, TreatsAnUnknownZoneAsUtc) {
  EXPECT_EQ(LocalMinuteOfDay("Mars/Olympus_Mons", At("2026-01-15T20:30:00Z")), 20 * 60 + 30);
}

TEST(InQuietHours, WindowAcrossMidnightCoversLateEveningAndEarlyMorning) {
  const auto org = Org(21 * 60, 7 * 60);  // 21:00–07:00 Prague, winter = UTC+1
  EXPECT_FALSE(InQuietHours(org, At("2026-01-15T19:59:00Z")));  // 20:59
  EXPECT_TRUE(InQuietHours(org, At("2026-01-15T20:00:00Z")));   // 21:00
  EXPECT_TRUE(InQuietHours(org, At("2026-01-15T22:59:00Z")));   // 23:59
  EXPECT_TRUE(InQuietHours(org, At("2026-01-15T23:00:00Z")));   // 00:00
  EXPECT_TRUE(InQuietHours(org, At("2026-01-16T05:59:00Z")));   // 06:59
  EXPECT_FALSE(InQuietHours(org, At("2026-01-16T06:00:00Z")));  // 07:00
  EXPECT_FALSE(InQuietHours(org, At("2026-01-16T11:00:00Z")));  // 12:00
}

TEST(InQuietHours, WindowWithinOneDay) {
  const auto org = Org(12 * 60, 13 * 60);
  EXPECT_FALSE(InQuietHours(org, At("2026-01-15T10:59:00Z")));  // 11:59
  EXPECT_TRUE(InQuietHours(org, At("2026-01-15T11:00:00Z")));   // 12:00
  EXPECT_TRUE(InQuietHours(org, At("2026-01-15T11:59:00Z")));   // 12:59
  EXPECT_FALSE(InQuietHours(org, At("2026-01-15T12:00:00Z")));  // 13:00
  EXPECT_FALSE(InQuietHours(org, At("2026-01-15T23:30:00Z")));  // 00:30
}

TEST(InQuietHours, EqualStartAndEndMeansNone) {
  const auto org = Org(7 * 60, 7 * 60);
  for (const char* t : {"2026-01-15T06:00:00Z", "2026-01-15T23:30:00Z", "2026-01-15T12:00:00Z"}) {
    EXPECT_FALSE(InQuietHours(org, At(t))) << t;
  }
}

TEST(InQuietHours, FollowsTheSpringDaylightSavingChange) {
  // Prague moves from UTC+1 to UTC+2 on 2026-03-29 at 01:00 UTC (02:00 local becomes 03:00).
  const auto org = Org(21 * 60, 7 * 60);
  EXPECT_TRUE(InQuietHours(org, At("2026-03-28T05:30:00Z")));   // 06:30 CET: still quiet
  EXPECT_FALSE(InQuietHours(org, At("2026-03-29T05:30:00Z")));  // 07:30 CEST: over
  EXPECT_TRUE(InQuietHours(org, At("2026-03-29T04:59:00Z")));   // 06:59 CEST
  EXPECT_FALSE(InQuietHours(org, At("2026-03-29T18:30:00Z")));  // 20:30 CEST
  EXPECT_TRUE(InQuietHours(org, At("2026-03-29T19:00:00Z")));   // 21:00 CEST
}

TEST(InQuietHours, FollowsTheAutumnDaylightSavingChange) {
  // Prague moves back to UTC+1 on 2026-10-25 at 01:00 UTC (03:00 local becomes 02:00).
  const auto org = Org(21 * 60, 7 * 60);
  EXPECT_FALSE(InQuietHours(org, At("2026-10-24T05:30:00Z")));  // 07:30 CEST
  EXPECT_TRUE(InQuietHours(org, At("2026-10-25T05:30:00Z")));   // 06:30 CET: still quiet
  EXPECT_FALSE(InQuietHours(org, At("2026-10-25T06:00:00Z")));  // 07:00 CET
}

TEST(InQuietHours, HonoursTheOrganizationsTimeZone) {
  const auto org = Org(21 * 60, 7 * 60, "America/New_York");
  EXPECT_FALSE(InQuietHours(org, At("2026-01-15T22:00:00Z")));  // 17:00 in New York
  EXPECT_TRUE(InQuietHours(org, At("2026-01-16T03:00:00Z")));   // 22:00 in New York
}

}  // namespace
}  // namespace smsinfo::dispatch
