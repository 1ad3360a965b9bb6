#include "gateway/routing/routing_gateway.hpp"

#include <gtest/gtest.h>

#include <mutex>

namespace smsinfo::gateway {
namespace {

// A gateway that records what it was given and takes at most `capacity` SMS.
class RecordingGateway final : public Gateway {
 public:
  RecordingGateway(std::string name, std::size_t capacity, bool connected = true)
      : name_(std::move(name)), capacity_(capacity), connected_(connected) {}
  const std::string& name() const override { return name_; }
  const char* type() const override { return "recording"; }
  void Start(GatewayEvents& events) override { events_ = &events; }
  void Stop() override { stopped_ = true; }
  bool Submit(OutboundSms sms) override {
    std::lock_guard lock(mu_);
    if (taken_.size() >= capacity_) return false;
    taken_.push_back(std::move(sms));
    return true;
  }
  std::size_t Capacity() const override { return capacity_; }
  GatewayStatus Status() const override {
    std::lock_guard lock(mu_);
    GatewayStatus s;
    s.name = name_;
    s.type = type();
    s.connected = connected_;
    s.in_flight = static_cast<std::int64_t>(taken_.size());
    s.window = static_cast<std::int64_t>(capacity_);
    return s;
  }
  std::size_t taken() const {
    std::lock_guard lock(mu_);
    return taken_.size();
  }
  GatewayEvents* events_ = nullptr;
  bool stopped_ = false;

 private:
  std::string name_;
  std::size_t capacity_;
  bool connected_;
  mutable std::mutex mu_;
  std::vector<OutboundSms> taken_;
};

struct NoEvents final : GatewayEvents {
  void OnSubmitResult(const std::string&, SubmitResult) override {}
  void OnReceipt(const std::string&, DeliveryReceipt) override {}
  void OnInbound(const std::string&, InboundPart, std::function<void(bool)> stored) override {
    stored(false);
  }
};

OutboundSms Sms(RouteKind route) {
  OutboundSms sms;
  sms.to = "+420720000001";
  sms.text = "x";
  sms.parts = {"x"};
  sms.route = route;
  return sms;
}

struct Fixture {
  RecordingGateway* bulk = nullptr;
  RecordingGateway* system = nullptr;
  std::unique_ptr<RoutingGateway> router;
};

// Two gateways: "bulk" (default) and "system", with system and reply SMS routed to "system".
Fixture TwoGateways(std::size_t bulk_capacity = 100, std::size_t system_capacity = 10,
                    bool system_connected = true) {
  Fixture f;
  auto bulk = std::make_unique<RecordingGateway>("bulk", bulk_capacity);
  auto system = std::make_unique<RecordingGateway>("system", system_capacity, system_connected);
  f.bulk = bulk.get();
  f.system = system.get();
  std::vector<std::unique_ptr<Gateway>> gateways;
  gateways.push_back(std::move(bulk));
  gateways.push_back(std::move(system));
  RouteTable table;
  table.default_gateway = 0;
  table.by_kind[static_cast<std::size_t>(RouteKind::kSystem)] = 1;
  table.by_kind[static_cast<std::size_t>(RouteKind::kReply)] = 1;
  auto router = RoutingGateway::Create(std::move(gateways), table);
  EXPECT_TRUE(router.ok());
  f.router = std::move(*router);
  return f;
}

TEST(RoutingGateway, SendsEachKindThroughItsRoutedGateway) {
  auto f = TwoGateways();
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kBulk)));
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kBulk)));
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kSystem)));
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kReply)));
  EXPECT_EQ(f.bulk->taken(), 2u);
  EXPECT_EQ(f.system->taken(), 2u);
}

TEST(RoutingGateway, SendsKindsWithoutARuleThroughTheDefaultGateway) {
  auto f = TwoGateways();
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kUrgent)));
  EXPECT_EQ(f.bulk->taken(), 1u);
  EXPECT_EQ(f.system->taken(), 0u);
}

TEST(RoutingGateway, RefusesOnlyWhenTheRoutedGatewayIsFull) {
  auto f = TwoGateways(/*bulk_capacity=*/1, /*system_capacity=*/5);
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kBulk)));
  EXPECT_FALSE(f.router->Submit(Sms(RouteKind::kBulk)));
  EXPECT_TRUE(f.router->Submit(Sms(RouteKind::kSystem)));
}

TEST(RoutingGateway, OffersTheSmallestCapacityOfItsRoutedGateways) {
  auto f = TwoGateways(100, 10);
  EXPECT_EQ(f.router->Capacity(), 10u);
}

TEST(RoutingGateway, IgnoresTheCapacityOfAGatewayNoRouteLeadsTo) {
  std::vector<std::unique_ptr<Gateway>> gateways;
  gateways.push_back(std::make_unique<RecordingGateway>("simulator", 5));
  gateways.push_back(std::make_unique<RecordingGateway>("smsc", 100));
  RouteTable table;
  table.default_gateway = 1;
  auto router = RoutingGateway::Create(std::move(gateways), table);
  ASSERT_TRUE(router.ok());
  EXPECT_EQ((*router)->Capacity(), 100u);
  EXPECT_EQ((*router)->name(), "smsc");
}

TEST(RoutingGateway, StartsAndStopsEveryGateway) {
  auto f = TwoGateways();
  NoEvents events;
  f.router->Start(events);
  EXPECT_EQ(f.bulk->events_, &events);
  EXPECT_EQ(f.system->events_, &events);
  f.router->Stop();
  EXPECT_TRUE(f.bulk->stopped_);
  EXPECT_TRUE(f.system->stopped_);
}

TEST(RoutingGateway, ReportsConnectedOnlyWhenEveryRoutedGatewayIs) {
  auto f = TwoGateways(100, 10, /*system_connected=*/false);
  f.router->Submit(Sms(RouteKind::kBulk));
  f.router->Submit(Sms(RouteKind::kSystem));
  const GatewayStatus s = f.router->Status();
  EXPECT_EQ(s.name, "bulk");
  EXPECT_FALSE(s.connected);
  EXPECT_EQ(s.in_flight, 2);
  EXPECT_EQ(s.window, 10);
}

TEST(RoutingGateway, RejectsARouteToAMissingGateway) {
  std::vector<std::unique_ptr<Gateway>> gateways;
  gateways.push_back(std::make_unique<RecordingGateway>("only", 5));
  RouteTable table;
  table.by_kind[0] = 3;
  auto router = RoutingGateway::Create(std::move(gateways), table);
  ASSERT_FALSE(router.ok());
  EXPECT_EQ(router.error().code, ErrorCode::kInvalidInput);
}

TEST(RouteKind, ParsesTheNamesItPrints) {
  for (int k = 0; k < kRouteKinds; ++k) {
    const auto kind = static_cast<RouteKind>(k);
    EXPECT_EQ(ParseRouteKind(ToString(kind)), kind);
  }
  EXPECT_FALSE(ParseRouteKind("confirmation").has_value());
}

}  // namespace
}  // namespace smsinfo::gateway
