// Counts events (submit_sm sent) in one-second buckets and gives the rate over the last few
// complete seconds, for the status of a bind. Time is passed in, so tests need no clock.
// Not thread-safe: the owner guards it.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>

namespace smsinfo::gateway::smpp {

class RateMeter {
 public:
  using Steady = std::chrono::steady_clock;
  // The rate is averaged over this many complete seconds.
  static constexpr int kSeconds = 5;

  // Records `n` events at `now`.
  void Add(Steady::time_point now, std::int64_t n) {
    Advance(SecondOf(now));
    buckets_[Index(current_)] += n;
    total_ += n;
  }

  // Events per second over the last kSeconds complete seconds before `now` (the second in
  // progress is left out, so a steady rate reads steady).
  double PerSecond(Steady::time_point now) {
    Advance(SecondOf(now));
    std::int64_t sum = 0;
    for (std::int64_t s = current_ - kSeconds; s < current_; ++s) {
      if (s >= 0 && s > current_ - kRing) sum += buckets_[Index(s)];
    }
    return static_cast<double>(sum) / kSeconds;
  }

  std::int64_t total() const { return total_; }

 private:
  static constexpr int kRing = kSeconds + 1;

  static std::int64_t SecondOf(Steady::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  }
  static std::size_t Index(std::int64_t second) {
    return static_cast<std::size_t>(((second % kRing) + kRing) % kRing);
  }
  // Moves the current second forward to `second`, emptying the buckets it passes.
  void Advance(std::int64_t second) {
    if (!started_) {
      started_ = true;
      current_ = second;
      buckets_.fill(0);
      return;
    }
    if (second <= current_) return;
    for (std::int64_t s = current_ + 1; s <= second && s <= current_ + kRing; ++s) {
      buckets_[Index(s)] = 0;
    }
    current_ = second;
  }

  std::array<std::int64_t, kRing> buckets_{};
  std::int64_t current_ = 0;
  bool started_ = false;
  std::int64_t total_ = 0;
};

}  // namespace smsinfo::gateway::smpp
