#include "inbound/flood_guard.hpp"

namespace smsinfo::inbound {

FloodGuard::FloodGuard(const Clock& clock, int max, Duration window)
    : clock_(clock), max_(max), window_(window) {}

bool FloodGuard::Allow(OrgId org, const std::string& phone) {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  if (++calls_since_sweep_ >= kSweepEvery) {
    calls_since_sweep_ = 0;
    SweepLocked(now);
  }
  auto& times = allowed_[Key{org, phone}];
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) >= max_) return false;
  times.push_back(now);
  return true;
}

std::size_t FloodGuard::TrackedNumbers() const {
  std::lock_guard lock(mutex_);
  return allowed_.size();
}

void FloodGuard::SweepLocked(TimePoint now) {
  for (auto it = allowed_.begin(); it != allowed_.end();) {
    if (it->second.empty() || it->second.back() <= now - window_) {
      it = allowed_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace smsinfo::inbound
