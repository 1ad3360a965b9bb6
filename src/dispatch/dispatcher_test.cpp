#include "dispatch/dispatcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "gateway/routing/routing_gateway.hpp"
#include "gateway/simulator/simulator_gateway.hpp"
#include "sms_text/segment.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::dispatch {
namespace {

using domain::DeliveryState;
using gateway::simulator::SimulatorConfig;
using gateway::simulator::SimulatorGateway;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TimePoint At(const std::string& iso) {
  TimePoint t;
  EXPECT_TRUE(ParseIso8601(iso, &t)) << iso;
  return t;
}

std::vector<std::string> Phones(int count, int first = 1) {
  std::vector<std::string> phones;
  for (int i = first; i < first + count; ++i) {
    std::string digits = std::to_string(i);
    phones.push_back("+420720" + std::string(6 - digits.size(), '0') + digits);
  }
  return phones;
}

// Passes gateway events to a dispatcher, holding receipts back while told to.
class HoldingEvents final : public gateway::GatewayEvents {
 public:
  explicit HoldingEvents(Dispatcher& dispatcher) : dispatcher_(dispatcher) {}
  void OnSubmitResult(const std::string& gateway, gateway::SubmitResult result) override {
    dispatcher_.OnSubmitResult(gateway, std::move(result));
  }
  void OnReceipt(const std::string& gateway, gateway::DeliveryReceipt receipt) override {
    if (hold_) {
      held_.push_back(std::move(receipt));
      return;
    }
    dispatcher_.OnReceipt(gateway, std::move(receipt));
  }
  void OnInbound(const std::string& gateway, gateway::InboundPart part,
                 std::function<void(bool)> stored) override {
    dispatcher_.OnInbound(gateway, std::move(part), std::move(stored));
  }
  std::vector<gateway::DeliveryReceipt>& held() { return held_; }

 private:
  Dispatcher& dispatcher_;
  bool hold_ = true;
  std::vector<gateway::DeliveryReceipt> held_;
};

// Lets a test wait, without sleeping, until a condition on the store holds: re-checked after
// every flush of the dispatcher's writer (and every 20 ms, to step a fake clock if asked).
class FlushWaiter {
 public:
  void Attach(Dispatcher& dispatcher) {
    dispatcher.SetFlushListener([this](const FlushSummary&) {
      {
        std::lock_guard lock(mu_);
        ++flushes_;
      }
      flushed_.notify_all();
    });
  }
  bool WaitUntil(const std::function<bool()>& done, const std::function<void()>& on_tick = {}) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(30);
    std::unique_lock lock(mu_);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      flushed_.wait_for(lock, milliseconds(20));
      if (on_tick) on_tick();
    }
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable flushed_;
  std::int64_t flushes_ = 0;
};

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    domain::Organization org;
    org.name = "Vestec";
    org.central_number = "+420700000001";
    org.quiet_start_minute = 21 * 60;
    org.quiet_end_minute = 7 * 60;
    auto created = store_->organizations().Create(org);
    ASSERT_TRUE(created.ok()) << created.error().message;
    org_ = created->id;
    // 10:00 in Prague: outside quiet hours.
    clock_.Set(At("2027-01-15T09:00:00Z"));
  }

  // A simulator without a worker (RunDue drives it), receipts at once unless told otherwise.
  void MakeGateway(SimulatorConfig config = ManualSimulator()) {
    gateway_ = std::make_unique<SimulatorGateway>(std::move(config), clock_);
  }
  static SimulatorConfig ManualSimulator() {
    SimulatorConfig config;
    config.run_worker = false;
    config.receipt_delay = Duration(0);
    return config;
  }
  static DispatchConfig FastDispatch() {
    DispatchConfig config;
    config.idle_poll = milliseconds(10);
    config.flush_interval = milliseconds(5);
    return config;
  }
  std::unique_ptr<Dispatcher> MakeDispatcher(DispatchConfig config = FastDispatch()) {
    return std::make_unique<Dispatcher>(*store_, clock_, *gateway_, config);
  }

  MessageId Send(const std::vector<std::string>& phones, const std::string& text,
                 std::optional<TimePoint> send_at = std::nullopt,
                 int priority = domain::kPriorityNormal) {
    domain::Message message;
    message.org_id = org_;
    message.body = text;
    message.text = text;
    message.segments = sms_text::Analyze(text).segments;
    message.priority = priority;
    message.urgent = priority >= domain::kPriorityUrgent;
    message.send_at = send_at.value_or(clock_.Now());
    message.expires_at = message.send_at + hours(24 * 30);
    message.created_at = clock_.Now();
    storage::RecipientSelection to;
    to.phones = phones;
    auto created = store_->messages().Create(message, to);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->id : MessageId();
  }

  // Claims, submits, reports and writes until nothing more happens at the current time.
  void Pump(Dispatcher& dispatcher) {
    for (int round = 0; round < 1000; ++round) {
      auto claimed = dispatcher.RunOnce();
      ASSERT_TRUE(claimed.ok()) << claimed.error().message;
      const std::size_t events = gateway_->RunDue();
      ASSERT_TRUE(dispatcher.Flush().ok());
      if (*claimed == 0 && events == 0) return;
    }
    FAIL() << "dispatch did not settle";
  }

  std::map<DeliveryState, std::int64_t> Counts(MessageId id) {
    auto message = store_->messages().Get(org_, id);
    EXPECT_TRUE(message.ok());
    return message.ok() ? message->counts : std::map<DeliveryState, std::int64_t>{};
  }
  std::int64_t Count(MessageId id, DeliveryState state) { return Counts(id)[state]; }

  std::vector<domain::Delivery> Deliveries(MessageId id) {
    auto page = store_->messages().ListDeliveries(org_, id, {}, storage::Page{1000, 0});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<domain::Delivery>{};
  }

  FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  OrgId org_;
  std::unique_ptr<SimulatorGateway> gateway_;
};

TEST_F(DispatcherTest, DeliversAMessageToFiftyPhonesWithTheExactText) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const std::string text = "SMS Info OU: Uzavirka Hlavni ulice 15.5. od 8:00. Vas OU";
  const auto phones = Phones(50);
  const MessageId id = Send(phones, text);

  Pump(*dispatcher);

  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 50);
  for (const auto& phone : phones) {
    const auto received = gateway_->Outbox(phone);
    ASSERT_EQ(received.size(), 1u) << phone;
    EXPECT_EQ(received[0].text, text);
  }
  const auto stats = dispatcher->stats();
  EXPECT_EQ(stats.claimed, 50);
  EXPECT_EQ(stats.submitted, 50);
  EXPECT_EQ(stats.receipts, 50);
  EXPECT_EQ(stats.failed, 0);
  EXPECT_EQ(stats.in_flight, 0);
}

TEST_F(DispatcherTest, LongMessageGoesAsThreePartsAndIsDeliveredOnlyAfterEveryReceipt) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  HoldingEvents events(*dispatcher);
  gateway_->Start(events);
  std::string text;
  while (text.size() < 400) text += "Odstavka vody v ulici Na Vysluni. ";
  ASSERT_EQ(sms_text::Analyze(text).segments, 3);
  const MessageId id = Send(Phones(2), text);

  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kSubmitted), 2);
  for (const auto& delivery : Deliveries(id)) EXPECT_EQ(delivery.parts_total, 3);
  ASSERT_EQ(events.held().size(), 6u);

  // Two of the three parts of each delivery: still submitted.
  for (std::size_t i = 0; i < events.held().size(); ++i) {
    if (i % 3 != 2) dispatcher->OnReceipt("simulator", events.held()[i]);
  }
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(Count(id, DeliveryState::kSubmitted), 2);
  for (const auto& delivery : Deliveries(id)) EXPECT_EQ(delivery.parts_delivered, 2);

  for (std::size_t i = 2; i < events.held().size(); i += 3) {
    dispatcher->OnReceipt("simulator", events.held()[i]);
  }
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 2);
  const auto received = gateway_->Outbox(Phones(1)[0]);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].text, text);
  EXPECT_EQ(received[0].parts, 3u);
}

TEST_F(DispatcherTest, FailingNumbersEndUndeliverable) {
  SimulatorConfig config = ManualSimulator();
  const auto phones = Phones(5);
  config.failing_numbers = {phones[1], phones[3]};
  MakeGateway(config);
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const MessageId id = Send(phones, "Pozvanka na hasicsky ples");

  Pump(*dispatcher);

  EXPECT_EQ(Count(id, DeliveryState::kUndeliverable), 2);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 3);
  EXPECT_TRUE(gateway_->Outbox(phones[1]).empty());
  for (const auto& delivery : Deliveries(id)) {
    if (delivery.state == DeliveryState::kUndeliverable) {
      EXPECT_FALSE(delivery.error.empty());
    }
  }
}

TEST_F(DispatcherTest, RejectedNumbersEndFailedWithTheReason) {
  SimulatorConfig config = ManualSimulator();
  const auto phones = Phones(3);
  config.rejected_numbers = {phones[0]};
  MakeGateway(config);
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const MessageId id = Send(phones, "Svoz odpadu v patek");

  Pump(*dispatcher);

  EXPECT_EQ(Count(id, DeliveryState::kFailed), 1);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 2);
  for (const auto& delivery : Deliveries(id)) {
    if (delivery.phone == phones[0]) {
      EXPECT_EQ(delivery.state, DeliveryState::kFailed);
      EXPECT_NE(delivery.error.find("invalid destination"), std::string::npos) << delivery.error;
    }
  }
  EXPECT_EQ(dispatcher->stats().failed, 1);
}

TEST_F(DispatcherTest, TemporaryErrorsAreRetriedAfterBackOff) {
  SimulatorConfig config = ManualSimulator();
  const auto phones = Phones(1);
  config.throttled_numbers = phones;
  MakeGateway(config);
  auto dispatcher = MakeDispatcher();  // retry_base 30 s: the first retry after 15..30 s
  gateway_->Start(*dispatcher);
  const MessageId id = Send(phones, "Zkouska sireny");

  Pump(*dispatcher);
  auto deliveries = Deliveries(id);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kQueued);
  EXPECT_EQ(deliveries[0].attempts, 1);
  EXPECT_NE(deliveries[0].error.find("throttled"), std::string::npos);

  clock_.Advance(seconds(14));
  ASSERT_EQ(*dispatcher->RunOnce(), 0u);
  gateway_->SetThrottledNumbers({});
  clock_.Advance(seconds(17));
  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 1);
  EXPECT_EQ(gateway_->Outbox(phones[0]).size(), 1u);
}

TEST_F(DispatcherTest, ScheduledMessageIsNotSentBeforeSendAt) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const MessageId id = Send(Phones(3), "Zitra odecty vodomeru", clock_.Now() + hours(2));

  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kQueued), 3);
  clock_.Advance(hours(2) - milliseconds(1));
  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kQueued), 3);
  EXPECT_TRUE(gateway_->Outbox().empty());

  clock_.Advance(milliseconds(1));
  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 3);
}

TEST_F(DispatcherTest, QuietHoursHoldNormalMessagesButNotUrgentOnes) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  clock_.Set(At("2027-01-15T21:30:00Z"));  // 22:30 in Prague
  const MessageId normal = Send(Phones(2, 1), "Zitra trh na navsi");
  const MessageId urgent =
      Send(Phones(2, 10), "Povoden: opustte sklepy", std::nullopt, domain::kPriorityUrgent);

  Pump(*dispatcher);
  EXPECT_EQ(Count(urgent, DeliveryState::kDelivered), 2);
  EXPECT_EQ(Count(normal, DeliveryState::kQueued), 2);

  clock_.Set(At("2027-01-16T05:59:00Z"));  // 06:59
  Pump(*dispatcher);
  EXPECT_EQ(Count(normal, DeliveryState::kQueued), 2);
  clock_.Set(At("2027-01-16T06:00:00Z"));  // 07:00: quiet hours are over
  Pump(*dispatcher);
  EXPECT_EQ(Count(normal, DeliveryState::kDelivered), 2);
}

TEST_F(DispatcherTest, ChangedQuietHoursTakeEffectWithinTheSameMinute) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  clock_.Set(At("2027-01-15T11:00:00Z"));  // 12:00 in Prague, outside the default quiet hours
  Pump(*dispatcher);

  auto org = store_->organizations().Get(org_);
  ASSERT_TRUE(org.ok());
  org->quiet_start_minute = 0;
  org->quiet_end_minute = 23 * 60 + 59;
  ASSERT_TRUE(store_->organizations().Update(*org).ok());
  dispatcher->OrganizationsChanged();
  const MessageId held = Send(Phones(2), "Zitra trh na navsi");
  Pump(*dispatcher);
  EXPECT_EQ(Count(held, DeliveryState::kQueued), 2);

  org->quiet_end_minute = 0;  // no quiet hours at all
  ASSERT_TRUE(store_->organizations().Update(*org).ok());
  dispatcher->OrganizationsChanged();
  Pump(*dispatcher);
  EXPECT_EQ(Count(held, DeliveryState::kDelivered), 2);
}

TEST_F(DispatcherTest, CancelledMessageSendsNothing) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const MessageId id = Send(Phones(4), "Omyl");
  auto cancelled = store_->messages().Cancel(org_, id, clock_.Now());
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(*cancelled, 4);

  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kCancelled), 4);
  EXPECT_TRUE(gateway_->Outbox().empty());
  EXPECT_EQ(dispatcher->stats().claimed, 0);
}

TEST_F(DispatcherTest, RefusingGatewayLosesNothing) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const auto phones = Phones(20);
  const MessageId id = Send(phones, "Prerusena dodavka elektriny");
  gateway_->SetConnected(false);

  auto claimed = dispatcher->RunOnce();
  ASSERT_TRUE(claimed.ok());
  EXPECT_EQ(*claimed, 20u);
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(Count(id, DeliveryState::kQueued), 20);  // back, to try again in a second
  EXPECT_EQ(dispatcher->stats().failed, 20);
  EXPECT_NE(Deliveries(id)[0].error.find("refused"), std::string::npos);
  EXPECT_EQ(*dispatcher->RunOnce(), 0u);

  gateway_->SetConnected(true);
  clock_.Advance(seconds(1));
  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 20);
  for (const auto& phone : phones) EXPECT_EQ(gateway_->Outbox(phone).size(), 1u) << phone;
}

TEST_F(DispatcherTest, NeverClaimsMoreThanTheGatewaysFreeCapacity) {
  SimulatorConfig config = ManualSimulator();
  config.window = 5;
  MakeGateway(config);
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  const MessageId id = Send(Phones(12), "Ctvrtecni zasedani zastupitelstva");

  EXPECT_EQ(*dispatcher->RunOnce(), 5u);
  EXPECT_EQ(*dispatcher->RunOnce(), 0u);  // the window is full
  EXPECT_EQ(dispatcher->stats().in_flight, 5);
  EXPECT_EQ(Count(id, DeliveryState::kQueued), 7);
  gateway_->RunDue();
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(*dispatcher->RunOnce(), 5u);
  Pump(*dispatcher);
  EXPECT_EQ(Count(id, DeliveryState::kDelivered), 12);
  EXPECT_EQ(dispatcher->stats().failed, 0);  // nothing was refused
}

TEST_F(DispatcherTest, ForwardsInboundPartsToTheHandler) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway_->Start(*dispatcher);
  EXPECT_FALSE(gateway_->Inject("+420720000001", "+420700000001", "*P"));  // no handler yet

  std::vector<gateway::InboundPart> parts;
  dispatcher->SetInboundHandler(
      [&](const std::string& gateway, gateway::InboundPart part, std::function<void(bool)> stored) {
        EXPECT_EQ(gateway, "simulator");
        parts.push_back(std::move(part));
        stored(true);
      });
  EXPECT_TRUE(gateway_->Inject("+420720000001", "+420700000001", "*P Novak,Jan,Hlavni 50"));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "*P Novak,Jan,Hlavni 50");
}

TEST_F(DispatcherTest, ThreadsDeliverEverythingAfterWake) {
  SimulatorConfig config;  // with its worker thread
  config.receipt_delay = Duration(0);
  MakeGateway(config);
  auto dispatcher = MakeDispatcher();
  FlushWaiter waiter;
  waiter.Attach(*dispatcher);
  gateway_->Start(*dispatcher);
  dispatcher->Start();
  const auto phones = Phones(300);
  const MessageId id = Send(phones, "Hromadna zprava");
  dispatcher->Wake();

  EXPECT_TRUE(waiter.WaitUntil([&] { return Count(id, DeliveryState::kDelivered) == 300; }));
  dispatcher->Stop();
  gateway_->Stop();
  EXPECT_EQ(gateway_->Outbox().size(), 300u);
}

TEST_F(DispatcherTest, StopWithWorkInFlightThenANewDispatcherFinishesTheRest) {
  SimulatorConfig config;  // with its worker thread
  config.window = 10;
  config.receipt_delay = hours(1);
  MakeGateway(config);
  const auto phones = Phones(200);
  const MessageId id = Send(phones, "Prvni zprava");

  DispatchConfig dispatch = FastDispatch();
  dispatch.batch = 10;
  {
    auto first = MakeDispatcher(dispatch);
    FlushWaiter waiter;
    waiter.Attach(*first);
    gateway_->Start(*first);
    first->Start();
    EXPECT_TRUE(waiter.WaitUntil([&] { return Count(id, DeliveryState::kSubmitted) >= 30; }));
    first->Stop();
    gateway_->Stop();  // receipts not due yet stay with the gateway
    EXPECT_EQ(first->stats().in_flight, 0);
    EXPECT_EQ(Count(id, DeliveryState::kSending), 0);
  }
  EXPECT_GE(Count(id, DeliveryState::kSubmitted), 30);

  auto second = MakeDispatcher(dispatch);
  FlushWaiter waiter;
  waiter.Attach(*second);
  gateway_->Start(*second);
  second->Start();
  EXPECT_TRUE(waiter.WaitUntil([&] { return Count(id, DeliveryState::kDelivered) == 200; },
                               [&] { clock_.Advance(minutes(10)); }));
  second->Stop();
  gateway_->Stop();
  for (const auto& phone : phones) EXPECT_EQ(gateway_->Outbox(phone).size(), 1u) << phone;
}

TEST_F(DispatcherTest, StartRequeuesDeliveriesACrashLeftInSending) {
  SimulatorConfig config;  // with its worker thread
  config.receipt_delay = Duration(0);
  MakeGateway(config);
  const auto phones = Phones(20);
  const MessageId id = Send(phones, "Po padu serveru");
  // A dispatcher claimed these and died before submitting them.
  auto claimed = store_->deliveries().ClaimDue(clock_.Now(), {}, 8);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 8u);

  auto dispatcher = MakeDispatcher();
  FlushWaiter waiter;
  waiter.Attach(*dispatcher);
  gateway_->Start(*dispatcher);
  dispatcher->Start();
  EXPECT_TRUE(waiter.WaitUntil([&] { return Count(id, DeliveryState::kDelivered) == 20; }));
  dispatcher->Stop();
  gateway_->Stop();
  for (const auto& phone : phones) EXPECT_EQ(gateway_->Outbox(phone).size(), 1u) << phone;
}

TEST_F(DispatcherTest, AcknowledgesAReceiptToTheGatewayOnlyOnceItIsWritten) {
  MakeGateway();
  auto dispatcher = MakeDispatcher();
  gateway::DeliveryReceipt receipt;
  receipt.message_id = "not-yet-known";
  receipt.at = clock_.Now();
  std::vector<bool> acks;
  dispatcher->OnReceipt("operator", receipt, [&](bool stored) { acks.push_back(stored); });
  EXPECT_TRUE(acks.empty()) << "not acknowledged before the flush: a crash would lose it";
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(acks, std::vector<bool>{true});
  ASSERT_TRUE(dispatcher->Flush().ok());
  EXPECT_EQ(acks.size(), 1u) << "exactly once";
}

TEST(RouteFor, UrgentWinsThenTheKindDecides) {
  domain::Message m;
  EXPECT_EQ(RouteFor(m), gateway::RouteKind::kBulk);
  m.kind = domain::MessageKind::kReply;
  EXPECT_EQ(RouteFor(m), gateway::RouteKind::kReply);
  m.kind = domain::MessageKind::kConfirmation;
  EXPECT_EQ(RouteFor(m), gateway::RouteKind::kSystem);
  m.urgent = true;
  EXPECT_EQ(RouteFor(m), gateway::RouteKind::kUrgent);
}

// Bulk through one simulator, confirmations through another, behind one RoutingGateway.
class RoutedDispatchTest : public DispatcherTest {
 protected:
  void MakeRoutes() {
    SimulatorConfig bulk = ManualSimulator();
    bulk.name = "bulk-smsc";
    SimulatorConfig system = ManualSimulator();
    system.name = "system-smsc";
    auto b = std::make_unique<SimulatorGateway>(bulk, clock_);
    auto s = std::make_unique<SimulatorGateway>(system, clock_);
    bulk_ = b.get();
    system_ = s.get();
    std::vector<std::unique_ptr<gateway::Gateway>> gateways;
    gateways.push_back(std::move(b));
    gateways.push_back(std::move(s));
    gateway::RouteTable table;
    table.default_gateway = 0;
    table.by_kind[static_cast<std::size_t>(gateway::RouteKind::kSystem)] = 1;
    auto router = gateway::RoutingGateway::Create(std::move(gateways), table);
    ASSERT_TRUE(router.ok());
    router_ = std::move(*router);
  }
  MessageId SendConfirmation(const std::string& phone, const std::string& text) {
    domain::Message message;
    message.org_id = org_;
    message.kind = domain::MessageKind::kConfirmation;
    message.body = text;
    message.text = text;
    message.priority = domain::kPrioritySystem;
    message.send_at = clock_.Now();
    message.expires_at = message.send_at + hours(24);
    message.created_at = clock_.Now();
    storage::RecipientSelection to;
    to.phones = {phone};
    auto created = store_->messages().Create(message, to);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->id : MessageId();
  }
  void PumpRoutes(Dispatcher& dispatcher) {
    for (int round = 0; round < 1000; ++round) {
      auto claimed = dispatcher.RunOnce();
      ASSERT_TRUE(claimed.ok()) << claimed.error().message;
      const std::size_t events = bulk_->RunDue() + system_->RunDue();
      ASSERT_TRUE(dispatcher.Flush().ok());
      if (*claimed == 0 && events == 0) return;
    }
    FAIL() << "dispatch did not settle";
  }

  SimulatorGateway* bulk_ = nullptr;
  SimulatorGateway* system_ = nullptr;
  std::unique_ptr<gateway::RoutingGateway> router_;
};

TEST_F(RoutedDispatchTest, BulkGoesThroughOneGatewayAndConfirmationsThroughTheOther) {
  MakeRoutes();
  Dispatcher dispatcher(*store_, clock_, *router_, FastDispatch());
  router_->Start(dispatcher);
  const MessageId bulk = Send(Phones(5), "Svoz odpadu v patek");
  const MessageId confirmation = SendConfirmation("+420720000099", "Registrace prijata");

  PumpRoutes(dispatcher);
  EXPECT_EQ(Count(bulk, DeliveryState::kDelivered), 5);
  EXPECT_EQ(Count(confirmation, DeliveryState::kDelivered), 1);
  EXPECT_EQ(bulk_->Outbox().size(), 5u);
  ASSERT_EQ(system_->Outbox().size(), 1u);
  EXPECT_EQ(system_->Outbox()[0].to, "+420720000099");
  router_->Stop();
}

TEST_F(RoutedDispatchTest, AFullOrDisconnectedBulkRouteDoesNotHoldBackConfirmations) {
  MakeRoutes();
  Dispatcher dispatcher(*store_, clock_, *router_, FastDispatch());
  router_->Start(dispatcher);
  bulk_->SetConnected(false);
  const MessageId bulk = Send(Phones(5), "Svoz odpadu v patek");
  const MessageId confirmation = SendConfirmation("+420720000099", "Registrace prijata");

  PumpRoutes(dispatcher);
  EXPECT_EQ(Count(confirmation, DeliveryState::kDelivered), 1);
  EXPECT_EQ(Count(bulk, DeliveryState::kQueued), 5);

  bulk_->SetConnected(true);
  clock_.Advance(seconds(1));
  PumpRoutes(dispatcher);
  EXPECT_EQ(Count(bulk, DeliveryState::kDelivered), 5);
  EXPECT_TRUE(bulk_->Outbox("+420720000099").empty());
  router_->Stop();
}

}  // namespace
}  // namespace smsinfo::dispatch
