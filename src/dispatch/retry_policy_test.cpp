#include "dispatch/retry_policy.hpp"

#include <gtest/gtest.h>

namespace smsinfo::dispatch {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(RetryPolicy, FirstRetryWaitsBetweenHalfAndWholeBase) {
  const RetryPolicy policy{seconds(30), minutes(15)};
  EXPECT_EQ(policy.Delay(0, 0.0), seconds(15));
  EXPECT_GE(policy.Delay(0, 0.5), seconds(22));
  EXPECT_LE(policy.Delay(0, 0.999999), seconds(30));
}

TEST(RetryPolicy, DoublesWithEveryAttempt) {
  const RetryPolicy policy{seconds(30), minutes(15)};
  EXPECT_EQ(policy.Delay(1, 0.0), seconds(30));
  EXPECT_EQ(policy.Delay(3, 0.0), seconds(120));
  EXPECT_GT(policy.Delay(3, 0.9), policy.Delay(2, 0.9));
}

TEST(RetryPolicy, NeverWaitsLongerThanMax) {
  const RetryPolicy policy{seconds(30), minutes(15)};
  for (int attempts : {5, 6, 10, 31, 64, 1'000'000}) {
    EXPECT_LE(policy.Delay(attempts, 0.999999), minutes(15)) << attempts;
    EXPECT_GE(policy.Delay(attempts, 0.0), seconds(450)) << attempts;
  }
}

TEST(RetryPolicy, NextAttemptIsNowPlusDelay) {
  const RetryPolicy policy{seconds(10), minutes(1)};
  const TimePoint now = FromUnixMillis(1'000'000);
  EXPECT_EQ(policy.NextAttempt(now, 2, 0.0), now + seconds(20));
}

}  // namespace
}  // namespace smsinfo::dispatch
