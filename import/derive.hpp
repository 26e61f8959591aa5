#pragma once
/// Summary figures derived from track points, shared by the GPX, TCX and FIT
/// readers (FIT and TCX prefer their own lap/session totals where present).

#include <cstddef>
#include <span>
#include <vector>

#include "engine/activity.hpp"

namespace stride::import {

/// Between two consecutive timed points the runner counts as moving when the
/// average speed over that step is above this. 1 km/h is gpxpy's
/// get_moving_data default, so our moving time can be checked against it;
/// see README "Moving time" and derive.cpp for why it is not higher.
constexpr double kMovingSpeedMps = 1.0 / 3.6;
/// Elevation swings smaller than this are GPS/barometer noise (hysteresis:
/// a climb counts once the track has risen this much above its last low).
constexpr double kElevationNoiseM = 3.0;

struct DerivedFigures {
  bool has_time = false;
  engine::UtcTime start{};  ///< earliest timed point
  double distance_m = 0;
  double moving_s = 0;
  double elapsed_s = 0;  ///< latest minus earliest timed point
  double elevation_gain_m = engine::kNoValue;
  double avg_hr_bpm = engine::kNoValue;
  double max_hr_bpm = engine::kNoValue;
  double avg_cadence_spm = engine::kNoValue;
};

/// `segment_starts` holds the index of the first point of each segment (the
/// first entry is 0); distance is never summed across segments. Empty
/// `segment_starts` means one segment. Points without position, time or a
/// channel are skipped for that figure only.
DerivedFigures derive_from_points(const std::vector<engine::TrackPoint>& points,
                                  std::span<const std::size_t> segment_starts);

}  // namespace stride::import
