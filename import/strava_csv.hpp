#pragma once
/// The rows of a Strava bulk export's `activities.csv`. The export assembly
/// (import/strava.hpp) joins each row with its file.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/parse.hpp"

namespace stride::import {

struct StravaRow {
  /// The activity as the row alone describes it (summary_only = true): date
  /// (UTC), type, name, distance (metres column), moving/elapsed time, gear, RPE...
  engine::Activity activity;
  /// The `Filename` column (`activities/123.gpx.gz`), empty for manual entries.
  std::string filename;
  std::int64_t line = 0;  ///< physical line where the record starts
  /// Non-empty when the row cannot be used (`#error#`, no date): reported, not fatal.
  std::string error;
};

/// Throws ParseError when the text is not a Strava activities.csv.
std::vector<StravaRow> parse_strava_activities_csv(std::string_view bytes, const ParseContext& ctx);

}  // namespace stride::import
