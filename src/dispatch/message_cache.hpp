// The text of each message as it goes out, segmented once: dispatch sends the same text to many
// phones, so it keeps the last few hundred messages (least recently used dropped).
// Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/message.hpp"
#include "gateway/gateway.hpp"
#include "storage/store.hpp"

namespace smsinfo::dispatch {

struct ComposedMessage {
  MessageId id;
  std::string text;  // as phones will show it
  domain::Encoding encoding = domain::Encoding::kGsm7;
  std::vector<std::string> parts;  // one per SMS segment; empty for an empty text
  gateway::RouteKind route = gateway::RouteKind::kBulk;  // RouteFor(the message)
};

// Which route a message's SMS take: urgent first, then by who asked for it.
gateway::RouteKind RouteFor(const domain::Message& message);

class MessageCache {
 public:
  // `messages` must outlive the cache.
  MessageCache(storage::MessageStore& messages, std::size_t capacity);

  // The message, from memory or loaded and segmented (sms_text::Analyze of Message::text).
  // Errors of MessageStore::Get pass through (kNotFound for a message that does not exist).
  Result<std::shared_ptr<const ComposedMessage>> Get(OrgId org, MessageId id);
  std::size_t size() const;

 private:
  using Entry = std::pair<MessageId, std::shared_ptr<const ComposedMessage>>;

  storage::MessageStore& messages_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<MessageId, std::list<Entry>::iterator> index_;
};

}  // namespace smsinfo::dispatch
