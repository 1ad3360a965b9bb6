#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace smsinfo::app {
namespace {

// Reads one key of a table into `out`, with type checking. Missing keys keep the default.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string section, std::string origin, std::string* error)
      : table_(table), section_(std::move(section)), origin_(std::move(origin)), error_(error) {}

  template <class T>
  void Read(const char* key, T* out) {
    if (!error_->empty()) return;
    if (table_ != nullptr) {
      if (const toml::node* node = table_->get(key)) {
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          const toml::array* arr = node->as_array();
          if (arr == nullptr) return Fail(key, "expected an array of strings", node);
          out->clear();
          for (const auto& item : *arr) {
            auto s = item.value<std::string>();
            if (!s) return Fail(key, "expected an array of strings", node);
            out->push_back(*s);
          }
        } else if constexpr (std::is_same_v<T, bool>) {
          auto v = node->value<bool>();
          if (!v) return Fail(key, "expected true or false", node);
          *out = *v;
        } else if constexpr (std::is_same_v<T, double>) {
          auto v = node->value<double>();
          if (!v) return Fail(key, "expected a number", node);
          *out = *v;
        } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, int>) {
          auto v = node->value<std::int64_t>();
          if (!v) return Fail(key, "expected an integer", node);
          *out = static_cast<T>(*v);
        } else {
          auto v = node->value<T>();
          if (!v) return Fail(key, "expected a string", node);
          *out = *v;
        }
      }
    }
    FromEnv(key, out);
  }

 private:
  void Fail(const char* key, const char* what, const toml::node* node) {
    std::ostringstream msg;
    msg << origin_ << ":" << node->source().begin.line << ": " << section_ << "." << key << ": "
        << what;
    *error_ = msg.str();
  }

  template <class T>
  void FromEnv(const char* key, T* out) {
    std::string name = "SMSINFO_" + section_ + "_" + key;
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return;
    const std::string text(value);
    if constexpr (std::is_same_v<T, std::string>) {
      *out = text;
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      out->clear();
      std::stringstream ss(text);
      std::string item;
      while (std::getline(ss, item, ',')) {
        if (!item.empty()) out->push_back(item);
      }
    } else {
      char* end = nullptr;
      if constexpr (std::is_same_v<T, double>) {
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0') {
          *error_ = "environment " + name + ": expected a number, got '" + text + "'";
          return;
        }
        *out = v;
      } else {
        const long long v = std::strtoll(text.c_str(), &end, 10);
        if (end == text.c_str() || *end != '\0') {
          *error_ = "environment " + name + ": expected an integer, got '" + text + "'";
          return;
        }
        *out = static_cast<T>(v);
      }
    }
  }

  const toml::table* table_;
  std::string section_;
  std::string origin_;
  std::string* error_;
};

const toml::table* Section(const toml::table& root, const char* name) {
  const toml::node* node = root.get(name);
  return node != nullptr ? node->as_table() : nullptr;
}

Result<void> ValidateSmpp(const GatewayConfig& g) {
  auto fail = [&](const std::string& what) {
    return Error::InvalidInput("gateway '" + g.name + "': " + what);
  };
  auto one_of = [](const std::string& v, std::initializer_list<const char*> allowed) {
    for (const char* a : allowed) {
      if (v == a) return true;
    }
    return false;
  };
  if (g.host.empty()) return fail("host must not be empty");
  if (g.port < 1 || g.port > 65535) return fail("port must be 1..65535");
  if (g.system_id.empty() || g.system_id.size() > 15)
    return fail("system_id must be 1..15 characters");
  if (g.password.size() > 8) return fail("password must be at most 8 characters (SMPP 3.4)");
  if (g.system_type.size() > 12) return fail("system_type must be at most 12 characters");
  if (!one_of(g.bind_mode, {"transceiver", "transmitter+receiver"})) {
    return fail("bind_mode must be \"transceiver\" or \"transmitter+receiver\"");
  }
  if (g.binds < 1 || g.binds > 64) return fail("binds must be 1..64");
  if (g.window > 10000) return fail("window must be 1..10000");
  if (g.throughput < 0) return fail("throughput must be >= 0 (0 = unlimited)");
  if (g.source_addr.size() > 20) return fail("source_addr must be at most 20 characters");
  for (std::int64_t v : {g.source_ton, g.source_npi, g.dest_ton, g.dest_npi}) {
    if (v < 0 || v > 255)
      return fail("source_ton, source_npi, dest_ton and dest_npi must be 0..255");
  }
  if (!one_of(g.gsm_encoding, {"unpacked", "packed"})) {
    return fail("gsm_encoding must be \"unpacked\" or \"packed\"");
  }
  if (!one_of(g.long_messages, {"udh8", "udh16", "sar", "payload"})) {
    return fail("long_messages must be udh8, udh16, sar or payload");
  }
  for (const std::string* f : {&g.submit_id_format, &g.receipt_id_format}) {
    if (!one_of(*f, {"as-is", "hex", "decimal"})) {
      return fail("submit_id_format and receipt_id_format must be as-is, hex or decimal");
    }
  }
  for (std::int64_t v : {g.enquire_link_s, g.response_timeout_ms, g.connect_timeout_ms,
                         g.reconnect_min_ms, g.reconnect_max_ms, g.drain_timeout_ms}) {
    if (v < 1) return fail("enquire_link_s and the *_ms timeouts must be >= 1");
  }
  if (g.throttle_backoff_ms < 0) return fail("throttle_backoff_ms must be >= 0");
  if (g.reconnect_min_ms > g.reconnect_max_ms) {
    return fail("reconnect_min_ms must not exceed reconnect_max_ms");
  }
  if (g.tls_cert_file.empty() != g.tls_key_file.empty()) {
    return fail("tls_cert_file and tls_key_file must be given together");
  }
  if (!g.tls &&
      (!g.tls_ca_file.empty() || !g.tls_cert_file.empty() || !g.tls_server_name.empty())) {
    return fail("tls_* keys need tls = true");
  }
  return Ok();
}

Result<void> Validate(const Config& c) {
  if (c.server.listen.find(':') == std::string::npos) {
    return Error::InvalidInput("server.listen must be HOST:PORT, got '" + c.server.listen + "'");
  }
  if (c.server.threads < 1 || c.server.threads > 64) {
    return Error::InvalidInput("server.threads must be between 1 and 64");
  }
  if (c.server.session_idle_minutes < 1 || c.server.session_idle_minutes > 60 * 24 * 30) {
    return Error::InvalidInput("server.session_idle_minutes must be 1..43200");
  }
  if (c.server.session_max_hours < 1 || c.server.session_max_hours > 24 * 365) {
    return Error::InvalidInput("server.session_max_hours must be 1..8760");
  }
  if (c.server.tls_cert.empty() != c.server.tls_key.empty()) {
    return Error::InvalidInput("server.tls_cert and server.tls_key must be given together");
  }
  if (c.storage.driver != "sqlite") {
    return Error::InvalidInput("storage.driver '" + c.storage.driver +
                               "' is not supported yet; use \"sqlite\"");
  }
  if (c.gateways.empty()) return Error::InvalidInput("at least one [[gateway]] is needed");
  for (const auto& g : c.gateways) {
    if (g.name.empty()) return Error::InvalidInput("gateway.name must not be empty");
    if (g.type != "simulator" && g.type != "smpp") {
      return Error::InvalidInput("gateway '" + g.name + "': type '" + g.type +
                                 "' is not supported; use \"simulator\" or \"smpp\"");
    }
    if (g.type == "smpp") SMSINFO_TRY(ValidateSmpp(g));
    if (g.failure_ratio < 0 || g.failure_ratio > 1) {
      return Error::InvalidInput("gateway '" + g.name + "': failure_ratio must be 0..1");
    }
    if (g.window < 1) return Error::InvalidInput("gateway '" + g.name + "': window must be >= 1");
  }
  for (std::size_t i = 0; i < c.gateways.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (c.gateways[i].name == c.gateways[j].name) {
        return Error::InvalidInput("two gateways are named '" + c.gateways[i].name +
                                   "'; every [[gateway]] needs its own name");
      }
    }
  }
  static const char* kRouteKinds[] = {"bulk", "reply", "system", "urgent"};
  for (std::size_t i = 0; i < c.routes.size(); ++i) {
    const RouteConfig& r = c.routes[i];
    bool kind_ok = false;
    for (const char* k : kRouteKinds) kind_ok = kind_ok || r.kind == k;
    if (!kind_ok) {
      return Error::InvalidInput("route.kind must be bulk, reply, system or urgent, got '" +
                                 r.kind + "'");
    }
    bool found = false;
    for (const auto& g : c.gateways) found = found || g.name == r.gateway;
    if (!found) {
      return Error::InvalidInput("route for '" + r.kind + "': no [[gateway]] is named '" +
                                 r.gateway + "'");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (c.routes[j].kind == r.kind) {
        return Error::InvalidInput("two [[route]] rules for kind '" + r.kind + "'");
      }
    }
  }
  if (c.dispatch.batch < 1 || c.dispatch.batch > 10000) {
    return Error::InvalidInput("dispatch.batch must be between 1 and 10000");
  }
  if (c.inbound.flood_max < 1) return Error::InvalidInput("inbound.flood_max must be >= 1");
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error"};
  bool level_ok = false;
  for (const char* l : kLevels) level_ok = level_ok || c.log.level == l;
  if (!level_ok) return Error::InvalidInput("log.level must be trace, debug, info, warn or error");
  return Ok();
}

}  // namespace

std::string Config::DatabasePath() const {
  std::filesystem::path p(storage.path);
  if (p.is_absolute() || data_dir.empty()) return p.string();
  return (std::filesystem::path(data_dir) / p).string();
}

std::size_t Config::DefaultGateway() const {
  for (std::size_t i = 0; i < gateways.size(); ++i) {
    if (gateways[i].type != "simulator") return i;
  }
  return 0;
}

Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << origin << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
        << e.description();
    return Error::InvalidInput(msg.str());
  }
  static const char* kKnown[] = {"server",   "storage", "gateway", "route",
                                 "dispatch", "inbound", "log"};
  for (const auto& [key, node] : root) {
    bool known = false;
    for (const char* k : kKnown) known = known || key.str() == k;
    if (!known) {
      return Error::InvalidInput(origin + ":" + std::to_string(node.source().begin.line) +
                                 ": unknown section '" + std::string(key.str()) + "'");
    }
  }
  Config c;
  std::string error;
  {
    TableReader r(Section(root, "server"), "server", origin, &error);
    r.Read("listen", &c.server.listen);
    r.Read("threads", &c.server.threads);
    r.Read("max_body_bytes", &c.server.max_body_bytes);
    r.Read("session_idle_minutes", &c.server.session_idle_minutes);
    r.Read("session_max_hours", &c.server.session_max_hours);
    r.Read("ui_dir", &c.server.ui_dir);
    r.Read("tls_cert", &c.server.tls_cert);
    r.Read("tls_key", &c.server.tls_key);
  }
  {
    TableReader r(Section(root, "storage"), "storage", origin, &error);
    r.Read("driver", &c.storage.driver);
    r.Read("path", &c.storage.path);
  }
  if (const toml::node* g = root.get("gateway")) {
    const toml::array* arr = g->as_array();
    if (arr == nullptr) {
      return Error::InvalidInput(origin + ": gateway must be an array of tables: [[gateway]]");
    }
    c.gateways.clear();
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return Error::InvalidInput(origin + ": each [[gateway]] must be a table");
      GatewayConfig gc;
      TableReader r(t, "gateway", origin, &error);
      r.Read("name", &gc.name);
      r.Read("type", &gc.type);
      r.Read("receipt_delay_ms", &gc.receipt_delay_ms);
      r.Read("failure_ratio", &gc.failure_ratio);
      r.Read("failing_numbers", &gc.failing_numbers);
      r.Read("rejected_numbers", &gc.rejected_numbers);
      r.Read("window", &gc.window);
      if (gc.type == "smpp" && t->get("window") == nullptr) gc.window = 100;
      r.Read("host", &gc.host);
      r.Read("port", &gc.port);
      r.Read("system_id", &gc.system_id);
      r.Read("password", &gc.password);
      r.Read("password_file", &gc.password_file);
      r.Read("system_type", &gc.system_type);
      r.Read("bind_mode", &gc.bind_mode);
      r.Read("binds", &gc.binds);
      r.Read("throughput", &gc.throughput);
      r.Read("source_addr", &gc.source_addr);
      r.Read("source_ton", &gc.source_ton);
      r.Read("source_npi", &gc.source_npi);
      r.Read("dest_ton", &gc.dest_ton);
      r.Read("dest_npi", &gc.dest_npi);
      r.Read("gsm_encoding", &gc.gsm_encoding);
      r.Read("long_messages", &gc.long_messages);
      r.Read("request_receipts", &gc.request_receipts);
      r.Read("submit_id_format", &gc.submit_id_format);
      r.Read("receipt_id_format", &gc.receipt_id_format);
      r.Read("enquire_link_s", &gc.enquire_link_s);
      r.Read("response_timeout_ms", &gc.response_timeout_ms);
      r.Read("connect_timeout_ms", &gc.connect_timeout_ms);
      r.Read("reconnect_min_ms", &gc.reconnect_min_ms);
      r.Read("reconnect_max_ms", &gc.reconnect_max_ms);
      r.Read("throttle_backoff_ms", &gc.throttle_backoff_ms);
      r.Read("drain_timeout_ms", &gc.drain_timeout_ms);
      r.Read("tls", &gc.tls);
      r.Read("tls_ca_file", &gc.tls_ca_file);
      r.Read("tls_verify", &gc.tls_verify);
      r.Read("tls_server_name", &gc.tls_server_name);
      r.Read("tls_cert_file", &gc.tls_cert_file);
      r.Read("tls_key_file", &gc.tls_key_file);
      c.gateways.push_back(gc);
    }
  } else {
    // Environment overrides apply to the default simulator gateway too.
    TableReader r(nullptr, "gateway", origin, &error);
    r.Read("receipt_delay_ms", &c.gateways[0].receipt_delay_ms);
    r.Read("failure_ratio", &c.gateways[0].failure_ratio);
    r.Read("failing_numbers", &c.gateways[0].failing_numbers);
  }
  if (const toml::node* routes = root.get("route")) {
    const toml::array* arr = routes->as_array();
    if (arr == nullptr) {
      return Error::InvalidInput(origin + ": route must be an array of tables: [[route]]");
    }
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return Error::InvalidInput(origin + ": each [[route]] must be a table");
      for (const auto& [key, node] : *t) {
        if (key.str() != "kind" && key.str() != "gateway") {
          return Error::InvalidInput(origin + ":" + std::to_string(node.source().begin.line) +
                                     ": route." + std::string(key.str()) +
                                     ": unknown key (a [[route]] has kind and gateway)");
        }
      }
      // Not read through TableReader: an environment variable cannot tell routes apart.
      RouteConfig rc;
      for (const char* key : {"kind", "gateway"}) {
        const toml::node* node = t->get(key);
        auto value = node != nullptr ? node->value<std::string>() : std::nullopt;
        if (!value) {
          return Error::InvalidInput(origin + ":" + std::to_string(t->source().begin.line) +
                                     ": route." + key + ": expected a string");
        }
        (std::string_view(key) == "kind" ? rc.kind : rc.gateway) = *value;
      }
      c.routes.push_back(rc);
    }
  }
  {
    TableReader r(Section(root, "dispatch"), "dispatch", origin, &error);
    r.Read("batch", &c.dispatch.batch);
    r.Read("idle_poll_ms", &c.dispatch.idle_poll_ms);
    r.Read("retry_base_s", &c.dispatch.retry_base_s);
    r.Read("retry_max_s", &c.dispatch.retry_max_s);
    r.Read("validity_hours", &c.dispatch.validity_hours);
  }
  {
    TableReader r(Section(root, "inbound"), "inbound", origin, &error);
    r.Read("flood_max", &c.inbound.flood_max);
    r.Read("flood_window_s", &c.inbound.flood_window_s);
    r.Read("reassembly_timeout_s", &c.inbound.reassembly_timeout_s);
    r.Read("default_region", &c.inbound.default_region);
  }
  {
    TableReader r(Section(root, "log"), "log", origin, &error);
    r.Read("level", &c.log.level);
  }
  if (!error.empty()) return Error::InvalidInput(error);
  SMSINFO_TRY(Validate(c));
  return c;
}

Result<Config> LoadConfig(const std::string& data_dir) {
  const std::filesystem::path file = std::filesystem::path(data_dir) / "smsinfo.toml";
  std::string text;
  if (std::filesystem::exists(file)) {
    std::ifstream in(file);
    if (!in) return Error::Unavailable("cannot read " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  auto config = ParseConfig(text, file.string());
  if (!config.ok()) return config.error();
  config->data_dir = data_dir;
  for (GatewayConfig& g : config->gateways) {
    if (g.password_file.empty()) continue;
    std::filesystem::path path(g.password_file);
    if (path.is_relative()) path = std::filesystem::path(data_dir) / path;
    std::ifstream in(path);
    if (!in) {
      return Error::InvalidInput("gateway '" + g.name + "': cannot read password_file " +
                                 path.string());
    }
    std::string password;
    std::getline(in, password);
    while (!password.empty() && (password.back() == '\r' || password.back() == ' ')) {
      password.pop_back();
    }
    if (password.size() > 8) {
      return Error::InvalidInput("gateway '" + g.name + "': the password in " + path.string() +
                                 " is longer than 8 characters (SMPP 3.4)");
    }
    g.password = password;
  }
  return config;
}

std::string DefaultConfigText() {
  return R"(# smsinfo configuration. Every key is optional; the values shown are the defaults.
# Each key can be overridden by an environment variable SMSINFO_<SECTION>_<KEY>,
# e.g. SMSINFO_SERVER_LISTEN=0.0.0.0:8080. See README.md for every key.

[server]
listen = "127.0.0.1:8080"   # HOST:PORT of the web UI and the REST API
threads = 4                 # HTTP worker threads
max_body_bytes = 67108864   # largest accepted request body (a residence register CSV)
session_idle_minutes = 720  # a browser session ends after this long without activity
session_max_hours = 168     # and after this long in any case
# ui_dir = "/usr/share/smsinfo/ui"  # the built web UI (default: ui/dist of the source tree)
# tls_cert = "/etc/smsinfo/cert.pem"  # serve HTTPS directly (both keys, PEM files)
# tls_key = "/etc/smsinfo/key.pem"

[storage]
driver = "sqlite"
path = "smsinfo.db"         # relative to the data folder

# The way to the phone network. The built-in simulator stands in for it until a real
# gateway is configured.
[[gateway]]
name = "simulator"
type = "simulator"
receipt_delay_ms = 200      # time until the simulated phone confirms delivery
failure_ratio = 0.0         # share of SMS the simulated network does not deliver
failing_numbers = []        # E.164 numbers whose SMS are never delivered
rejected_numbers = []       # E.164 numbers the network refuses outright
window = 1000               # SMS in flight at once

# An operator's SMSC (SMPP 3.4); the first gateway that is not the simulator sends everything
# unless [[route]] rules say otherwise. See README.md and docs/smpp.md for every key.
# [[gateway]]
# name = "operator"
# type = "smpp"
# host = "smsc.example.net"
# port = 2775
# system_id = "obec"
# password_file = "smpp.password"
# tls = false
#
# [[route]]                 # bulk | reply | system | urgent
# kind = "system"
# gateway = "simulator"

[dispatch]
batch = 1000                # deliveries claimed per round
idle_poll_ms = 200          # how often to look for due work when idle
retry_base_s = 30           # first retry after a temporary gateway error
retry_max_s = 900           # longest wait between retries
validity_hours = 24         # an SMS not sent by then expires

[inbound]
flood_max = 20              # SMS one number may send per flood window before being throttled
flood_window_s = 600
reassembly_timeout_s = 3600 # give up waiting for missing parts of a long SMS after this
default_region = "CZ"       # how numbers without a country code are read

[log]
level = "info"              # trace, debug, info, warn, error
)";
}

}  // namespace smsinfo::app
