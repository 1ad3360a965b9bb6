// The SMPP 3.4 gateway (ESME): sends SMS through an operator's SMSC over one or more binds
// (session.hpp) and turns deliver_sm into delivery receipts and inbound SMS. Submit() encodes
// each SMS into its submit_sm parts (GSM 7-bit data_coding 0, packed or not, or UCS-2
// data_coding 8; long texts as UDH, SAR TLVs or message_payload) and queues them; the binds
// take parts from the queue within the throughput cap. See docs/smpp.md.
// Thread-safe: every method may be called from any thread. Events are reported from the
// binds' threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "gateway/gateway.hpp"
#include "gateway/smpp/session.hpp"
#include "gateway/smpp/smpp_config.hpp"
#include "gateway/smpp/throughput_limiter.hpp"

namespace smsinfo::gateway::smpp {

// The submit_sm PDUs one SMS travels as (without sequence numbers). Fails (kInvalidInput) when
// it cannot be sent at all (more than 255 parts, an address too long). Pure.
Result<std::vector<SubmitSm>> BuildSubmits(const SmppConfig& config, const OutboundSms& sms);

// An inbound deliver_sm (not a receipt) as an InboundPart: UDH or SAR concatenation, text
// decoded from data_coding 0 (GSM 7-bit, packed as configured), 1 (IA5), 3 (Latin-1), 8 (UCS-2)
// and the GSM message-class values 0xF0..0xF3; other values are read as Latin-1. A source
// address with TON 1 (international) gets a leading '+'. Pure.
InboundPart DecodeInbound(const SmppConfig& config, const DeliverSm& pdu, TimePoint received_at);

// The receipt a deliver_sm reports, or nullopt for an intermediate state (ENROUTE, ACCEPTD)
// that needs no action. Fails when it is not a readable receipt. Pure.
Result<std::optional<DeliveryReceipt>> ToDeliveryReceipt(const SmppConfig& config,
                                                         const DeliverSm& pdu, TimePoint now);

// A message id as the key both submit results and receipts use (MessageIdFormat).
std::string NormalizeMessageId(std::string_view id, MessageIdFormat format);

class SmppGateway final : public Gateway, public SessionHost {
 public:
  // `clock` must outlive the gateway (it stamps receipts and inbound SMS).
  SmppGateway(SmppConfig config, const Clock& clock);
  ~SmppGateway() override;
  SmppGateway(const SmppGateway&) = delete;
  SmppGateway& operator=(const SmppGateway&) = delete;

  const std::string& name() const override { return config_.name; }
  const char* type() const override { return "smpp"; }
  // Starts every bind; each keeps reconnecting until Stop(). May be called again after Stop().
  void Start(GatewayEvents& events) override;
  // Refuses new SMS, lets the binds send what is queued and wait for its responses (up to
  // drain_timeout), unbinds, and reports a temporary error for every SMS still unanswered, so
  // that every Submit gets its result.
  void Stop() override;
  // False when not started, stopping, no bind can send, or Capacity() SMS are already taken.
  // SMS queued when the last sending bind goes down get a temporary error.
  // An SMS that cannot be encoded gets a permanent-error result (and true).
  bool Submit(OutboundSms sms) override;
  std::size_t Capacity() const override;
  GatewayStatus Status() const override;

  struct BindStatus {
    int slot = 0;
    BindType bind_type = BindType::kTransceiver;
    SessionStatus session;
  };
  std::vector<BindStatus> Binds() const;

 private:
  struct PendingSms {
    DeliveryId delivery_id;
    std::size_t remaining = 0;
    std::vector<std::string> message_ids;
    SubmitStatus status = SubmitStatus::kAccepted;
    std::string error;
  };

  // SessionHost.
  void TakeParts(std::size_t max, std::vector<OutboundPart>& out,
                 std::chrono::steady_clock::duration* wait) override;
  void OnPartOutcome(std::uint64_t sms_key, int index, PartOutcome outcome) override;
  void OnThrottled() override;
  void OnDeliverSm(DeliverSm pdu, std::function<void(bool stored)> ack) override;
  bool HasQueuedParts() override;
  // With no sending bind left, queued parts fail at once (temporary) instead of waiting for a
  // reconnect: dispatch retries them with back-off.
  void OnSessionDown() override;
  void OnPartsWritten(std::size_t parts, std::chrono::steady_clock::time_point at) override;

  // Records one part's outcome; returns the SMS's result when it was the last part. Needs mu_.
  std::optional<SubmitResult> RecordOutcomeLocked(std::uint64_t sms_key, int index,
                                                  PartOutcome outcome);
  // Every part still waiting in queue_ fails temporarily with `reason` (dispatch retries it);
  // empties the queue and returns the SMS results that completes. Needs mu_.
  std::vector<SubmitResult> FailQueuedLocked(const std::string& reason);
  void SetLastError(std::string error);

  using Sessions = std::vector<std::unique_ptr<Session>>;
  // The binds of the current Start (replaced, never changed, by the next Start).
  std::shared_ptr<const Sessions> CurrentSessions() const;

  const SmppConfig config_;
  const Clock& clock_;

  std::mutex lifecycle_mu_;  // serializes Start and Stop
  mutable std::mutex mu_;    // guards what follows
  std::shared_ptr<const Sessions> sessions_ = std::make_shared<const Sessions>();
  GatewayEvents* events_ = nullptr;
  bool started_ = false;
  bool stopping_ = false;
  std::deque<OutboundPart> queue_;
  std::unordered_map<std::uint64_t, PendingSms> pending_;
  std::uint64_t next_key_ = 1;
  ThroughputLimiter limiter_;
  std::string last_error_;
};

}  // namespace smsinfo::gateway::smpp
