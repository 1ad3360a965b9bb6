// The status of every gateway and bind (GET /api/v1/gateways) and the Prometheus text of
// /metrics, as pure functions of the numbers, so that both are testable without a server.
// Thread-safe (pure).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dispatch/dispatcher.hpp"
#include "gateway/gateway.hpp"
#include "gateway/routing/routing_gateway.hpp"
#include "web/json_io.hpp"

namespace smsinfo::web {

// {"items": [{name, type, connected, in_flight, window, last_error, routes: [kinds],
//  default: bool, binds: [{name, mode, connected, in_flight, window, rate, sent, connects,
//  last_error}]}]}. `statuses` in config order, the same order as the route table's indexes.
Json GatewaysJson(const std::vector<gateway::GatewayStatus>& statuses,
                  const gateway::RouteTable& routes);

struct MetricsInput {
  dispatch::Dispatcher::Stats dispatch;
  std::int64_t messages_sent = 0;
  std::int64_t deliveries_queued = 0;
  std::vector<gateway::GatewayStatus> gateways;
};

// The Prometheus text exposition format (version 0.0.4).
std::string MetricsText(const MetricsInput& input);

}  // namespace smsinfo::web
