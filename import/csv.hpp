#pragma once
/// CSV reader and writer: bytes <-> activities. docs/csv-format.md says what it accepts.

#include <string>
#include <string_view>
#include <vector>

#include "import/parse.hpp"

namespace stride::import {

/// Throws ParseError (with line/column or byte offset) when the file is unusable.
/// One activity per row (summary_only), from our generic layout
/// (docs/csv-format.md), a Garmin Connect `Activities.csv`, a
/// garmin-connect-export CSV or a Strava `activities.csv`. Bad rows become
/// warnings; the file fails when no row is usable or when it is not an
/// activity list (`name:1: no date and distance columns (not an activity list)`).
ParseResult parse_csv(std::string_view bytes, const ParseContext& ctx);

/// The generic CSV that parse_csv reads back to the same activities (what
/// `stride export --csv` writes): start with its offset, sport, metres, seconds.
std::string write_generic_csv(const std::vector<engine::Activity>& activities);

}  // namespace stride::import
