#include "gateway/smpp/rate_meter.hpp"

#include <gtest/gtest.h>

namespace smsinfo::gateway::smpp {
namespace {

using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Steady::time_point kStart = Steady::time_point(seconds(1000));

TEST(RateMeter, ReadsZeroBeforeAnything) {
  RateMeter meter;
  EXPECT_EQ(meter.PerSecond(kStart), 0.0);
  EXPECT_EQ(meter.total(), 0);
}

TEST(RateMeter, AveragesTheLastFiveCompleteSeconds) {
  RateMeter meter;
  for (int s = 0; s < 10; ++s) {
    for (int i = 0; i < 10; ++i) meter.Add(kStart + seconds(s) + milliseconds(i * 100), 10);
  }
  // 100 a second for seconds 0..9; at 10.5 s the last five complete seconds are 5..9.
  EXPECT_DOUBLE_EQ(meter.PerSecond(kStart + milliseconds(10'500)), 100.0);
  EXPECT_EQ(meter.total(), 1000);
}

TEST(RateMeter, LeavesTheSecondInProgressOut) {
  RateMeter meter;
  meter.Add(kStart + milliseconds(100), 500);
  EXPECT_EQ(meter.PerSecond(kStart + milliseconds(900)), 0.0);
  EXPECT_DOUBLE_EQ(meter.PerSecond(kStart + milliseconds(1100)), 100.0);  // 500 over 5 s
}

TEST(RateMeter, FallsToZeroAfterALongPause) {
  RateMeter meter;
  meter.Add(kStart, 1000);
  EXPECT_GT(meter.PerSecond(kStart + seconds(3)), 0.0);
  EXPECT_EQ(meter.PerSecond(kStart + seconds(7)), 0.0);
  meter.Add(kStart + seconds(60), 5);
  EXPECT_DOUBLE_EQ(meter.PerSecond(kStart + seconds(61)), 1.0);
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
