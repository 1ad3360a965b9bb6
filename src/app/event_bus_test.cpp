#include "app/event_bus.hpp"

#include <gtest/gtest.h>

namespace smsinfo::app {
namespace {

Event EventFor(OrgId org, std::int64_t id) {
  Event e;
  e.org = org;
  e.type = "message";
  e.id = id;
  return e;
}

TEST(EventBus, DeliversOnlyTheSubscribersOwnOrganizationsEvents) {
  EventBus bus;
  auto a = bus.Subscribe(OrgId(1));
  auto b = bus.Subscribe(OrgId(2));
  bus.Publish(EventFor(OrgId(1), 10));
  bus.Publish(EventFor(OrgId(2), 20));
  auto got_a = a->Take();
  ASSERT_EQ(got_a.size(), 1u);
  EXPECT_EQ(got_a[0].id, 10);
  auto got_b = b->Take();
  ASSERT_EQ(got_b.size(), 1u);
  EXPECT_EQ(got_b[0].id, 20);
  EXPECT_TRUE(a->Take().empty());
}

TEST(EventBus, FullQueueDropsTheOldestAndCountsThem) {
  EventBus bus;
  auto sub = bus.Subscribe(OrgId(1), 2);
  for (int i = 1; i <= 5; ++i) bus.Publish(EventFor(OrgId(1), i));
  std::size_t dropped = 0;
  auto got = sub->Take(&dropped);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, 4);
  EXPECT_EQ(got[1].id, 5);
  EXPECT_EQ(dropped, 3u);
  sub->Take(&dropped);
  EXPECT_EQ(dropped, 0u);
}

TEST(EventBus, NotifierIsCalledForEachQueuedEvent) {
  EventBus bus;
  auto sub = bus.Subscribe(OrgId(1));
  int calls = 0;
  sub->SetNotifier([&calls] { ++calls; });
  bus.Publish(EventFor(OrgId(1), 1));
  bus.Publish(EventFor(OrgId(3), 2));
  EXPECT_EQ(calls, 1);
}

TEST(EventBus, EndedSubscriptionIsForgotten) {
  EventBus bus;
  auto sub = bus.Subscribe(OrgId(1));
  EXPECT_EQ(bus.subscribers(), 1u);
  sub.reset();
  EXPECT_EQ(bus.subscribers(), 0u);
  bus.Publish(EventFor(OrgId(1), 1));  // nobody to deliver to; must not crash
}

}  // namespace
}  // namespace smsinfo::app
