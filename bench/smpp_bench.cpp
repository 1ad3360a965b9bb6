// SMPP gateway throughput on loopback against the in-process simulated SMSC (fake_smsc.hpp,
// behaviour "accepts all", nothing recorded): a message to N recipients through Dispatcher and a
// temporary SQLite file, every state change persisted, window 100 on one bind: once without
// receipts (until every submit_sm_resp is written), once with a DELIVRD receipt per SMS (until
// every receipt is written). Then the latency of one SMS on an idle gateway, and the throughput
// cap's accuracy: 100/s for `cap_seconds`, counting submit_sm at the SMSC by the kernel's
// receive timestamps (mean rate, most in any sliding 1-s window and in any whole second).
// Usage: smpp_bench [deliveries] [cap_seconds]   (default 100000 and 60: a full minute)
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "bench_table.hpp"
#include "dispatch/dispatcher.hpp"
#include "gateway/smpp/fake_smsc.hpp"
#include "gateway/smpp/smpp_gateway.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo {
namespace {

using Steady = std::chrono::steady_clock;
using gateway::smpp::FakeSmsc;
using gateway::smpp::FakeSmscOptions;
using gateway::smpp::SmppConfig;
using gateway::smpp::SmppGateway;

void RemoveDb(const std::string& path) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

SmppConfig ConfigFor(const FakeSmsc& smsc) {
  SmppConfig config;
  config.name = "bench";
  config.port = smsc.port();
  config.system_id = "bench";
  config.password = "bench";
  config.window = 100;
  config.reconnect_min = std::chrono::milliseconds(10);
  return config;
}

std::string LoadAverage() {
  std::FILE* f = std::fopen("/proc/loadavg", "r");
  char line[128] = "?\n";
  if (f != nullptr) {
    if (std::fgets(line, sizeof line, f) == nullptr) line[0] = 0;
    std::fclose(f);
  }
  return line;
}

bool WaitBound(SmppGateway& gateway) {
  const auto deadline = Steady::now() + std::chrono::seconds(10);
  while (Steady::now() < deadline) {
    if (gateway.Status().connected) return true;
    usleep(1000);
  }
  return false;
}

// One message to `deliveries` recipients through dispatch; returns the seconds from
// Dispatcher::Start until every submit result (and, with receipts, every receipt) is written.
double RunDispatch(int deliveries, bool receipts, std::int64_t* done_count) {
  const std::string path = "/tmp/smsinfo_smpp_bench_" + std::to_string(::getpid()) + ".db";
  RemoveDb(path);
  auto opened = storage::sqlite::OpenSqliteStore(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "opening %s failed: %s\n", path.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  std::unique_ptr<storage::Store> store = std::move(*opened);
  SystemClock clock;
  domain::Organization org;
  org.name = "Bench";
  org.central_number = "+420700000001";
  org.quiet_start_minute = org.quiet_end_minute = 0;
  auto created_org = store->organizations().Create(org);
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
  if (!store->messages().Create(message, to).ok()) std::exit(1);

  FakeSmscOptions options;
  options.record_submits = false;
  options.send_receipts = receipts;
  FakeSmsc smsc(options);
  SmppGateway gateway(ConfigFor(smsc), clock);
  dispatch::DispatchConfig config;
  dispatch::Dispatcher dispatcher(*store, clock, gateway, config);
  std::mutex mu;
  std::condition_variable progressed;
  std::int64_t written = 0;
  dispatcher.SetFlushListener([&](const dispatch::FlushSummary& summary) {
    {
      std::lock_guard lock(mu);
      written += static_cast<std::int64_t>(receipts ? summary.receipts : summary.submitted_parts);
    }
    progressed.notify_all();
  });
  gateway.Start(dispatcher);
  if (!WaitBound(gateway)) std::exit(1);
  const auto start = Steady::now();
  dispatcher.Start();
  {
    std::unique_lock lock(mu);
    progressed.wait_for(lock, std::chrono::minutes(5), [&] { return written >= deliveries; });
    *done_count = written;
  }
  const double seconds = bench::SecondsSince(start);
  dispatcher.Stop();
  gateway.Stop();
  RemoveDb(path);
  return seconds;
}

class CountingEvents final : public gateway::GatewayEvents {
 public:
  void OnSubmitResult(const std::string&, gateway::SubmitResult) override {
    std::lock_guard lock(mu);
    ++results;
    changed.notify_all();
  }
  void OnReceipt(const std::string&, gateway::DeliveryReceipt) override {}
  void OnInbound(const std::string&, gateway::InboundPart,
                 std::function<void(bool)> stored) override {
    stored(false);
  }
  std::mutex mu;
  std::condition_variable changed;
  std::int64_t results = 0;
};

gateway::OutboundSms OneSms(std::int64_t i) {
  gateway::OutboundSms sms;
  sms.delivery_id = DeliveryId{i};
  sms.to = "+420720000001";
  sms.text = "Test";
  sms.parts = {"Test"};
  return sms;
}

int Run(int deliveries, int cap_seconds) {
  std::vector<bench::Row> rows;
  std::int64_t done = 0;
  double s = RunDispatch(deliveries, false, &done);
  rows.push_back({"submit_sm, window 100, states persisted", done, s, ">= 40,000/s"});
  s = RunDispatch(deliveries, true, &done);
  rows.push_back({"submit_sm + DELIVRD receipt, all persisted", done, s, ">= 15,000/s"});

  // Latency of one SMS on an idle, bound gateway: Submit() to its result (which follows the
  // submit_sm_resp), median of 200.
  {
    FakeSmscOptions options;
    options.record_submits = false;
    FakeSmsc smsc(options);
    SystemClock clock;
    SmppGateway gateway(ConfigFor(smsc), clock);
    CountingEvents events;
    gateway.Start(events);
    if (!WaitBound(gateway)) return 1;
    std::vector<double> micros;
    for (int i = 1; i <= 200; ++i) {
      const auto start = Steady::now();
      gateway.Submit(OneSms(i));
      std::unique_lock lock(events.mu);
      events.changed.wait(lock, [&] { return events.results >= i; });
      micros.push_back(std::chrono::duration<double, std::micro>(Steady::now() - start).count());
    }
    std::sort(micros.begin(), micros.end());
    std::printf("idle gateway: Submit() to submit_sm_resp result: median %.0f us, max %.0f us\n",
                micros[micros.size() / 2], micros.back());
    gateway.Stop();
  }

  // Throughput cap 100/s for cap_seconds, 3 binds, far more SMS queued than the cap allows.
  // Counted at the SMSC with the kernel's receive timestamp of each submit_sm (SO_TIMESTAMPNS,
  // FakeSmscOptions::kernel_timestamps), and, for comparison, with the time the SMSC's thread
  // read it (what this bench counted before).
  {
    FakeSmscOptions options;
    options.record_submits = false;
    options.record_submit_times = true;
    options.kernel_timestamps = true;
    options.realtime_thread = true;
    FakeSmsc smsc(options);
    if (!smsc.realtime_thread()) {
      std::printf("note: the fake SMSC's thread could not get SCHED_FIFO (no CAP_SYS_NICE)\n");
    }
    SmppConfig config = ConfigFor(smsc);
    config.binds = 3;
    config.throughput = 100;
    SystemClock clock;
    SmppGateway gateway(config, clock);
    CountingEvents events;
    gateway.Start(events);
    if (!WaitBound(gateway)) return 1;
    const auto start = Steady::now();
    const auto end = start + std::chrono::seconds(cap_seconds);
    std::int64_t next = 1;
    while (Steady::now() < end) {
      while (gateway.Submit(OneSms(next))) ++next;  // keep the queue full
      usleep(2000);
    }
    gateway.Stop();
    const auto arrived = smsc.SubmitTimes();
    const auto read = smsc.SubmitReadTimes();
    // Only the submit_sm that arrived within [start, end).
    std::vector<Steady::time_point> times;
    std::vector<Steady::time_point> read_times;
    Steady::duration max_lag{};
    int late_reads = 0;  // read 5 ms or more after arriving
    for (std::size_t i = 0; i < arrived.size() && i < read.size(); ++i) {
      if (arrived[i] < start || arrived[i] >= end) continue;
      times.push_back(arrived[i]);
      read_times.push_back(read[i]);
      max_lag = std::max(max_lag, read[i] - arrived[i]);
      if (read[i] - arrived[i] >= std::chrono::milliseconds(5)) ++late_reads;
    }
    if (std::getenv("SMPP_BENCH_TRACE") != nullptr) {
      for (std::size_t i = 0; i < times.size(); ++i) {
        std::printf("%.5f %.5f\n", std::chrono::duration<double>(times[i] - start).count(),
                    std::chrono::duration<double>(read_times[i] - start).count());
      }
    }
    // Arrival times per connection are in order, across the binds not quite: sort.
    std::sort(times.begin(), times.end());
    std::sort(read_times.begin(), read_times.end());
    const auto max_in_sliding_second = [](const std::vector<Steady::time_point>& sorted) {
      std::size_t most = 0;
      for (std::size_t i = 0, j = 0; i < sorted.size(); ++i) {
        while (j < sorted.size() && sorted[j] - sorted[i] < std::chrono::seconds(1)) ++j;
        most = std::max(most, j - i);
      }
      return most;
    };
    const std::size_t max_in_window = max_in_sliding_second(times);
    const std::size_t max_in_window_read = max_in_sliding_second(read_times);
    const double rate = static_cast<double>(times.size()) / cap_seconds;
    // Per whole second since the start, too.
    std::vector<int> per_second(static_cast<std::size_t>(cap_seconds), 0);
    for (auto t : times) {
      const auto sec = std::chrono::duration_cast<std::chrono::seconds>(t - start).count();
      if (sec >= 0 && sec < cap_seconds) ++per_second[static_cast<std::size_t>(sec)];
    }
    const auto [min_second, max_second] = std::minmax_element(per_second.begin(), per_second.end());
    rows.push_back({"throughput cap 100/s, 3 binds, " + std::to_string(cap_seconds) + " s",
                    static_cast<long long>(times.size()), static_cast<double>(cap_seconds),
                    "100/s within 2%"});
    rows.push_back({"  most in any sliding 1-s window (kernel)",
                    static_cast<long long>(max_in_window), 1.0, "<= 100"});
    rows.push_back({"  most in any whole second (kernel)", static_cast<long long>(*max_second), 1.0,
                    "<= 100"});
    rows.push_back({"  most in a sliding 1-s window, read times",
                    static_cast<long long>(max_in_window_read), 1.0, "(for comparison)"});
    std::printf(
        "throughput cap: %zu submit_sm in %d s = %.2f/s (%+.2f%% against 100/s), counted by "
        "the kernel's receive timestamps at the SMSC\n",
        times.size(), cap_seconds, rate, rate - 100.0);
    std::printf(
        "throughput cap: most in any sliding 1-s window %zu (by the SMSC thread's read times: "
        "%zu); per whole second min %d, max %d; the SMSC read a submit_sm at most %.1f ms "
        "after it arrived (%d read 5 ms or more after)\n",
        max_in_window, max_in_window_read, *min_second, *max_second,
        std::chrono::duration<double, std::milli>(max_lag).count(), late_reads);
    std::printf("load average at the end: %s", LoadAverage().c_str());
  }
  bench::PrintTable("SMPP gateway on loopback, in-process simulated SMSC", rows);
  return 0;
}

}  // namespace
}  // namespace smsinfo

int main(int argc, char** argv) {
  const int deliveries = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int cap_seconds = argc > 2 ? std::atoi(argv[2]) : 60;
  return smsinfo::Run(deliveries, cap_seconds);
}
