// Live events for the office's browsers (server-sent events): dispatch progress, inbound SMS,
// registrations. Producers Publish from any thread; each subscriber (one open event stream) has a
// bounded queue of its organization's events, so a slow browser loses old events instead of
// holding up dispatch. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/ids.hpp"

namespace smsinfo::app {

struct Event {
  OrgId org;
  std::string type;  // "message", "inbound", "registration"
  std::int64_t id = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // e.g. {"kind", "reply"}
  std::map<std::string, std::int64_t> counts;               // "message": delivery state → n
};

class EventBus {
 public:
  class Subscription {
   public:
    // Unsubscribes: later events are not queued.
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    // The queued events, oldest first, and how many were dropped (queue full) since the last
    // Take.
    std::vector<Event> Take(std::size_t* dropped = nullptr);
    // Called after an event is queued, on the publisher's thread and without locks held; keep
    // it short (wake a writer). Replaces any earlier notifier.
    void SetNotifier(std::function<void()> notify);

   private:
    friend class EventBus;
    struct State;
    explicit Subscription(std::shared_ptr<State> state) : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
  };

  // A subscription to `org`'s events holding at most `capacity` unread events.
  std::unique_ptr<Subscription> Subscribe(OrgId org, std::size_t capacity = 256);
  // Queues `event` for every subscriber of its organization.
  void Publish(const Event& event);
  std::size_t subscribers() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::weak_ptr<Subscription::State>> subscribers_;
};

}  // namespace smsinfo::app
