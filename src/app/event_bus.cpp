#include "app/event_bus.hpp"

namespace smsinfo::app {

struct EventBus::Subscription::State {
  OrgId org;
  std::size_t capacity = 0;
  std::mutex mu;  // guards what follows
  std::deque<Event> queue;
  std::size_t dropped = 0;
  bool closed = false;
  std::shared_ptr<std::function<void()>> notify;
};

EventBus::Subscription::~Subscription() {
  std::lock_guard lock(state_->mu);
  state_->closed = true;
  state_->queue.clear();
}

std::vector<Event> EventBus::Subscription::Take(std::size_t* dropped) {
  std::lock_guard lock(state_->mu);
  std::vector<Event> out(std::make_move_iterator(state_->queue.begin()),
                         std::make_move_iterator(state_->queue.end()));
  state_->queue.clear();
  if (dropped != nullptr) *dropped = state_->dropped;
  state_->dropped = 0;
  return out;
}

void EventBus::Subscription::SetNotifier(std::function<void()> notify) {
  std::lock_guard lock(state_->mu);
  state_->notify = std::make_shared<std::function<void()>>(std::move(notify));
}

std::unique_ptr<EventBus::Subscription> EventBus::Subscribe(OrgId org, std::size_t capacity) {
  auto state = std::make_shared<Subscription::State>();
  state->org = org;
  state->capacity = capacity == 0 ? 1 : capacity;
  {
    std::lock_guard lock(mu_);
    subscribers_.push_back(state);
  }
  return std::unique_ptr<Subscription>(new Subscription(std::move(state)));
}

void EventBus::Publish(const Event& event) {
  std::vector<std::shared_ptr<Subscription::State>> targets;
  {
    std::lock_guard lock(mu_);
    std::erase_if(subscribers_, [](const auto& weak) { return weak.expired(); });
    for (const auto& weak : subscribers_) {
      auto state = weak.lock();
      if (state && state->org == event.org) targets.push_back(std::move(state));
    }
  }
  for (const auto& state : targets) {
    std::shared_ptr<std::function<void()>> notify;
    {
      std::lock_guard lock(state->mu);
      if (state->closed) continue;
      if (state->queue.size() >= state->capacity) {
        state->queue.pop_front();
        ++state->dropped;
      }
      state->queue.push_back(event);
      notify = state->notify;
    }
    if (notify && *notify) (*notify)();
  }
}

std::size_t EventBus::subscribers() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& weak : subscribers_) n += weak.expired() ? 0 : 1;
  return n;
}

}  // namespace smsinfo::app
