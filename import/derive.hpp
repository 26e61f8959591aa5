#pragma once
/// Summary figures derived from track points, shared by the GPX, TCX and FIT
/// readers (FIT and TCX prefer their own lap/session totals where present).

#include <cstddef>
#include <span>
#include <vector>

#include "engine/activity.hpp"

namespace stride::import {

/// Points closer in time than this, or slower than kMovingSpeedMps, count as
/// stopped. Documented in the README ("Moving time").
constexpr double kMovingSpeedMps = 1.0 / 3.6;  // 1 km/h, as gpxpy
/// Elevation changes smaller than this are GPS/barometer noise.
constexpr double kElevationNoiseM = 3.0;

struct DerivedFigures {
  bool has_time = false;
  engine::UtcTime start{};
  double distance_m = 0;
  double moving_s = 0;
  double elapsed_s = 0;
  double elevation_gain_m = engine::kNoValue;
  double avg_hr_bpm = engine::kNoValue;
  double max_hr_bpm = engine::kNoValue;
  double avg_cadence_spm = engine::kNoValue;
};

/// `segment_starts` holds the index of the first point of each segment (the
/// first entry is 0); distance is never summed across segments.
DerivedFigures derive_from_points(const std::vector<engine::TrackPoint>& points,
                                  std::span<const std::size_t> segment_starts);

}  // namespace stride::import
