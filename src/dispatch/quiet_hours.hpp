// Quiet hours: the local time of day when an organization's normal messages wait (urgent ones and
// system answers still go). Local time comes from the organization's IANA time zone through ICU,
// so daylight saving time is followed. Pure functions; safe to call from any thread.
#pragma once

#include <string>

#include "base/clock.hpp"
#include "domain/organization.hpp"

namespace smsinfo::dispatch {

// Minutes after local midnight (0..1439) at `now` in the IANA zone `time_zone`
// ("Europe/Prague"). An unknown zone counts as UTC.
int LocalMinuteOfDay(const std::string& time_zone, TimePoint now);

// True when `now` falls in [quiet_start_minute, quiet_end_minute) of the organization's local
// day. A window whose end is before its start crosses midnight (21:00–07:00); equal start and
// end means no quiet hours.
bool InQuietHours(const domain::Organization& org, TimePoint now);

}  // namespace smsinfo::dispatch
