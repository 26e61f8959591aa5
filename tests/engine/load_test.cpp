#include "engine/load.hpp"

#include "engine/figures.hpp"
#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

namespace {

Activity with_hr(Activity a, double avg, double p99 = kNoValue) {
  a.avg_hr_bpm = avg;
  a.hr_p99_bpm = p99;
  return a;
}

Settings hr_profile(double max, double rest) {
  Settings s;
  s.hr_max_bpm = max;
  s.hr_rest_bpm = rest;
  return s;
}

}  // namespace

TEST_CASE("load: the fixed mappings of kind and sport", "[engine][load]") {
  CHECK(kind_rpe(RunKind::recovery) == 2);
  CHECK(kind_rpe(RunKind::easy) == 3);
  CHECK(kind_rpe(RunKind::long_run) == 4);
  CHECK(kind_rpe(RunKind::tempo) == 6);
  CHECK(kind_rpe(RunKind::intervals) == 7);
  CHECK(kind_rpe(RunKind::race) == 8);
  CHECK(sport_default_rpe(Sport::run) == 4);
  CHECK(sport_default_rpe(Sport::trail_run) == 4);
  CHECK(sport_default_rpe(Sport::walk) == 2);
  CHECK(sport_default_rpe(Sport::hike) == 2);
  CHECK(sport_default_rpe(Sport::ride) == 3);
  CHECK(sport_default_rpe(Sport::swim) == 4);
  CHECK(sport_default_rpe(Sport::row) == 4);
  CHECK(sport_default_rpe(Sport::elliptical) == 3);
  CHECK(sport_default_rpe(Sport::strength) == 5);
  CHECK(sport_default_rpe(Sport::other) == 3);
  CHECK(to_string(LoadSource::sport_default) == "default");
  CHECK(parse_load_source("hr") == LoadSource::hr);
  CHECK_FALSE(parse_load_source("heart"));
}

TEST_CASE("load: heart-rate reserve bands and their edges", "[engine][load]") {
  CHECK(hr_reserve_rpe(-0.1) == 3);
  CHECK(hr_reserve_rpe(0.5999) == 3);
  CHECK(hr_reserve_rpe(0.60) == 4);
  CHECK(hr_reserve_rpe(0.6999) == 4);
  CHECK(hr_reserve_rpe(0.70) == 5);
  CHECK(hr_reserve_rpe(0.7999) == 5);
  CHECK(hr_reserve_rpe(0.80) == 6);
  CHECK(hr_reserve_rpe(0.8499) == 6);
  CHECK(hr_reserve_rpe(0.85) == 7);
  CHECK(hr_reserve_rpe(0.8999) == 7);
  CHECK(hr_reserve_rpe(0.90) == 8);
  CHECK(hr_reserve_rpe(1.05) == 8);
}

TEST_CASE("load: an average heart rate against the profile's reserve", "[engine][load]") {
  // max 200, rest 50: reserve 150 bpm. 140 bpm = 90/150 = 0.60 -> 4.
  const Settings s = hr_profile(200, 50);
  struct Case {
    double avg;
    int rpe;
  };
  for (auto c : {Case{139, 3}, Case{140, 4}, Case{154, 4}, Case{155, 5}, Case{170, 6}, Case{177, 6},
                 Case{177.5, 7}, Case{184, 7}, Case{185, 8}}) {
    INFO(c.avg);
    const auto l = session_load(with_hr(run(0, 10, 50), c.avg), s, LoadContext{});
    CHECK(l.source == LoadSource::hr);
    CHECK(l.rpe == c.rpe);
    CHECK(l.hr_reserve.value() == Approx((c.avg - 50) / 150));
    CHECK(l.load() == Approx(c.rpe * 50));
  }
  SECTION("without a resting heart rate: 60") {
    Settings no_rest;
    no_rest.hr_max_bpm = 200;
    // (144 - 60) / 140 = 0.60 -> 4; 143 -> 0.593 -> 3.
    CHECK(session_load(with_hr(run(0, 10, 50), 144), no_rest, {}).rpe == 4);
    CHECK(session_load(with_hr(run(0, 10, 50), 143), no_rest, {}).rpe == 3);
  }
}

TEST_CASE("load: the sources in order rpe, kind, hr, pace, default", "[engine][load]") {
  const Settings s = hr_profile(190, 50);
  LoadContext ctx;
  ctx.median_run_speed_mps = 10'000.0 / 3600;  // 6:00 /km
  Activity a = with_hr(run(0, 10, 45), 176);   // (176-50)/140 = 0.90 -> 8; pace 4:30 -> 6
  a.kind = RunKind::easy;
  a.rpe = 5;
  auto l = session_load(a, s, ctx);
  CHECK((l.source == LoadSource::rpe && l.rpe == 5));
  a.rpe.reset();
  l = session_load(a, s, ctx);
  CHECK((l.source == LoadSource::kind && l.rpe == 3));
  a.kind.reset();
  l = session_load(a, s, ctx);
  CHECK((l.source == LoadSource::hr && l.rpe == 8));
  a.avg_hr_bpm = kNoValue;
  l = session_load(a, s, ctx);
  CHECK((l.source == LoadSource::pace && l.rpe == 6));
  l = session_load(a, s, LoadContext{});
  CHECK((l.source == LoadSource::sport_default && l.rpe == 4));
  CHECK(l.minutes == 45);
  CHECK(l.load() == 180);
  SECTION("a kind is for runs; a ride with heart rate uses it") {
    Activity ride = with_hr(session(0, Sport::ride, 60), 120);  // 70/140 = 0.5 -> 3
    ride.kind = RunKind::tempo;
    l = session_load(ride, s, ctx);
    CHECK((l.source == LoadSource::hr && l.rpe == 3));
  }
  SECTION("elapsed minutes where moving time is missing") {
    Activity sw = session(0, Sport::swim, 0);
    sw.elapsed_s = 1800;
    l = session_load(sw, s, ctx);
    CHECK((l.source == LoadSource::sport_default && l.rpe == 4 && l.load() == 120));
  }
}

TEST_CASE("load: pace against 1/0.92 of the median speed of 90 days", "[engine][load]") {
  History h;
  // Three runs at 6:00, 5:00 and 5:30 /km: median 5:30 /km = 3.0303 m/s.
  h.activities = {run(-90, 10, 60), run(-50, 10, 50), run(-1, 10, 55), run(-91, 10, 30)};
  const auto ctx = load_context(h.activities, at(0));
  REQUIRE(ctx.median_run_speed_mps);
  CHECK(*ctx.median_run_speed_mps == Approx(10'000.0 / 3300));
  // Threshold: 3.0303 / 0.92 = 3.2938 m/s = 5:03.6 /km.
  CHECK(session_load(run(0, 10, 50.5), Settings{}, ctx).rpe == 6);   // 5:03 /km
  CHECK(session_load(run(0, 10, 50.75), Settings{}, ctx).rpe == 3);  // 5:04.5 /km
  CHECK(session_load(run(0, 10, 50.5), Settings{}, ctx).source == LoadSource::pace);
  SECTION("even count: the mean of the middle two") {
    h.activities.push_back(run(-2, 10, 40));  // 6:00, 5:00, 5:30, 4:00
    CHECK(*load_context(h.activities, at(0)).median_run_speed_mps ==
          Approx((10'000.0 / 3300 + 10'000.0 / 3000) / 2));
  }
  SECTION("runs of the day itself do not count") {
    h.activities.push_back(run(0, 10, 30));
    CHECK(*load_context(h.activities, at(0)).median_run_speed_mps == Approx(10'000.0 / 3300));
  }
}

TEST_CASE("load: hr_max from the records' 99th percentile", "[engine][load]") {
  std::vector<TrackPoint> pts(200);
  for (std::size_t i = 0; i < pts.size(); ++i) pts[i].hr_bpm = 100 + static_cast<double>(i % 100);
  pts[7].hr_bpm = kNoValue;  // a gap is not a sample
  pts[8].hr_bpm = 0;         // nor is a dropout
  // 198 samples 100..199 (two of each but 107 and 108): rank ceil(0.99 x 198) = 197 -> 199.
  CHECK(hr_percentile_99(pts).value() == 199);
  pts[199].hr_bpm = 240;  // one spike above: rank 197 is still 199
  CHECK(hr_percentile_99(pts).value() == 199);
  CHECK(mean_hr({}).has_value() == false);
  std::vector<TrackPoint> three(3);
  three[0].hr_bpm = 120;
  three[1].hr_bpm = 130;
  three[2].hr_bpm = 141;
  CHECK(mean_hr(three).value() == Approx(130.333).epsilon(1e-4));
  CHECK(hr_percentile_99(three).value() == 141);
}

TEST_CASE("load: the estimated maximum and when the hr source is not used", "[engine][load]") {
  History h;
  Activity hard = with_hr(run(-300, 8, 40), 170, 186);
  hard.kind = RunKind::intervals;
  Activity easy = with_hr(run(0, 10, 60), 145, 150);
  h.activities = {easy, hard};  // not in date order
  Settings s;
  SECTION("a hard session in 365 days vouches for the observed maximum") {
    const auto loads = session_loads(h.activities, s);
    CHECK(loads[1].source == LoadSource::kind);
    // (145 - 60) / (186 - 60) = 0.675 -> 4
    CHECK(loads[0].source == LoadSource::hr);
    CHECK(loads[0].hr_max_bpm.value() == 186);
    CHECK(loads[0].rpe == 4);
  }
  SECTION("so does a logged RPE of 7") {
    h.activities[1].kind.reset();
    h.activities[1].rpe = 7;
    CHECK(session_loads(h.activities, s)[0].hr_max_bpm.value() == 186);
    h.activities[1].rpe = 6;
    CHECK(session_loads(h.activities, s)[0].source == LoadSource::sport_default);
  }
  SECTION("365 days back is outside: no hard session, no birth year, no hr") {
    h.activities[1].local_date = at(-365);
    auto loads = session_loads(h.activities, s);
    CHECK(loads[0].source == LoadSource::sport_default);
    CHECK(loads[0].rpe == 4);
    SECTION("a birth year lends Tanaka: 208 - 0.7 x 40 = 180") {
      s.birth_year = 1986;
      CHECK(tanaka_hr_max(40) == Approx(180));
      loads = session_loads(h.activities, s);
      CHECK(loads[0].source == LoadSource::hr);
      CHECK(loads[0].hr_max_bpm.value() == Approx(180));
      CHECK(loads[0].rpe == 5);  // 85 / 120 = 0.708
    }
  }
  SECTION("with a birth year, the larger of observed and Tanaka") {
    s.birth_year = 1946;  // 80 in 2026: 152
    const auto loads = session_loads(h.activities, s);
    CHECK(loads[0].hr_max_bpm.value() == 186);
  }
  SECTION("the profile's maximum wins") {
    s.hr_max_bpm = 175;
    s.hr_rest_bpm = 45;
    const auto loads = session_loads(h.activities, s);
    CHECK(loads[0].hr_max_bpm.value() == 175);
    CHECK(loads[0].rpe == 5);  // 100 / 130 = 0.769
  }
  SECTION("load_context gives the same context for one day") {
    const auto ctx = load_context(h.activities, at(0));
    CHECK(ctx.observed_hr_max_bpm.value() == 186);
    CHECK(ctx.hard_session_365d);
    CHECK_FALSE(ctx.median_run_speed_mps);
  }
}

TEST_CASE("load: a planned run's intensity", "[engine][load]") {
  const double median = 10'000.0 / 3300;
  auto p = planned_intensity(9, RunKind::easy, 4.0, median);
  CHECK((p.rpe == 9 && p.source == LoadSource::rpe));
  p = planned_intensity(std::nullopt, RunKind::tempo, 2.0, median);
  CHECK((p.rpe == 6 && p.source == LoadSource::kind));
  p = planned_intensity(std::nullopt, std::nullopt, 4.0, median);
  CHECK((p.rpe == 6 && p.source == LoadSource::pace));
  p = planned_intensity(std::nullopt, std::nullopt, 3.0, median);
  CHECK((p.rpe == 3 && p.source == LoadSource::pace));
  p = planned_intensity(std::nullopt, std::nullopt, std::nullopt, median);
  CHECK(p.rpe == 3);
}

TEST_CASE("load: fitness and fatigue on a mixed run, ride and strength week", "[engine][load]") {
  History h;
  auto easy = run(0, 10, 60);  // kind easy: 3 x 60 = 180
  easy.kind = RunKind::easy;
  auto ride = session(1, Sport::ride, 60);          // default 3 x 60 = 180
  auto strength = session(2, Sport::strength, 40);  // default 5 x 40 = 200
  auto hard = run(4, 8, 40);                        // logged 7 x 40 = 280
  hard.rpe = 7;
  auto light = session(5, Sport::strength, 30, 4);  // logged 4 x 30 = 120
  auto long_run = run(6, 20, 120);                  // kind long: 4 x 120 = 480
  long_run.kind = RunKind::long_run;
  h.activities = {easy, ride, strength, hard, light, long_run};
  const auto f = compute_figures(h, at(6), Settings{});
  CHECK(f.load_7d == Approx(1440));
  // By hand, v += lambda (load - v) from 0 on day 0, lambda 2/43 and 1/4:
  // fatigue 45, 78.75, 109.06, 81.80, 131.35, 128.51, 216.38.
  CHECK(f.fatigue == Approx(216.383).epsilon(1e-5));
  CHECK(f.fitness == Approx(60.0651).epsilon(1e-5));
  CHECK(f.form == Approx(-156.318).epsilon(1e-5));
  // Monotony 205.71 / 137.20 = 1.499; strain 1440 x 1.499.
  CHECK(f.monotony.value() == Approx(1.49935).epsilon(1e-4));
  CHECK(f.strain.value() == Approx(2159.06).epsilon(1e-4));
  // Intensity split: 60 + 120 min easy, 40 min at 7.
  CHECK(f.run_easy_7d_s == 180 * 60);
  CHECK(f.run_hard_7d_s == 40 * 60);
  CHECK(f.easy_share_7d.value() == Approx(180.0 / 220));
  // Neither strength day ends a rest day: only a logged RPE of 7 would.
  CHECK(f.rest_days_7d == 4);
  const auto counts = load_source_counts(h, at(6), Settings{});
  CHECK(counts.sessions == 6);
  CHECK(counts.rpe == 2);
  CHECK(counts.kind == 2);
  CHECK(counts.sport_default == 2);
  CHECK(counts.estimated() == 4);
}
