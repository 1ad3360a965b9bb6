// The gateway status API and /metrics: the pure formatting functions, and the routes with a
// real Application whose SMPP gateway is bound to the in-process fake SMSC on 127.0.0.1.
#include "web/api_gateways.hpp"

#include <gtest/gtest.h>

#include "gateway/smpp/fake_smsc.hpp"
#include "web/api.hpp"

namespace smsinfo::web {
namespace {

gateway::GatewayStatus SmppStatus() {
  gateway::GatewayStatus g;
  g.name = "operator";
  g.type = "smpp";
  g.connected = true;
  g.in_flight = 7;
  g.window = 200;
  gateway::BindStatus b;
  b.name = "0-transceiver";
  b.mode = "transceiver";
  b.connected = true;
  b.in_flight = 7;
  b.window = 100;
  b.rate = 99.5;
  b.sent = 1234;
  b.connects = 2;
  b.last_error = "the SMSC closed the \"connection\"";
  g.binds.push_back(b);
  b.name = "1-transceiver";
  b.connected = false;
  b.in_flight = 0;
  b.last_error.clear();
  g.binds.push_back(b);
  return g;
}

gateway::GatewayStatus SimulatorStatus() {
  gateway::GatewayStatus g;
  g.name = "simulator";
  g.type = "simulator";
  g.connected = true;
  g.window = 1000;
  return g;
}

TEST(GatewaysJson, ListsEachGatewayWithItsRoutesAndBinds) {
  gateway::RouteTable routes;
  routes.default_gateway = 1;
  routes.by_kind[static_cast<std::size_t>(gateway::RouteKind::kSystem)] = 0;
  const Json j = GatewaysJson({SimulatorStatus(), SmppStatus()}, routes);
  ASSERT_EQ(j["items"].size(), 2u);
  const Json& sim = j["items"][0];
  EXPECT_EQ(sim["name"], "simulator");
  EXPECT_EQ(sim["default"], false);
  EXPECT_EQ(sim["routes"], Json::array({"system"}));
  EXPECT_TRUE(sim["binds"].empty());
  const Json& smpp = j["items"][1];
  EXPECT_EQ(smpp["type"], "smpp");
  EXPECT_EQ(smpp["default"], true);
  EXPECT_EQ(smpp["routes"], Json::array({"bulk", "reply", "urgent"}));
  ASSERT_EQ(smpp["binds"].size(), 2u);
  EXPECT_EQ(smpp["binds"][0]["connected"], true);
  EXPECT_EQ(smpp["binds"][0]["in_flight"], 7);
  EXPECT_EQ(smpp["binds"][0]["window"], 100);
  EXPECT_DOUBLE_EQ(smpp["binds"][0]["rate"].get<double>(), 99.5);
  EXPECT_EQ(smpp["binds"][0]["sent"], 1234);
  EXPECT_EQ(smpp["binds"][0]["connects"], 2);
  EXPECT_EQ(smpp["binds"][0]["last_error"], "the SMSC closed the \"connection\"");
  EXPECT_EQ(smpp["binds"][1]["connected"], false);
}

TEST(MetricsText, HasMessageDeliveryAndPerBindSamples) {
  MetricsInput in;
  in.messages_sent = 3;
  in.deliveries_queued = 3000;
  in.dispatch.submitted = 2990;
  in.dispatch.receipts_delivered = 2900;
  in.dispatch.receipts_undeliverable = 5;
  in.dispatch.submit_temporary_errors = 4;
  in.gateways = {SimulatorStatus(), SmppStatus()};
  const std::string text = MetricsText(in);
  auto has = [&](const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
  };
  EXPECT_TRUE(has("smsinfo_messages_sent_total 3"));
  EXPECT_TRUE(has("smsinfo_deliveries_queued_total 3000"));
  EXPECT_TRUE(has("smsinfo_dispatch_submitted_total 2990"));
  EXPECT_TRUE(has("smsinfo_dispatch_receipts_by_state_total{state=\"delivered\"} 2900"));
  EXPECT_TRUE(has("smsinfo_dispatch_receipts_by_state_total{state=\"undeliverable\"} 5"));
  EXPECT_TRUE(has("smsinfo_dispatch_submit_errors_total{kind=\"temporary\"} 4"));
  EXPECT_TRUE(has("smsinfo_gateway_connected{gateway=\"operator\",type=\"smpp\"} 1"));
  EXPECT_TRUE(
      has("smsinfo_bind_connected{gateway=\"operator\",type=\"smpp\",bind=\"1-transceiver\"} 0"));
  EXPECT_TRUE(
      has("smsinfo_bind_in_flight{gateway=\"operator\",type=\"smpp\",bind=\"0-transceiver\"} 7"));
  EXPECT_TRUE(
      has("smsinfo_bind_rate{gateway=\"operator\",type=\"smpp\",bind=\"0-transceiver\"} 99.500"));
  EXPECT_TRUE(has(
      "smsinfo_bind_sent_total{gateway=\"operator\",type=\"smpp\",bind=\"0-transceiver\"} 1234"));
  // Label values are escaped; a bind without an error has no error sample.
  EXPECT_TRUE(
      has("smsinfo_bind_error{gateway=\"operator\",type=\"smpp\",bind=\"0-transceiver\","
          "error=\"the SMSC closed the \\\"connection\\\"\"} 1"));
  EXPECT_EQ(text.find("bind=\"1-transceiver\",error="), std::string::npos);
  // Every family is announced once, before its samples.
  EXPECT_EQ(text.find("# TYPE smsinfo_bind_rate gauge"),
            text.rfind("# TYPE smsinfo_bind_rate gauge"));
  EXPECT_LT(text.find("# TYPE smsinfo_bind_rate gauge"), text.find("smsinfo_bind_rate{"));
}

// GET /api/v1/gateways and /metrics of a running Application bound to the fake SMSC.
class GatewayRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app::Config config;
    config.storage.path = ":memory:";
    app::GatewayConfig simulator;
    app::GatewayConfig smpp;
    smpp.name = "operator";
    smpp.type = "smpp";
    smpp.port = smsc_.port();
    smpp.system_id = "obec";
    smpp.binds = 2;
    smpp.window = 50;
    config.gateways = {simulator, smpp};
    config.routes = {app::RouteConfig{"system", "simulator"}};
    auto opened = app::Application::Open(config);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    app_ = std::move(*opened);
    api_ = std::make_unique<Api>(*app_, "/nonexistent-ui-dir");
    auto setup = Call("POST", "/api/v1/setup", "",
                      R"({"organization_name":"Obec Vestec","central_number":"+420720001676",)"
                      R"("username":"starosta","password":"correct horse battery"})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    const std::string set_cookie = setup.Header("Set-Cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    ASSERT_TRUE(app_->Start().ok());
  }
  void TearDown() override {
    if (app_) app_->Stop();
  }

  HttpResponse Call(const std::string& method, const std::string& path, const std::string& cookie,
                    const std::string& body = "") {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    r.remote_address = "127.0.0.1";
    return api_->Handle(r);
  }

  gateway::smpp::FakeSmsc smsc_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<Api> api_;
  std::string cookie_;
};

TEST_F(GatewayRoutesTest, GatewaysNeedASignedInCaller) {
  EXPECT_EQ(Call("GET", "/api/v1/gateways", "").status, 401);
}

TEST_F(GatewayRoutesTest, GatewaysShowEveryBindOnceBoundAndTheRoutes) {
  ASSERT_TRUE(smsc_.WaitFor([](const auto& c) { return c.binds >= 2; }));
  // The SMSC records a bind a moment before the session has read its bind_resp and marked
  // itself bound; a session answers an enquire_link from the SMSC only after that.
  ASSERT_EQ(smsc_.SendEnquireLinks(), 2);
  ASSERT_TRUE(smsc_.WaitFor([](const auto& c) { return c.enquire_link_resps >= 2; }));
  auto r = Call("GET", "/api/v1/gateways", cookie_);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json items = Json::parse(r.body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["name"], "simulator");
  EXPECT_EQ(items[0]["routes"], Json::array({"system"}));
  EXPECT_EQ(items[1]["name"], "operator");
  EXPECT_EQ(items[1]["default"], true);
  ASSERT_EQ(items[1]["binds"].size(), 2u);
  for (const Json& b : items[1]["binds"]) {
    EXPECT_EQ(b["connected"], true);
    EXPECT_EQ(b["mode"], "transceiver");
    EXPECT_EQ(b["window"], 50);
    EXPECT_EQ(b["connects"], 1);
  }
}

TEST_F(GatewayRoutesTest, MetricsCountMessagesAndShowBindsWithoutSigningIn) {
  ASSERT_TRUE(smsc_.WaitFor([](const auto& c) { return c.binds >= 2; }));
  auto r = Call("GET", "/metrics", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4");
  EXPECT_NE(r.body.find("smsinfo_messages_sent_total 0"), std::string::npos);
  EXPECT_NE(r.body.find("smsinfo_bind_window{gateway=\"operator\",type=\"smpp\",bind=\"1-"
                        "transceiver\"} 50"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("smsinfo_gateway_connected{gateway=\"simulator\",type=\"simulator\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace smsinfo::web
