#include "import/derive.hpp"

#include <cmath>
#include <vector>

#include "engine/geo.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using engine::TrackPoint;

namespace {

engine::UtcTime at_s(double s) {
  return engine::UtcTime{std::chrono::milliseconds{static_cast<long long>(std::llround(s * 1000))}};
}

TrackPoint pt(double lat, double lon, double t_s) {
  TrackPoint p;
  p.lat_deg = lat;
  p.lon_deg = lon;
  p.time = at_s(t_s);
  p.has_time = true;
  return p;
}

// 0.001 degree of latitude.
const double kStepM = engine::haversine_m(0, 0, 0.001, 0);

}  // namespace

TEST_CASE("derive: distance is summed per segment, never across", "[import]") {
  const std::vector<TrackPoint> pts = {pt(0, 0, 0), pt(0.001, 0, 1), pt(0.5, 0, 2),
                                       pt(0.501, 0, 3)};
  const std::size_t two[] = {0, 2};
  const auto split = import::derive_from_points(pts, two);
  CHECK(split.distance_m == Approx(2 * kStepM));
  const auto joined = import::derive_from_points(pts, {});
  CHECK(joined.distance_m == Approx(engine::haversine_m(0, 0, 0.501, 0)));
  CHECK(split.elapsed_s == 3);
}

TEST_CASE("derive: a pause at one spot is elapsed but not moving time", "[import]") {
  // 10 s running at ~11 m/s steps, 60 s standing (same position), 10 s running.
  const std::vector<TrackPoint> pts = {pt(0, 0, 0), pt(0.001, 0, 10), pt(0.001, 0, 70),
                                       pt(0.002, 0, 80)};
  const auto f = import::derive_from_points(pts, {});
  CHECK(f.has_time);
  CHECK(f.start == at_s(0));
  CHECK(f.elapsed_s == 80);
  CHECK(f.moving_s == 20);
}

TEST_CASE("derive: the moving threshold is a speed", "[import]") {
  // kStepM in 400 s is 0.28 m/s, just above 1 km/h; in 500 s just below.
  REQUIRE(kStepM / 400 > import::kMovingSpeedMps);
  REQUIRE(kStepM / 500 < import::kMovingSpeedMps);
  CHECK(import::derive_from_points({pt(0, 0, 0), pt(0.001, 0, 400)}, {}).moving_s == 400);
  CHECK(import::derive_from_points({pt(0, 0, 0), pt(0.001, 0, 500)}, {}).moving_s == 0);
}

TEST_CASE("derive: untimed points in between still carry the distance", "[import]") {
  // Out and back and out again: 3 steps of path, 1 step as the crow flies,
  // and only the two ends have a time.
  std::vector<TrackPoint> pts = {pt(0, 0, 0), pt(0.001, 0, 0), pt(0, 0, 0), pt(0.001, 0, 900)};
  pts[1].has_time = pts[2].has_time = false;
  REQUIRE(kStepM / 900 < import::kMovingSpeedMps);
  REQUIRE(3 * kStepM / 900 > import::kMovingSpeedMps);
  const auto f = import::derive_from_points(pts, {});
  CHECK(f.distance_m == Approx(3 * kStepM));
  CHECK(f.moving_s == 900);
}

TEST_CASE("derive: without positions or device distance a timed step counts as moving",
          "[import]") {
  TrackPoint a, b;
  a.has_time = b.has_time = true;
  a.time = at_s(0);
  b.time = at_s(30);
  const auto f = import::derive_from_points({a, b}, {});
  CHECK(f.distance_m == 0);
  CHECK(f.moving_s == 30);
}

TEST_CASE("derive: device distance gives movement and distance without GPS", "[import]") {
  std::vector<TrackPoint> pts(4);
  const double dist[] = {0, 100, 100, 250};
  for (int i = 0; i < 4; ++i) {
    pts[i].has_time = true;
    pts[i].time = at_s(i * 30.0);
    pts[i].distance_m = dist[i];
  }
  const auto f = import::derive_from_points(pts, {});
  CHECK(f.distance_m == 250);
  CHECK(f.moving_s == 60);  // the middle 30 s covered nothing
  CHECK(f.elapsed_s == 90);
}

TEST_CASE("derive: elevation gain ignores noise and counts whole climbs", "[import]") {
  auto gain_of = [](const std::vector<double>& eles) {
    std::vector<TrackPoint> pts;
    for (double e : eles) {
      TrackPoint p;
      p.ele_m = e;
      pts.push_back(p);
    }
    return import::derive_from_points(pts, {}).elevation_gain_m;
  };
  CHECK(gain_of({100, 102, 100, 102, 100, 102.5, 100}) == 0);  // all below 3 m
  CHECK(gain_of({100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110}) == 10);
  // Two climbs of 10 m with a 5 m descent between; noise of 1 m on the way.
  CHECK(gain_of({100, 105, 104, 110, 105, 106, 115, 114}) == 20);
  CHECK(std::isnan(gain_of({})));
}

TEST_CASE("derive: heart rate and cadence averages", "[import]") {
  std::vector<TrackPoint> pts(4);
  const double hr[] = {120, 140, engine::kNoValue, 160};
  const double cad[] = {170, 0, 180, engine::kNoValue};
  for (int i = 0; i < 4; ++i) {
    pts[i].hr_bpm = hr[i];
    pts[i].cadence_spm = cad[i];
  }
  const auto f = import::derive_from_points(pts, {});
  CHECK(f.avg_hr_bpm == 140);
  CHECK(f.max_hr_bpm == 160);
  CHECK(f.avg_cadence_spm == 175);  // standing (0) is not a cadence
  CHECK_FALSE(f.has_time);
  CHECK(f.elapsed_s == 0);
}

TEST_CASE("derive: a backward time step does not shrink elapsed time", "[import]") {
  const std::vector<TrackPoint> pts = {pt(0, 0, 100), pt(0.001, 0, 110), pt(0.002, 0, 50),
                                       pt(0.003, 0, 120)};
  const auto f = import::derive_from_points(pts, {});
  CHECK(f.start == at_s(50));
  CHECK(f.elapsed_s == 70);
}
