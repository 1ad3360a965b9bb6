#include "gateway/smpp/throughput_limiter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
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

// Three binds on a busy machine, simulated on a fake clock in 1 ms steps: a bind's thread is
// sometimes descheduled for 20-60 ms (it asks for nothing meanwhile, then catches up), one write
// in ten reaches the socket 5-60 ms after its grant, writes are reported in the order they
// happen (so not in grant order across binds), and the SMSC pauses sending once. A submit_sm
// reaches the SMSC somewhere between its grant and its reported write; whatever the moment,
// no one-second window may hold more than `rate` of them.
TEST(ThroughputLimiter, NoOneSecondWindowHoldsMoreThanTheRateWithLateWritesStallsAndAPause) {
  constexpr int kRate = 100;
  ThroughputLimiter limiter(kRate);
  const Steady::time_point start = Steady::time_point{} + std::chrono::hours(1);
  std::mt19937 random(20261129);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> stall_ms(20, 60);
  std::uniform_int_distribution<int> late_ms(5, 60);
  struct Sent {
    Steady::time_point granted;
    Steady::time_point written;
  };
  std::vector<Sent> sent;
  std::multimap<Steady::time_point, std::size_t> writes_due;  // write time -> index in sent
  Steady::time_point asleep_until[3] = {start, start, start};
  for (int ms = 0; ms < 10'000; ++ms) {
    const auto now = start + milliseconds(ms);
    if (ms == 4000) limiter.PauseUntil(now + milliseconds(200));  // ESME_RTHROTTLED
    for (auto it = writes_due.begin(); it != writes_due.end() && it->first <= now;) {
      limiter.RecordWrites(1, it->first);
      it = writes_due.erase(it);
    }
    for (auto& bind_asleep_until : asleep_until) {
      if (now < bind_asleep_until) continue;
      if (percent(random) == 0) {
        bind_asleep_until = now + milliseconds(stall_ms(random));
        continue;
      }
      Steady::duration wait{};
      while (limiter.TryAcquire(now, &wait)) {
        const auto written = percent(random) < 10 ? now + milliseconds(late_ms(random)) : now;
        sent.push_back({now, written});
        writes_due.emplace(written, sent.size() - 1);
      }
    }
  }
  EXPECT_GT(sent.size(), 950u);  // 10 s at 100/s, less the pause (the stalls are made up)
  // The window [t, t + 1 s) holding the most: it may as well start at some write.
  std::size_t most = 0;
  for (const Sent& first : sent) {
    const auto t = first.written;
    std::size_t reachable = 0;  // could have arrived within [t, t + 1 s)
    for (const Sent& s : sent) {
      if (s.granted < t + std::chrono::seconds(1) && s.written >= t) ++reachable;
    }
    most = std::max(most, reachable);
  }
  EXPECT_LE(most, static_cast<std::size_t>(kRate));
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
