#include "engine/figures.hpp"

#include <cmath>

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

TEST_CASE("figures: 7- and 28-day sums and the uncoupled acute:chronic ratio", "[engine]") {
  History h = long_history();
  // Three chronic weeks of 30 km (D-27..D-7), then 36 km in the last 7 days.
  for (int w = 0; w < 3; ++w) {
    h.activities.push_back(run(-27 + 7 * w, 10, 60));
    h.activities.push_back(run(-25 + 7 * w, 10, 60));
    h.activities.push_back(run(-23 + 7 * w, 10, 60));
  }
  h.activities.push_back(run(-6, 12, 72));
  h.activities.push_back(run(-3, 12, 72));
  h.activities.push_back(run(0, 12, 72));
  h.activities.push_back(run(-28, 50, 300));  // just outside the 28 days
  const auto f = compute_figures(h, at(0), Settings{});
  CHECK(f.distance_7d_m == Approx(36000));
  CHECK(f.distance_28d_m == Approx(126000));
  CHECK(f.time_7d_s == Approx(216 * 60));
  CHECK(f.acwr_distance.value() == Approx(1.2));
  CHECK(f.acwr_time.value() == Approx(1.2));
  CHECK(f.acwr_load.value() == Approx(1.2));
  CHECK(f.week_change_m == Approx(6000));
  CHECK(f.week_change_pct.value() == Approx(20));
  CHECK(f.longest_30d_m == 50000);
  CHECK(f.longest_30d_date == at(-28));
  SECTION("the 30-day window ends 29 days back") {
    const auto later = compute_figures(h, at(2), Settings{});
    CHECK(later.longest_30d_m == 12000);
    CHECK(later.longest_30d_date == at(0));
  }
}

TEST_CASE("figures: no chronic weeks, no acute:chronic ratio", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(0, 10, 60));
  const auto f = compute_figures(h, at(0), Settings{});
  CHECK_FALSE(f.acwr_distance);
  CHECK_FALSE(f.week_change_pct);
}

TEST_CASE("figures: EWMA fitness and fatigue for each decay, from 0 on the first day", "[engine]") {
  History h;
  h.activities.push_back(rated(run(0, 10, 60), 1));  // load 60
  h.activities.push_back(rated(run(2, 5, 30), 1));   // load 30
  Settings s;
  struct Case {
    EwmaDecay decay;
    double fitness[3];
    double fatigue[3];
  };
  // v(d) = v(d-1) + lambda (load - v(d-1)), hand-computed:
  // 2/(N+1): lambda 2/43 and 0.25; 1-e^(-1/N); 1/N.
  const Case cases[] = {
      {EwmaDecay::two_over_n_plus_1, {2.7906977, 2.6608978, 3.9324839}, {15.0, 11.25, 15.9375}},
      {EwmaDecay::exponential,
       {1.4116988, 1.3784839, 2.0518999},
       {7.9873260, 6.9240364, 9.9959571}},
      {EwmaDecay::one_over_n,
       {1.4285714, 1.3945578, 2.0756398},
       {8.5714286, 7.3469388, 10.5830904}},
  };
  for (const auto& c : cases) {
    s.ewma_decay = c.decay;
    for (int d = 0; d < 3; ++d) {
      const auto f = compute_figures(h, at(d), s);
      CHECK(f.fitness == Approx(c.fitness[d]));
      CHECK(f.fatigue == Approx(c.fatigue[d]));
      CHECK(f.form == Approx(c.fitness[d] - c.fatigue[d]));
    }
  }
  CHECK(ewma_lambda(EwmaDecay::two_over_n_plus_1, 7) == 0.25);
  CHECK(ewma_lambda(EwmaDecay::exponential, 7) == Approx(0.1331221));
  CHECK(ewma_lambda(EwmaDecay::one_over_n, 7) == Approx(0.1428571));
  SECTION("the chart gives the same values day by day") {
    s.ewma_decay = EwmaDecay::two_over_n_plus_1;
    const auto points = load_over_time(h, at(1), at(2), s);
    REQUIRE(points.size() == 2);
    CHECK(points[0].date == at(1));
    CHECK(points[0].fatigue == Approx(11.25));
    CHECK(points[1].fitness == Approx(3.9324839));
    CHECK(points[1].session_load == 30);
  }
}

TEST_CASE("figures: Foster monotony with rest days as zeros", "[engine]") {
  History h = long_history();
  for (int d = -6; d <= 0; d += 2) h.activities.push_back(rated(run(d, 10, 60), 1));
  const auto f = compute_figures(h, at(0), Settings{});
  // loads 60,0,60,0,60,0,60: mean 240/7, population sd 60 sqrt(12)/7: monotony 4/sqrt(12)
  REQUIRE(f.monotony);
  CHECK(*f.monotony == Approx(4 / std::sqrt(12.0)));
  CHECK(f.strain.value() == Approx(240 * 4 / std::sqrt(12.0)));
  CHECK_FALSE(f.monotony_constant);
  CHECK(f.rest_days_7d == 3);
}

TEST_CASE("figures: monotony with a standard deviation of 0", "[engine]") {
  History h = long_history();
  for (int d = -6; d <= 0; ++d) h.activities.push_back(rated(run(d, 8, 45), 3));
  const auto f = compute_figures(h, at(0), Settings{});
  CHECK_FALSE(f.monotony);
  CHECK(f.monotony_constant);
  SECTION("all rest: no load, no monotony") {
    const auto rest = compute_figures(long_history(), at(0), Settings{});
    CHECK_FALSE(rest.monotony);
    CHECK_FALSE(rest.monotony_constant);
  }
}

TEST_CASE("figures: run days in a row, days since rest, strength and hard share", "[engine]") {
  History h = long_history();
  h.activities.push_back(session(-5, Sport::ride, 60, 8));  // hard cross: not rest
  h.activities.push_back(run(-4, 10, 60, Surface::road));
  h.activities.push_back(session(-3, Sport::strength, 30, 5));  // a rest day with strength
  h.activities.push_back(run(-2, 10, 60, Surface::road));
  h.activities.push_back(run(-1, 5, 30, Surface::trail));
  h.activities.push_back(run(0, 5, 30, Surface::treadmill, Sport::treadmill_run));
  const auto f = compute_figures(h, at(0), Settings{});
  CHECK(f.consecutive_run_days == 3);
  CHECK(f.days_since_rest == 3);
  CHECK(f.days_since_strength == 3);
  CHECK(f.hard_7d_m == 20000);
  CHECK(f.hard_share_28d.value() == Approx(20.0 / 30.0));
  CHECK_FALSE(f.trimp_7d);
  CHECK_FALSE(f.cadence_28d_spm);
  const auto rest_day = compute_figures(h, at(-3), Settings{});
  CHECK(rest_day.consecutive_run_days == 0);
  CHECK(rest_day.days_since_rest == 0);
}

TEST_CASE("figures: TRIMP over 7 days and time-weighted cadence", "[engine]") {
  History h = long_history();
  Activity a = run(0, 10, 60);
  a.avg_hr_bpm = 155;
  a.avg_cadence_spm = 150;
  h.activities.push_back(a);
  Activity b = run(-1, 15, 30 * 3);
  b.avg_cadence_spm = 170;
  h.activities.push_back(b);
  Settings s;
  s.hr_max_bpm = 190;
  s.hr_rest_bpm = 50;
  s.sex = Sex::male;
  const auto f = compute_figures(h, at(0), s);
  CHECK(f.trimp_7d.value() == Approx(121.55604));
  // (150 x 60 + 170 x 90) / 150 minutes
  CHECK(f.cadence_28d_spm.value() == Approx(162));
}

TEST_CASE("figures: named figures carry units in their names", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(0, 10, 60));
  const auto named = named_figures(compute_figures(h, at(0), Settings{}));
  auto value = [&](std::string_view n) -> std::optional<double> {
    for (const auto& f : named) {
      if (f.name == n) return f.value;
    }
    return std::nullopt;
  };
  CHECK(value("distance_7d_m") == 10000.0);
  CHECK(value("longest_30d_m") == 10000.0);
  CHECK(value("consecutive_run_days") == 1.0);
  CHECK_FALSE(value("acwr_distance"));
  CHECK_FALSE(value("trimp_7d"));
}
