// The SMPP sessions and gateway against the in-process simulated SMSC (fake_smsc.hpp), one
// behaviour each: every SubmitResult arrives, timeouts become temporary errors, the session
// reconnects, throttling is respected, inbound SMS are acknowledged only once stored.
// Real loopback sockets on 127.0.0.1 port 0; no sleeps: every wait is on a condition with a
// deadline.
#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>

#include "gateway/smpp/fake_smsc.hpp"
#include "gateway/smpp/smpp_gateway.hpp"
#include "gateway/smpp/tls_front.hpp"
#include "sms_text/gsm7.hpp"
#include "sms_text/segment.hpp"
#include "sms_text/ucs2.hpp"

namespace smsinfo::gateway::smpp {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

class RecordingEvents final : public GatewayEvents {
 public:
  void OnSubmitResult(const std::string&, SubmitResult result) override {
    std::lock_guard lock(mu_);
    results_.push_back(std::move(result));
    changed_.notify_all();
  }
  void OnReceipt(const std::string&, DeliveryReceipt receipt) override {
    std::lock_guard lock(mu_);
    receipts_.push_back(std::move(receipt));
    changed_.notify_all();
  }
  void OnInbound(const std::string&, InboundPart part,
                 std::function<void(bool stored)> stored) override {
    std::lock_guard lock(mu_);
    inbound_.push_back(std::move(part));
    acks_.push_back(std::move(stored));
    changed_.notify_all();
  }

  bool WaitFor(const std::function<bool()>& done, milliseconds timeout = milliseconds(10000)) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, timeout, done);
  }
  std::vector<SubmitResult> results() {
    std::lock_guard lock(mu_);
    return results_;
  }
  std::size_t result_count() {
    std::lock_guard lock(mu_);
    return results_.size();
  }

  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<SubmitResult> results_;
  std::vector<DeliveryReceipt> receipts_;
  std::vector<InboundPart> inbound_;
  std::vector<std::function<void(bool)>> acks_;
};

SmppConfig ConfigFor(const FakeSmsc& smsc) {
  SmppConfig config;
  config.name = "operator";
  config.host = "127.0.0.1";
  config.port = smsc.port();
  config.system_id = "smsinfo";
  config.password = "secret";
  config.response_timeout = milliseconds(2000);
  config.reconnect_min = milliseconds(10);
  config.reconnect_max = milliseconds(50);
  config.throttle_backoff = milliseconds(100);
  config.drain_timeout = milliseconds(3000);
  return config;
}

OutboundSms Sms(std::int64_t id, const std::string& text) {
  const auto analysis = sms_text::Analyze(text);
  OutboundSms sms;
  sms.delivery_id = DeliveryId{id};
  sms.to = "+42072000" + std::to_string(1000 + id % 9000);
  sms.text = analysis.text;
  sms.encoding = analysis.encoding;
  sms.parts = analysis.parts;
  sms.concat_ref = static_cast<std::uint16_t>(id);
  return sms;
}

// Starts `gateway` and waits until it can take SMS.
bool StartAndWaitUntilBound(SmppGateway& gateway, RecordingEvents& events) {
  gateway.Start(events);
  const auto deadline = Steady::now() + std::chrono::seconds(10);
  while (Steady::now() < deadline) {
    bool all = true;
    for (const auto& b : gateway.Binds()) all = all && b.session.bound;
    if (all) return true;
    std::unique_lock lock(events.mu_);  // a short wait on a condition, not a sleep
    events.changed_.wait_for(lock, milliseconds(5));
  }
  return false;
}

// Submits, retrying while the gateway is momentarily full.
void SubmitAll(SmppGateway& gateway, RecordingEvents& events, std::vector<OutboundSms> all) {
  for (auto& sms : all) {
    while (!gateway.Submit(sms)) {
      std::unique_lock lock(events.mu_);
      events.changed_.wait_for(lock, milliseconds(5));
    }
  }
}

TEST(SmppSession, AcceptsAllGivesEveryResultOneIdPerPartAndMatchingReceipts) {
  FakeSmsc smsc({.send_receipts = true, .hex_ids = true});
  SmppConfig config = ConfigFor(smsc);
  config.binds = 2;
  config.window = 20;
  config.submit_id_format = MessageIdFormat::kHex;
  config.receipt_id_format = MessageIdFormat::kDecimal;
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 300; ++i) {
    all.push_back(
        Sms(i, i % 3 == 0 ? std::string(200, 'a') : "Kratka zprava " + std::to_string(i)));
  }
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(events.WaitFor(
      [&] { return events.results_.size() == 300 && events.receipts_.size() == 400; }));
  std::set<std::string> ids;
  std::set<std::int64_t> deliveries;
  for (const auto& r : events.results()) {
    EXPECT_EQ(r.status, SubmitStatus::kAccepted) << r.error;
    EXPECT_EQ(r.message_ids.size(), r.delivery_id.value % 3 == 0 ? 2u : 1u);
    ids.insert(r.message_ids.begin(), r.message_ids.end());
    deliveries.insert(r.delivery_id.value);
  }
  EXPECT_EQ(deliveries.size(), 300u);
  EXPECT_EQ(ids.size(), 400u);
  for (const auto& receipt : events.receipts_) {
    EXPECT_TRUE(ids.count(receipt.message_id)) << receipt.message_id;
    EXPECT_EQ(receipt.status, ReceiptStatus::kDelivered);
  }
  EXPECT_EQ(smsc.counters().submits, 400);
  EXPECT_EQ(smsc.counters().binds, 2);
  gateway.Stop();
  EXPECT_EQ(smsc.counters().unbinds, 2);
}

TEST(SmppSession, NeverAnswersTurnsEveryPartIntoATemporaryErrorAfterTheTimeout) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers});
  SmppConfig config = ConfigFor(smsc);
  config.response_timeout = milliseconds(150);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  const auto start = Steady::now();
  SubmitAll(gateway, events, {Sms(1, "a"), Sms(2, "b"), Sms(3, std::string(300, 'c'))});
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 3; }));
  EXPECT_GE(Steady::now() - start, milliseconds(150));
  for (const auto& r : events.results()) {
    EXPECT_EQ(r.status, SubmitStatus::kTemporaryError);
    EXPECT_NE(r.error.find("no submit_sm_resp"), std::string::npos) << r.error;
    EXPECT_TRUE(r.message_ids.empty());
  }
  EXPECT_EQ(smsc.counters().submits, 4);
}

TEST(SmppSession, ThrottlesEveryNthPausesSendingAndReportsThoseAsTemporary) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kThrottlesEveryNth,
                 .throttle_every = 5,
                 .record_submit_times = true});
  SmppConfig config = ConfigFor(smsc);
  config.window = 1;  // one at a time, so the pause after each throttle is visible
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 16; ++i) all.push_back(Sms(i, "x"));
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 16; }));
  int temporary = 0;
  for (const auto& r : events.results()) {
    if (r.status == SubmitStatus::kTemporaryError) {
      ++temporary;
      EXPECT_NE(r.error.find("ESME_RTHROTTLED"), std::string::npos) << r.error;
    } else {
      EXPECT_EQ(r.status, SubmitStatus::kAccepted);
    }
  }
  EXPECT_EQ(temporary, 3);
  const auto times = smsc.SubmitTimes();
  ASSERT_EQ(times.size(), 16u);
  for (std::size_t n : {5u, 10u, 15u}) {  // 1-based: the throttled ones
    EXPECT_GE(times[n] - times[n - 1], milliseconds(100)) << "no pause after throttled #" << n;
  }
}

TEST(SmppSession, DropsConnectionAfterBindMakesItReconnectWithBackoff) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kDropsConnectionAfterBind, .drops = 3});
  SmppConfig config = ConfigFor(smsc);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  gateway.Start(events);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.binds >= 4; }));
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  SubmitAll(gateway, events, {Sms(1, "po obnoveni spojeni")});
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 1; }));
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kAccepted);
  EXPECT_EQ(gateway.Binds()[0].session.binds, 4);
  EXPECT_TRUE(gateway.Status().connected);
}

TEST(SmppSession, AnswersWithGarbageFailsThePartAtOnceAndIsToldWithGenericNack) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kAnswersWithGarbage});
  SmppConfig config = ConfigFor(smsc);
  config.response_timeout = milliseconds(30000);  // the failure must not wait for this
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  SubmitAll(gateway, events, {Sms(1, "a"), Sms(2, "b")});
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 2; }, milliseconds(5000)));
  for (const auto& r : events.results()) EXPECT_EQ(r.status, SubmitStatus::kTemporaryError);
  EXPECT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.generic_nacks == 2; }));
  EXPECT_NE(gateway.Status().last_error.find("malformed"), std::string::npos)
      << gateway.Status().last_error;
}

TEST(SmppSession, ConnectionLostWithAFullWindowFailsEveryPartThenReconnects) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers});
  SmppConfig config = ConfigFor(smsc);
  config.window = 10;
  config.response_timeout = milliseconds(30000);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 10; ++i) all.push_back(Sms(i, "x"));
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.submits == 10; }));
  EXPECT_FALSE(gateway.Submit(Sms(11, "x"))) << "the window is full";
  smsc.DropConnections();
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 10; }));
  for (const auto& r : events.results()) {
    EXPECT_EQ(r.status, SubmitStatus::kTemporaryError);
    EXPECT_NE(r.error.find("connection lost"), std::string::npos) << r.error;
  }
  EXPECT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.binds == 2; }));
}

TEST(SmppSession, QueuedSmsFailAtOnceWhenTheLastBindIsLost) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers});
  SmppConfig config = ConfigFor(smsc);
  config.window = 2;
  config.response_timeout = milliseconds(30000);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  ASSERT_TRUE(gateway.Submit(Sms(1, "x")));
  ASSERT_TRUE(gateway.Submit(Sms(2, std::string(200, 'y'))));  // its second part stays queued
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.submits == 2; }));
  smsc.DropConnections();
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 2; }, milliseconds(5000)));
  for (const auto& r : events.results()) EXPECT_EQ(r.status, SubmitStatus::kTemporaryError);
}

TEST(SmppSession, AcknowledgesInboundSmsOnlyAfterItIsStored) {
  FakeSmsc smsc;
  SmppConfig config = ConfigFor(smsc);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  DeliverSm sms;
  sms.source_addr = "420720001676";
  sms.source_addr_ton = 1;
  sms.destination_addr = "90210";
  sms.data_coding = 8;
  sms.short_message = sms_text::EncodeUcs2("REG Hlavní 5");
  ASSERT_TRUE(smsc.SendDeliverSm(sms));
  ASSERT_TRUE(events.WaitFor([&] { return events.inbound_.size() == 1; }));
  EXPECT_EQ(events.inbound_[0].text, "REG Hlavní 5");
  EXPECT_EQ(events.inbound_[0].from, "+420720001676");
  EXPECT_TRUE(smsc.DeliverSmStatuses().empty()) << "answered before it was stored";
  events.acks_[0](true);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.deliver_sm_resps == 1; }));
  EXPECT_EQ(smsc.DeliverSmStatuses(), std::vector<CommandStatus>{CommandStatus::kEsmeRok});

  ASSERT_TRUE(smsc.SendDeliverSm(sms));
  ASSERT_TRUE(events.WaitFor([&] { return events.inbound_.size() == 2; }));
  events.acks_[1](false);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.deliver_sm_resps == 2; }));
  EXPECT_EQ(smsc.DeliverSmStatuses()[1], static_cast<CommandStatus>(0x64)) << "ESME_RX_T_APPN";
}

TEST(SmppSession, ReportsBothPartsOfAConcatenatedInboundSms) {
  FakeSmsc smsc;
  SmppConfig config = ConfigFor(smsc);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  const auto analysis = sms_text::Analyze(std::string(170, 'b'));
  ASSERT_EQ(analysis.parts.size(), 2u);
  for (int seq = 2; seq >= 1; --seq) {  // out of order
    DeliverSm part;
    part.source_addr = "+420720001676";
    part.esm_class = kEsmClassUdhi;
    part.short_message = sms_text::ConcatUdh(77, 2, seq);
    auto septets = sms_text::EncodeGsm7(analysis.parts[static_cast<std::size_t>(seq - 1)]);
    part.short_message.insert(part.short_message.end(), septets.begin(), septets.end());
    ASSERT_TRUE(smsc.SendDeliverSm(part));
  }
  ASSERT_TRUE(events.WaitFor([&] { return events.inbound_.size() == 2; }));
  EXPECT_EQ(events.inbound_[0].concat->seq, 2);
  EXPECT_EQ(events.inbound_[1].concat->seq, 1);
  EXPECT_EQ(events.inbound_[1].concat->ref, 77);
  EXPECT_EQ(events.inbound_[1].text + events.inbound_[0].text, analysis.text);
  for (auto& ack : events.acks_) ack(true);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.deliver_sm_resps == 2; }));
}

TEST(SmppSession, StopDrainsWhatIsQueuedAndInFlightThenUnbinds) {
  FakeSmsc smsc({.record_submits = false});
  SmppConfig config = ConfigFor(smsc);
  config.window = 10;
  config.binds = 1;
  config.drain_timeout = milliseconds(5000);
  config.throughput = 5;  // 5 go at once, the other 5 wait a second in the queue
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 10; ++i) all.push_back(Sms(i, "x"));
  SubmitAll(gateway, events, all);
  EXPECT_LT(events.result_count(), 10u);
  gateway.Stop();
  EXPECT_EQ(events.result_count(), 10u);
  EXPECT_EQ(smsc.counters().accepted, 10);
  for (const auto& r : events.results()) EXPECT_EQ(r.status, SubmitStatus::kAccepted) << r.error;
  EXPECT_EQ(smsc.counters().unbinds, 1);
  EXPECT_FALSE(gateway.Submit(Sms(99, "x")));
}

TEST(SmppSession, StopReportsTemporaryErrorsForWhatItCouldNotSend) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers});
  SmppConfig config = ConfigFor(smsc);
  config.window = 2;
  config.response_timeout = milliseconds(30000);
  config.drain_timeout = milliseconds(100);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  ASSERT_TRUE(gateway.Submit(Sms(1, "x")));
  ASSERT_TRUE(gateway.Submit(Sms(2, "x")));
  gateway.Stop();
  ASSERT_EQ(events.result_count(), 2u) << "every Submit gets a result";
  for (const auto& r : events.results()) EXPECT_EQ(r.status, SubmitStatus::kTemporaryError);
}

TEST(SmppSession, ThroughputCapIsNeverExceededInAnyOneSecondWindow) {
  FakeSmsc smsc({.record_submits = false, .record_submit_times = true});
  SmppConfig config = ConfigFor(smsc);
  config.binds = 2;
  config.window = 100;
  config.throughput = 50;
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 120; ++i) all.push_back(Sms(i, "x"));
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 120; }));
  const auto times = smsc.SubmitTimes();
  ASSERT_EQ(times.size(), 120u);
  for (std::size_t i = 0; i < times.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < times.size() && times[j] - times[i] < std::chrono::seconds(1);
         ++j) {
      ++in_window;
    }
    ASSERT_LE(in_window, 50u) << "one second from submit " << i;
  }
  EXPECT_GE(times.back() - times.front(), std::chrono::seconds(2)) << "120 at 50/s";
}

TEST(SmppSession, TransmitterPlusReceiverBindsSendOnOneAndReceiveOnTheOther) {
  FakeSmsc smsc({.send_receipts = true});
  SmppConfig config = ConfigFor(smsc);
  config.bind_mode = BindMode::kTransmitterAndReceiver;
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  ASSERT_EQ(gateway.Binds().size(), 2u);
  SubmitAll(gateway, events, {Sms(1, "x"), Sms(2, "y")});
  ASSERT_TRUE(
      events.WaitFor([&] { return events.results_.size() == 2 && events.receipts_.size() == 2; }));
  EXPECT_EQ(smsc.counters().binds, 2);
}

TEST(SmppSession, StatusShowsEachBindsWindowRateAndLastError) {
  FakeSmsc smsc({.behaviour = SmscBehaviour::kNeverAnswers});
  SmppConfig config = ConfigFor(smsc);
  config.binds = 2;
  config.window = 5;
  config.response_timeout = milliseconds(30000);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events));
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 10; ++i) all.push_back(Sms(i, "x"));
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(smsc.WaitFor([](const FakeSmsc::Counters& c) { return c.submits == 10; }));
  GatewayStatus status = gateway.Status();
  ASSERT_EQ(status.binds.size(), 2u);
  EXPECT_EQ(status.in_flight, 10);
  for (const BindStatus& b : status.binds) {
    EXPECT_TRUE(b.connected);
    EXPECT_EQ(b.mode, "transceiver");
    EXPECT_EQ(b.in_flight, 5) << "the window is full";
    EXPECT_EQ(b.window, 5);
    EXPECT_EQ(b.sent, 5);
    EXPECT_EQ(b.connects, 1);
  }
  EXPECT_EQ(status.binds[0].name, "0-transceiver");
  EXPECT_EQ(status.binds[1].name, "1-transceiver");
  smsc.DropConnections();
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 10; }));
  status = gateway.Status();
  bool any_error = false;
  for (const BindStatus& b : status.binds) {
    any_error = any_error || b.last_error.find("closed") != std::string::npos;
  }
  EXPECT_TRUE(any_error);
  gateway.Stop();
}

// TLS: the gateway against the fake SMSC behind a TLS front with a self-signed certificate.
class SmppTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("smsinfo-tls-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    certificate_ = MakeTestCertificate(dir_.string(), "smsc.test");
    front_ = std::make_unique<TlsFront>(smsc_.port(), certificate_);
  }
  void TearDown() override {
    front_.reset();
    std::filesystem::remove_all(dir_);
  }
  SmppConfig TlsConfig() {
    SmppConfig config = ConfigFor(smsc_);
    config.port = front_->port();
    config.tls = true;
    config.tls_ca_file = certificate_.cert_file;
    config.tls_server_name = "smsc.test";
    return config;
  }
  // Waits until the first bind attempt failed with an error (the session never binds).
  static std::string FirstError(SmppGateway& gateway, RecordingEvents& events) {
    const auto deadline = Steady::now() + std::chrono::seconds(10);
    while (Steady::now() < deadline) {
      const auto status = gateway.Status();
      if (!status.last_error.empty()) return status.last_error;
      std::unique_lock lock(events.mu_);
      events.changed_.wait_for(lock, milliseconds(5));
    }
    return {};
  }

  FakeSmsc smsc_{{.send_receipts = true}};
  std::filesystem::path dir_;
  TestCertificate certificate_;
  std::unique_ptr<TlsFront> front_;
};

TEST_F(SmppTlsTest, SendsAndReceivesReceiptsOverVerifiedTls) {
  FakeClock clock;
  SmppGateway gateway(TlsConfig(), clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events)) << gateway.Status().last_error;
  std::vector<OutboundSms> all;
  for (int i = 1; i <= 200; ++i) all.push_back(Sms(i, i % 2 ? std::string(200, 'b') : "tls"));
  SubmitAll(gateway, events, all);
  ASSERT_TRUE(events.WaitFor(
      [&] { return events.results_.size() == 200 && events.receipts_.size() == 300; }));
  for (const auto& r : events.results()) EXPECT_EQ(r.status, SubmitStatus::kAccepted) << r.error;
  EXPECT_EQ(smsc_.counters().submits, 300);
  EXPECT_EQ(front_->handshakes(), 1);
  gateway.Stop();
  EXPECT_EQ(smsc_.counters().unbinds, 1) << "the graceful unbind goes through TLS too";
}

TEST_F(SmppTlsTest, RefusesAnSmscWhoseCertificateItDoesNotTrust) {
  SmppConfig config = TlsConfig();
  config.tls_ca_file.clear();  // the system's CAs do not know our self-signed certificate
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  gateway.Start(events);
  const std::string error = FirstError(gateway, events);
  EXPECT_NE(error.find("TLS handshake"), std::string::npos) << error;
  EXPECT_NE(error.find("certificate"), std::string::npos) << error;
  EXPECT_FALSE(gateway.Status().connected);
  EXPECT_EQ(smsc_.counters().binds, 0) << "no bind, and no password, before TLS is verified";
  gateway.Stop();
}

TEST_F(SmppTlsTest, RefusesACertificateForAnotherName) {
  SmppConfig config = TlsConfig();
  config.tls_server_name = "other.example";
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  gateway.Start(events);
  const std::string error = FirstError(gateway, events);
  EXPECT_NE(error.find("TLS handshake"), std::string::npos) << error;
  EXPECT_EQ(smsc_.counters().binds, 0);
  gateway.Stop();
}

TEST_F(SmppTlsTest, ConnectsToAnUntrustedSmscWhenVerificationIsOff) {
  SmppConfig config = TlsConfig();
  config.tls_ca_file.clear();
  config.tls_server_name.clear();
  config.tls_verify = false;
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  ASSERT_TRUE(StartAndWaitUntilBound(gateway, events)) << gateway.Status().last_error;
  SubmitAll(gateway, events, {Sms(1, "bez overeni")});
  ASSERT_TRUE(events.WaitFor([&] { return events.results_.size() == 1; }));
  EXPECT_EQ(events.results()[0].status, SubmitStatus::kAccepted);
  gateway.Stop();
}

TEST_F(SmppTlsTest, APlainSessionCannotTalkToATlsPort) {
  SmppConfig config = TlsConfig();
  config.tls = false;
  config.response_timeout = milliseconds(300);
  FakeClock clock;
  SmppGateway gateway(config, clock);
  RecordingEvents events;
  gateway.Start(events);
  EXPECT_FALSE(FirstError(gateway, events).empty());
  EXPECT_FALSE(gateway.Status().connected);
  gateway.Stop();
}

}  // namespace
}  // namespace smsinfo::gateway::smpp
