// Routes: GET /api/v1/gateways (the status of every gateway and bind) and GET /metrics
// (Prometheus). The numbers come from the gateways and dispatch, read without the store.
#include "web/api_gateways.hpp"

#include <cstdio>

#include "web/api.hpp"

namespace smsinfo::web {
namespace {

// A label value with \, " and newlines escaped (Prometheus text format 0.0.4).
std::string Label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

class MetricsWriter {
 public:
  // Starts a metric family.
  void Family(const char* name, const char* type, const char* help) {
    out_ += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  }
  void Sample(const char* name, const std::string& labels, const std::string& value) {
    out_ += name;
    if (!labels.empty()) out_ += "{" + labels + "}";
    out_ += " " + value + "\n";
  }
  void One(const char* name, const char* type, const char* help, std::int64_t value) {
    Family(name, type, help);
    Sample(name, "", std::to_string(value));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

Json GatewaysJson(const std::vector<gateway::GatewayStatus>& statuses,
                  const gateway::RouteTable& routes) {
  Json items = Json::array();
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const gateway::GatewayStatus& g = statuses[i];
    Json kinds = Json::array();
    for (int k = 0; k < gateway::kRouteKinds; ++k) {
      const auto kind = static_cast<gateway::RouteKind>(k);
      if (routes.For(kind) == i) kinds.push_back(gateway::ToString(kind));
    }
    Json binds = Json::array();
    for (const gateway::BindStatus& b : g.binds) {
      binds.push_back({{"name", b.name},
                       {"mode", b.mode},
                       {"connected", b.connected},
                       {"in_flight", b.in_flight},
                       {"window", b.window},
                       {"rate", b.rate},
                       {"sent", b.sent},
                       {"connects", b.connects},
                       {"last_error", b.last_error}});
    }
    items.push_back({{"name", g.name},
                     {"type", g.type},
                     {"default", routes.default_gateway == i},
                     {"routes", std::move(kinds)},
                     {"connected", g.connected},
                     {"in_flight", g.in_flight},
                     {"window", g.window},
                     {"last_error", g.last_error},
                     {"binds", std::move(binds)}});
  }
  return {{"items", std::move(items)}};
}

std::string MetricsText(const MetricsInput& in) {
  MetricsWriter w;
  const auto& d = in.dispatch;
  w.One("smsinfo_messages_sent_total", "counter", "Messages created through the API or the CLI.",
        in.messages_sent);
  w.One("smsinfo_deliveries_queued_total", "counter",
        "Deliveries (one per recipient) queued by those messages.", in.deliveries_queued);
  w.One("smsinfo_dispatch_claimed_total", "counter", "Deliveries claimed for sending.", d.claimed);
  w.One("smsinfo_dispatch_submitted_total", "counter", "SMS accepted by the gateway.", d.submitted);
  w.One("smsinfo_dispatch_failed_total", "counter", "Submits the gateway refused.", d.failed);
  w.Family("smsinfo_dispatch_submit_errors_total", "counter",
           "Submit results with an error, by kind (temporary ones are retried).");
  w.Sample("smsinfo_dispatch_submit_errors_total", "kind=\"temporary\"",
           std::to_string(d.submit_temporary_errors));
  w.Sample("smsinfo_dispatch_submit_errors_total", "kind=\"permanent\"",
           std::to_string(d.submit_permanent_errors));
  w.One("smsinfo_dispatch_receipts_total", "counter", "Delivery receipts received.", d.receipts);
  w.Family("smsinfo_dispatch_receipts_by_state_total", "counter",
           "Delivery receipts received, by the state they report.");
  const std::pair<const char*, std::int64_t> states[] = {
      {"delivered", d.receipts_delivered},
      {"undeliverable", d.receipts_undeliverable},
      {"expired", d.receipts_expired},
      {"failed", d.receipts_failed}};
  for (const auto& [state, count] : states) {
    w.Sample("smsinfo_dispatch_receipts_by_state_total", std::string("state=\"") + state + "\"",
             std::to_string(count));
  }
  w.One("smsinfo_dispatch_in_flight", "gauge", "SMS submitted and awaiting a result.", d.in_flight);

  auto gateway_label = [](const gateway::GatewayStatus& g) {
    return "gateway=\"" + Label(g.name) + "\",type=\"" + Label(g.type) + "\"";
  };
  w.Family("smsinfo_gateway_connected", "gauge", "Whether the gateway is connected.");
  for (const auto& g : in.gateways) {
    w.Sample("smsinfo_gateway_connected", gateway_label(g), g.connected ? "1" : "0");
  }
  w.Family("smsinfo_gateway_in_flight", "gauge", "SMS handed to the gateway, without a result.");
  for (const auto& g : in.gateways) {
    w.Sample("smsinfo_gateway_in_flight", gateway_label(g), std::to_string(g.in_flight));
  }
  w.Family("smsinfo_gateway_window", "gauge", "SMS the gateway may have in flight at once.");
  for (const auto& g : in.gateways) {
    w.Sample("smsinfo_gateway_window", gateway_label(g), std::to_string(g.window));
  }

  struct BindFamily {
    const char* name;
    const char* type;
    const char* help;
    std::string (*value)(const gateway::BindStatus&);
  };
  static const BindFamily kBindFamilies[] = {
      {"smsinfo_bind_connected", "gauge", "Whether the bind is bound.",
       [](const gateway::BindStatus& b) { return std::string(b.connected ? "1" : "0"); }},
      {"smsinfo_bind_in_flight", "gauge", "Requests waiting for a response (window in use).",
       [](const gateway::BindStatus& b) { return std::to_string(b.in_flight); }},
      {"smsinfo_bind_window", "gauge", "Requests the bind may have outstanding.",
       [](const gateway::BindStatus& b) { return std::to_string(b.window); }},
      {"smsinfo_bind_rate", "gauge", "SMS parts sent per second over the last seconds.",
       [](const gateway::BindStatus& b) { return Number(b.rate); }},
      {"smsinfo_bind_sent_total", "counter", "SMS parts sent on the bind.",
       [](const gateway::BindStatus& b) { return std::to_string(b.sent); }},
      {"smsinfo_bind_connects_total", "counter", "Successful binds (1 + reconnects).",
       [](const gateway::BindStatus& b) { return std::to_string(b.connects); }},
      {"smsinfo_bind_error", "gauge", "The bind's last error (value 1; none: no sample).", nullptr},
  };
  for (const BindFamily& f : kBindFamilies) {
    w.Family(f.name, f.type, f.help);
    for (const auto& g : in.gateways) {
      for (const auto& b : g.binds) {
        const std::string labels = gateway_label(g) + ",bind=\"" + Label(b.name) + "\"";
        if (f.value != nullptr) {
          w.Sample(f.name, labels, f.value(b));
        } else if (!b.last_error.empty()) {
          w.Sample(f.name, labels + ",error=\"" + Label(b.last_error) + "\"", "1");
        }
      }
    }
  }
  return w.Take();
}

void Api::AddGatewayRoutes() {
  router_.Add("GET", "/api/v1/gateways", [this](const HttpRequest& req, const PathParams&) {
    return Authed(req, 200, [this](const app::Actor&) -> Result<Json> {
      std::vector<gateway::GatewayStatus> statuses;
      for (const gateway::Gateway* g : app_.gateways()) statuses.push_back(g->Status());
      return GatewaysJson(statuses, app_.routes());
    });
  });
  router_.Add("GET", "/metrics", [this](const HttpRequest&, const PathParams&) {
    MetricsInput in;
    in.dispatch = app_.dispatcher().stats();
    in.messages_sent = app_.messages().messages_sent();
    in.deliveries_queued = app_.messages().deliveries_queued();
    for (const gateway::Gateway* g : app_.gateways()) in.gateways.push_back(g->Status());
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = MetricsText(in);
    return r;
  });
}

}  // namespace smsinfo::web
