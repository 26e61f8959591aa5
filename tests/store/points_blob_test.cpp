#include "store/points_blob.hpp"

#include <cmath>
#include <random>

#include "tests/support/catch.hpp"

using stride::engine::kNoValue;
using stride::engine::TrackPoint;
using stride::engine::UtcTime;
using stride::store::count_points;
using stride::store::decode_points;
using stride::store::encode_points;

namespace {

UtcTime at_ms(std::int64_t ms) { return UtcTime{std::chrono::milliseconds{ms}}; }

// A 1 Hz run through the park: the shape of a real GPX/FIT track.
std::vector<TrackPoint> run_track(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-1.0, 1.0);
  std::vector<TrackPoint> points(n);
  double lat = 51.5012345;
  double lon = -0.1234567;
  double ele = 31.4;
  double dist = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto& p = points[i];
    p.time = at_ms(1'700'000'000'000 + static_cast<std::int64_t>(i) * 1000);
    p.has_time = true;
    lat += 2.5e-5 + 1e-6 * jitter(rng);
    lon += 1.5e-5 + 1e-6 * jitter(rng);
    ele += 0.1 * jitter(rng);
    dist += 2.9 + 0.2 * jitter(rng);
    p.lat_deg = lat;
    p.lon_deg = lon;
    p.ele_m = ele;
    p.hr_bpm = std::round(150 + 10 * jitter(rng));
    p.cadence_spm = std::round(170 + 4 * jitter(rng));
    p.distance_m = dist;
    p.speed_mps = 2.9 + 0.2 * jitter(rng);
  }
  return points;
}

// NaN on one side needs NaN on the other; values agree to half a stored step.
void require_close(double got, double want, double step) {
  if (std::isnan(want)) {
    REQUIRE(std::isnan(got));
  } else {
    REQUIRE(std::fabs(got - want) <= step / 2 + 1e-12);
  }
}

void require_same_track(const std::vector<TrackPoint>& got, const std::vector<TrackPoint>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("point " << i);
    REQUIRE(got[i].has_time == want[i].has_time);
    if (want[i].has_time) REQUIRE(got[i].time == want[i].time);
    require_close(got[i].lat_deg, want[i].lat_deg, 1e-7);
    require_close(got[i].lon_deg, want[i].lon_deg, 1e-7);
    require_close(got[i].ele_m, want[i].ele_m, 0.01);
    require_close(got[i].hr_bpm, want[i].hr_bpm, 0.01);
    require_close(got[i].cadence_spm, want[i].cadence_spm, 0.01);
    require_close(got[i].distance_m, want[i].distance_m, 0.01);
    require_close(got[i].speed_mps, want[i].speed_mps, 0.001);
  }
}

}  // namespace

TEST_CASE("points blob: a track round trips at the stored resolution", "[store][blob]") {
  const auto points = run_track(600, 1);
  const auto blob = encode_points(points);
  require_same_track(decode_points(blob), points);
  REQUIRE(count_points(blob) == 600);
}

TEST_CASE("points blob: missing channels and gaps round trip as NaN", "[store][blob]") {
  auto points = run_track(50, 2);
  SECTION("a channel missing everywhere") {
    for (auto& p : points) p.hr_bpm = kNoValue;
  }
  SECTION("gaps in the middle of channels") {
    points[3].lat_deg = kNoValue;
    points[3].lon_deg = kNoValue;
    points[10].has_time = false;
    points[20].ele_m = kNoValue;
    points[21].ele_m = kNoValue;
    points[0].cadence_spm = kNoValue;
    points[49].distance_m = kNoValue;
  }
  SECTION("a point with nothing at all") { points[7] = TrackPoint{}; }
  const auto decoded = decode_points(encode_points(points));
  require_same_track(decoded, points);
}

TEST_CASE("points blob: infinities are stored as missing", "[store][blob]") {
  std::vector<TrackPoint> points(2);
  points[0].ele_m = std::numeric_limits<double>::infinity();
  points[1].ele_m = 12.34;
  points[1].hr_bpm = -std::numeric_limits<double>::infinity();
  const auto decoded = decode_points(encode_points(points));
  REQUIRE(std::isnan(decoded[0].ele_m));
  REQUIRE(decoded[1].ele_m == Approx(12.34));
  REQUIRE(std::isnan(decoded[1].hr_bpm));
}

TEST_CASE("points blob: no points is a three-byte blob", "[store][blob]") {
  const auto blob = encode_points({});
  REQUIRE(blob == std::vector<std::uint8_t>{1, 0, 0});
  REQUIRE(decode_points(blob).empty());
}

TEST_CASE("points blob: decoding and encoding again gives the same bytes", "[store][blob]") {
  const auto blob = encode_points(run_track(300, 3));
  REQUIRE(encode_points(decode_points(blob)) == blob);
}

TEST_CASE("points blob: a large track round trips compactly", "[store][blob]") {
  // Ten hours at 1 Hz, larger than any single run in the reference data.
  const auto points = run_track(36'000, 4);
  const auto blob = encode_points(points);
  require_same_track(decode_points(blob), points);
  // Rows cost 47 B/point on disk (bench/FIGURES.md); the blob must stay far below.
  REQUIRE(blob.size() < points.size() * 16);
}

TEST_CASE("points blob: corrupt blobs fail with what is wrong", "[store][blob]") {
  auto blob = encode_points(run_track(10, 5));
  SECTION("truncated") {
    blob.resize(blob.size() - 3);
    REQUIRE_THROWS_WITH(decode_points(blob),
                        "points blob: truncated at byte " + std::to_string(blob.size()));
  }
  SECTION("trailing bytes") {
    blob.push_back(0);
    REQUIRE_THROWS_WITH(decode_points(blob), "points blob: 1 bytes left over after 10 points");
  }
  SECTION("newer version") {
    blob[0] = 9;
    REQUIRE_THROWS_WITH(decode_points(blob),
                        "points blob: version 9 is not one this build reads (1 to 1)");
  }
  SECTION("a count larger than the blob") {
    const std::vector<std::uint8_t> bad{1, 0xff, 0xff, 0x03, 0x01, 0x01};
    REQUIRE_THROWS_WITH(decode_points(bad), "points blob: 65535 points cannot fit in 6 bytes");
  }
  SECTION("empty") {
    REQUIRE_THROWS_WITH(decode_points(std::vector<std::uint8_t>{}),
                        "points blob: truncated at byte 0");
  }
}
