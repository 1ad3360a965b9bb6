// The installation's configuration: smsinfo.toml in the data folder, every key optional with an
// embedded default, each overridable by an environment variable SMSINFO_<SECTION>_<KEY>
// (e.g. SMSINFO_SERVER_LISTEN). Loaded once at start-up; a plain value afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"

namespace smsinfo::app {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";           // host:port; [::1]:8080 for IPv6
  int threads = 4;                                 // HTTP worker threads
  std::int64_t max_body_bytes = 64 * 1024 * 1024;  // a residence register can be large
  std::int64_t session_idle_minutes = 12 * 60;     // a browser session ends after this idle
  std::int64_t session_max_hours = 7 * 24;         // and after this in any case
  std::string ui_dir;                              // built UI; empty: the compiled-in default
  std::string tls_cert;  // PEM certificate chain; with tls_key, HTTPS is served directly
  std::string tls_key;   // PEM private key
};

struct StorageConfig {
  std::string driver = "sqlite";
  std::string path = "smsinfo.db";  // relative to the data folder
};

struct GatewayConfig {
  std::string name = "simulator";
  std::string type = "simulator";
  // simulator
  std::int64_t receipt_delay_ms = 200;
  double failure_ratio = 0.0;
  std::vector<std::string> failing_numbers;
  std::vector<std::string> rejected_numbers;
  std::int64_t window = 1000;  // SMS in flight; for smpp: requests per bind (default 100)
  // smpp (see README.md and docs/smpp.md); only name, type, host, port, system_id and
  // password are needed
  std::string host = "127.0.0.1";
  std::int64_t port = 2775;
  std::string system_id;
  std::string password;
  std::string password_file;  // read at load, relative to the data folder; wins over password
  std::string system_type;
  std::string bind_mode = "transceiver";  // transceiver | transmitter+receiver
  std::int64_t binds = 1;
  std::int64_t throughput = 0;  // submit_sm per second over all binds; 0 = unlimited
  std::string source_addr;      // number or alphanumeric sender; empty: the SMSC's default
  std::int64_t source_ton = 5;
  std::int64_t source_npi = 0;
  std::int64_t dest_ton = 1;
  std::int64_t dest_npi = 1;
  std::string gsm_encoding = "unpacked";  // data_coding 0 as: unpacked | packed
  std::string long_messages = "udh8";     // udh8 | udh16 | sar | payload
  bool request_receipts = true;
  std::string submit_id_format = "as-is";   // message ids in submit_sm_resp: as-is | hex | decimal
  std::string receipt_id_format = "as-is";  // message ids in receipts: as-is | hex | decimal
  std::int64_t enquire_link_s = 30;
  std::int64_t response_timeout_ms = 10000;
  std::int64_t connect_timeout_ms = 10000;
  std::int64_t reconnect_min_ms = 1000;
  std::int64_t reconnect_max_ms = 60000;
  std::int64_t throttle_backoff_ms = 1000;
  std::int64_t drain_timeout_ms = 10000;
  // smpp over TLS (docs/smpp.md, "TLS")
  bool tls = false;
  std::string tls_ca_file;      // PEM CAs to trust; empty: the system's
  bool tls_verify = true;       // check the SMSC's certificate and name
  std::string tls_server_name;  // name expected in the certificate (and SNI); empty: host
  std::string tls_cert_file;    // client certificate chain (PEM), if the operator asks for one
  std::string tls_key_file;     // its private key (PEM)
};

// [[route]]: SMS of one kind (bulk, reply, system, urgent) go through the named gateway.
// Kinds without a rule go through the default gateway: the first that is not the simulator
// (or the first of all when every gateway is a simulator).
struct RouteConfig {
  std::string kind;
  std::string gateway;
};

struct DispatchSettings {
  std::int64_t batch = 1000;
  std::int64_t idle_poll_ms = 200;
  std::int64_t retry_base_s = 30;
  std::int64_t retry_max_s = 900;
  std::int64_t validity_hours = 24;  // a delivery not submitted by then expires
};

struct InboundSettings {
  std::int64_t flood_max = 20;
  std::int64_t flood_window_s = 600;
  std::int64_t reassembly_timeout_s = 3600;
  std::string default_region = "CZ";
};

struct LogConfig {
  std::string level = "info";  // trace, debug, info, warn, error
};

struct Config {
  std::string data_dir;  // set by the loader: where the config file, database and state live
  ServerConfig server;
  StorageConfig storage;
  std::vector<GatewayConfig> gateways{GatewayConfig{}};
  std::vector<RouteConfig> routes;
  DispatchSettings dispatch;
  InboundSettings inbound;
  LogConfig log;

  std::string DatabasePath() const;  // storage.path resolved against data_dir
  // Index in `gateways` of the default gateway (see RouteConfig).
  std::size_t DefaultGateway() const;
};

// Reads `<data_dir>/smsinfo.toml` if it exists (defaults otherwise), then the environment.
// Errors name the file, line and key.
Result<Config> LoadConfig(const std::string& data_dir);
// Parses TOML text (for tests); `origin` names it in error messages.
Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin);
// The commented default config file written by `smsinfo init`.
std::string DefaultConfigText();

}  // namespace smsinfo::app
