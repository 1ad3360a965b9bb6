#include <gtest/gtest.h>

#include "domain/inbound_sms.hpp"
#include "domain/message.hpp"
#include "domain/registration.hpp"
#include "domain/user.hpp"

namespace smsinfo::domain {
namespace {

TEST(EnumNames, RoundTripEveryDeliveryState) {
  for (auto s : {DeliveryState::kQueued, DeliveryState::kSending, DeliveryState::kSubmitted,
                 DeliveryState::kDelivered, DeliveryState::kUndeliverable, DeliveryState::kExpired,
                 DeliveryState::kFailed, DeliveryState::kCancelled}) {
    EXPECT_EQ(ParseDeliveryState(ToString(s)), s);
  }
}

TEST(EnumNames, UseTheApiSpelling) {
  EXPECT_STREQ(ToString(InboundKind::kInvalidCommand), "invalid_command");
  EXPECT_STREQ(ToString(MatchOutcome::kAmbiguous), "ambiguous");
  EXPECT_EQ(ParseRole("operator"), Role::kOperator);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
}

TEST(EnumNames, OnlyTerminalStatesAreFinal) {
  EXPECT_FALSE(IsFinal(DeliveryState::kSubmitted));
  EXPECT_TRUE(IsFinal(DeliveryState::kCancelled));
  EXPECT_TRUE(IsFinal(DeliveryState::kExpired));
}

}  // namespace
}  // namespace smsinfo::domain
