#include "storage/sqlite/row_codec.hpp"

#include <charconv>

namespace smsinfo::storage::sqlite {

domain::Encoding ParseEncodingOr(std::string_view s, domain::Encoding fallback) {
  if (s == domain::ToString(domain::Encoding::kGsm7)) return domain::Encoding::kGsm7;
  if (s == domain::ToString(domain::Encoding::kUcs2)) return domain::Encoding::kUcs2;
  return fallback;
}

const char* ReceiptStateName(ReceiptState s) {
  switch (s) {
    case ReceiptState::kDelivered:
      return "delivered";
    case ReceiptState::kUndeliverable:
      return "undeliverable";
    case ReceiptState::kExpired:
      return "expired";
    case ReceiptState::kFailed:
      return "failed";
  }
  return "failed";
}

std::string IdsToJson(const std::vector<ResidentId>& ids) { return IdListJson(ids); }

std::vector<ResidentId> IdsFromJson(std::string_view json) {
  std::vector<ResidentId> ids;
  const char* p = json.data();
  const char* end = p + json.size();
  while (p < end) {
    if (*p >= '0' && *p <= '9') {
      std::int64_t value = 0;
      auto [next, ec] = std::from_chars(p, end, value);
      if (ec != std::errc()) break;
      ids.emplace_back(value);
      p = next;
    } else {
      ++p;
    }
  }
  return ids;
}

}  // namespace smsinfo::storage::sqlite
