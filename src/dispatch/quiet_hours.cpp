#include "dispatch/quiet_hours.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace smsinfo::dispatch {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr std::int64_t kMillisPerMinute = 60'000;

int Normalize(int minute) { return ((minute % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay; }

}  // namespace

int LocalMinuteOfDay(const std::string& time_zone, TimePoint now) {
  const std::int64_t utc_ms = ToUnixMillis(now);
  std::int64_t offset_ms = 0;
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  if (zone != nullptr && *zone != icu::TimeZone::getUnknown()) {
    UErrorCode status = U_ZERO_ERROR;
    std::int32_t raw_offset = 0;
    std::int32_t dst_offset = 0;
    zone->getOffset(static_cast<UDate>(utc_ms), /*local=*/false, raw_offset, dst_offset, status);
    if (U_SUCCESS(status)) offset_ms = std::int64_t{raw_offset} + dst_offset;
  }
  const std::int64_t local_minutes = (utc_ms + offset_ms) / kMillisPerMinute -
                                     ((utc_ms + offset_ms) % kMillisPerMinute < 0 ? 1 : 0);
  return static_cast<int>(((local_minutes % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay);
}

bool InQuietHours(const domain::Organization& org, TimePoint now) {
  const int start = Normalize(org.quiet_start_minute);
  const int end = Normalize(org.quiet_end_minute);
  if (start == end) return false;
  const int minute = LocalMinuteOfDay(org.timezone, now);
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end;  // crosses midnight
}

}  // namespace smsinfo::dispatch
