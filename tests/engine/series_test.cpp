#include "engine/series.hpp"

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

TEST_CASE("series: activities are bucketed on their local date, not the UTC day", "[engine]") {
  History h;
  Activity a = run(0, 10, 60);
  // 23:30 UTC on D-1 is already D in a UTC+1 zone; the importer set local_date.
  a.start_utc = UtcTime{date::sys_days{date::year{2026} / 1 / 4}} + std::chrono::hours{23} +
                std::chrono::minutes{30};
  a.utc_offset_s = 3600;
  h.activities.push_back(a);
  const auto s = build_series(h, at(-1), at(0), Settings{});
  CHECK(s.at(at(-1)).runs == 0);
  CHECK(s.at(at(0)).runs == 1);
  CHECK(s.at(at(0)).run_m == 10000);
}

TEST_CASE("series: a treadmill run counts in distance but not in surface exposure", "[engine]") {
  History h;
  // Even a treadmill run whose split says road is no ground underfoot.
  h.activities.push_back(run(0, 8, 48, Surface::road, Sport::treadmill_run));
  h.activities.push_back(run(1, 5, 30, Surface::road));
  const auto s = build_series(h, at(0), at(1), Settings{});
  CHECK(s.at(at(0)).run_m == 8000);
  CHECK(s.at(at(0)).run_s == 2880);
  CHECK(s.at(at(0)).hard_m == 0);
  CHECK(s.at(at(1)).hard_m == 5000);
}

TEST_CASE("series: session load is RPE x minutes for every session, the RPE estimated",
          "[engine]") {
  History h;
  h.activities.push_back(run(0, 10, 60));  // no RPE, no runs before: run default 4 -> 240
  Activity with_rpe = run(1, 10, 60);
  with_rpe.rpe = 5;  // 300
  h.activities.push_back(with_rpe);
  h.activities.push_back(session(2, Sport::strength, 30, 6));  // 180, still a rest day
  h.activities.push_back(session(3, Sport::strength, 30));     // no RPE: default 5 -> 150
  h.activities.push_back(session(4, Sport::ride, 60, 7));      // 420, hard: not rest
  h.activities.push_back(session(5, Sport::ride, 60));         // default 3: 180, rest
  Activity hr_ride = session(6, Sport::ride, 60);
  hr_ride.avg_hr_bpm = 180;  // estimated 8 from heart rate: still a rest day
  h.activities.push_back(hr_ride);
  Settings settings;
  settings.hr_max_bpm = 190;
  const auto s = build_series(h, at(0), at(6), settings);
  CHECK(s.at(at(0)).session_load == Approx(240));
  CHECK(s.at(at(0)).run_easy_s == 3600);  // RPE 4 is easy
  CHECK(s.at(at(1)).run_hard_s == 3600);  // RPE 5 is hard
  CHECK(s.at(at(1)).session_load == Approx(300));
  CHECK(s.at(at(2)).session_load == Approx(180));
  CHECK(s.at(at(2)).run_m == 0);
  CHECK(s.at(at(2)).rest());
  CHECK(s.at(at(2)).strength);
  CHECK(s.at(at(3)).session_load == Approx(150));
  CHECK(s.at(at(3)).rest());
  CHECK(s.at(at(4)).session_load == Approx(420));
  CHECK_FALSE(s.at(at(4)).rest());
  CHECK(s.at(at(5)).session_load == Approx(180));
  CHECK(s.at(at(5)).rest());
  CHECK(s.at(at(6)).session_load == Approx(480));  // (180-60)/(190-60) = 0.92 -> 8
  CHECK(s.at(at(6)).rest());
  CHECK_FALSE(s.at(at(0)).rest());
}

TEST_CASE("series: a duration-only planned run gets its distance from recent pace", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-3, 10, 55));
  h.activities.push_back(run(-1, 5, 30));  // 85 min over 15 km: 5:40/km
  PlannedRun p;
  p.duration_s = 34 * 60;
  const auto r = resolve(h, at(0), p, Settings{});
  CHECK(r.distance_estimated);
  CHECK(r.pace_from_history);
  CHECK(r.pace_s_per_km == Approx(340));
  CHECK(r.distance_m == Approx(6000));
  SECTION("without a recent run the experience level's pace stands in") {
    const auto none = resolve(long_history(), at(0), p, Settings{});
    CHECK_FALSE(none.pace_from_history);
    CHECK(none.pace_s_per_km == 360);
    CHECK(none.distance_m == Approx(34.0 / 6.0 * 1000));
  }
}

TEST_CASE("series: Banister TRIMP needs hr_max, hr_rest and sex", "[engine]") {
  Settings s;
  CHECK_FALSE(trimp(60, 155, s));
  s.hr_max_bpm = 190;
  s.hr_rest_bpm = 50;
  s.sex = Sex::male;
  // HRr = (155-50)/(190-50) = 0.75: 60 x 0.75 x 0.64 x e^(1.92 x 0.75)
  CHECK(*trimp(60, 155, s) == Approx(121.55604));
  s.sex = Sex::female;
  CHECK(*trimp(60, 155, s) == Approx(100.77350));
  CHECK_FALSE(trimp(60, kNoValue, s));
}
