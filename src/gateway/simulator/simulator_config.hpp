// Settings of the built-in simulator gateway: how fast receipts come, which numbers fail or are
// refused, and how much it keeps. Plain value.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.hpp"

namespace smsinfo::gateway::simulator {

struct SimulatorConfig {
  std::string name = "simulator";
  // Time from a submit to its delivery receipts; zero means at once.
  Duration receipt_delay = std::chrono::milliseconds(200);
  // Share (0..1) of SMS that get an UNDELIV receipt. Deterministic: decided from `seed` and the
  // SMS's submit order, so the same run fails the same SMS.
  double failure_ratio = 0.0;
  std::uint64_t seed = 1;
  // E.164 numbers whose SMS are always undeliverable (accepted, then an UNDELIV receipt).
  std::vector<std::string> failing_numbers;
  // E.164 numbers whose submit is refused permanently, like an invalid destination.
  std::vector<std::string> rejected_numbers;
  // E.164 numbers whose submit gets a temporary error, like a throttled SMSC.
  std::vector<std::string> throttled_numbers;
  // SMS in flight: taken by Submit, submit result not yet reported. Submit refuses beyond it.
  std::size_t window = 1000;
  // Whole SMS kept in the phones' outbox (the oldest are dropped beyond it).
  std::size_t outbox_limit = 100000;
  // False: no worker thread; nothing happens until RunDue() is called (deterministic tests).
  bool run_worker = true;
};

}  // namespace smsinfo::gateway::simulator
