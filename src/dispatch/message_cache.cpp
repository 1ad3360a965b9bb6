#include "dispatch/message_cache.hpp"

#include <algorithm>

#include "sms_text/segment.hpp"

namespace smsinfo::dispatch {

gateway::RouteKind RouteFor(const domain::Message& message) {
  if (message.urgent || message.priority >= domain::kPriorityUrgent) {
    return gateway::RouteKind::kUrgent;
  }
  switch (message.kind) {
    case domain::MessageKind::kBulk:
      return gateway::RouteKind::kBulk;
    case domain::MessageKind::kReply:
      return gateway::RouteKind::kReply;
    case domain::MessageKind::kConfirmation:
      return gateway::RouteKind::kSystem;
  }
  return gateway::RouteKind::kBulk;
}

MessageCache::MessageCache(storage::MessageStore& messages, std::size_t capacity)
    : messages_(messages), capacity_(std::max<std::size_t>(capacity, 1)) {}

Result<std::shared_ptr<const ComposedMessage>> MessageCache::Get(OrgId org, MessageId id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = index_.find(id); it != index_.end()) {
      entries_.splice(entries_.begin(), entries_, it->second);
      return it->second->second;
    }
  }
  // Loaded without the lock: a slow store does not hold up hits on other messages.
  auto message = messages_.Get(org, id);
  if (!message.ok()) return message.error();
  sms_text::TextAnalysis analysis = sms_text::Analyze(message->text);
  auto composed = std::make_shared<ComposedMessage>();
  composed->id = id;
  composed->text = std::move(analysis.text);
  composed->encoding = analysis.encoding;
  composed->parts = std::move(analysis.parts);
  composed->route = RouteFor(*message);

  std::lock_guard lock(mu_);
  if (auto it = index_.find(id); it != index_.end()) return it->second->second;  // raced
  entries_.emplace_front(id, composed);
  index_[id] = entries_.begin();
  while (entries_.size() > capacity_) {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
  return std::shared_ptr<const ComposedMessage>(std::move(composed));
}

std::size_t MessageCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace smsinfo::dispatch
