#pragma once
/// Surface zones from the profile: a named circle or polygon with a surface.

#include <string>
#include <vector>

#include "engine/activity.hpp"

namespace stride::engine {

struct LatLon {
  double lat_deg = 0;
  double lon_deg = 0;

  friend bool operator==(const LatLon&, const LatLon&) = default;
};

struct Zone {
  enum class Shape { circle, polygon };
  std::string name;
  Surface surface = Surface::unknown;
  Shape shape = Shape::circle;
  LatLon centre;                ///< circle
  double radius_m = 0;          ///< circle
  std::vector<LatLon> polygon;  ///< polygon vertices, not closed (first != last)

  bool contains(LatLon point) const;

  friend bool operator==(const Zone&, const Zone&) = default;
};

/// Metres per surface along a track: each segment between two positioned
/// points is split half to each end's surface (the first zone containing the
/// point, else `default_surface`). Sorted by surface, zeros left out.
std::vector<SurfaceShare> split_by_zones(const std::vector<TrackPoint>& points,
                                         const std::vector<Zone>& zones, Surface default_surface);

}  // namespace stride::engine
