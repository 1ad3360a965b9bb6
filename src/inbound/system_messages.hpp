// SystemMessages: the SMS the system sends by itself to one citizen (registration
// confirmations, the help text, unregistration notices). Each is stored as a message with one
// delivery, so it takes the same durable path as the office's messages. Thread-safe as the
// store is; `wake` must be thread-safe too.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/message.hpp"
#include "domain/organization.hpp"
#include "storage/store.hpp"

namespace smsinfo::inbound {

// How long a system SMS may wait for the gateway before it expires.
inline constexpr Duration kSystemMessageLifetime = std::chrono::hours(24);

class SystemMessages {
 public:
  // `store` and `clock` must outlive this object. `wake` (optional) tells dispatch that a
  // message is due now.
  SystemMessages(storage::Store& store, const Clock& clock, std::function<void()> wake = {});
  SystemMessages(const SystemMessages&) = delete;
  SystemMessages& operator=(const SystemMessages&) = delete;

  // Stores `text` for `phone` (E.164; kInvalidInput otherwise): composed with the
  // organization's prefix and no signature (the texts carry their own), transliterated to the
  // GSM alphabet, priority kPrioritySystem, due now, expiring in 24 h. Then calls `wake`, unless
  // a DeferWake on this thread holds it back until the enclosing transaction has ended.
  Result<MessageId> Send(const domain::Organization& org, const std::string& phone,
                         std::string_view text, domain::MessageKind kind,
                         std::optional<InboundId> in_reply_to);

  // While one lives on a thread, Send on that thread does not wake dispatch at once; the
  // outermost guard wakes it when it is destroyed, if anything was sent. Create it before a
  // store transaction that sends, so that dispatch is woken after the commit, not before it.
  class DeferWake {
   public:
    explicit DeferWake(SystemMessages& messages);
    DeferWake(const DeferWake&) = delete;
    DeferWake& operator=(const DeferWake&) = delete;
    ~DeferWake();

   private:
    SystemMessages& messages_;
  };

 private:
  storage::Store& store_;
  const Clock& clock_;
  std::function<void()> wake_;
};

}  // namespace smsinfo::inbound
