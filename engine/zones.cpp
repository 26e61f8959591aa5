#include "engine/zones.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/geo.hpp"

namespace stride::engine {

bool Zone::contains(LatLon p) const {
  if (shape == Shape::circle) {
    return haversine_m(centre.lat_deg, centre.lon_deg, p.lat_deg, p.lon_deg) <= radius_m;
  }
  // Even-odd ray casting in degrees: zones are small enough for a flat picture.
  bool inside = false;
  const std::size_t n = polygon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const LatLon& a = polygon[i];
    const LatLon& b = polygon[j];
    if ((a.lat_deg > p.lat_deg) != (b.lat_deg > p.lat_deg)) {
      const double lon_at =
          (b.lon_deg - a.lon_deg) * (p.lat_deg - a.lat_deg) / (b.lat_deg - a.lat_deg) + a.lon_deg;
      if (p.lon_deg < lon_at) inside = !inside;
    }
  }
  return n >= 3 && inside;
}

std::vector<SurfaceShare> split_by_zones(const std::vector<TrackPoint>& points,
                                         const std::vector<Zone>& zones, Surface default_surface) {
  auto surface_at = [&](const TrackPoint& p) {
    for (const auto& z : zones) {
      if (z.contains({p.lat_deg, p.lon_deg})) return z.surface;
    }
    return default_surface;
  };
  std::map<Surface, double> metres;
  const TrackPoint* prev = nullptr;
  Surface prev_surface = default_surface;
  for (const auto& p : points) {
    if (!p.has_position()) continue;
    const Surface s = surface_at(p);
    if (prev) {
      const double d = haversine_m(prev->lat_deg, prev->lon_deg, p.lat_deg, p.lon_deg);
      metres[prev_surface] += d / 2;
      metres[s] += d / 2;
    }
    prev = &p;
    prev_surface = s;
  }
  std::vector<SurfaceShare> out;
  for (const auto& [s, m] : metres) {
    if (m > 0) out.push_back({s, m});
  }
  return out;
}

}  // namespace stride::engine
