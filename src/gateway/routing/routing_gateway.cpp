#include "gateway/routing/routing_gateway.hpp"

#include <algorithm>
#include <limits>
#include <thread>

namespace smsinfo::gateway {

Result<std::unique_ptr<RoutingGateway>> RoutingGateway::Create(
    std::vector<std::unique_ptr<Gateway>> gateways, RouteTable table) {
  if (gateways.empty()) return Error::InvalidInput("routing needs at least one gateway");
  auto valid = [&](std::size_t i) { return i < gateways.size() && gateways[i] != nullptr; };
  if (!valid(table.default_gateway)) return Error::InvalidInput("no such default gateway");
  for (const auto& rule : table.by_kind) {
    if (rule && !valid(*rule)) return Error::InvalidInput("a route leads to no gateway");
  }
  for (const auto& g : gateways) {
    if (g == nullptr) return Error::InvalidInput("routing got a null gateway");
  }
  return std::unique_ptr<RoutingGateway>(new RoutingGateway(std::move(gateways), table));
}

RoutingGateway::RoutingGateway(std::vector<std::unique_ptr<Gateway>> gateways, RouteTable table)
    : gateways_(std::move(gateways)), table_(table) {}

const std::string& RoutingGateway::name() const {
  return gateways_[table_.default_gateway]->name();
}

const char* RoutingGateway::type() const { return gateways_[table_.default_gateway]->type(); }

void RoutingGateway::Start(GatewayEvents& events) {
  for (auto& g : gateways_) g->Start(events);
}

void RoutingGateway::Stop() {
  if (gateways_.size() == 1) {
    gateways_.front()->Stop();
    return;
  }
  std::vector<std::thread> stopping;
  stopping.reserve(gateways_.size());
  for (auto& g : gateways_) stopping.emplace_back([gw = g.get()] { gw->Stop(); });
  for (auto& t : stopping) t.join();
}

bool RoutingGateway::Submit(OutboundSms sms) {
  return gateways_[table_.For(sms.route)]->Submit(std::move(sms));
}

std::vector<std::size_t> RoutingGateway::RoutedIndexes() const {
  std::vector<std::size_t> routed{table_.default_gateway};
  for (int k = 0; k < kRouteKinds; ++k) {
    const std::size_t i = table_.For(static_cast<RouteKind>(k));
    if (std::find(routed.begin(), routed.end(), i) == routed.end()) routed.push_back(i);
  }
  return routed;
}

std::size_t RoutingGateway::Capacity() const {
  std::size_t capacity = std::numeric_limits<std::size_t>::max();
  for (std::size_t i : RoutedIndexes()) capacity = std::min(capacity, gateways_[i]->Capacity());
  return capacity;
}

GatewayStatus RoutingGateway::Status() const {
  GatewayStatus status = gateways_[table_.default_gateway]->Status();
  const auto routed = RoutedIndexes();
  if (routed.size() == 1) return status;
  status.in_flight = 0;
  status.window = static_cast<std::int64_t>(Capacity());
  for (std::size_t i : routed) {
    const GatewayStatus s = gateways_[i]->Status();
    status.connected = status.connected && s.connected;
    status.in_flight += s.in_flight;
    if (status.last_error.empty()) status.last_error = s.last_error;
  }
  return status;
}

std::vector<const Gateway*> RoutingGateway::Gateways() const {
  std::vector<const Gateway*> all;
  all.reserve(gateways_.size());
  for (const auto& g : gateways_) all.push_back(g.get());
  return all;
}

}  // namespace smsinfo::gateway
