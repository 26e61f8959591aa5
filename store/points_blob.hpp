#pragma once
/// A compact, versioned encoding of an activity's track points: one blob per
/// activity instead of one row per point (rows cost as much as the parse, see
/// bench/FIGURES.md).

#include <cstdint>
#include <span>
#include <vector>

#include "engine/activity.hpp"

namespace stride::store {

/// The blob format this build writes; decode also reads every older version.
inline constexpr std::uint8_t kPointsBlobVersion = 1;

/// Encodes points; values are rounded to the stored resolution (time 1 ms,
/// lat/lon 1e-7 deg, elevation 1 cm, heart rate and cadence 0.01, distance 1 cm,
/// speed 1 mm/s). NaN and infinite values are stored as missing.
std::vector<std::uint8_t> encode_points(const std::vector<engine::TrackPoint>& points);

/// Decodes a blob from encode_points. Throws std::runtime_error on a truncated
/// or malformed blob, or one written by a newer build.
std::vector<engine::TrackPoint> decode_points(std::span<const std::uint8_t> blob);

/// The number of points in a blob, read from its header without decoding.
std::size_t count_points(std::span<const std::uint8_t> blob);

}  // namespace stride::store
