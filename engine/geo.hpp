#pragma once
/// Great-circle arithmetic on WGS84 coordinates in degrees.

namespace stride::engine {

/// Mean Earth radius (IUGG), the one every checker in ../shared/bench uses.
constexpr double kEarthRadiusM = 6371008.8;

/// Haversine distance in metres.
double haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

}  // namespace stride::engine
