#include "gateway/smpp/throughput_limiter.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace smsinfo::gateway::smpp {
namespace {

using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST(ThroughputLimiter, NeverGrantsMoreThanTheRateInAnyOneSecondWindow) {
  ThroughputLimiter limiter(100);
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  std::vector<Steady::time_point> grants;
  for (int ms = 0; ms < 3500; ++ms) {
    const auto now = start + milliseconds(ms);
    Steady::duration wait{};
    while (limiter.TryAcquire(now, &wait)) grants.push_back(now);
    EXPECT_GT(wait, Steady::duration::zero());
  }
  // Paced one every 10 ms: about 350 in 3.5 s (the ring's margin costs up to 1 %).
  EXPECT_NEAR(static_cast<double>(grants.size()), 350.0, 5.0);
  for (std::size_t i = 0; i < grants.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < grants.size() && grants[j] - grants[i] < std::chrono::seconds(1);
         ++j) {
      ++in_window;
    }
    EXPECT_LE(in_window, 100u) << "window starting at grant " << i;
  }
}

TEST(ThroughputLimiter, PacesGrantsEvenlyAndSaysHowLongToWait) {
  ThroughputLimiter limiter(2);  // one per 500 ms
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  Steady::duration wait{};
  EXPECT_TRUE(limiter.TryAcquire(start, &wait));
  // After an idle period the schedule starts kCatchUp in the past.
  const auto second = start + milliseconds(500) - ThroughputLimiter::kCatchUp;
  EXPECT_FALSE(limiter.TryAcquire(start + milliseconds(400), &wait));
  EXPECT_EQ(wait, second - (start + milliseconds(400)));
  EXPECT_TRUE(limiter.TryAcquire(second, &wait));
  EXPECT_FALSE(limiter.TryAcquire(second + milliseconds(100), &wait));
  EXPECT_EQ(wait, milliseconds(400));
}

TEST(ThroughputLimiter, CatchesUpALateGrantButNeverExceedsTheRateInOneSecond) {
  ThroughputLimiter limiter(100);
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  Steady::duration wait{};
  std::vector<Steady::time_point> grants;
  // Woken 15 ms late every time: the pacing makes up for it, the ring still caps it.
  for (auto now = start; now < start + std::chrono::seconds(3); now += milliseconds(15)) {
    while (limiter.TryAcquire(now, &wait)) grants.push_back(now);
  }
  EXPECT_GE(grants.size(), 290u);
  for (std::size_t i = 0; i < grants.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < grants.size() && grants[j] - grants[i] < std::chrono::seconds(1);
         ++j) {
      ++in_window;
    }
    EXPECT_LE(in_window, 100u);
  }
}

TEST(ThroughputLimiter, ZeroRateIsUnlimited) {
  ThroughputLimiter limiter(0);
  Steady::duration wait{};
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(limiter.TryAcquire(Steady::time_point{}, &wait));
  EXPECT_TRUE(limiter.unlimited());
}

TEST(ThroughputLimiter, PauseBlocksEveryGrantUntilItEnds) {
  ThroughputLimiter limiter(0);
  const Steady::time_point start{};
  limiter.PauseUntil(start + milliseconds(300));
  limiter.PauseUntil(start + milliseconds(100));  // never shortens
  Steady::duration wait{};
  EXPECT_FALSE(limiter.TryAcquire(start + milliseconds(50), &wait));
  EXPECT_EQ(wait, milliseconds(250));
  EXPECT_TRUE(limiter.TryAcquire(start + milliseconds(300), &wait));
}

TEST(ThroughputLimiter, LateWritesHoldBackTheGrantsASecondLater) {
  ThroughputLimiter limiter(10);
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  Steady::duration wait{};
  // Ten grants paced 100 ms apart; the first one reaches the socket 50 ms late.
  for (int i = 0; i < 10; ++i) {
    const auto now = start + milliseconds(100 * i);
    ASSERT_TRUE(limiter.TryAcquire(now, &wait)) << i;
    limiter.RecordWrites(1, i == 0 ? now + milliseconds(50) : now);
  }
  // Grant 11 would be allowed 1 s + margin after grant 1, but write 1 was 50 ms later.
  EXPECT_FALSE(limiter.TryAcquire(start + milliseconds(1010), &wait));
  EXPECT_EQ(wait, milliseconds(50));
  EXPECT_TRUE(limiter.TryAcquire(start + milliseconds(1060), &wait));
}

TEST(ThroughputLimiter, AWriteNeverReportedStopsHoldingGrantsBackAfterTheGrace) {
  ThroughputLimiter limiter(10);
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  Steady::duration wait{};
  for (int i = 0; i < 10; ++i) {
    const auto now = start + milliseconds(100 * i);
    ASSERT_TRUE(limiter.TryAcquire(now, &wait));
    if (i > 0) limiter.RecordWrites(1, now);  // the first one went down with its connection
  }
  // Nine writes reported for ten grants: the 10th-back write is "not yet written".
  EXPECT_FALSE(limiter.TryAcquire(start + milliseconds(1010), &wait));
  EXPECT_TRUE(
      limiter.TryAcquire(start + std::chrono::seconds(1) + ThroughputLimiter::kWriteGrace, &wait));
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
