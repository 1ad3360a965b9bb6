// Routing: which gateway sends what. A RoutingGateway puts several gateways behind the one
// Gateway that dispatch talks to, and hands each SMS to the gateway its RouteKind is routed to
// ([[route]] rules in the config), or to the default gateway. Results, receipts and inbound
// SMS go from every gateway straight to the GatewayEvents, named by the gateway that sent
// them. See docs/smpp.md, "Routing".
// Thread-safe: every method may be called from any thread (Start and Stop from one).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "gateway/gateway.hpp"

namespace smsinfo::gateway {

// Which gateway (an index into the RoutingGateway's list) sends each RouteKind.
struct RouteTable {
  std::size_t default_gateway = 0;
  std::array<std::optional<std::size_t>, kRouteKinds> by_kind{};

  std::size_t For(RouteKind kind) const {
    const auto& rule = by_kind[static_cast<std::size_t>(kind)];
    return rule ? *rule : default_gateway;
  }
};

class RoutingGateway final : public Gateway {
 public:
  // `gateways` must not be empty and every index in `table` must be valid (kInvalidInput
  // otherwise).
  static Result<std::unique_ptr<RoutingGateway>> Create(
      std::vector<std::unique_ptr<Gateway>> gateways, RouteTable table);

  // The default gateway's name and type.
  const std::string& name() const override;
  const char* type() const override;
  // Starts every gateway, routed to or not (a gateway with no route still receives).
  void Start(GatewayEvents& events) override;
  // Stops every gateway, in parallel (each drains what it has in flight).
  void Stop() override;
  // To the gateway routed for sms.route; false when that gateway cannot take it now.
  bool Submit(OutboundSms sms) override;
  // The smallest capacity of the gateways that routes lead to: dispatch never claims more
  // than the fullest route can take, so no claimed SMS is refused for a full window.
  std::size_t Capacity() const override;
  // The default gateway's status, with in_flight and window over every routed gateway and
  // connected only when all of them are.
  GatewayStatus Status() const override;

  // Every gateway, in config order.
  std::vector<const Gateway*> Gateways() const;
  Gateway& At(std::size_t index) { return *gateways_[index]; }
  const RouteTable& table() const { return table_; }

 private:
  RoutingGateway(std::vector<std::unique_ptr<Gateway>> gateways, RouteTable table);
  // Indexes of the gateways some route leads to (the default one included), no repeats.
  std::vector<std::size_t> RoutedIndexes() const;

  std::vector<std::unique_ptr<Gateway>> gateways_;
  const RouteTable table_;
};

}  // namespace smsinfo::gateway
