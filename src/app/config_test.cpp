#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace smsinfo::app {
namespace {

TEST(Config, EmptyFileGivesTheEmbeddedDefaults) {
  auto c = ParseConfig("", "test.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(c->storage.driver, "sqlite");
  ASSERT_EQ(c->gateways.size(), 1u);
  EXPECT_EQ(c->gateways[0].type, "simulator");
}

TEST(Config, TheDefaultFileParsesToTheDefaults) {
  auto c = ParseConfig(DefaultConfigText(), "default.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->dispatch.batch, 1000);
  EXPECT_EQ(c->gateways[0].receipt_delay_ms, 200);
}

TEST(Config, ReadsGatewaysAndSections) {
  auto c = ParseConfig(R"(
[server]
listen = "[::1]:9000"
[[gateway]]
name = "sim"
type = "simulator"
failing_numbers = ["+420720000001"]
failure_ratio = 0.5
)",
                       "t.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server.listen, "[::1]:9000");
  EXPECT_EQ(c->gateways[0].name, "sim");
  EXPECT_EQ(c->gateways[0].failing_numbers.at(0), "+420720000001");
  EXPECT_DOUBLE_EQ(c->gateways[0].failure_ratio, 0.5);
}

TEST(Config, AnSmppGatewayNeedsOnlyNameTypeHostPortSystemIdAndPassword) {
  auto c = ParseConfig(R"(
[[gateway]]
name = "operator"
type = "smpp"
host = "smsc.example.net"
port = 2775
system_id = "obec"
password = "tajne"
)",
                       "t.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  const GatewayConfig& g = c->gateways.at(0);
  EXPECT_EQ(g.type, "smpp");
  EXPECT_EQ(g.window, 100) << "the SMPP default window";
  EXPECT_EQ(g.bind_mode, "transceiver");
  EXPECT_EQ(g.long_messages, "udh8");
  EXPECT_TRUE(g.request_receipts);
}

TEST(Config, RejectsBadSmppValues) {
  const std::string head = "[[gateway]]\nname = \"o\"\ntype = \"smpp\"\nsystem_id = \"x\"\n";
  EXPECT_FALSE(ParseConfig(head + "bind_mode = \"sideways\"\n", "t.toml").ok());
  EXPECT_FALSE(ParseConfig(head + "long_messages = \"udh7\"\n", "t.toml").ok());
  EXPECT_FALSE(ParseConfig(head + "password = \"ninechars\"\n", "t.toml").ok());
  EXPECT_FALSE(ParseConfig(head + "request_receipts = \"yes\"\n", "t.toml").ok());
  EXPECT_FALSE(ParseConfig("[[gateway]]\nname = \"o\"\ntype = \"smpp\"\n", "t.toml").ok())
      << "system_id is required";
  EXPECT_TRUE(ParseConfig(head + "gsm_encoding = \"packed\"\nthroughput = 100\n", "t.toml").ok());
}

TEST(Config, TheDefaultGatewayIsTheFirstThatIsNotTheSimulator) {
  auto only_simulator = ParseConfig("", "t.toml");
  ASSERT_TRUE(only_simulator.ok());
  EXPECT_EQ(only_simulator->DefaultGateway(), 0u);
  auto c = ParseConfig(R"(
[[gateway]]
name = "simulator"
type = "simulator"

[[gateway]]
name = "operator"
type = "smpp"
system_id = "obec"
)",
                       "t.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->DefaultGateway(), 1u);
  EXPECT_TRUE(c->routes.empty());
}

TEST(Config, RoutesSendKindsThroughNamedGateways) {
  const std::string gateways = R"(
[[gateway]]
name = "bulk-smsc"
type = "smpp"
system_id = "obec"

[[gateway]]
name = "fast-smsc"
type = "smpp"
system_id = "obec2"
)";
  auto c = ParseConfig(gateways + R"(
[[route]]
kind = "system"
gateway = "fast-smsc"

[[route]]
kind = "urgent"
gateway = "fast-smsc"
)",
                       "t.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->routes.size(), 2u);
  EXPECT_EQ(c->routes[0].kind, "system");
  EXPECT_EQ(c->routes[0].gateway, "fast-smsc");
  EXPECT_EQ(c->DefaultGateway(), 0u);

  auto unknown_gateway =
      ParseConfig(gateways + "[[route]]\nkind = \"bulk\"\ngateway = \"nope\"\n", "t.toml");
  ASSERT_FALSE(unknown_gateway.ok());
  EXPECT_NE(unknown_gateway.error().message.find("nope"), std::string::npos);
  EXPECT_FALSE(
      ParseConfig(gateways + "[[route]]\nkind = \"sms\"\ngateway = \"fast-smsc\"\n", "t.toml")
          .ok());
  EXPECT_FALSE(ParseConfig(gateways + "[[route]]\nkind = \"bulk\"\ngateway = \"fast-smsc\"\n"
                                      "[[route]]\nkind = \"bulk\"\ngateway = \"bulk-smsc\"\n",
                           "t.toml")
                   .ok())
      << "two rules for one kind";
  EXPECT_FALSE(ParseConfig(gateways + "[[route]]\nkind = \"bulk\"\n", "t.toml").ok());
  EXPECT_FALSE(
      ParseConfig(gateways + "[[route]]\nkind = \"bulk\"\ngateway = \"bulk-smsc\"\nweight = 1\n",
                  "t.toml")
          .ok());
}

TEST(Config, RejectsTwoGatewaysWithOneName) {
  EXPECT_FALSE(
      ParseConfig("[[gateway]]\nname = \"a\"\n[[gateway]]\nname = \"a\"\n", "t.toml").ok());
}

TEST(Config, ReadsSmppTlsKeysAndRejectsTlsKeysWithoutTls) {
  const std::string head = "[[gateway]]\nname = \"o\"\ntype = \"smpp\"\nsystem_id = \"x\"\n";
  auto c = ParseConfig(head +
                           "tls = true\ntls_ca_file = \"ca.pem\"\ntls_verify = false\n"
                           "tls_server_name = \"smsc.example.net\"\n",
                       "t.toml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  const GatewayConfig& g = c->gateways.at(0);
  EXPECT_TRUE(g.tls);
  EXPECT_EQ(g.tls_ca_file, "ca.pem");
  EXPECT_FALSE(g.tls_verify);
  EXPECT_EQ(g.tls_server_name, "smsc.example.net");
  auto defaults = ParseConfig(head, "t.toml");
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->gateways[0].tls);
  EXPECT_TRUE(defaults->gateways[0].tls_verify);
  EXPECT_FALSE(ParseConfig(head + "tls_ca_file = \"ca.pem\"\n", "t.toml").ok());
  EXPECT_FALSE(ParseConfig(head + "tls = true\ntls_cert_file = \"c.pem\"\n", "t.toml").ok())
      << "a client certificate needs its key";
}

TEST(Config, NamesTheLineOfASyntaxError) {
  auto c = ParseConfig("[server]\nlisten = \n", "bad.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("bad.toml:2"), std::string::npos) << c.error().message;
}

TEST(Config, RejectsWrongTypesUnknownSectionsAndBadValues) {
  EXPECT_FALSE(ParseConfig("[server]\nthreads = \"four\"\n", "t").ok());
  EXPECT_FALSE(ParseConfig("[serverr]\n", "t").ok());
  EXPECT_FALSE(ParseConfig("[server]\nlisten = \"nohostport\"\n", "t").ok());
  EXPECT_FALSE(ParseConfig("[[gateway]]\nname=\"x\"\ntype=\"carrier-pigeon\"\n", "t").ok());
  EXPECT_FALSE(ParseConfig("[log]\nlevel=\"loud\"\n", "t").ok());
  auto c = ParseConfig("[server]\nthreads = \"four\"\n", "t");
  EXPECT_NE(c.error().message.find("server.threads"), std::string::npos);
}

TEST(Config, EnvironmentOverridesTheFile) {
  setenv("SMSINFO_SERVER_LISTEN", "127.0.0.1:7777", 1);
  setenv("SMSINFO_DISPATCH_BATCH", "50", 1);
  auto c = ParseConfig("[server]\nlisten = \"127.0.0.1:1\"\n", "t");
  unsetenv("SMSINFO_SERVER_LISTEN");
  unsetenv("SMSINFO_DISPATCH_BATCH");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server.listen, "127.0.0.1:7777");
  EXPECT_EQ(c->dispatch.batch, 50);
}

TEST(Config, RejectsANonNumericEnvironmentValue) {
  setenv("SMSINFO_DISPATCH_BATCH", "many", 1);
  auto c = ParseConfig("", "t");
  unsetenv("SMSINFO_DISPATCH_BATCH");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("SMSINFO_DISPATCH_BATCH"), std::string::npos);
}

}  // namespace
}  // namespace smsinfo::app
