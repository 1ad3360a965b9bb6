// Live progress of messages being sent: remembers the messages with deliveries still in progress
// and, when dispatch has written results (Notify), reads their counts and publishes a "message"
// event for each whose counts changed. A message stops being watched once every delivery is
// final. Thread-safe: Track and Notify from any thread; Poll runs on the tracker's own thread
// after Start (tests call it directly instead).
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "app/event_bus.hpp"
#include "storage/store.hpp"

namespace smsinfo::app {

class ProgressTracker {
 public:
  // `min_interval`: Poll runs at most this often while results keep arriving.
  ProgressTracker(storage::Store& store, EventBus& bus,
                  std::chrono::milliseconds min_interval = std::chrono::milliseconds(250));
  ~ProgressTracker();
  ProgressTracker(const ProgressTracker&) = delete;
  ProgressTracker& operator=(const ProgressTracker&) = delete;

  // Watches `message` until all its deliveries are final; publishes its counts at the next Poll.
  void Track(OrgId org, MessageId message);
  // Results were written: the next Poll should look.
  void Notify();
  // Reads the counts of every watched message and publishes those that changed; returns how
  // many events it published.
  std::size_t Poll();
  std::size_t watched() const;

  void Start();
  void Stop();

 private:
  struct Watched {
    OrgId org;
    std::map<domain::DeliveryState, std::int64_t> last_counts;
    bool published = false;
  };
  void Loop();

  storage::Store& store_;
  EventBus& bus_;
  const std::chrono::milliseconds min_interval_;
  std::mutex poll_mu_;     // one Poll at a time
  mutable std::mutex mu_;  // guards what follows
  std::condition_variable cv_;
  std::unordered_map<MessageId, Watched> watched_;
  bool dirty_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace smsinfo::app
