// Dispatch: takes due deliveries from the store, hands them to a gateway, and writes back what
// the gateway reports. A claimer thread claims (never more than the gateway can take), segments
// through a message cache and submits; a writer thread writes results and receipts in batches
// (group commit). See docs/dispatch.md for the loop and the crash promise.
// Thread safety: Start/Stop/Wake and the GatewayEvents methods may be called from any thread;
// RunOnce and Flush are for tests and benchmarks and must not run while started.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "dispatch/message_cache.hpp"
#include "dispatch/result_batcher.hpp"
#include "dispatch/retry_policy.hpp"
#include "gateway/gateway.hpp"
#include "storage/store.hpp"

namespace smsinfo::dispatch {

struct DispatchConfig {
  // Deliveries claimed per round (never more than the gateway's free capacity).
  std::size_t batch = 1000;
  // When nothing is due, look again after this (or at once when woken).
  Duration idle_poll = std::chrono::milliseconds(200);
  // Group commit: results and receipts are written at least this often, in batches.
  Duration flush_interval = std::chrono::milliseconds(20);
  // Temporary failures back off exponentially from retry_base, with jitter, up to retry_max.
  Duration retry_base = std::chrono::seconds(30);
  Duration retry_max = std::chrono::minutes(15);
  // A delivery the gateway refused (window full, not connected) is tried again after this.
  Duration refused_retry = std::chrono::seconds(1);
  // Claiming pauses while this many results wait for the writer.
  std::size_t max_unwritten = 50000;
  // Stop() waits this long (real time) for submit results of SMS still in flight.
  std::chrono::milliseconds stop_timeout = std::chrono::seconds(10);
  // Messages whose segmented text is kept in memory.
  std::size_t message_cache = 256;
};

class Dispatcher final : public gateway::GatewayEvents {
 public:
  using InboundHandler = std::function<void(const std::string& gateway, gateway::InboundPart part,
                                            std::function<void(bool stored)> stored)>;
  using FlushListener = std::function<void(const FlushSummary&)>;

  // `store`, `clock` and `gateway` must outlive the dispatcher. The owner starts the gateway
  // with this dispatcher as its GatewayEvents, and stops it after Stop().
  Dispatcher(storage::Store& store, const Clock& clock, gateway::Gateway& gateway,
             DispatchConfig config);
  ~Dispatcher() override;
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Puts deliveries a crash left in `sending` back to `queued` (DeliveryStore::RequeueInFlight;
  // if the store fails, the claimer tries again before its first claim), then starts the claimer
  // and the writer threads. Does nothing if already started.
  void Start();
  // Stops claiming, waits (up to stop_timeout) for submit results of what is in flight, writes
  // everything waiting and joins. Results or receipts reported later wait for Flush().
  void Stop();
  // Something new may be due: the claimer looks now instead of after idle_poll.
  void Wake();
  // An organization's settings changed (e.g. quiet hours): the next claim re-reads them
  // instead of waiting for the next clock minute.
  void OrganizationsChanged();

  // Called with every inbound part the gateway reports; dispatch does not handle inbound SMS.
  // Without a handler, parts are answered stored=false (the network sends them again).
  void SetInboundHandler(InboundHandler handler);
  // Called on the writer's thread after every flush that wrote something (live progress).
  void SetFlushListener(FlushListener listener);

  // GatewayEvents.
  void OnSubmitResult(const std::string& gateway, gateway::SubmitResult result) override;
  void OnReceipt(const std::string& gateway, gateway::DeliveryReceipt receipt) override;
  // Calls `stored(true)` after the flush that wrote the receipt (or found the store refusing
  // it for good); never, if dispatch stops before it could be written: the network then
  // sends the receipt again.
  void OnReceipt(const std::string& gateway, gateway::DeliveryReceipt receipt,
                 std::function<void(bool stored)> stored) override;
  void OnInbound(const std::string& gateway, gateway::InboundPart part,
                 std::function<void(bool stored)> stored) override;

  struct Stats {
    std::int64_t claimed = 0;    // deliveries claimed from the store
    std::int64_t submitted = 0;  // deliveries the gateway accepted
    std::int64_t failed = 0;     // not submitted: refused, answered with an error, unreadable
    std::int64_t receipts = 0;   // receipts received
    std::int64_t in_flight = 0;  // submitted, no result yet
    // receipts by what they report
    std::int64_t receipts_delivered = 0;
    std::int64_t receipts_undeliverable = 0;
    std::int64_t receipts_expired = 0;
    std::int64_t receipts_failed = 0;
    std::int64_t submit_temporary_errors = 0;  // submit results: try again later
    std::int64_t submit_permanent_errors = 0;  // submit results: the delivery fails
  };
  Stats stats() const;

  // One claim-and-submit round on the calling thread; returns how many deliveries it claimed.
  Result<std::size_t> RunOnce();
  // Writes everything waiting on the calling thread.
  Result<void> Flush();

 private:
  // One claim-and-submit round. `*limit` receives how many it asked the store for.
  Result<std::size_t> ClaimRound(std::size_t* limit);
  // How many deliveries the next round may claim (gateway capacity, writer backlog, batch).
  std::size_t ClaimLimit();
  // Whether a claimer waiting for capacity has enough again; if so marks it woken. Needs mu_.
  bool WakeForCapacityLocked();
  Result<void> RefreshQuietOrgs(TimePoint now);
  std::uint16_t NextConcatRef();
  double NextJitter();
  Result<FlushSummary> FlushAndNotify();
  void ClaimerLoop();
  void WriterLoop();
  // How long the claimer sleeps after a round that found nothing more to do.
  Duration IdleWait();

  storage::Store& store_;
  const Clock& clock_;
  gateway::Gateway& gateway_;
  const DispatchConfig config_;
  const RetryPolicy retry_;
  MessageCache messages_;
  ResultBatcher batcher_;

  std::mutex lifecycle_mu_;  // serializes Start and Stop
  std::mutex round_mu_;      // one claim round at a time; guards the quiet-org cache
  std::vector<OrgId> quiet_orgs_;
  std::int64_t quiet_orgs_minute_ = -1;  // clock minute of the last refresh
  std::atomic<bool> organizations_changed_{false};
  bool requeue_pending_ = false;  // RequeueInFlight failed at Start

  mutable std::mutex mu_;  // guards what follows
  std::condition_variable claimer_wake_;
  std::condition_variable results_arrived_;
  std::unordered_map<DeliveryId, int> in_flight_;  // submitted, no result; value: attempts
  bool running_ = false;
  bool stopping_ = false;
  bool woken_ = false;
  bool waiting_for_capacity_ = false;  // the claimer waits for submit results
  bool waiting_for_writer_ = false;    // the claimer waits for the writer's backlog to shrink
  std::size_t capacity_ = 0;           // the gateway's Capacity() at the last claim
  std::thread claimer_;
  std::thread writer_;
  InboundHandler inbound_handler_;
  FlushListener flush_listener_;
  std::mt19937_64 jitter_rng_;
  Stats stats_;

  std::atomic<std::uint16_t> next_concat_ref_;
};

}  // namespace smsinfo::dispatch
