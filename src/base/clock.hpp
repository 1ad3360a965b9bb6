// Time for everything that depends on it: the real clock in production, FakeClock in tests.
// Timestamps are milliseconds since the Unix epoch, UTC. Both clocks are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace smsinfo {

using Duration = std::chrono::milliseconds;
using TimePoint = std::chrono::time_point<std::chrono::system_clock, Duration>;

inline std::int64_t ToUnixMillis(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnixMillis(std::int64_t ms) { return TimePoint(Duration(ms)); }

// ISO 8601 in UTC with milliseconds, e.g. "2026-11-28T17:43:01.123Z".
std::string FormatIso8601(TimePoint t);
// Parses "YYYY-MM-DDTHH:MM[:SS[.mmm]]" followed by "Z" or "+HH:MM"/"-HH:MM". False if malformed.
bool ParseIso8601(const std::string& text, TimePoint* out);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = FromUnixMillis(1'800'000'000'000)) : now_ms_(ToUnixMillis(start)) {}
  TimePoint Now() const override { return FromUnixMillis(now_ms_.load()); }
  void Advance(Duration d) { now_ms_ += d.count(); }
  void Set(TimePoint t) { now_ms_ = ToUnixMillis(t); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace smsinfo
