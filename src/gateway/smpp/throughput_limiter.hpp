// The per-gateway throughput cap: at most `rate` submit_sm in ANY one-second window (not just
// on average). Grants are paced one every 1/rate s (a token bucket holding one token), so that
// the SMSC sees an even stream rather than a burst at the start of each second; a grant that
// comes late (a thread woke up late) may be made up for within kCatchUp. On top of that, the
// send times of the last `rate` grants are kept in a ring, and a grant is allowed only when
// the oldest of those is at least one second plus kMargin old: the hard guarantee, with room
// for the jitter between granting a submit_sm and its arrival at the SMSC (costs at most
// kMargin / 1 s = 1 % of the rate). A pause (after
// ESME_RTHROTTLED / ESME_RMSGQFUL) blocks every grant until it ends. When the sessions report
// when the granted submit_sm actually went out (RecordWrites), grant k must also wait until
// write k - rate is 1 s + kMargin old: a write that comes late (a descheduled thread) then
// holds the later grants back instead of crowding `rate` + 1 into one second on the wire.
// Not thread-safe: the gateway calls it under its own mutex. Time is passed in (testable).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace smsinfo::gateway::smpp {

class ThroughputLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using Duration = std::chrono::steady_clock::duration;

  // How far behind its schedule the pacing may catch up at once.
  static constexpr std::chrono::milliseconds kCatchUp{20};
  // Extra age the oldest of the last `rate` grants must have.
  static constexpr std::chrono::milliseconds kMargin{10};
  // A grant whose write was never reported (the connection went first) stops counting after
  // this: the grant time stands in for it.
  static constexpr std::chrono::milliseconds kWriteGrace{200};

  // rate 0 = unlimited.
  explicit ThroughputLimiter(int rate)
      : ring_(rate > 0 ? static_cast<std::size_t>(rate) : 0),
        interval_(rate > 0 ? Duration(std::chrono::seconds(1)) / rate : Duration::zero()),
        written_(ring_.size()) {}

  // Grants one send at `now`, or returns false and sets `*wait` to how long until one may be
  // granted.
  bool TryAcquire(TimePoint now, Duration* wait) {
    if (now < paused_until_) {
      *wait = paused_until_ - now;
      return false;
    }
    if (ring_.empty()) return true;
    if (now < next_allowed_) {
      *wait = next_allowed_ - now;
      return false;
    }
    if (count_ == ring_.size()) {
      const TimePoint oldest = ring_[next_];
      if (now - oldest < std::chrono::seconds(1) + kMargin) {
        *wait = oldest + std::chrono::seconds(1) + kMargin - now;
        return false;
      }
      // Grant number `grants_` follows write number grants_ - rate by a second.
      const std::uint64_t due = grants_ - ring_.size();
      if (writes_ > due) {
        const TimePoint written = written_[due % written_.size()];
        if (now - written < std::chrono::seconds(1) + kMargin) {
          *wait = written + std::chrono::seconds(1) + kMargin - now;
          return false;
        }
      } else if (writes_reported_ && now - oldest < std::chrono::seconds(1) + kWriteGrace) {
        // That write is not reported yet: it may still go out.
        *wait = std::chrono::milliseconds(1);
        return false;
      }
    } else {
      ++count_;
    }
    ++grants_;
    ring_[next_] = now;
    next_ = (next_ + 1) % ring_.size();
    next_allowed_ = std::max(next_allowed_, now - kCatchUp) + interval_;
    return true;
  }

  // Blocks every grant until `until` (extends, never shortens, a pause).
  void PauseUntil(TimePoint until) {
    if (until > paused_until_) paused_until_ = until;
  }

  bool unlimited() const { return ring_.empty(); }

  // `n` granted submit_sm went to the socket at `at` (in any order across binds: the k-th
  // reported write stands for the k-th grant, which keeps the bound exact for counts).
  void RecordWrites(std::size_t n, TimePoint at) {
    if (written_.empty()) return;
    writes_reported_ = true;
    for (; n > 0 && writes_ < grants_; --n) {
      written_[writes_ % written_.size()] = at;
      ++writes_;
    }
  }

 private:
  std::vector<TimePoint> ring_;  // grant times; ring_[next_] is the oldest once full
  std::size_t next_ = 0;
  std::size_t count_ = 0;
  Duration interval_;
  TimePoint next_allowed_{};        // pacing: no grant before this
  std::vector<TimePoint> written_;  // write times; write number w at written_[w % rate]
  std::uint64_t grants_ = 0;
  std::uint64_t writes_ = 0;      // writes reported, never more than grants_
  bool writes_reported_ = false;  // whether anyone reports writes at all
  TimePoint paused_until_{};
};

}  // namespace smsinfo::gateway::smpp
