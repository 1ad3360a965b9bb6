// Strong ids: an OrgId can't be passed where a ContactId is expected. Plain values.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace smsinfo {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using ApiTokenId = Id<struct ApiTokenTag>;
using ContactId = Id<struct ContactTag>;
using GroupId = Id<struct GroupTag>;
using ResidentId = Id<struct ResidentTag>;
using RegistrationId = Id<struct RegistrationTag>;
using MessageId = Id<struct MessageTag>;
using DeliveryId = Id<struct DeliveryTag>;
using InboundId = Id<struct InboundTag>;
using AuditId = Id<struct AuditTag>;

}  // namespace smsinfo

template <class Tag>
struct std::hash<smsinfo::Id<Tag>> {
  std::size_t operator()(smsinfo::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
