#include "app/progress_tracker.hpp"

#include <spdlog/spdlog.h>

#include <vector>

namespace smsinfo::app {

ProgressTracker::ProgressTracker(storage::Store& store, EventBus& bus,
                                 std::chrono::milliseconds min_interval)
    : store_(store), bus_(bus), min_interval_(min_interval) {}

ProgressTracker::~ProgressTracker() { Stop(); }

void ProgressTracker::Track(OrgId org, MessageId message) {
  {
    std::lock_guard lock(mu_);
    watched_.try_emplace(message, Watched{org, {}, false});
    dirty_ = true;
  }
  cv_.notify_all();
}

void ProgressTracker::Notify() {
  {
    std::lock_guard lock(mu_);
    if (watched_.empty()) return;
    dirty_ = true;
  }
  cv_.notify_all();
}

std::size_t ProgressTracker::watched() const {
  std::lock_guard lock(mu_);
  return watched_.size();
}

std::size_t ProgressTracker::Poll() {
  std::lock_guard poll_lock(poll_mu_);
  std::vector<std::pair<MessageId, Watched>> snapshot;
  {
    std::lock_guard lock(mu_);
    dirty_ = false;
    snapshot.assign(watched_.begin(), watched_.end());
  }
  std::size_t published = 0;
  std::vector<MessageId> finished;
  std::vector<std::pair<MessageId, std::map<domain::DeliveryState, std::int64_t>>> seen;
  for (const auto& [id, w] : snapshot) {
    auto message = store_.messages().Get(w.org, id);
    if (!message.ok()) {
      if (message.error().code == ErrorCode::kNotFound) finished.push_back(id);
      continue;
    }
    bool done = true;
    for (const auto& [state, n] : message->counts) {
      if (n > 0 && !domain::IsFinal(state)) done = false;
    }
    if (done) finished.push_back(id);
    if (w.published && message->counts == w.last_counts) continue;
    Event e;
    e.org = w.org;
    e.type = "message";
    e.id = id.value;
    for (const auto& [state, n] : message->counts) e.counts[domain::ToString(state)] = n;
    bus_.Publish(e);
    ++published;
    seen.emplace_back(id, message->counts);
  }
  std::lock_guard lock(mu_);
  for (auto& [id, counts] : seen) {
    auto it = watched_.find(id);
    if (it == watched_.end()) continue;
    it->second.last_counts = std::move(counts);
    it->second.published = true;
  }
  for (MessageId id : finished) watched_.erase(id);
  return published;
}

void ProgressTracker::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void ProgressTracker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressTracker::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait(lock, [this] { return stopping_ || dirty_; });
    if (stopping_) break;
    lock.unlock();
    Poll();
    lock.lock();
    // Coalesce: results arriving during the pause are read by one Poll.
    cv_.wait_for(lock, min_interval_, [this] { return stopping_; });
  }
}

}  // namespace smsinfo::app
