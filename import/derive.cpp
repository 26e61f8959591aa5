#include "import/derive.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/geo.hpp"

namespace stride::import {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;

bool is_set(double v) { return !std::isnan(v); }

double seconds_between(engine::UtcTime a, engine::UtcTime b) {
  return static_cast<double>((b - a).count()) / 1000.0;
}

/// The same haversine as engine::haversine_m, but the cosine of the previous
/// point's latitude is kept: one cos per point instead of two (hot path of the
/// import benchmark).
class PathLength {
 public:
  /// Distance from the previous positioned point (0 for the first one).
  double step(double lat_deg, double lon_deg) {
    const double phi = lat_deg * kRad;
    const double cos_phi = std::cos(phi);
    double d = 0;
    if (have_prev_) {
      const double s1 = std::sin((phi - prev_phi_) * 0.5);
      const double s2 = std::sin((lon_deg - prev_lon_deg_) * kRad * 0.5);
      const double a = s1 * s1 + prev_cos_ * cos_phi * s2 * s2;
      d = 2.0 * engine::kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
    }
    prev_phi_ = phi;
    prev_cos_ = cos_phi;
    prev_lon_deg_ = lon_deg;
    have_prev_ = true;
    return d;
  }

 private:
  bool have_prev_ = false;
  double prev_phi_ = 0;
  double prev_cos_ = 0;
  double prev_lon_deg_ = 0;
};

/// Climb with hysteresis: while falling we track the lowest point; a rise of
/// kElevationNoiseM above it starts a climb, which ends (and is counted in
/// full, low to peak) once the track drops kElevationNoiseM below the peak.
/// Unlike "count every rise larger than the threshold", this neither loses
/// the threshold on each step of a long climb nor counts the noise.
class ClimbCounter {
 public:
  void add(double ele_m) {
    if (!started_) {
      started_ = true;
      low_ = ele_m;
      return;
    }
    if (climbing_) {
      if (ele_m > peak_) {
        peak_ = ele_m;
      } else if (ele_m <= peak_ - kElevationNoiseM) {
        gain_ += peak_ - low_;
        climbing_ = false;
        low_ = ele_m;
      }
    } else if (ele_m < low_) {
      low_ = ele_m;
    } else if (ele_m >= low_ + kElevationNoiseM) {
      climbing_ = true;
      peak_ = ele_m;
    }
  }
  double gain_m() const {
    if (!started_) return engine::kNoValue;
    return climbing_ ? gain_ + (peak_ - low_) : gain_;
  }

 private:
  bool started_ = false;
  bool climbing_ = false;
  double low_ = 0;
  double peak_ = 0;
  double gain_ = 0;
};

}  // namespace

// Moving time. Between two consecutive timed points of a segment the step
// counts as moving when the ground covered (along the path, so untimed points
// in between still count) divided by the time is above kMovingSpeedMps. This
// is gpxpy's rule with its 1 km/h default, which is the reference our real
// files were measured with; two differences are deliberate: gpxpy skips any
// pair where one point lacks a time (we bridge untimed points, so a
// half-timed track does not lose half its moving time) and gpxpy drops pairs
// with exactly zero distance from both sums (we count them as stopped).
// When movement cannot be measured (no positions, no device distance, e.g. a
// treadmill recording) the step counts as moving: the timer was running.
// Why not a higher threshold: GPS jitter while standing is 1-3 km/h at 1 Hz,
// so a runner-style threshold (say 3 km/h) would catch more stops in 1 Hz
// tracks, but it would also cut walking breaks on steep trails and sparse
// "smart recording" tracks; devices that know they were paused leave a time
// gap, and a gap with little ground covered is always caught.
DerivedFigures derive_from_points(const std::vector<engine::TrackPoint>& points,
                                  std::span<const std::size_t> segment_starts) {
  DerivedFigures out;
  const std::size_t whole[] = {0};
  if (segment_starts.empty()) segment_starts = whole;

  engine::UtcTime first_time{};
  engine::UtcTime last_time{};
  ClimbCounter climb;
  double hr_sum = 0;
  double hr_max = 0;
  std::size_t hr_n = 0;
  double cad_sum = 0;
  std::size_t cad_n = 0;

  for (std::size_t s = 0; s < segment_starts.size(); ++s) {
    const std::size_t begin = segment_starts[s];
    const std::size_t end = s + 1 < segment_starts.size() ? segment_starts[s + 1] : points.size();
    if (begin >= end || end > points.size()) continue;

    PathLength path;
    std::size_t positioned = 0;
    double segment_m = 0;
    // Device distance (TCX/FIT): used when the segment has no usable track.
    double first_device_m = engine::kNoValue;
    double last_device_m = engine::kNoValue;
    // The previous timed point of this segment and the path covered since.
    const engine::TrackPoint* prev_timed = nullptr;
    double since_timed_m = 0;
    bool since_timed_known = false;

    for (std::size_t i = begin; i < end; ++i) {
      const engine::TrackPoint& p = points[i];
      const bool has_pos = p.has_position();
      if (has_pos) {
        const double d = path.step(p.lat_deg, p.lon_deg);
        segment_m += d;
        since_timed_m += d;
        ++positioned;
      }
      if (is_set(p.distance_m)) {
        if (!is_set(first_device_m)) first_device_m = p.distance_m;
        last_device_m = p.distance_m;
      }
      if (is_set(p.ele_m)) climb.add(p.ele_m);
      if (is_set(p.hr_bpm) && p.hr_bpm > 0) {
        hr_sum += p.hr_bpm;
        hr_max = std::max(hr_max, p.hr_bpm);
        ++hr_n;
      }
      // Zero cadence is standing still; averaging it in would make a run
      // with traffic lights look like a slower gait.
      if (is_set(p.cadence_spm) && p.cadence_spm > 0) {
        cad_sum += p.cadence_spm;
        ++cad_n;
      }
      if (!p.has_time) continue;

      if (!out.has_time) {
        out.has_time = true;
        first_time = last_time = p.time;
      } else {
        first_time = std::min(first_time, p.time);
        last_time = std::max(last_time, p.time);
      }
      if (prev_timed != nullptr) {
        const double dt_s = seconds_between(prev_timed->time, p.time);
        if (dt_s > 0) {
          double moved_m = engine::kNoValue;
          if (is_set(prev_timed->distance_m) && is_set(p.distance_m))
            moved_m = p.distance_m - prev_timed->distance_m;
          else if (since_timed_known && has_pos)
            moved_m = since_timed_m;
          if (!is_set(moved_m) || moved_m / dt_s > kMovingSpeedMps) out.moving_s += dt_s;
        }
      }
      prev_timed = &p;
      since_timed_m = 0;
      since_timed_known = has_pos;
    }

    if (positioned >= 2) {
      out.distance_m += segment_m;
    } else if (is_set(first_device_m) && last_device_m > first_device_m) {
      out.distance_m += last_device_m - first_device_m;
    }
  }

  if (out.has_time) {
    out.start = first_time;
    out.elapsed_s = seconds_between(first_time, last_time);
  }
  out.elevation_gain_m = climb.gain_m();
  if (hr_n > 0) {
    out.avg_hr_bpm = hr_sum / static_cast<double>(hr_n);
    out.max_hr_bpm = hr_max;
  }
  if (cad_n > 0) out.avg_cadence_spm = cad_sum / static_cast<double>(cad_n);
  return out;
}

}  // namespace stride::import
