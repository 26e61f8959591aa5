#pragma once
/// A fast ISO-8601 / XML Schema dateTime parser for track points (GPX, TCX):
/// called once per point, so no streams, no locale, no allocation.

#include <cstdint>
#include <string_view>

namespace stride::import::detail {

struct IsoTime {
  std::int64_t ms_since_epoch = 0;  ///< UTC
  bool has_offset = false;          ///< an explicit +hh:mm / -hh:mm (not Z)
  std::int32_t offset_s = 0;        ///< seconds east of UTC, when has_offset
};

/// `YYYY-MM-DDThh:mm:ss[.f...][Z|±hh:mm|±hhmm|±hh]`, surrounding whitespace
/// allowed, `t` or a space for `T`. No zone means UTC (what GPX prescribes).
/// Fractions beyond milliseconds are truncated. False when malformed or out
/// of range (month 13, 30 February, hour 25, ...).
bool parse_iso8601(std::string_view text, IsoTime& out);

}  // namespace stride::import::detail
