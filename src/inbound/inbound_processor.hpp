// InboundProcessor: everything that happens to an SMS a citizen sends to a central number.
// Receive stores it durably (reassembling concatenated SMS in the store) before the gateway may
// acknowledge the network; Process classifies it (flood guard, then the `*P` grammar) and acts:
// registration, unregistration, help SMS for a malformed command, or a reply threaded to the
// contact and the last message sent to that number. See docs/inbound.md.
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "base/result.hpp"
#include "domain/inbound_sms.hpp"
#include "domain/organization.hpp"
#include "inbound/flood_guard.hpp"
#include "inbound/registration_service.hpp"
#include "inbound/system_messages.hpp"
#include "storage/store.hpp"

namespace smsinfo::inbound {

struct InboundConfig {
  int flood_max = 20;  // SMS per number per flood_window
  Duration flood_window = std::chrono::minutes(10);
  Duration reassembly_timeout = std::chrono::hours(1);  // then parts become an SMS as they are
  std::string default_region = "CZ";                    // for numbers without a country code
  Duration help_interval = std::chrono::hours(1);       // at most one help SMS per number per this
};

// One SMS as a gateway received it: a whole SMS, or one part of a concatenated one.
struct ReceivedPart {
  std::string gateway, from, to, text;  // text decoded to UTF-8
  std::optional<int> concat_ref;        // set for a part of a concatenated SMS
  int concat_total = 1;
  int concat_seq = 1;  // 1-based
  TimePoint received_at;
};

// Marks the place of a part that never arrived in an SMS flushed by FlushStaleParts.
inline constexpr std::string_view kMissingPartMarker = "[...]";

class InboundProcessor {
 public:
  // Every reference must outlive the processor.
  InboundProcessor(storage::Store& store, const Clock& clock, RegistrationService& registrations,
                   SystemMessages& messages, InboundConfig config);
  InboundProcessor(const InboundProcessor&) = delete;
  InboundProcessor& operator=(const InboundProcessor&) = delete;

  // Routes by `to` (the organization with that central number, E.164-normalized; if none has it
  // and exactly one organization exists, that one; else kNotFound), normalizes `from` to E.164
  // when it parses, and stores durably: a whole SMS as a kPending InboundSms; a part in the
  // staging table, and when the last part arrives the joined SMS (and the parts deleted) in the
  // same transaction. A repeated part is ignored. Returns the id of the SMS when a whole one is
  // now stored, nullopt for a part that waits for the others. Only after this returns ok may
  // the gateway acknowledge the network.
  Result<std::optional<InboundId>> Receive(const ReceivedPart& part);

  // Classifies and acts on a stored SMS, in one store transaction (so a crash leaves it kPending
  // and acted on not at all). An SMS that is no longer kPending is left alone and its kind
  // returned. Order: flood guard (over the limit: kThrottled, nothing sent); then ParseCommand.
  Result<domain::InboundKind> Process(InboundId id);

  // Receive, then Process when a whole SMS is stored.
  Result<std::optional<domain::InboundKind>> ReceiveAndProcess(const ReceivedPart& part);

  // Processes every kPending SMS (after a crash). Returns how many were processed; one that
  // fails is logged and left pending, and the others still run.
  Result<int> ProcessPending();

  // Concatenated SMS whose first part arrived more than reassembly_timeout ago become one SMS
  // of the parts that arrived, missing ones shown as "[...]", and are processed. Returns how
  // many SMS were made.
  Result<int> FlushStaleParts();

 private:
  Result<domain::Organization> Route(const std::string& to);
  // Normalized to E.164 when it parses, else as given.
  std::string Normalize(const std::string& number) const;
  Result<domain::InboundKind> ProcessSms(const domain::InboundSms& sms);
  Result<domain::InboundKind> ProcessInTx(const domain::InboundSms& sms,
                                          const domain::Organization& org);
  // Sends the help SMS unless this number got one within help_interval.
  Result<void> SendHelp(const domain::Organization& org, const domain::InboundSms& sms);
  Result<std::optional<ContactId>> ContactOf(OrgId org, const std::string& phone);
  Result<InboundId> StoreJoined(const storage::InboundPart& any_part);

  storage::Store& store_;
  const Clock& clock_;
  RegistrationService& registrations_;
  SystemMessages& messages_;
  const InboundConfig config_;
  FloodGuard flood_guard_;
  std::mutex reassembly_mutex_;  // serializes the store-and-check of concatenated parts
  std::mutex help_mutex_;
  std::map<std::pair<OrgId, std::string>, TimePoint> last_help_;  // guarded by help_mutex_
};

}  // namespace smsinfo::inbound
