#pragma once
/// The one reader of ISO-8601 date-times (GPX, TCX, CSV, plans, Apple's
/// `2019-05-01 07:00:00 +0200`) and the one writer of dates. Pure text work:
/// called once per GPX point, so no streams, no locale, no allocation.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/activity.hpp"

namespace stride::engine {

struct IsoTime {
  /// What the text said about its zone: nothing, `Z` (or +00:00), or an offset.
  enum class Zone : std::uint8_t { none, utc, offset };

  /// The instant, UTC. With no zone the wall clock is read as UTC (what GPX
  /// and TCX prescribe); readers for which it is local use `local_ms`.
  std::int64_t ms_since_epoch = 0;
  /// The wall clock as written, as milliseconds since 1970-01-01T00:00 of it.
  std::int64_t local_ms = 0;
  Zone zone = Zone::none;
  /// An explicit non-zero offset: `+00:00` says "UTC" and nothing about where
  /// the runner was, so it counts as `Z`.
  bool has_offset = false;
  std::int32_t offset_s = 0;  ///< seconds east of UTC (0 unless has_offset)
  bool has_time = true;       ///< false for a date alone (when allowed)
};

/// `YYYY-MM-DD[(T|t|space)hh:mm[:ss[(.|,)f...]]][spaces][Z|z|±hh:mm|±hhmm|±hh]`,
/// surrounding whitespace allowed. `24:00:00` is the next midnight;
/// fractions beyond milliseconds are truncated. A date without a time only
/// when `allow_date_only`. False when malformed or out of range (month 13,
/// 30 February, hour 25, offset beyond ±18:00...).
bool parse_iso8601(std::string_view text, IsoTime& out, bool allow_date_only = false);

/// Exactly `YYYY-MM-DD`, a real date; nullopt otherwise.
std::optional<Day> parse_day(std::string_view text);

/// `2026-03-01`.
std::string format_day(Day day);

}  // namespace stride::engine
