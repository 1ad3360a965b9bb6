#include "gateway/simulator/simulator_gateway.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "sms_text/segment.hpp"

namespace smsinfo::gateway::simulator {
namespace {

// Longest real-time wait of the worker, so that it notices a FakeClock that was advanced.
constexpr auto kMaxIdleWait = std::chrono::milliseconds(50);
// How long Inject waits for the `stored` callbacks.
constexpr auto kInjectTimeout = std::chrono::seconds(30);

// SplitMix64: a well-mixed hash of one 64-bit value.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string JoinParts(const OutboundSms& sms) {
  if (sms.parts.empty()) return sms.text;
  std::string text;
  for (const std::string& part : sms.parts) text += part;
  return text;
}

}  // namespace

SimulatorGateway::SimulatorGateway(SimulatorConfig config, const Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      failing_numbers_(config_.failing_numbers.begin(), config_.failing_numbers.end()),
      rejected_numbers_(config_.rejected_numbers.begin(), config_.rejected_numbers.end()),
      throttled_numbers_(config_.throttled_numbers.begin(), config_.throttled_numbers.end()),
      receipt_delay_(config_.receipt_delay),
      failure_ratio_(config_.failure_ratio) {}

SimulatorGateway::~SimulatorGateway() { Stop(); }

void SimulatorGateway::Start(GatewayEvents& events) {
  std::lock_guard lock(mu_);
  if (started_) return;
  events_ = &events;
  started_ = true;
  stopping_ = false;
  if (config_.run_worker) worker_ = std::thread([this] { WorkerLoop(); });
}

void SimulatorGateway::Stop() {
  std::thread worker;
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_) return;
    stopping_ = true;
    worker = std::move(worker_);
  }
  wake_.notify_all();
  if (worker.joinable()) {
    worker.join();
  } else {
    RunDue();  // no worker: report what is due here, while still started
  }
  std::lock_guard lock(mu_);
  started_ = false;
  stopping_ = false;
  events_ = nullptr;
}

bool SimulatorGateway::Submit(OutboundSms sms) {
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_ || !connected_ || in_flight_ >= config_.window) return false;
    ++in_flight_;
    Timer timer;
    timer.kind = Timer::Kind::kSubmitResult;
    timer.sms = std::move(sms);
    timer.sequence = next_sequence_++;
    timers_.emplace(clock_.Now(), std::move(timer));
  }
  wake_.notify_one();
  return true;
}

GatewayStatus SimulatorGateway::Status() const {
  std::lock_guard lock(mu_);
  GatewayStatus status;
  status.name = config_.name;
  status.type = type();
  status.connected = started_ && connected_;
  status.in_flight = static_cast<std::int64_t>(in_flight_);
  status.window = static_cast<std::int64_t>(config_.window);
  status.last_error = last_error_;
  return status;
}

std::vector<SimulatorGateway::ReceivedSms> SimulatorGateway::Outbox(std::string_view to) const {
  std::lock_guard lock(mu_);
  std::vector<ReceivedSms> received;
  for (const ReceivedSms& sms : outbox_) {
    if (to.empty() || sms.to == to) received.push_back(sms);
  }
  return received;
}

bool SimulatorGateway::Inject(const std::string& from, const std::string& to,
                              const std::string& text, bool out_of_order) {
  GatewayEvents* events = nullptr;
  int ref = 0;
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_) return false;
    events = events_;
    next_inbound_ref_ = next_inbound_ref_ % 255 + 1;
    ref = next_inbound_ref_;
  }

  const sms_text::TextAnalysis analysis = sms_text::Analyze(text);
  std::vector<InboundPart> parts;
  const TimePoint now = clock_.Now();
  if (analysis.parts.size() <= 1) {
    parts.push_back(InboundPart{from, to, text, std::nullopt, now});
  } else {
    const int total = static_cast<int>(analysis.parts.size());
    for (int seq = 1; seq <= total; ++seq) {
      parts.push_back(InboundPart{from, to, analysis.parts[static_cast<std::size_t>(seq - 1)],
                                  InboundPart::Concat{ref, total, seq}, now});
    }
  }
  if (out_of_order) std::reverse(parts.begin(), parts.end());

  // Shared with the callbacks, which may run after a timeout made Inject return.
  struct Answers {
    std::mutex mu;
    std::condition_variable done;
    std::size_t remaining = 0;
    bool all_stored = true;
  };
  auto answers = std::make_shared<Answers>();
  answers->remaining = parts.size();
  for (InboundPart& part : parts) {
    events->OnInbound(config_.name, std::move(part), [answers](bool stored) {
      std::lock_guard lock(answers->mu);
      if (!stored) answers->all_stored = false;
      if (answers->remaining > 0) --answers->remaining;
      answers->done.notify_all();
    });
  }
  std::unique_lock lock(answers->mu);
  if (!answers->done.wait_for(lock, kInjectTimeout, [&] { return answers->remaining == 0; })) {
    return false;
  }
  return answers->all_stored;
}

void SimulatorGateway::SetFailingNumbers(std::vector<std::string> numbers) {
  std::lock_guard lock(mu_);
  failing_numbers_ = {numbers.begin(), numbers.end()};
}

void SimulatorGateway::SetRejectedNumbers(std::vector<std::string> numbers) {
  std::lock_guard lock(mu_);
  rejected_numbers_ = {numbers.begin(), numbers.end()};
}

void SimulatorGateway::SetThrottledNumbers(std::vector<std::string> numbers) {
  std::lock_guard lock(mu_);
  throttled_numbers_ = {numbers.begin(), numbers.end()};
}

void SimulatorGateway::SetReceiptDelay(Duration delay) {
  std::lock_guard lock(mu_);
  receipt_delay_ = delay;
}

void SimulatorGateway::SetFailureRatio(double ratio) {
  std::lock_guard lock(mu_);
  failure_ratio_ = ratio;
}

void SimulatorGateway::SetConnected(bool connected) {
  std::lock_guard lock(mu_);
  connected_ = connected;
  last_error_ = connected ? "" : "simulator: disconnected";
}

std::size_t SimulatorGateway::RunDue() {
  std::size_t reported = 0;
  while (true) {
    std::vector<Timer> due;
    GatewayEvents* events = nullptr;
    {
      std::lock_guard lock(mu_);
      if (!started_ || config_.run_worker) return reported;
      events = events_;
      due = TakeDueLocked(clock_.Now());
    }
    if (due.empty()) return reported;
    for (Timer& timer : due) {
      Fire(std::move(timer), *events);
      ++reported;
    }
  }
}

std::size_t SimulatorGateway::Pending() const {
  std::lock_guard lock(mu_);
  return timers_.size();
}

void SimulatorGateway::WorkerLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    std::vector<Timer> due = TakeDueLocked(clock_.Now());
    if (!due.empty()) {
      GatewayEvents* events = events_;
      lock.unlock();
      for (Timer& timer : due) Fire(std::move(timer), *events);
      lock.lock();
      continue;  // firing may have added timers that are due now
    }
    if (stopping_) return;
    if (timers_.empty()) {
      wake_.wait(lock);
    } else {
      const Duration until_due = timers_.begin()->first - clock_.Now();
      const auto wait = std::clamp<Duration>(until_due, Duration(1), kMaxIdleWait);
      wake_.wait_for(lock, wait);
    }
  }
}

std::vector<SimulatorGateway::Timer> SimulatorGateway::TakeDueLocked(TimePoint now) {
  std::vector<Timer> due;
  auto it = timers_.begin();
  while (it != timers_.end() && it->first <= now) {
    if (it->second.kind == Timer::Kind::kSubmitResult && in_flight_ > 0) --in_flight_;
    due.push_back(std::move(it->second));
    it = timers_.erase(it);
  }
  return due;
}

void SimulatorGateway::Fire(Timer timer, GatewayEvents& events) {
  if (timer.kind == Timer::Kind::kReceipts) {
    const TimePoint now = clock_.Now();
    for (const std::string& id : timer.message_ids) {
      DeliveryReceipt receipt;
      receipt.message_id = id;
      receipt.status = timer.status;
      if (timer.status != ReceiptStatus::kDelivered) receipt.error = "UNDELIV: simulated failure";
      receipt.at = now;
      events.OnReceipt(config_.name, std::move(receipt));
    }
    if (timer.status == ReceiptStatus::kDelivered) {
      std::lock_guard lock(mu_);
      outbox_.push_back(ReceivedSms{timer.sms.to, JoinParts(timer.sms),
                                    std::max<std::size_t>(timer.sms.parts.size(), 1), now});
      while (outbox_.size() > config_.outbox_limit) outbox_.pop_front();
    }
    return;
  }

  SubmitResult result;
  result.delivery_id = timer.sms.delivery_id;
  Timer receipts;
  Duration receipt_delay{0};
  {
    std::lock_guard lock(mu_);
    if (rejected_numbers_.contains(timer.sms.to)) {
      result.status = SubmitStatus::kPermanentError;
      result.error = "simulator: invalid destination address " + timer.sms.to;
    } else if (throttled_numbers_.contains(timer.sms.to)) {
      result.status = SubmitStatus::kTemporaryError;
      result.error = "simulator: throttled, try again later";
    } else {
      result.status = SubmitStatus::kAccepted;
      const std::size_t parts = std::max<std::size_t>(timer.sms.parts.size(), 1);
      for (std::size_t i = 0; i < parts; ++i) {
        result.message_ids.push_back("sim-" + std::to_string(next_message_id_++));
      }
      receipts.kind = Timer::Kind::kReceipts;
      receipts.message_ids = result.message_ids;
      receipts.status = FailsLocked(timer.sms.to, timer.sequence) ? ReceiptStatus::kUndeliverable
                                                                  : ReceiptStatus::kDelivered;
      receipts.sequence = timer.sequence;
      receipt_delay = receipt_delay_;
      receipts.sms = std::move(timer.sms);
    }
  }
  const bool accepted = result.status == SubmitStatus::kAccepted;
  events.OnSubmitResult(config_.name, std::move(result));
  if (!accepted) return;
  // Queued after the result was reported, so a receipt never overtakes its submit result.
  {
    std::lock_guard lock(mu_);
    timers_.emplace(clock_.Now() + receipt_delay, std::move(receipts));
  }
  wake_.notify_one();
}

bool SimulatorGateway::FailsLocked(const std::string& to, std::uint64_t sequence) const {
  if (failing_numbers_.contains(to)) return true;
  if (failure_ratio_ <= 0.0) return false;
  const std::uint64_t draw = Mix(config_.seed ^ Mix(sequence));
  // Top 53 bits as a double in [0, 1).
  const double unit = static_cast<double>(draw >> 11) * 0x1.0p-53;
  return unit < failure_ratio_;
}

}  // namespace smsinfo::gateway::simulator
