// Group commit of what the gateway reports: submit results and receipts arrive one by one on the
// gateway's threads, wait here, and are written in one store transaction per flush. Thread-safe:
// Add* from any thread; Flush calls are serialized.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "storage/store.hpp"

namespace smsinfo::dispatch {

struct ResultBatch {
  std::vector<storage::SubmittedPart> submitted;
  std::vector<storage::SubmitFailure> failures;
  std::vector<storage::Receipt> receipts;
  // One per receipt (may be empty): told whether its receipt was stored.
  std::vector<std::function<void(bool stored)>> receipt_acks;

  std::size_t size() const { return submitted.size() + failures.size() + receipts.size(); }
  bool empty() const { return size() == 0; }
};

// What one flush wrote.
struct FlushSummary {
  std::size_t submitted_parts = 0;
  std::size_t failures = 0;
  std::size_t receipts = 0;
  std::size_t dropped = 0;  // items the store refused on their own (logged), see Flush
};

class ResultBatcher {
 public:
  // A batch this big is flushed without waiting for the interval.
  static constexpr std::size_t kFullBatch = 5000;

  // `store` and `clock` must outlive the batcher.
  ResultBatcher(storage::Store& store, const Clock& clock);

  void AddSubmitted(std::vector<storage::SubmittedPart> parts);
  void AddFailure(storage::SubmitFailure failure);
  // `stored`, if given, is called after the flush that wrote the receipt: true once written,
  // or when the store refused it for good (sending it again would not help).
  void AddReceipt(storage::Receipt receipt, std::function<void(bool stored)> stored = {});
  // Items waiting to be written.
  std::size_t pending() const;
  // Accepted submits (AddSubmitted calls) not yet written: SMS that a crash now would make
  // dispatch send again.
  std::size_t unwritten_submits() const;

  // Writes everything waiting: RecordSubmitted, RecordSubmitFailures, RecordReceipts in one
  // transaction. If that fails with a passing error (kUnavailable, kTimeout, kThrottled), the
  // items go back to the front of the queue and the error is returned. If it fails otherwise,
  // each item is written on its own and the ones the store still refuses are logged and
  // dropped, so that one bad item cannot hold up every later result.
  Result<FlushSummary> Flush();

  // Blocks until something waits and `not_before` has passed (or kFullBatch items, or
  // `submits_target` unwritten submits, wait), or until Interrupt(). False when interrupted.
  bool WaitForBatch(std::chrono::steady_clock::time_point not_before,
                    std::size_t submits_target = kFullBatch);
  // Makes WaitForBatch return false until Resume().
  void Interrupt();
  void Resume();

 private:
  Result<void> Write(const ResultBatch& batch);
  FlushSummary WriteOneByOne(const ResultBatch& batch);
  void Requeue(ResultBatch batch, std::size_t submits);
  void Written(std::size_t submits);

  storage::Store& store_;
  const Clock& clock_;
  std::mutex flush_mu_;  // serializes Flush, so batches are written in order
  mutable std::mutex mu_;
  std::condition_variable changed_;
  ResultBatch waiting_;
  std::size_t waiting_submits_ = 0;
  std::size_t submits_target_ = kFullBatch;  // of the current WaitForBatch
  bool interrupted_ = false;
};

}  // namespace smsinfo::dispatch
