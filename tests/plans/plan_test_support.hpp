#pragma once
// Hand-made histories for the plan tests: a small deterministic generator
// (its own integer arithmetic, so results do not depend on the standard
// library's distributions).

#include <cstdint>
#include <vector>

#include "engine/series.hpp"

namespace stride::test {

using engine::Day;

inline Day day(int y, unsigned m, unsigned d) {
  return Day{date::year_month_day{date::year{y}, date::month{m}, date::day{d}}};
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 2654435761u + 1) {}
  std::uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<std::uint32_t>(state_ >> 11);
  }
  int between(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<unsigned>(hi - lo + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

inline engine::Activity run(Day d, double km, double pace_s_per_km, engine::Surface surface) {
  engine::Activity a;
  a.local_date = d;
  a.start_utc = engine::UtcTime{d.time_since_epoch()};
  a.sport = engine::Sport::run;
  a.distance_m = km * 1000;
  a.moving_s = a.elapsed_s = km * pace_s_per_km;
  a.surface_m = {{surface, a.distance_m}};
  return a;
}

inline engine::Activity strength_session(Day d) {
  engine::Activity a;
  a.local_date = d;
  a.start_utc = engine::UtcTime{d.time_since_epoch()};
  a.sport = engine::Sport::strength;
  a.moving_s = a.elapsed_s = 2400;
  a.rpe = 5;
  return a;
}

/// A steady runner: `weeks` weeks ending the day before `end`, `week_km` a
/// week over 3-5 days with a long run, paced `pace` s/km, on `road_percent` %
/// road (rest trail).
inline engine::History steady_history(Day end, int weeks, double week_km, double pace,
                                      int road_percent, bool strength, Rng* rng = nullptr) {
  engine::History h;
  const Day first = end - date::days{7 * weeks};
  for (int w = 0; w < weeks; ++w) {
    const Day monday = first + date::days{7 * w};
    const double vary = rng ? rng->between(90, 110) / 100.0 : 1.0;
    const double total = week_km * vary;
    // Tue, Thu easy; Sun long (40 %).
    const double long_km = total * 0.4;
    const double easy = (total - long_km) / 2;
    const auto surface = [&](int i) {
      return (rng ? rng->between(1, 100) : (i * 37) % 100 + 1) <= road_percent
                 ? engine::Surface::road
                 : engine::Surface::trail;
    };
    h.activities.push_back(run(monday + date::days{1}, easy, pace, surface(w * 3)));
    h.activities.push_back(run(monday + date::days{3}, easy, pace, surface(w * 3 + 1)));
    h.activities.push_back(run(monday + date::days{6}, long_km, pace + 15, surface(w * 3 + 2)));
    if (strength) h.activities.push_back(strength_session(monday + date::days{2}));
  }
  return h;
}

}  // namespace stride::test
