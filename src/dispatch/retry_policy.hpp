// When to try a delivery again after a temporary failure: exponential back-off with jitter,
// capped. Pure value; safe to use from any thread.
#pragma once

#include <algorithm>
#include <chrono>

#include "base/clock.hpp"

namespace smsinfo::dispatch {

struct RetryPolicy {
  Duration base = std::chrono::seconds(30);
  Duration max = std::chrono::minutes(15);

  // The wait after a failure of a delivery that had `attempts` earlier attempts (0 for the
  // first failure): d = min(max, base * 2^attempts), jittered to [d/2, d] by `unit` in [0, 1)
  // (equal jitter: spreads a burst of failures without ever waiting less than half).
  Duration Delay(int attempts, double unit) const {
    const int doublings = std::clamp(attempts, 0, 30);
    const Duration capped_base = std::clamp(base, Duration(0), max);
    Duration full = max;
    if (capped_base.count() > 0 && (max.count() >> doublings) >= capped_base.count()) {
      full = capped_base * (std::int64_t{1} << doublings);
    }
    const double jitter = std::clamp(unit, 0.0, 1.0) * static_cast<double>(full.count()) / 2.0;
    return Duration(full.count() - full.count() / 2 + static_cast<std::int64_t>(jitter));
  }

  TimePoint NextAttempt(TimePoint now, int attempts, double unit) const {
    return now + Delay(attempts, unit);
  }
};

}  // namespace smsinfo::dispatch
