// FloodGuard: a sliding-window limit on how many SMS one number may have handled per
// organization, so that a broken or hostile phone cannot make the system work (or answer) for
// ever. In memory: it starts empty after a restart. Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "base/clock.hpp"
#include "base/ids.hpp"

namespace smsinfo::inbound {

class FloodGuard {
 public:
  // At most `max` SMS from one (organization, phone) within any `window`. `clock` must outlive
  // the guard.
  FloodGuard(const Clock& clock, int max, Duration window);
  FloodGuard(const FloodGuard&) = delete;
  FloodGuard& operator=(const FloodGuard&) = delete;

  // True, and the SMS is counted, when fewer than `max` SMS of this number were allowed in the
  // last `window`; false (not counted, so the window slides on) otherwise.
  bool Allow(OrgId org, const std::string& phone);

  // Numbers currently tracked (for tests and metrics).
  std::size_t TrackedNumbers() const;

 private:
  using Key = std::pair<OrgId, std::string>;
  // Drops numbers with nothing left in the window; called every kSweepEvery calls.
  void SweepLocked(TimePoint now);

  static constexpr int kSweepEvery = 1024;

  const Clock& clock_;
  const int max_;
  const Duration window_;
  mutable std::mutex mutex_;
  std::map<Key, std::deque<TimePoint>> allowed_;  // guarded by mutex_; oldest first
  int calls_since_sweep_ = 0;                     // guarded by mutex_
};

}  // namespace smsinfo::inbound
