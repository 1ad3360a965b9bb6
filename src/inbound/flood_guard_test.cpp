#include "inbound/flood_guard.hpp"

#include <gtest/gtest.h>

namespace smsinfo::inbound {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(FloodGuard, AllowsMaxSmsPerWindowAndRefusesTheNext) {
  FakeClock clock;
  FloodGuard guard(clock, 3, minutes(10));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_FALSE(guard.Allow(OrgId(1), "+420777000001"));
}

TEST(FloodGuard, CountsEachNumberAndOrganizationSeparately) {
  FakeClock clock;
  FloodGuard guard(clock, 1, minutes(10));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000002"));
  EXPECT_TRUE(guard.Allow(OrgId(2), "+420777000001"));
  EXPECT_FALSE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_EQ(guard.TrackedNumbers(), 3u);
}

TEST(FloodGuard, WindowSlidesSoOldSmsStopCounting) {
  FakeClock clock;
  FloodGuard guard(clock, 2, minutes(10));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  clock.Advance(minutes(6));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_FALSE(guard.Allow(OrgId(1), "+420777000001"));
  clock.Advance(minutes(4));  // the first is now exactly a window old
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  EXPECT_FALSE(guard.Allow(OrgId(1), "+420777000001"));
}

TEST(FloodGuard, RefusedSmsDoNotExtendTheBlock) {
  FakeClock clock;
  FloodGuard guard(clock, 1, minutes(10));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
  for (int i = 0; i < 9; ++i) {
    clock.Advance(minutes(1));
    EXPECT_FALSE(guard.Allow(OrgId(1), "+420777000001"));
  }
  clock.Advance(minutes(1));
  EXPECT_TRUE(guard.Allow(OrgId(1), "+420777000001"));
}

TEST(FloodGuard, ForgetsNumbersThatWentQuiet) {
  FakeClock clock;
  FloodGuard guard(clock, 5, seconds(10));
  for (int i = 0; i < 1500; ++i) {
    EXPECT_TRUE(guard.Allow(OrgId(1), "+4207770" + std::to_string(10000 + i)));
    clock.Advance(seconds(1));
  }
  EXPECT_LT(guard.TrackedNumbers(), 1100u);
}

}  // namespace
}  // namespace smsinfo::inbound
