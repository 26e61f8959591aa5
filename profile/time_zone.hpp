#pragma once
// Time zone names without loading the whole time zone database.
//
// date::locate_zone and date::current_zone first index every file under
// /usr/share/zoneinfo (about 600 stats, ~3 ms): more than the whole pre-run
// check costs otherwise. The commands that only need to know that a name is
// valid, or what the system's zone is called, use these instead; anything
// that converts times still goes through date.
#include <string>
#include <string_view>

namespace stride::profile {

/// True when `name` is a time zone date::locate_zone accepts. Reads the first
/// bytes of the zone's file when it is there; asks date otherwise.
bool is_time_zone(std::string_view name);

/// The system's time zone name: $TZ, else the target of /etc/localtime, else
/// /etc/timezone, else date::current_zone(); "UTC" when none names a zone.
std::string system_time_zone();

}  // namespace stride::profile
