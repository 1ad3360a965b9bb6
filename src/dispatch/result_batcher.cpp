#include "dispatch/result_batcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <span>
#include <string>
#include <utility>

namespace smsinfo::dispatch {
namespace {

bool IsPassing(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kTimeout:
    case ErrorCode::kThrottled:
      return true;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kInternal:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
      return false;
  }
  return false;
}

template <class T>
void PrependTo(std::vector<T>& to, std::vector<T>&& front) {
  front.insert(front.end(), std::make_move_iterator(to.begin()), std::make_move_iterator(to.end()));
  to = std::move(front);
}

std::string DescribeForLog(const storage::SubmittedPart& part) {
  return "submitted part " + std::to_string(part.part_no) + " of delivery " +
         std::to_string(part.delivery_id.value);
}
std::string DescribeForLog(const storage::SubmitFailure& failure) {
  return "submit failure of delivery " + std::to_string(failure.delivery_id.value);
}
std::string DescribeForLog(const storage::Receipt& receipt) {
  return "receipt for " + receipt.gateway + " message " + receipt.gateway_message_id;
}

}  // namespace

ResultBatcher::ResultBatcher(storage::Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

void ResultBatcher::AddSubmitted(std::vector<storage::SubmittedPart> parts) {
  std::lock_guard lock(mu_);
  const bool was_empty = waiting_.empty();
  for (auto& part : parts) waiting_.submitted.push_back(std::move(part));
  ++waiting_submits_;
  if (was_empty || waiting_.size() >= kFullBatch || waiting_submits_ == submits_target_) {
    changed_.notify_all();
  }
}

void ResultBatcher::AddFailure(storage::SubmitFailure failure) {
  std::lock_guard lock(mu_);
  const bool was_empty = waiting_.empty();
  waiting_.failures.push_back(std::move(failure));
  if (was_empty || waiting_.size() >= kFullBatch) changed_.notify_all();
}

void ResultBatcher::AddReceipt(storage::Receipt receipt, std::function<void(bool stored)> stored) {
  std::lock_guard lock(mu_);
  const bool was_empty = waiting_.empty();
  waiting_.receipts.push_back(std::move(receipt));
  waiting_.receipt_acks.push_back(std::move(stored));
  if (was_empty || waiting_.size() >= kFullBatch) changed_.notify_all();
}

std::size_t ResultBatcher::pending() const {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

std::size_t ResultBatcher::unwritten_submits() const {
  std::lock_guard lock(mu_);
  return waiting_submits_;
}

Result<FlushSummary> ResultBatcher::Flush() {
  std::lock_guard flush_lock(flush_mu_);
  ResultBatch batch;
  std::size_t submits = 0;
  {
    // Still counted as unwritten while being written.
    std::lock_guard lock(mu_);
    std::swap(batch, waiting_);
    submits = waiting_submits_;
  }
  FlushSummary summary;
  if (batch.empty()) return summary;

  Result<void> written = Write(batch);
  if (written.ok()) {
    Written(submits);
    summary.submitted_parts = batch.submitted.size();
    summary.failures = batch.failures.size();
    summary.receipts = batch.receipts.size();
    for (auto& ack : batch.receipt_acks) {
      if (ack) ack(true);
    }
    return summary;
  }
  if (IsPassing(written.error().code)) {
    Requeue(std::move(batch), 0);
    return written.error();
  }
  spdlog::warn("dispatch: writing {} results failed ({}); writing them one by one", batch.size(),
               written.error().message);
  FlushSummary one_by_one = WriteOneByOne(batch);
  Written(submits);
  return one_by_one;
}

Result<void> ResultBatcher::Write(const ResultBatch& batch) {
  const TimePoint now = clock_.Now();
  return store_.InTransaction([&]() -> Result<void> {
    storage::DeliveryStore& deliveries = store_.deliveries();
    if (!batch.submitted.empty()) SMSINFO_TRY(deliveries.RecordSubmitted(batch.submitted, now));
    if (!batch.failures.empty()) SMSINFO_TRY(deliveries.RecordSubmitFailures(batch.failures, now));
    if (!batch.receipts.empty()) SMSINFO_TRY(deliveries.RecordReceipts(batch.receipts, now));
    return Ok();
  });
}

FlushSummary ResultBatcher::WriteOneByOne(const ResultBatch& batch) {
  const TimePoint now = clock_.Now();
  storage::DeliveryStore& deliveries = store_.deliveries();
  FlushSummary summary;
  // A passing error here leaves the item for the next flush instead of dropping it.
  ResultBatch retry;
  auto handle = [&](const Result<void>& result, auto& item, auto& retry_list, std::size_t* count) {
    if (result.ok()) {
      ++*count;
    } else if (IsPassing(result.error().code)) {
      retry_list.push_back(item);
    } else {
      ++summary.dropped;
      spdlog::error("dispatch: dropped the {} the store refused: {}", DescribeForLog(item),
                    result.error().message);
    }
  };
  for (const auto& part : batch.submitted) {
    handle(deliveries.RecordSubmitted(std::span(&part, 1), now), part, retry.submitted,
           &summary.submitted_parts);
  }
  for (const auto& failure : batch.failures) {
    handle(deliveries.RecordSubmitFailures(std::span(&failure, 1), now), failure, retry.failures,
           &summary.failures);
  }
  for (std::size_t i = 0; i < batch.receipts.size(); ++i) {
    const auto& receipt = batch.receipts[i];
    auto ack = i < batch.receipt_acks.size() ? batch.receipt_acks[i] : nullptr;
    const std::size_t retried = retry.receipts.size();
    handle(deliveries.RecordReceipts(std::span(&receipt, 1), now), receipt, retry.receipts,
           &summary.receipts);
    if (retry.receipts.size() > retried) {
      retry.receipt_acks.push_back(std::move(ack));  // tried again at the next flush
    } else if (ack) {
      ack(true);  // written, or refused for good
    }
  }
  if (!retry.empty()) Requeue(std::move(retry), retry.submitted.size());
  return summary;
}

void ResultBatcher::Written(std::size_t submits) {
  std::lock_guard lock(mu_);
  waiting_submits_ -= std::min(waiting_submits_, submits);
}

void ResultBatcher::Requeue(ResultBatch batch, std::size_t submits) {
  std::lock_guard lock(mu_);
  waiting_submits_ += submits;
  PrependTo(waiting_.submitted, std::move(batch.submitted));
  PrependTo(waiting_.failures, std::move(batch.failures));
  batch.receipt_acks.resize(batch.receipts.size());  // one per receipt, as in waiting_
  PrependTo(waiting_.receipts, std::move(batch.receipts));
  PrependTo(waiting_.receipt_acks, std::move(batch.receipt_acks));
}

bool ResultBatcher::WaitForBatch(std::chrono::steady_clock::time_point not_before,
                                 std::size_t submits_target) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return interrupted_ || !waiting_.empty(); });
  if (interrupted_) return false;
  submits_target_ = std::max<std::size_t>(submits_target, 1);
  changed_.wait_until(lock, not_before, [&] {
    return interrupted_ || waiting_.size() >= kFullBatch || waiting_submits_ >= submits_target;
  });
  return !interrupted_;
}

void ResultBatcher::Interrupt() {
  std::lock_guard lock(mu_);
  interrupted_ = true;
  changed_.notify_all();
}

void ResultBatcher::Resume() {
  std::lock_guard lock(mu_);
  interrupted_ = false;
}

}  // namespace smsinfo::dispatch
