#pragma once
/// What every format parser shares: the error with its position, per-file
/// warnings, and the context a parser needs (time zone, units for CSV).
/// Parsers take bytes, never paths (HOUSE-STYLE: "parsers take contents").

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/activity.hpp"
#include "engine/quantity.hpp"
#include "engine/source_error.hpp"

namespace date {
class time_zone;
}

namespace stride::import {

/// The error type and positions every reader shares (engine/source_error.hpp).
using engine::format_location;
using engine::Location;
using engine::location_of_offset;
/// Bad user data found while parsing. what() is the formatted message;
/// parse_bytes() attaches the offending line (full_text()).
using ParseError = engine::SourceError;

/// Something odd that did not stop the file (a skipped point, a clock that was
/// never set): data, listed per file.
struct ImportWarning {
  Location where;
  std::string message;
};

struct ParseContext {
  std::string display_name = "input";
  /// The profile's time zone: for sources without their own offset. Never null
  /// when given by the import layer; parsers fall back to UTC if it is.
  const date::time_zone* tz = nullptr;
  /// Unit of CSV distances that carry no unit.
  engine::Units csv_units = engine::Units::km;
  /// Also hash inputs the old way (CRC-32 + Adler-32): set while the store
  /// still knows files only by such hashes.
  bool old_hashes = false;
};

struct ParseResult {
  std::vector<engine::Activity> activities;
  std::vector<ImportWarning> warnings;
};

/// Fills utc_offset_s (from ctx.tz unless the source gave one) and local_date.
void assign_local_date(engine::Activity& activity, const ParseContext& ctx);

/// Dates before this look like a device clock that was never set.
inline constexpr std::int64_t kClockSetAfterUnixS = 946'684'800;  // 2000-01-01T00:00:00Z
/// Names and notes are cut after this many characters (UTF-8 code points).
inline constexpr std::size_t kMaxTextChars = 1000;

/// What every reader does last, written once (PRODUCT.md "Times that cannot
/// be right", "Text fields are bounded"): the local date, the warning on a
/// start before 2000, names and notes cut to kMaxTextChars with a warning.
/// Safe to call twice on the same activities.
void finish_activities(ParseResult& result, const ParseContext& ctx);

}  // namespace stride::import
