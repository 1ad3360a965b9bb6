// An in-process simulated SMSC for tests and the benchmark, with behaviours named for what
// they do (after Jasmin's simulated SMSCs): accepts all, never answers, throttles every Nth,
// drops the connection after bind, answers with garbage. Listens on 127.0.0.1, port 0, on its
// own io_context thread, speaks our codec, and records what it got.
// Thread-safe: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gateway/smpp/pdu.hpp"

namespace smsinfo::gateway::smpp {

enum class SmscBehaviour {
  kAcceptsAll,                // binds, answers every submit_sm with a message id
  kNeverAnswers,              // binds, then never answers anything (not even enquire_link)
  kThrottlesEveryNth,         // like kAcceptsAll, but every Nth submit_sm gets ESME_RTHROTTLED
  kDropsConnectionAfterBind,  // the first `drops` connections are closed right after bind_resp
  kAnswersWithGarbage,        // answers submit_sm with a submit_sm_resp whose body is broken
};

struct FakeSmscOptions {
  SmscBehaviour behaviour = SmscBehaviour::kAcceptsAll;
  int throttle_every = 10;  // kThrottlesEveryNth
  int drops = 1;            // kDropsConnectionAfterBind
  // A DELIVRD receipt (Appendix B text) after every accepted submit_sm.
  bool send_receipts = false;
  // submit_sm_resp ids in hex and receipt ids in decimal (else decimal both).
  bool hex_ids = false;
  bool record_submits = true;        // keep every submit_sm (for inspection)
  bool record_submit_times = false;  // keep the arrival time of every submit_sm
  // With record_submit_times: the arrival time is the kernel's receive timestamp of the
  // submit_sm's last byte (SO_TIMESTAMPNS), not the moment this SMSC's thread read it, so a
  // descheduled SMSC thread does not bunch the times of what arrived meanwhile. To give each
  // PDU its own stamp, every recvmsg reads at most the rest of one PDU (two or more system
  // calls a PDU: for the throughput-cap measurement, not for speed). Limit: TCP keeps one
  // stamp per queued segment, and segments that queue up unread may be merged into one,
  // which then carries the stamp of the last; so a stamp is never early, and late only for
  // what waited unread while more arrived.
  bool kernel_timestamps = false;
  // Runs this SMSC's thread under SCHED_FIFO, so that on a busy machine it reads each PDU
  // as it arrives (nothing queues unread, so no stamps merge; see kernel_timestamps). Needs
  // CAP_SYS_NICE; realtime_thread() says whether it took effect.
  bool realtime_thread = false;
};

class FakeSmsc {
 public:
  explicit FakeSmsc(FakeSmscOptions options = {});
  ~FakeSmsc();
  FakeSmsc(const FakeSmsc&) = delete;
  FakeSmsc& operator=(const FakeSmsc&) = delete;

  std::uint16_t port() const { return port_; }
  // Whether options.realtime_thread took effect.
  bool realtime_thread() const { return realtime_; }

  struct Counters {
    std::int64_t connections = 0;
    std::int64_t binds = 0;
    std::int64_t submits = 0;    // submit_sm received
    std::int64_t accepted = 0;   // answered ESME_ROK
    std::int64_t throttled = 0;  // answered ESME_RTHROTTLED
    std::int64_t receipts_sent = 0;
    std::int64_t deliver_sm_resps = 0;
    std::int64_t enquire_links = 0;
    std::int64_t unbinds = 0;
    std::int64_t generic_nacks = 0;       // received from the ESME
    std::int64_t enquire_link_resps = 0;  // answers to SendEnquireLinks
  };
  Counters counters() const;
  std::vector<SubmitSm> Submitted() const;
  // Arrival of every submit_sm, in order (record_submit_times; kernel stamps with
  // kernel_timestamps), and when this SMSC's thread read each one.
  std::vector<std::chrono::steady_clock::time_point> SubmitTimes() const;
  std::vector<std::chrono::steady_clock::time_point> SubmitReadTimes() const;
  // command_status of each deliver_sm_resp for a deliver_sm sent with SendDeliverSm, in order.
  std::vector<CommandStatus> DeliverSmStatuses() const;

  // Sends `pdu` on the newest bound connection; false when none is bound.
  bool SendDeliverSm(DeliverSm pdu);
  // Sends enquire_link on every bound connection; returns how many. The ESME answers it only
  // after it has handled the bind_resp, so a test waiting for that many enquire_link_resps
  // knows every session has seen its bind succeed.
  int SendEnquireLinks();
  // Closes every connection now (the SMSC "restarts").
  void DropConnections();

  // Waits until `done` holds (it is checked whenever the SMSC records something) or `timeout`
  // passes; returns `done()`.
  bool WaitFor(const std::function<bool(const Counters&)>& done,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  bool realtime_ = false;
};

}  // namespace smsinfo::gateway::smpp
