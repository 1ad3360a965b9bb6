// One SMPP 3.4 bind over TCP (ESME side), run with asio C++20 coroutines on its own
// io_context thread: connect, bind (§4.1), a window of outstanding requests keyed by
// sequence_number with a timeout each, enquire_link both ways (§4.11), deliver_sm answered
// only once the host says the SMS is stored (§4.6), reconnect with exponential backoff and
// jitter, and a graceful unbind (§4.2) that first drains what is in flight. What to send comes
// from the SessionHost (the gateway), which also applies the throughput cap.
// Thread safety: the public methods may be called from any thread; SessionHost methods are
// called on the session's thread. Behaviour notes: docs/smpp.md, "Session".
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/smpp/pdu.hpp"
#include "gateway/smpp/smpp_config.hpp"

namespace smsinfo::gateway::smpp {

// One submit_sm to put on the wire, and how to report its outcome.
struct OutboundPart {
  std::uint64_t sms_key = 0;  // the host's key of the whole SMS
  int index = 0;              // part index within the SMS, 0-based
  SubmitSm pdu;
};

// What became of one submit_sm.
struct PartOutcome {
  enum class Kind { kAccepted, kTemporaryError, kPermanentError } kind = Kind::kAccepted;
  std::string message_id;  // kAccepted: as the SMSC wrote it
  CommandStatus command_status = CommandStatus::kEsmeRok;
  std::string error;  // for people
};

// The temporary command_status values (retry later); every other error is permanent.
bool IsTemporary(CommandStatus status);

class SessionHost {
 public:
  virtual ~SessionHost() = default;
  // Moves up to `max` parts that may be sent now into `out`. When it returns none, sets
  // `*wait` to how long until more could come (the throughput cap), or to zero when there is
  // nothing queued (the session then waits for Session::Notify()).
  virtual void TakeParts(std::size_t max, std::vector<OutboundPart>& out,
                         std::chrono::steady_clock::duration* wait) = 0;
  virtual void OnPartOutcome(std::uint64_t sms_key, int index, PartOutcome outcome) = 0;
  // The SMSC said ESME_RTHROTTLED or ESME_RMSGQFUL: slow down.
  virtual void OnThrottled() = 0;
  // A deliver_sm (receipt or SMS). `ack(true)` answers ESME_ROK; `ack(false)` asks the SMSC to
  // resend later (ESME_RX_T_APPN). `ack` may be called from any thread, at most once; a call
  // after the connection was lost does nothing (the SMSC resends).
  virtual void OnDeliverSm(DeliverSm pdu, std::function<void(bool stored)> ack) = 0;
  // True while the host still has parts queued (Stop drains them first).
  virtual bool HasQueuedParts() = 0;
  // This session lost its connection or failed to connect (bound() is false by now).
  virtual void OnSessionDown() = 0;
  // `parts` submit_sm taken with TakeParts went to the socket at `at` (the throughput cap
  // counts them on the wire, not when granted).
  virtual void OnPartsWritten(std::size_t /*parts*/, std::chrono::steady_clock::time_point /*at*/) {
  }
};

struct SessionStatus {
  bool bound = false;
  std::size_t in_window = 0;
  std::int64_t binds = 0;  // successful binds so far (1 + reconnects)
  std::int64_t sent = 0;   // submit_sm written so far
  double rate = 0;         // submit_sm per second over the last few seconds (RateMeter)
  std::string last_error;
};

class Session {
 public:
  // `host` must outlive the session. `bind_type`: kTransceiver, kTransmitter or kReceiver
  // (a receiver never takes parts).
  Session(const SmppConfig& config, BindType bind_type, int index, SessionHost& host);
  ~Session();  // Stop()s
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts the thread, which connects and binds and keeps doing so until Stop().
  void Start();
  // Drains (until `drain_deadline`: sends what the host still has queued and waits for every
  // response), unbinds, disconnects and joins the thread. Parts still in the window then get
  // a temporary error. Idempotent.
  void Stop(std::chrono::steady_clock::time_point drain_deadline);
  // The host has new parts: wake the sender if it waits.
  void Notify();

  SessionStatus Status() const;
  bool bound() const { return bound_.load(std::memory_order_relaxed); }
  BindType bind_type() const { return bind_type_; }

 private:
  struct Impl;
  const BindType bind_type_;
  std::atomic<bool> bound_{false};
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  std::mutex lifecycle_mu_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace smsinfo::gateway::smpp
