// Dispatch throughput: 100,000 single-part deliveries of one message through the simulator
// (receipts at once) on a temporary SQLite file, every state change persisted. Measured from the
// first claim until every delivery is `delivered`. Prints the rate, peak RSS, and how long each
// DeliveryStore call took, so that a slow store call is visible.
// Usage: dispatch_bench [deliveries] [sync]   (default 100000; "sync" runs claim, gateway and
// flush one after another on one thread, which shows each store call's cost without contention)
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "dispatch/dispatcher.hpp"
#include "gateway/simulator/simulator_gateway.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo {
namespace {

using Steady = std::chrono::steady_clock;

// Time spent in one kind of store call.
struct CallTimes {
  const char* name;
  std::atomic<std::int64_t> calls{0};
  std::atomic<std::int64_t> items{0};
  std::atomic<std::int64_t> nanos{0};
  std::atomic<std::int64_t> max_nanos{0};
};

class Timed {
 public:
  Timed(CallTimes& times, std::size_t items) : times_(times), start_(Steady::now()) {
    times_.items += static_cast<std::int64_t>(items);
  }
  ~Timed() {
    const std::int64_t ns = (Steady::now() - start_).count();
    times_.calls += 1;
    times_.nanos += ns;
    std::int64_t seen = times_.max_nanos.load();
    while (ns > seen && !times_.max_nanos.compare_exchange_weak(seen, ns)) {
    }
  }

 private:
  CallTimes& times_;
  Steady::time_point start_;
};

// DeliveryStore that times every call of the one it wraps.
class TimingDeliveryStore final : public storage::DeliveryStore {
 public:
  explicit TimingDeliveryStore(storage::DeliveryStore& inner) : inner_(inner) {}
  Result<std::vector<storage::ClaimedDelivery>> ClaimDue(TimePoint now,
                                                         std::span<const OrgId> quiet_orgs,
                                                         std::size_t limit) override {
    Timed timed(claim_, 0);
    auto claimed = inner_.ClaimDue(now, quiet_orgs, limit);
    if (claimed.ok()) claim_.items += static_cast<std::int64_t>(claimed->size());
    return claimed;
  }
  Result<void> RecordSubmitted(std::span<const storage::SubmittedPart> parts,
                               TimePoint now) override {
    Timed timed(submitted_, parts.size());
    return inner_.RecordSubmitted(parts, now);
  }
  Result<void> RecordSubmitFailures(std::span<const storage::SubmitFailure> failures,
                                    TimePoint now) override {
    Timed timed(failures_, failures.size());
    return inner_.RecordSubmitFailures(failures, now);
  }
  Result<void> RecordReceipts(std::span<const storage::Receipt> receipts, TimePoint now) override {
    Timed timed(receipts_, receipts.size());
    return inner_.RecordReceipts(receipts, now);
  }
  Result<std::int64_t> PruneUnmatchedReceipts(TimePoint before) override {
    return inner_.PruneUnmatchedReceipts(before);
  }
  Result<std::int64_t> RequeueInFlight(TimePoint now) override {
    Timed timed(requeue_, 0);
    return inner_.RequeueInFlight(now);
  }
  Result<std::optional<TimePoint>> NextDueAt() override {
    Timed timed(next_due_, 0);
    return inner_.NextDueAt();
  }

  std::vector<CallTimes*> times() {
    return {&claim_, &submitted_, &failures_, &receipts_, &requeue_, &next_due_};
  }
  CallTimes transaction_{"InTransaction (flush)"};

 private:
  storage::DeliveryStore& inner_;
  CallTimes claim_{"ClaimDue"};
  CallTimes submitted_{"RecordSubmitted"};
  CallTimes failures_{"RecordSubmitFailures"};
  CallTimes receipts_{"RecordReceipts"};
  CallTimes requeue_{"RequeueInFlight"};
  CallTimes next_due_{"NextDueAt"};
};

class TimingStore final : public storage::Store {
 public:
  explicit TimingStore(storage::Store& inner) : inner_(inner), deliveries_(inner.deliveries()) {}
  storage::OrganizationStore& organizations() override { return inner_.organizations(); }
  storage::UserStore& users() override { return inner_.users(); }
  storage::ContactStore& contacts() override { return inner_.contacts(); }
  storage::GroupStore& groups() override { return inner_.groups(); }
  storage::ResidentStore& residents() override { return inner_.residents(); }
  storage::RegistrationStore& registrations() override { return inner_.registrations(); }
  storage::MessageStore& messages() override { return inner_.messages(); }
  storage::DeliveryStore& deliveries() override { return deliveries_; }
  storage::InboundStore& inbound() override { return inner_.inbound(); }
  storage::AuditStore& audit() override { return inner_.audit(); }
  storage::PrivacyStore& privacy() override { return inner_.privacy(); }
  Result<void> InTransaction(const std::function<Result<void>()>& work) override {
    Timed timed(deliveries_.transaction_, 0);
    return inner_.InTransaction(work);
  }
  TimingDeliveryStore& timed_deliveries() { return deliveries_; }

 private:
  storage::Store& inner_;
  TimingDeliveryStore deliveries_;
};

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void RemoveDb(const std::string& path) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

int Run(int deliveries, bool sync) {
  const std::string path = "/tmp/smsinfo_dispatch_bench_" + std::to_string(::getpid()) + ".db";
  RemoveDb(path);
  auto opened = storage::sqlite::OpenSqliteStore(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "opening %s failed: %s\n", path.c_str(), opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<storage::Store> sqlite = std::move(*opened);
  TimingStore store(*sqlite);
  SystemClock clock;

  domain::Organization org;
  org.name = "Bench";
  org.central_number = "+420700000001";
  org.quiet_start_minute = org.quiet_end_minute = 0;  // no quiet hours
  auto created_org = store.organizations().Create(org);
  if (!created_org.ok()) {
    std::fprintf(stderr, "%s\n", created_org.error().message.c_str());
    return 1;
  }

  domain::Message message;
  message.org_id = created_org->id;
  message.body = message.text = "SMS Info OU: Odstavka vody v patek 8:00-12:00. Vas OU";
  message.send_at = clock.Now();
  message.expires_at = message.send_at + std::chrono::hours(24);
  message.created_at = message.send_at;
  storage::RecipientSelection to;
  for (int i = 0; i < deliveries; ++i) {
    std::string digits = std::to_string(i);
    to.phones.push_back("+420720" + std::string(6 - digits.size(), '0') + digits);
  }
  const auto create_start = Steady::now();
  auto created = store.messages().Create(message, to);
  if (!created.ok()) {
    std::fprintf(stderr, "creating the message failed: %s\n", created.error().message.c_str());
    return 1;
  }
  const double create_seconds = std::chrono::duration<double>(Steady::now() - create_start).count();

  gateway::simulator::SimulatorConfig sim_config;
  sim_config.receipt_delay = Duration(0);
  sim_config.outbox_limit = 1000;
  sim_config.run_worker = !sync;
  gateway::simulator::SimulatorGateway gateway(sim_config, clock);
  dispatch::DispatchConfig config;
  dispatch::Dispatcher dispatcher(store, clock, gateway, config);

  std::mutex mu;
  std::condition_variable progressed;
  std::int64_t receipts_written = 0;
  std::int64_t flushes = 0;
  dispatcher.SetFlushListener([&](const dispatch::FlushSummary& summary) {
    {
      std::lock_guard lock(mu);
      receipts_written += static_cast<std::int64_t>(summary.receipts);
      ++flushes;
    }
    progressed.notify_all();
  });

  gateway.Start(dispatcher);
  const auto start = Steady::now();
  if (sync) {
    while (true) {
      auto claimed = dispatcher.RunOnce();
      const std::size_t events = gateway.RunDue();
      auto flushed = dispatcher.Flush();
      if (!claimed.ok() || !flushed.ok()) {
        std::fprintf(stderr, "store error\n");
        break;
      }
      if (*claimed == 0 && events == 0) break;
    }
  } else {
    dispatcher.Start();
    std::unique_lock lock(mu);
    if (!progressed.wait_for(lock, std::chrono::minutes(10),
                             [&] { return receipts_written >= deliveries; })) {
      std::fprintf(stderr, "timed out with %lld receipts written\n",
                   static_cast<long long>(receipts_written));
    }
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  if (!sync) dispatcher.Stop();
  gateway.Stop();

  auto final_message = store.messages().Get(created_org->id, created->id);
  const std::int64_t delivered =
      final_message.ok() ? final_message->counts[domain::DeliveryState::kDelivered] : -1;

  std::printf("mode: %s\n\n", sync ? "sync (one thread, no overlap)" : "threads");
  std::printf("| deliveries | delivered | seconds | rate/s | peak RSS MiB | flushes |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  std::printf("| %d | %lld | %.2f | %.0f | %.1f | %lld |\n", deliveries,
              static_cast<long long>(delivered), seconds, static_cast<double>(delivered) / seconds,
              static_cast<double>(PeakRssKb()) / 1024.0, static_cast<long long>(flushes));
  std::printf("\n(creating the message with %d deliveries took %.2f s, not counted)\n\n",
              deliveries, create_seconds);
  std::printf("| store call | calls | items | total s | mean ms | max ms | us/item |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  auto row = [&](CallTimes& t) {
    if (t.calls == 0) return;
    const double total = static_cast<double>(t.nanos) / 1e9;
    std::printf("| %s | %lld | %lld | %.2f | %.2f | %.2f | %.1f |\n", t.name,
                static_cast<long long>(t.calls.load()), static_cast<long long>(t.items.load()),
                total, total * 1e3 / static_cast<double>(t.calls),
                static_cast<double>(t.max_nanos) / 1e6,
                t.items > 0 ? total * 1e6 / static_cast<double>(t.items) : 0.0);
  };
  for (CallTimes* t : store.timed_deliveries().times()) row(*t);
  row(store.timed_deliveries().transaction_);
  RemoveDb(path);
  return delivered == deliveries ? 0 : 1;
}

}  // namespace
}  // namespace smsinfo

int main(int argc, char** argv) {
  const int deliveries = argc > 1 ? std::atoi(argv[1]) : 100000;
  const bool sync = argc > 2 && std::string(argv[2]) == "sync";
  return smsinfo::Run(deliveries, sync);
}
