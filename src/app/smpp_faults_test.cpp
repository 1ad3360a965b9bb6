// The SMPP faults end to end inside one process: Dispatcher, the SMPP gateway and a SQLite
// store against the in-process fake SMSC with a named fault behaviour. After each fault every
// recipient must end in a final state, none lost, none accepted twice by the SMSC. (A crash
// and restart, and a connection lost with a full window, are in
// tests/integration/smpp_faults.test.mjs, against the real binary.) Real sockets on 127.0.0.1
// and real time, short timers; the test waits for each change of a delivery's state (the store
// below signals it), with a deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "dispatch/dispatcher.hpp"
#include "gateway/smpp/fake_smsc.hpp"
#include "gateway/smpp/smpp_gateway.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace smsinfo::app {
namespace {

using domain::DeliveryState;
using gateway::smpp::FakeSmsc;
using gateway::smpp::FakeSmscOptions;
using gateway::smpp::SmscBehaviour;
using std::chrono::milliseconds;

// The deliveries of a real store, counting every call that may change a delivery's state
// (claims move expired ones to `expired`; results and receipts), so that a test can wait for
// the next one instead of polling.
class SignallingDeliveryStore final : public storage::DeliveryStore {
 public:
  explicit SignallingDeliveryStore(storage::DeliveryStore& inner) : inner_(inner) {}

  Result<std::vector<storage::ClaimedDelivery>> ClaimDue(TimePoint now,
                                                         std::span<const OrgId> quiet_orgs,
                                                         std::size_t limit) override {
    return Signal(inner_.ClaimDue(now, quiet_orgs, limit));
  }
  Result<void> RecordSubmitted(std::span<const storage::SubmittedPart> parts,
                               TimePoint now) override {
    return Signal(inner_.RecordSubmitted(parts, now));
  }
  Result<void> RecordSubmitFailures(std::span<const storage::SubmitFailure> failures,
                                    TimePoint now) override {
    return Signal(inner_.RecordSubmitFailures(failures, now));
  }
  Result<void> RecordReceipts(std::span<const storage::Receipt> receipts, TimePoint now) override {
    return Signal(inner_.RecordReceipts(receipts, now));
  }
  Result<std::int64_t> PruneUnmatchedReceipts(TimePoint before) override {
    return inner_.PruneUnmatchedReceipts(before);
  }
  Result<std::int64_t> RequeueInFlight(TimePoint now) override {
    return Signal(inner_.RequeueInFlight(now));
  }
  Result<std::optional<TimePoint>> NextDueAt() override { return inner_.NextDueAt(); }

  // How many calls have returned so far.
  std::uint64_t changes() const {
    std::lock_guard lock(mu_);
    return changes_;
  }
  // Waits until more than `seen` calls have returned; false if `deadline` passes first.
  bool WaitPast(std::uint64_t seen, std::chrono::steady_clock::time_point deadline) const {
    std::unique_lock lock(mu_);
    return changed_.wait_until(lock, deadline, [&] { return changes_ > seen; });
  }

 private:
  // Called after the inner store returned (never while it holds its own lock).
  template <class R>
  R Signal(R result) {
    {
      std::lock_guard lock(mu_);
      ++changes_;
    }
    changed_.notify_all();
    return result;
  }

  storage::DeliveryStore& inner_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::uint64_t changes_ = 0;
};

// The real store with its deliveries replaced by SignallingDeliveryStore.
class SignallingStore final : public storage::Store {
 public:
  explicit SignallingStore(storage::Store& inner)
      : inner_(inner), deliveries_(inner.deliveries()) {}
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
  storage::SessionStore& sessions() override { return inner_.sessions(); }
  storage::TemplateStore& templates() override { return inner_.templates(); }
  storage::ReportStore& reports() override { return inner_.reports(); }
  Result<void> InTransaction(const std::function<Result<void>()>& work) override {
    return inner_.InTransaction(work);
  }
  const SignallingDeliveryStore& signals() const { return deliveries_; }

 private:
  storage::Store& inner_;
  SignallingDeliveryStore deliveries_;
};

class SmppFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::sqlite::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    domain::Organization org;
    org.name = "Vestec";
    org.central_number = "+420700000001";
    org.quiet_start_minute = org.quiet_end_minute = 0;
    auto created = store_->organizations().Create(org);
    ASSERT_TRUE(created.ok());
    org_ = created->id;
  }

  // Runs a message to `recipients` phones through dispatch and the gateway until every
  // delivery is final (or 30 s pass); returns the counts per state.
  std::map<DeliveryState, std::int64_t> SendAndSettle(FakeSmsc& smsc, int recipients,
                                                      milliseconds validity,
                                                      gateway::smpp::SmppConfig config) {
    config.host = "127.0.0.1";
    config.port = smsc.port();
    config.system_id = "smsinfo";
    config.reconnect_min = milliseconds(10);
    config.reconnect_max = milliseconds(50);
    config.throttle_backoff = milliseconds(50);
    config.drain_timeout = milliseconds(500);
    gateway::smpp::SmppGateway gateway(config, clock_);
    dispatch::DispatchConfig dc;
    dc.idle_poll = milliseconds(10);
    dc.flush_interval = milliseconds(5);
    dc.retry_base = milliseconds(30);
    dc.retry_max = milliseconds(100);
    dc.refused_retry = milliseconds(20);
    dc.stop_timeout = milliseconds(1000);
    SignallingStore store(*store_);
    dispatch::Dispatcher dispatcher(store, clock_, gateway, dc);

    domain::Message message;
    message.org_id = org_;
    message.body = message.text = "Uzavirka Hlavni ulice od 8:00";
    message.send_at = clock_.Now();
    message.expires_at = message.send_at + validity;
    message.created_at = message.send_at;
    storage::RecipientSelection to;
    for (int i = 0; i < recipients; ++i)
      to.phones.push_back("+420720" + std::to_string(100000 + i));
    auto created = store_->messages().Create(message, to);
    EXPECT_TRUE(created.ok());
    gateway.Start(dispatcher);
    dispatcher.Start();
    std::map<DeliveryState, std::int64_t> counts;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      // Read the counts after noting how many changes there were: a change made meanwhile
      // ends the wait below at once.
      const std::uint64_t seen = store.signals().changes();
      auto m = store_->messages().Get(org_, created->id);
      EXPECT_TRUE(m.ok());
      counts = m->counts;
      std::int64_t final_count = 0;
      for (const auto& [state, n] : counts) final_count += domain::IsFinal(state) ? n : 0;
      if (final_count == recipients) break;
      if (!store.signals().WaitPast(seen, deadline)) {
        ADD_FAILURE() << "not every recipient reached a final state within 30 s: " << final_count
                      << " of " << recipients;
        break;
      }
    }
    dispatcher.Stop();
    gateway.Stop();
    return counts;
  }

  SystemClock clock_;
  std::unique_ptr<storage::Store> store_;
  OrgId org_;
};

TEST_F(SmppFaultsTest, ThrottledSubmitsAreRetriedUntilEveryRecipientIsDeliveredOnce) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kThrottlesEveryNth,
                 .throttle_every = 7,
                 .send_receipts = true,
                 .record_submits = false});
  gateway::smpp::SmppConfig config;
  config.window = 20;
  auto counts = SendAndSettle(smsc, 300, std::chrono::hours(1), config);
  EXPECT_EQ(counts[DeliveryState::kDelivered], 300);
  const auto c = smsc.counters();
  EXPECT_GT(c.throttled, 0);
  EXPECT_EQ(c.accepted, 300) << "every recipient accepted exactly once";
  EXPECT_EQ(c.submits, c.accepted + c.throttled);
}

TEST_F(SmppFaultsTest, AnSmscThatNeverAnswersLeavesEveryRecipientExpiredNoneLost) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers, .record_submits = false});
  gateway::smpp::SmppConfig config;
  config.window = 10;
  config.response_timeout = milliseconds(100);
  auto counts = SendAndSettle(smsc, 25, milliseconds(1500), config);
  EXPECT_EQ(counts[DeliveryState::kExpired], 25);
  EXPECT_GT(smsc.counters().submits, 25) << "timed-out submits were retried until expiry";
}

TEST_F(SmppFaultsTest, MalformedResponsesAreRetriedUntilExpiryNoneLost) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kAnswersWithGarbage, .record_submits = false});
  gateway::smpp::SmppConfig config;
  config.window = 10;
  auto counts = SendAndSettle(smsc, 25, milliseconds(1500), config);
  EXPECT_EQ(counts[DeliveryState::kExpired], 25);
  EXPECT_GT(smsc.counters().generic_nacks, 0) << "smsinfo told the SMSC its PDU was broken";
}

TEST_F(SmppFaultsTest, ADroppedConnectionAfterBindIsSurvivedAndEveryRecipientDelivered) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kDropsConnectionAfterBind,
                 .drops = 3,
                 .send_receipts = true,
                 .record_submits = false});
  gateway::smpp::SmppConfig config;
  auto counts = SendAndSettle(smsc, 200, std::chrono::hours(1), config);
  EXPECT_EQ(counts[DeliveryState::kDelivered], 200);
  EXPECT_EQ(smsc.counters().accepted, 200);
  EXPECT_GE(smsc.counters().binds, 4);
}

}  // namespace
}  // namespace smsinfo::app
