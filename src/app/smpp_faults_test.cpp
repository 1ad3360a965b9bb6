// The SMPP faults end to end inside one process: Dispatcher, the SMPP gateway and a SQLite
// store against the in-process fake SMSC with a named fault behaviour. After each fault every
// recipient must end in a final state, none lost, none accepted twice by the SMSC. (A crash
// and restart, and a connection lost with a full window, are in
// tests/integration/smpp_faults.test.mjs, against the real binary.) Real sockets on 127.0.0.1
// and real time, short timers; every wait is on the store with a deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

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
    dispatch::Dispatcher dispatcher(*store_, clock_, gateway, dc);

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
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = store_->messages().Get(org_, created->id);
      EXPECT_TRUE(m.ok());
      counts = m->counts;
      std::int64_t final_count = 0;
      for (const auto& [state, n] : counts) final_count += domain::IsFinal(state) ? n : 0;
      if (final_count == recipients) break;
      std::this_thread::sleep_for(milliseconds(20));
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
