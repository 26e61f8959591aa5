#include "engine/zones.hpp"

#include "engine/geo.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;

namespace {

TrackPoint at(double lat, double lon) {
  TrackPoint p;
  p.lat_deg = lat;
  p.lon_deg = lon;
  return p;
}

}  // namespace

TEST_CASE("zones: a circle and a polygon contain what they should", "[engine]") {
  Zone circle{"park", Surface::grass, Zone::Shape::circle, {52.5, 13.4}, 100, {}};
  CHECK(circle.contains({52.5, 13.4}));
  CHECK(circle.contains({52.5 + 0.0008, 13.4}));       // ~89 m north
  CHECK_FALSE(circle.contains({52.5 + 0.001, 13.4}));  // ~111 m
  Zone square{"track",
              Surface::track,
              Zone::Shape::polygon,
              {},
              0,
              {{52.0, 13.0}, {52.0, 13.01}, {52.01, 13.01}, {52.01, 13.0}}};
  CHECK(square.contains({52.005, 13.005}));
  CHECK_FALSE(square.contains({52.005, 13.02}));
  CHECK_FALSE(square.contains({51.999, 13.005}));
}

TEST_CASE("zones: each segment is split half to each end's surface", "[engine]") {
  Zone park{"park", Surface::grass, Zone::Shape::circle, {52.5, 13.4}, 150, {}};
  // Two points inside the park, two outside to the north.
  std::vector<TrackPoint> points{at(52.5, 13.4), at(52.5009, 13.4), at(52.5018, 13.4),
                                 at(52.5027, 13.4)};
  points.insert(points.begin() + 2, TrackPoint{});  // a point without position is skipped
  const double seg = haversine_m(52.5, 13.4, 52.5009, 13.4);
  const auto shares = split_by_zones(points, {park}, Surface::road);
  REQUIRE(shares.size() == 2);
  CHECK(shares[0].surface == Surface::road);
  CHECK(shares[0].distance_m == Approx(1.5 * seg));
  CHECK(shares[1].surface == Surface::grass);
  CHECK(shares[1].distance_m == Approx(1.5 * seg));
  SECTION("no zones: everything on the default surface") {
    const auto all = split_by_zones(points, {}, Surface::trail);
    REQUIRE(all.size() == 1);
    CHECK(all[0].surface == Surface::trail);
    CHECK(all[0].distance_m == Approx(3 * seg));
  }
}
