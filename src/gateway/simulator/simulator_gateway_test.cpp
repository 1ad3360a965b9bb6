#include "gateway/simulator/simulator_gateway.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace smsinfo::gateway::simulator {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// Records every event; lets a test wait (bounded, on a condition variable) for the worker.
class RecordingEvents final : public GatewayEvents {
 public:
  void OnSubmitResult(const std::string& gateway, SubmitResult result) override {
    std::lock_guard lock(mu_);
    EXPECT_EQ(gateway, "simulator");
    results_.push_back(std::move(result));
    changed_.notify_all();
  }
  void OnReceipt(const std::string&, DeliveryReceipt receipt) override {
    std::lock_guard lock(mu_);
    receipts_.push_back(std::move(receipt));
    changed_.notify_all();
  }
  void OnInbound(const std::string&, InboundPart part, std::function<void(bool)> stored) override {
    {
      std::lock_guard lock(mu_);
      inbound_.push_back(std::move(part));
    }
    stored(store_inbound_);
  }

  std::vector<SubmitResult> results() const {
    std::lock_guard lock(mu_);
    return results_;
  }
  std::vector<DeliveryReceipt> receipts() const {
    std::lock_guard lock(mu_);
    return receipts_;
  }
  std::vector<InboundPart> inbound() const {
    std::lock_guard lock(mu_);
    return inbound_;
  }
  bool WaitForReceipts(std::size_t n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return receipts_.size() >= n; });
  }
  bool WaitForResults(std::size_t n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return results_.size() >= n; });
  }
  void set_store_inbound(bool ok) { store_inbound_ = ok; }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<SubmitResult> results_;
  std::vector<DeliveryReceipt> receipts_;
  std::vector<InboundPart> inbound_;
  bool store_inbound_ = true;
};

SimulatorConfig ManualConfig() {
  SimulatorConfig config;
  config.run_worker = false;
  config.receipt_delay = milliseconds(200);
  return config;
}

OutboundSms Sms(std::int64_t delivery, std::string to, std::vector<std::string> parts) {
  OutboundSms sms;
  sms.delivery_id = DeliveryId(delivery);
  sms.to = std::move(to);
  for (const auto& part : parts) sms.text += part;
  sms.parts = std::move(parts);
  return sms;
}

TEST(SimulatorGateway, AnswersSubmitAtOnceAndSendsReceiptAfterTheDelay) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);
  gateway.Start(events);

  ASSERT_TRUE(gateway.Submit(Sms(7, "+420720001676", {"Voda nepotece"})));
  EXPECT_EQ(gateway.RunDue(), 1u);
  ASSERT_EQ(events.results().size(), 1u);
  EXPECT_EQ(events.results()[0].delivery_id, DeliveryId(7));
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kAccepted);
  ASSERT_EQ(events.results()[0].message_ids.size(), 1u);
  EXPECT_EQ(events.results()[0].message_ids[0], "sim-1");
  EXPECT_TRUE(gateway.Outbox().empty());

  clock.Advance(milliseconds(199));
  EXPECT_EQ(gateway.RunDue(), 0u);
  EXPECT_TRUE(events.receipts().empty());

  clock.Advance(milliseconds(1));
  EXPECT_EQ(gateway.RunDue(), 1u);
  ASSERT_EQ(events.receipts().size(), 1u);
  EXPECT_EQ(events.receipts()[0].message_id, "sim-1");
  EXPECT_EQ(events.receipts()[0].status, ReceiptStatus::kDelivered);
  const auto outbox = gateway.Outbox("+420720001676");
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].text, "Voda nepotece");
  EXPECT_EQ(outbox[0].parts, 1u);
  EXPECT_EQ(outbox[0].received_at, clock.Now());
}

TEST(SimulatorGateway, ReportsReceiptInTheSameRunWhenDelayIsZero) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.receipt_delay = Duration(0);
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  ASSERT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  EXPECT_EQ(gateway.RunDue(), 2u);
  EXPECT_EQ(events.receipts().size(), 1u);
  EXPECT_EQ(gateway.Pending(), 0u);
}

TEST(SimulatorGateway, GivesOneUniqueMessageIdAndReceiptPerPart) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.receipt_delay = Duration(0);
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  ASSERT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"one ", "two ", "three"})));
  ASSERT_TRUE(gateway.Submit(Sms(2, "+420720000002", {"x"})));
  gateway.RunDue();

  std::set<std::string> ids;
  for (const auto& result : events.results())
    ids.insert(result.message_ids.begin(), result.message_ids.end());
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(events.results()[0].message_ids.size(), 3u);
  EXPECT_EQ(events.receipts().size(), 4u);
  const auto outbox = gateway.Outbox("+420720000001");
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].text, "one two three");
  EXPECT_EQ(outbox[0].parts, 3u);
}

TEST(SimulatorGateway, FailingNumbersGetUndeliverableReceiptsAndNothingReachesThePhone) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.receipt_delay = Duration(0);
  config.failing_numbers = {"+420720000009"};
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  ASSERT_TRUE(gateway.Submit(Sms(1, "+420720000009", {"a", "b"})));
  gateway.RunDue();
  ASSERT_EQ(events.results().size(), 1u);
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kAccepted);
  ASSERT_EQ(events.receipts().size(), 2u);
  for (const auto& receipt : events.receipts()) {
    EXPECT_EQ(receipt.status, ReceiptStatus::kUndeliverable);
    EXPECT_FALSE(receipt.error.empty());
  }
  EXPECT_TRUE(gateway.Outbox().empty());

  gateway.SetFailingNumbers({});
  ASSERT_TRUE(gateway.Submit(Sms(2, "+420720000009", {"c"})));
  gateway.RunDue();
  EXPECT_EQ(gateway.Outbox().size(), 1u);
}

TEST(SimulatorGateway, RejectedNumbersGetAPermanentErrorWithoutMessageIds) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.rejected_numbers = {"+420720000008"};
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  ASSERT_TRUE(gateway.Submit(Sms(3, "+420720000008", {"a"})));
  gateway.RunDue();
  ASSERT_EQ(events.results().size(), 1u);
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kPermanentError);
  EXPECT_TRUE(events.results()[0].message_ids.empty());
  EXPECT_NE(events.results()[0].error.find("+420720000008"), std::string::npos);
  EXPECT_EQ(gateway.Pending(), 0u);
}

TEST(SimulatorGateway, ThrottledNumbersGetATemporaryErrorUntilCleared) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.throttled_numbers = {"+420720000007"};
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  ASSERT_TRUE(gateway.Submit(Sms(4, "+420720000007", {"a"})));
  gateway.RunDue();
  gateway.SetThrottledNumbers({});
  ASSERT_TRUE(gateway.Submit(Sms(4, "+420720000007", {"a"})));
  gateway.RunDue();
  ASSERT_EQ(events.results().size(), 2u);
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kTemporaryError);
  EXPECT_EQ(events.results()[1].status, SubmitStatus::kAccepted);
}

TEST(SimulatorGateway, ReceiptDelayChangeAppliesToLaterSubmits) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);  // 200 ms
  gateway.Start(events);
  gateway.SetReceiptDelay(Duration(0));
  ASSERT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  EXPECT_EQ(gateway.RunDue(), 2u);
  EXPECT_EQ(events.receipts().size(), 1u);
}

std::set<std::int64_t> FailedDeliveries(double ratio, std::uint64_t seed) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.receipt_delay = Duration(0);
  config.failure_ratio = ratio;
  config.seed = seed;
  config.run_worker = false;
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  for (int i = 1; i <= 1000; ++i) {
    EXPECT_TRUE(gateway.Submit(Sms(i, "+420720000001", {"a"})));
    gateway.RunDue();
  }
  std::set<std::int64_t> failed;
  const auto results = events.results();
  const auto receipts = events.receipts();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    if (receipts[i].status == ReceiptStatus::kUndeliverable)
      failed.insert(results[i].delivery_id.value);
  }
  return failed;
}

TEST(SimulatorGateway, FailureRatioFailsTheSameShareOfSmsOnEveryRun) {
  const auto first = FailedDeliveries(0.3, 42);
  const auto second = FailedDeliveries(0.3, 42);
  EXPECT_EQ(first, second);
  EXPECT_GT(first.size(), 240u);
  EXPECT_LT(first.size(), 360u);
  EXPECT_NE(FailedDeliveries(0.3, 43), first);
  EXPECT_TRUE(FailedDeliveries(0.0, 42).empty());
}

TEST(SimulatorGateway, RefusesSubmitsBeyondTheWindowUntilResultsAreReported) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.window = 2;
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  EXPECT_EQ(gateway.Capacity(), 2u);
  EXPECT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  EXPECT_TRUE(gateway.Submit(Sms(2, "+420720000002", {"a"})));
  EXPECT_FALSE(gateway.Submit(Sms(3, "+420720000003", {"a"})));
  EXPECT_EQ(gateway.Status().in_flight, 2);
  gateway.RunDue();
  EXPECT_EQ(gateway.Status().in_flight, 0);
  EXPECT_TRUE(gateway.Submit(Sms(3, "+420720000003", {"a"})));
}

TEST(SimulatorGateway, RefusesSubmitsWhenNotStartedOrDisconnected) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);
  EXPECT_FALSE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  EXPECT_FALSE(gateway.Status().connected);
  gateway.Start(events);
  EXPECT_TRUE(gateway.Status().connected);
  EXPECT_EQ(gateway.Status().type, "simulator");
  gateway.SetConnected(false);
  EXPECT_FALSE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  EXPECT_FALSE(gateway.Status().connected);
  EXPECT_FALSE(gateway.Status().last_error.empty());
  gateway.SetConnected(true);
  EXPECT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  gateway.Stop();
  EXPECT_EQ(events.results().size(), 1u);  // Stop reported the due result
  EXPECT_FALSE(gateway.Submit(Sms(2, "+420720000001", {"a"})));
}

TEST(SimulatorGateway, WorkerThreadReportsResultsAndReceipts) {
  SystemClock clock;
  SimulatorConfig config;
  config.receipt_delay = Duration(0);
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  for (int i = 1; i <= 100; ++i) ASSERT_TRUE(gateway.Submit(Sms(i, "+420720000001", {"a", "b"})));
  EXPECT_TRUE(events.WaitForReceipts(200));
  gateway.Stop();
  EXPECT_EQ(events.results().size(), 100u);
  EXPECT_EQ(gateway.Outbox().size(), 100u);
  EXPECT_EQ(gateway.RunDue(), 0u);
}

TEST(SimulatorGateway, StopKeepsReceiptsNotYetDueForTheNextStart) {
  FakeClock clock;
  SimulatorConfig config;
  config.receipt_delay = hours(1);
  RecordingEvents before;
  SimulatorGateway gateway(config, clock);
  gateway.Start(before);
  ASSERT_TRUE(gateway.Submit(Sms(1, "+420720000001", {"a"})));
  ASSERT_TRUE(before.WaitForResults(1));
  gateway.Stop();
  EXPECT_TRUE(before.receipts().empty());
  EXPECT_EQ(gateway.Pending(), 1u);

  RecordingEvents after;
  gateway.Start(after);
  clock.Advance(hours(1));  // the worker notices within its longest idle wait
  ASSERT_TRUE(after.WaitForReceipts(1));
  EXPECT_EQ(after.receipts()[0].message_id, before.results()[0].message_ids[0]);
  gateway.Stop();
}

TEST(SimulatorGateway, InjectSendsLongTextAsConcatenatedPartsWithIncreasingReferences) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);
  gateway.Start(events);
  const std::string text(200, 'a');  // GSM 7-bit: two parts of 153 and 47
  ASSERT_TRUE(gateway.Inject("+420720000001", "+420720001676", text));
  ASSERT_TRUE(gateway.Inject("+420720000001", "+420720001676", text, /*out_of_order=*/true));
  const auto parts = events.inbound();
  ASSERT_EQ(parts.size(), 4u);
  for (const auto& part : parts) {
    EXPECT_EQ(part.from, "+420720000001");
    EXPECT_EQ(part.to, "+420720001676");
    ASSERT_TRUE(part.concat.has_value());
    EXPECT_EQ(part.concat->total, 2);
  }
  EXPECT_EQ(parts[0].concat->seq, 1);
  EXPECT_EQ(parts[1].concat->seq, 2);
  EXPECT_EQ(parts[0].text + parts[1].text, text);
  EXPECT_EQ(parts[0].concat->ref, parts[1].concat->ref);
  EXPECT_EQ(parts[2].concat->seq, 2);
  EXPECT_EQ(parts[3].concat->seq, 1);
  EXPECT_GT(parts[2].concat->ref, parts[0].concat->ref);
}

TEST(SimulatorGateway, InjectSendsShortTextAsOnePartWithoutConcatenation) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);
  EXPECT_FALSE(gateway.Inject("+420720000001", "+420720001676", "*P"));  // not started
  gateway.Start(events);
  ASSERT_TRUE(gateway.Inject("+420720000001", "+420720001676", "*P Novak,Jan,Hlavni 50"));
  ASSERT_EQ(events.inbound().size(), 1u);
  EXPECT_FALSE(events.inbound()[0].concat.has_value());
  EXPECT_EQ(events.inbound()[0].text, "*P Novak,Jan,Hlavni 50");
  EXPECT_EQ(events.inbound()[0].received_at, clock.Now());
}

TEST(SimulatorGateway, InjectReturnsFalseWhenAPartIsNotStored) {
  FakeClock clock;
  RecordingEvents events;
  SimulatorGateway gateway(ManualConfig(), clock);
  events.set_store_inbound(false);
  gateway.Start(events);
  EXPECT_FALSE(gateway.Inject("+420720000001", "+420720001676", "Dobry den"));
}

TEST(SimulatorGateway, OutboxKeepsOnlyTheNewestSms) {
  FakeClock clock;
  SimulatorConfig config = ManualConfig();
  config.receipt_delay = Duration(0);
  config.outbox_limit = 2;
  RecordingEvents events;
  SimulatorGateway gateway(config, clock);
  gateway.Start(events);
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(gateway.Submit(Sms(i, "+42072000000" + std::to_string(i), {std::to_string(i)})));
  }
  gateway.RunDue();
  const auto outbox = gateway.Outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].text, "2");
  EXPECT_EQ(outbox[1].text, "3");
  EXPECT_TRUE(gateway.Outbox("+420720000001").empty());
}

}  // namespace
}  // namespace smsinfo::gateway::simulator
