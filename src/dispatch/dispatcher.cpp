#include "dispatch/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <utility>

#include "dispatch/quiet_hours.hpp"

namespace smsinfo::dispatch {
namespace {

constexpr std::int64_t kMillisPerMinute = 60'000;

storage::ReceiptState ToReceiptState(gateway::ReceiptStatus status) {
  switch (status) {
    case gateway::ReceiptStatus::kDelivered:
      return storage::ReceiptState::kDelivered;
    case gateway::ReceiptStatus::kUndeliverable:
      return storage::ReceiptState::kUndeliverable;
    case gateway::ReceiptStatus::kExpired:
      return storage::ReceiptState::kExpired;
    case gateway::ReceiptStatus::kFailed:
      return storage::ReceiptState::kFailed;
  }
  return storage::ReceiptState::kFailed;
}

storage::SubmitFailure Temporary(DeliveryId id, TimePoint retry_at, std::string reason) {
  return storage::SubmitFailure{id, /*permanent=*/false, retry_at, std::move(reason)};
}

storage::SubmitFailure Permanent(DeliveryId id, std::string reason) {
  return storage::SubmitFailure{id, /*permanent=*/true, std::nullopt, std::move(reason)};
}

}  // namespace

Dispatcher::Dispatcher(storage::Store& store, const Clock& clock, gateway::Gateway& gateway,
                       DispatchConfig config)
    : store_(store),
      clock_(clock),
      gateway_(gateway),
      config_(std::move(config)),
      retry_{config_.retry_base, config_.retry_max},
      messages_(store.messages(), config_.message_cache),
      batcher_(store, clock),
      jitter_rng_(static_cast<std::uint64_t>(ToUnixMillis(clock.Now()))),
      next_concat_ref_(static_cast<std::uint16_t>(ToUnixMillis(clock.Now()) & 0xffff)) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  std::lock_guard lifecycle(lifecycle_mu_);
  {
    std::lock_guard lock(mu_);
    if (running_) return;
  }
  {
    std::lock_guard round_lock(round_mu_);
    auto requeued = store_.deliveries().RequeueInFlight(clock_.Now());
    requeue_pending_ = !requeued.ok();
    if (!requeued.ok()) {
      spdlog::error("dispatch: putting interrupted deliveries back failed ({}); trying again",
                    requeued.error().message);
    } else if (*requeued > 0) {
      spdlog::info("dispatch: {} deliveries left in sending went back to the queue", *requeued);
    }
  }
  std::lock_guard lock(mu_);
  running_ = true;
  stopping_ = false;
  batcher_.Resume();
  claimer_ = std::thread([this] { ClaimerLoop(); });
  writer_ = std::thread([this] { WriterLoop(); });
}

void Dispatcher::Stop() {
  std::lock_guard lifecycle(lifecycle_mu_);
  std::thread claimer;
  std::thread writer;
  {
    std::lock_guard lock(mu_);
    if (!running_ || stopping_) return;
    stopping_ = true;
    claimer = std::move(claimer_);
    writer = std::move(writer_);
  }
  claimer_wake_.notify_all();
  claimer.join();
  {
    std::unique_lock lock(mu_);
    if (!results_arrived_.wait_for(lock, config_.stop_timeout,
                                   [&] { return in_flight_.empty(); })) {
      spdlog::warn(
          "dispatch: stopped with {} SMS still without a submit result; they go back "
          "to the queue at the next start",
          in_flight_.size());
    }
  }
  batcher_.Interrupt();
  writer.join();
  if (auto flushed = FlushAndNotify(); !flushed.ok()) {
    spdlog::error("dispatch: writing the last results failed: {}", flushed.error().message);
  }
  std::lock_guard lock(mu_);
  running_ = false;
  stopping_ = false;
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  claimer_wake_.notify_all();
}

void Dispatcher::SetInboundHandler(InboundHandler handler) {
  std::lock_guard lock(mu_);
  inbound_handler_ = std::move(handler);
}

void Dispatcher::SetFlushListener(FlushListener listener) {
  std::lock_guard lock(mu_);
  flush_listener_ = std::move(listener);
}

void Dispatcher::OnSubmitResult(const std::string& gateway, gateway::SubmitResult result) {
  const DeliveryId id = result.delivery_id;
  const bool accepted =
      result.status == gateway::SubmitStatus::kAccepted && !result.message_ids.empty();
  int attempts = 0;
  {
    std::lock_guard lock(mu_);
    if (auto it = in_flight_.find(id); it != in_flight_.end()) attempts = it->second;
  }
  // Queued for the writer before the delivery leaves in_flight_, so that the claimer never sees
  // it in neither (it counts both against the gateway's window).
  const TimePoint now = clock_.Now();
  switch (result.status) {
    case gateway::SubmitStatus::kAccepted: {
      if (!accepted) {
        batcher_.AddFailure(Temporary(id, retry_.NextAttempt(now, attempts, NextJitter()),
                                      gateway + ": accepted without a message id"));
        break;
      }
      std::vector<storage::SubmittedPart> parts;
      parts.reserve(result.message_ids.size());
      const int total = static_cast<int>(result.message_ids.size());
      for (int i = 0; i < total; ++i) {
        parts.push_back(storage::SubmittedPart{
            id, i + 1, total, gateway, std::move(result.message_ids[static_cast<std::size_t>(i)])});
      }
      batcher_.AddSubmitted(std::move(parts));
      break;
    }
    case gateway::SubmitStatus::kTemporaryError:
      batcher_.AddFailure(
          Temporary(id, retry_.NextAttempt(now, attempts, NextJitter()), std::move(result.error)));
      break;
    case gateway::SubmitStatus::kPermanentError:
      batcher_.AddFailure(Permanent(id, std::move(result.error)));
      break;
  }

  bool wake_claimer = false;
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(id);
    ++(accepted ? stats_.submitted : stats_.failed);
    if (result.status == gateway::SubmitStatus::kTemporaryError) ++stats_.submit_temporary_errors;
    if (result.status == gateway::SubmitStatus::kPermanentError) ++stats_.submit_permanent_errors;
    // Rejected SMS free room at once; accepted ones when the writer has recorded them.
    if (!accepted) wake_claimer = WakeForCapacityLocked();
  }
  results_arrived_.notify_all();
  if (wake_claimer) claimer_wake_.notify_all();
}

void Dispatcher::OnReceipt(const std::string& gateway, gateway::DeliveryReceipt receipt) {
  OnReceipt(gateway, std::move(receipt), {});
}

void Dispatcher::OnReceipt(const std::string& gateway, gateway::DeliveryReceipt receipt,
                           std::function<void(bool stored)> stored) {
  {
    std::lock_guard lock(mu_);
    ++stats_.receipts;
    switch (receipt.status) {
      case gateway::ReceiptStatus::kDelivered:
        ++stats_.receipts_delivered;
        break;
      case gateway::ReceiptStatus::kUndeliverable:
        ++stats_.receipts_undeliverable;
        break;
      case gateway::ReceiptStatus::kExpired:
        ++stats_.receipts_expired;
        break;
      case gateway::ReceiptStatus::kFailed:
        ++stats_.receipts_failed;
        break;
    }
  }
  batcher_.AddReceipt(
      storage::Receipt{gateway, std::move(receipt.message_id), ToReceiptState(receipt.status),
                       std::move(receipt.error), receipt.at},
      std::move(stored));
}

void Dispatcher::OnInbound(const std::string& gateway, gateway::InboundPart part,
                           std::function<void(bool stored)> stored) {
  InboundHandler handler;
  {
    std::lock_guard lock(mu_);
    handler = inbound_handler_;
  }
  if (!handler) {
    spdlog::warn("dispatch: inbound SMS from {} via {} has no handler yet", part.from, gateway);
    stored(false);
    return;
  }
  handler(gateway, std::move(part), std::move(stored));
}

Dispatcher::Stats Dispatcher::stats() const {
  std::lock_guard lock(mu_);
  Stats stats = stats_;
  stats.in_flight = static_cast<std::int64_t>(in_flight_.size());
  return stats;
}

Result<std::size_t> Dispatcher::RunOnce() {
  std::size_t limit = 0;
  return ClaimRound(&limit);
}

Result<void> Dispatcher::Flush() {
  auto flushed = FlushAndNotify();
  if (!flushed.ok()) return flushed.error();
  return Ok();
}

Result<FlushSummary> Dispatcher::FlushAndNotify() {
  auto flushed = batcher_.Flush();
  if (!flushed.ok()) return flushed;
  const FlushSummary& summary = *flushed;
  if (summary.submitted_parts + summary.failures + summary.receipts == 0) return flushed;
  FlushListener listener;
  bool wake_claimer = false;
  {
    std::lock_guard lock(mu_);
    listener = flush_listener_;
    // A claimer paused by the writer's backlog or by unrecorded submits may go on.
    if (waiting_for_writer_ && batcher_.pending() < config_.max_unwritten) {
      waiting_for_writer_ = false;
      woken_ = true;
      wake_claimer = true;
    }
    wake_claimer = WakeForCapacityLocked() || wake_claimer;
  }
  if (wake_claimer) claimer_wake_.notify_all();
  if (listener) listener(summary);
  return flushed;
}

bool Dispatcher::WakeForCapacityLocked() {
  if (!waiting_for_capacity_) return false;
  const std::size_t used = in_flight_.size() + batcher_.unwritten_submits();
  const std::size_t low_water = std::max<std::size_t>(1, std::min(config_.batch, capacity_) / 2);
  if (capacity_ - std::min(capacity_, used) < low_water) return false;
  waiting_for_capacity_ = false;
  woken_ = true;
  return true;
}

std::size_t Dispatcher::ClaimLimit() {
  const std::size_t capacity = gateway_.Capacity();
  // Submitted SMS whose result is not yet in the store count against the window too: a crash
  // now would send them again, and the promise is that at most a window's worth can be.
  std::lock_guard lock(mu_);
  capacity_ = capacity;
  const std::size_t in_flight = in_flight_.size() + batcher_.unwritten_submits();
  const std::size_t free = capacity - std::min(capacity, in_flight);
  const std::size_t low_water = std::max<std::size_t>(1, std::min(config_.batch, capacity) / 2);
  // Wait for half a batch of room rather than claim a handful at a time.
  if (free < low_water && in_flight > 0) {
    waiting_for_capacity_ = true;
    return 0;
  }
  if (batcher_.pending() >= config_.max_unwritten) {
    waiting_for_writer_ = true;
    return 0;
  }
  return std::min(config_.batch, free);
}

Result<std::size_t> Dispatcher::ClaimRound(std::size_t* limit) {
  std::lock_guard round_lock(round_mu_);
  *limit = 0;
  const TimePoint now = clock_.Now();
  if (requeue_pending_) {
    SMSINFO_TRY(store_.deliveries().RequeueInFlight(now));
    requeue_pending_ = false;
  }
  if (auto refreshed = RefreshQuietOrgs(now); !refreshed.ok()) {
    // Keep the last known quiet organizations; urgent messages must not wait for the store.
    spdlog::warn("dispatch: reading organizations failed: {}", refreshed.error().message);
  }
  *limit = ClaimLimit();
  if (*limit == 0) return std::size_t{0};

  auto claimed = store_.deliveries().ClaimDue(now, quiet_orgs_, *limit);
  if (!claimed.ok()) return claimed.error();
  {
    std::lock_guard lock(mu_);
    stats_.claimed += static_cast<std::int64_t>(claimed->size());
  }

  // Every claimed delivery either reaches the gateway or goes back to the store with a reason.
  auto give_back = [&](storage::SubmitFailure failure) {
    {
      std::lock_guard lock(mu_);
      ++stats_.failed;
    }
    batcher_.AddFailure(std::move(failure));
  };
  const std::string refused = gateway_.name() + ": refused the SMS (window full or not connected)";
  // A gateway that refused one SMS is not asked again this round; with routing, each route
  // has its own gateway, so a full bulk route does not hold back system SMS.
  std::array<bool, gateway::kRouteKinds> route_refused{};
  for (const storage::ClaimedDelivery& delivery : *claimed) {
    auto message = messages_.Get(delivery.org_id, delivery.message_id);
    if (!message.ok()) {
      if (message.error().code == ErrorCode::kNotFound) {
        give_back(Permanent(delivery.id, "message not found"));
      } else {
        give_back(Temporary(delivery.id, retry_.NextAttempt(now, delivery.attempts, NextJitter()),
                            "reading the message failed: " + message.error().message));
      }
      continue;
    }
    const ComposedMessage& text = **message;
    if (text.parts.empty()) {
      give_back(Permanent(delivery.id, "the message text is empty"));
      continue;
    }
    const auto route = static_cast<std::size_t>(text.route);
    if (route_refused[route]) {
      give_back(Temporary(delivery.id, now + config_.refused_retry, refused));
      continue;
    }
    gateway::OutboundSms sms;
    sms.delivery_id = delivery.id;
    sms.to = delivery.phone;
    sms.text = text.text;
    sms.encoding = text.encoding;
    sms.parts = text.parts;
    sms.concat_ref = text.parts.size() > 1 ? NextConcatRef() : 0;
    sms.expires_at = delivery.expires_at;
    sms.priority = delivery.priority;
    sms.route = text.route;
    {
      // Registered before Submit: the result may arrive on another thread before it returns.
      std::lock_guard lock(mu_);
      in_flight_[delivery.id] = delivery.attempts;
    }
    if (!gateway_.Submit(std::move(sms))) {
      {
        std::lock_guard lock(mu_);
        in_flight_.erase(delivery.id);
      }
      route_refused[route] = true;
      give_back(Temporary(delivery.id, now + config_.refused_retry, refused));
    }
  }
  return claimed->size();
}

Result<void> Dispatcher::RefreshQuietOrgs(TimePoint now) {
  const std::int64_t minute = ToUnixMillis(now) / kMillisPerMinute;
  const bool changed = organizations_changed_.exchange(false);
  if (minute == quiet_orgs_minute_ && !changed) return Ok();
  auto orgs = store_.organizations().List();
  if (!orgs.ok()) {
    if (changed) organizations_changed_ = true;
    return orgs.error();
  }
  std::vector<OrgId> quiet;
  for (const domain::Organization& org : *orgs) {
    if (InQuietHours(org, now)) quiet.push_back(org.id);
  }
  quiet_orgs_ = std::move(quiet);
  quiet_orgs_minute_ = minute;
  return Ok();
}

void Dispatcher::OrganizationsChanged() {
  organizations_changed_ = true;
  Wake();
}

std::uint16_t Dispatcher::NextConcatRef() { return next_concat_ref_.fetch_add(1); }

double Dispatcher::NextJitter() {
  std::lock_guard lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(jitter_rng_);
}

void Dispatcher::ClaimerLoop() {
  while (true) {
    std::size_t limit = 0;
    auto claimed = ClaimRound(&limit);
    if (!claimed.ok()) {
      spdlog::error("dispatch: claiming deliveries failed: {}", claimed.error().message);
    }
    Duration wait = config_.idle_poll;  // after an error, or while blocked on capacity/writer
    if (claimed.ok() && limit > 0) {
      // A full round: more may be due. A short one: nothing more is due now.
      wait = *claimed == limit ? Duration(0) : IdleWait();
    }
    std::unique_lock lock(mu_);
    if (stopping_) return;
    if (wait.count() > 0) {
      claimer_wake_.wait_for(lock, wait, [&] { return stopping_ || woken_; });
      if (stopping_) return;
    }
    woken_ = false;
  }
}

Duration Dispatcher::IdleWait() {
  Duration wait = config_.idle_poll;
  auto next = store_.deliveries().NextDueAt();
  if (next.ok() && next->has_value()) {
    const Duration until = **next - clock_.Now();
    // Due already (but held back, e.g. by quiet hours) or later than a poll: keep idle_poll.
    if (until.count() > 0 && until < wait) wait = until;
  }
  return wait;
}

void Dispatcher::WriterLoop() {
  while (true) {
    const auto not_before = std::chrono::steady_clock::now() + config_.flush_interval;
    std::size_t capacity = 0;
    {
      std::lock_guard lock(mu_);
      capacity = capacity_;
    }
    // Half a window of unrecorded submits is worth a flush at once: the claimer waits for it.
    if (!batcher_.WaitForBatch(not_before, std::max<std::size_t>(1, capacity / 2))) return;
    auto flushed = FlushAndNotify();
    if (!flushed.ok()) {
      spdlog::error("dispatch: writing results failed ({}); trying again", flushed.error().message);
      // Back off a little, without delaying Stop.
      batcher_.WaitForBatch(std::chrono::steady_clock::now() + std::chrono::seconds(1));
    }
  }
}

}  // namespace smsinfo::dispatch
