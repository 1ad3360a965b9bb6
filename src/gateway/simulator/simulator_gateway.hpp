// The built-in simulator gateway: a pretend phone network for trying smsinfo without an
// operator and for tests. Submits are answered at once, delivery receipts come after
// `receipt_delay`, some numbers fail or are refused as configured, and the SMS that reached a
// phone can be read back from its outbox. Phones can also send SMS in (Inject).
// Thread-safe: every method may be called from any thread. Events are reported from one worker
// thread (or from the thread calling RunDue() when `run_worker` is false).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "base/clock.hpp"
#include "gateway/gateway.hpp"
#include "gateway/simulator/simulator_config.hpp"

namespace smsinfo::gateway::simulator {

class SimulatorGateway final : public Gateway {
 public:
  // `clock` must outlive the gateway. Timers run on `clock`'s time; with a FakeClock the worker
  // notices an Advance() within 50 ms of real time (or at once through RunDue()).
  SimulatorGateway(SimulatorConfig config, const Clock& clock);
  ~SimulatorGateway() override;
  SimulatorGateway(const SimulatorGateway&) = delete;
  SimulatorGateway& operator=(const SimulatorGateway&) = delete;

  const std::string& name() const override { return config_.name; }
  const char* type() const override { return "simulator"; }
  // May be called again after Stop(); receipts still pending then go to the new `events`.
  void Start(GatewayEvents& events) override;
  // Reports what is due now (results of every accepted submit, receipts due), then joins the
  // worker. Receipts not yet due stay pending until the next Start().
  void Stop() override;
  // False when not started, disconnected (SetConnected) or the window is full.
  bool Submit(OutboundSms sms) override;
  std::size_t Capacity() const override { return config_.window; }
  GatewayStatus Status() const override;

  // What each simulated phone received: one entry per whole SMS (parts joined), added when its
  // last DELIVRD receipt is reported. Only SMS to `to` when it is not empty. Oldest first.
  struct ReceivedSms {
    std::string to;
    std::string text;
    std::size_t parts = 1;
    TimePoint received_at;
  };
  std::vector<ReceivedSms> Outbox(std::string_view to = {}) const;

  // A phone `from` sends `text` to `to`. A text longer than one segment arrives as concatenated
  // parts (sms_text::Analyze), with a reference number that increases with every SMS;
  // `out_of_order` delivers the parts last first. Each part goes to GatewayEvents::OnInbound on
  // the calling thread. Returns once every part's `stored` callback was called: true if all said
  // true; false if one said false, the gateway is not started, or no answer came within 30 s.
  bool Inject(const std::string& from, const std::string& to, const std::string& text,
              bool out_of_order = false);

  // Behaviours that tests change while running.
  void SetFailingNumbers(std::vector<std::string> numbers);
  void SetRejectedNumbers(std::vector<std::string> numbers);
  void SetThrottledNumbers(std::vector<std::string> numbers);
  void SetFailureRatio(double ratio);
  // For SMS submitted from now on.
  void SetReceiptDelay(Duration delay);
  // A disconnected gateway refuses every Submit, like a lost SMSC bind.
  void SetConnected(bool connected);

  // Reports every event due at the clock's now on the calling thread, including receipts that
  // become due by it (receipt_delay 0). Returns how many events were reported. Does nothing
  // (returns 0) while a worker thread runs or before Start().
  std::size_t RunDue();
  // Events waiting: submits without a result plus receipts not yet reported.
  std::size_t Pending() const;

 private:
  // One timer: either the submit result of `sms`, or the receipts of its parts.
  struct Timer {
    enum class Kind { kSubmitResult, kReceipts } kind = Kind::kSubmitResult;
    OutboundSms sms;
    std::vector<std::string> message_ids;  // kReceipts
    ReceiptStatus status = ReceiptStatus::kDelivered;
    std::uint64_t sequence = 0;  // submit order, for the deterministic failure draw
  };

  void WorkerLoop();
  // Takes every due timer out of the queue. Requires mu_.
  std::vector<Timer> TakeDueLocked(TimePoint now);
  // Reports one timer to `events`; called without mu_.
  void Fire(Timer timer, GatewayEvents& events);
  bool FailsLocked(const std::string& to, std::uint64_t sequence) const;

  const SimulatorConfig config_;
  const Clock& clock_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  GatewayEvents* events_ = nullptr;  // set while started
  bool started_ = false;
  bool stopping_ = false;
  bool connected_ = true;
  std::thread worker_;
  std::multimap<TimePoint, Timer> timers_;  // by due time; equal times keep insertion order
  std::size_t in_flight_ = 0;               // submits whose result is not reported yet
  std::uint64_t next_message_id_ = 1;
  std::uint64_t next_sequence_ = 1;
  int next_inbound_ref_ = 0;
  std::unordered_set<std::string> failing_numbers_;
  std::unordered_set<std::string> rejected_numbers_;
  std::unordered_set<std::string> throttled_numbers_;
  Duration receipt_delay_;
  double failure_ratio_ = 0.0;
  std::deque<ReceivedSms> outbox_;
  std::string last_error_;
};

}  // namespace smsinfo::gateway::simulator
