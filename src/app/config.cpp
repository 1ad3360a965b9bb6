#include "app/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

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

Result<void> Validate(const Config& c) {
  if (c.server.listen.find(':') == std::string::npos) {
    return Error::InvalidInput("server.listen must be HOST:PORT, got '" + c.server.listen + "'");
  }
  if (c.server.threads < 1 || c.server.threads > 64) {
    return Error::InvalidInput("server.threads must be between 1 and 64");
  }
  if (c.storage.driver != "sqlite") {
    return Error::InvalidInput("storage.driver '" + c.storage.driver +
                               "' is not supported yet; use \"sqlite\"");
  }
  if (c.gateways.empty()) return Error::InvalidInput("at least one [[gateway]] is needed");
  for (const auto& g : c.gateways) {
    if (g.name.empty()) return Error::InvalidInput("gateway.name must not be empty");
    if (g.type != "simulator") {
      return Error::InvalidInput("gateway '" + g.name + "': type '" + g.type +
                                 "' is not supported yet; use \"simulator\"");
    }
    if (g.failure_ratio < 0 || g.failure_ratio > 1) {
      return Error::InvalidInput("gateway '" + g.name + "': failure_ratio must be 0..1");
    }
    if (g.window < 1) return Error::InvalidInput("gateway '" + g.name + "': window must be >= 1");
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
  static const char* kKnown[] = {"server", "storage", "gateway", "dispatch", "inbound", "log"};
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
      c.gateways.push_back(gc);
    }
  } else {
    // Environment overrides apply to the default simulator gateway too.
    TableReader r(nullptr, "gateway", origin, &error);
    r.Read("receipt_delay_ms", &c.gateways[0].receipt_delay_ms);
    r.Read("failure_ratio", &c.gateways[0].failure_ratio);
    r.Read("failing_numbers", &c.gateways[0].failing_numbers);
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
