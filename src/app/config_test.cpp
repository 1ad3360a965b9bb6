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
