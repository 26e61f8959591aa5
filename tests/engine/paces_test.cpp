#include "engine/paces.hpp"

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

// Hand computation for 5 km in 20:00: v = 250 m/min,
// VO2 = -4.60 + 0.182258 x 250 + 0.000104 x 250^2 = 47.4645;
// %max = 0.8 + 0.1894393 e^(-0.25556) + 0.2989558 e^(-3.86521) = 0.952983;
// VDOT = 47.4645 / 0.952983 = 49.806.
TEST_CASE("paces: VDOT of a 20:00 5 km and a 41:21 10 km", "[engine][paces]") {
  CHECK(vo2_at_speed(250) == Approx(47.4645));
  CHECK(vo2max_share(20) == Approx(0.952983).epsilon(1e-5));
  CHECK(vdot(5000, 20) == Approx(49.806).epsilon(1e-4));
  // 10 km in 41:21: v = 241.838 m/min, VO2 = 45.5596, %max = 0.911787.
  CHECK(vdot(10'000, 41.35) == Approx(49.967).epsilon(1e-4));
  CHECK(vdot(0, 20) == 0);
}

TEST_CASE("paces: speed_at_vo2 inverts the oxygen cost", "[engine][paces]") {
  for (double v : {150.0, 200.0, 250.0, 320.0}) CHECK(speed_at_vo2(vo2_at_speed(v)) == Approx(v));
}

TEST_CASE("paces: the bands of a VDOT 49.8 runner against the formula", "[engine][paces]") {
  // Easy's fast end by hand: VO2 = 0.74 x 49.806 = 36.857; v solves
  // 0.000104 v^2 + 0.182258 v - 41.457 = 0: v = 203.77 m/min = 294.45 s/km.
  TrainingPaces p{vdot(5000, 20), {}};
  struct Case {
    PaceKind kind;
    double fast, slow;              // s/km, unrounded
    const char *km_text, *mi_text;  // rounded to 5 s per unit
  };
  const Case cases[] = {
      {PaceKind::recovery, 322.78, 339.32, "5:25-5:40 /km", "8:40-9:05 /mi"},
      {PaceKind::easy, 294.45, 326.75, "4:55-5:25 /km", "7:55-8:45 /mi"},
      {PaceKind::long_run, 307.91, 339.32, "5:10-5:40 /km", "8:15-9:05 /mi"},
      {PaceKind::marathon, 265.82, 276.51, "4:25-4:35 /km", "7:10-7:25 /mi"},
      {PaceKind::tempo, 256.00, 260.81, "4:15-4:20 /km", "6:50-7:00 /mi"},
      {PaceKind::intervals, 230.81, 236.58, "3:50-3:55 /km", "6:10-6:20 /mi"},
  };
  for (const auto& c : cases) {
    INFO(to_string(c.kind));
    const auto band = p.band(c.kind);
    CHECK(band.fast_s_per_km == Approx(c.fast).margin(0.01));
    CHECK(band.slow_s_per_km == Approx(c.slow).margin(0.01));
    // Each end is the speed at which VO2 is the band's share of VDOT.
    const auto shares = pace_shares(c.kind);
    CHECK(vo2_at_speed(60'000 / band.fast_s_per_km) == Approx(shares.high * p.vdot));
    CHECK(vo2_at_speed(60'000 / band.slow_s_per_km) == Approx(shares.low * p.vdot));
    CHECK(format_pace_band(band, Units::km) == c.km_text);
    CHECK(format_pace_band(band, Units::mi) == c.mi_text);
  }
  // Easy slower than tempo slower than intervals.
  CHECK(p.band(PaceKind::easy).fast_s_per_km > p.band(PaceKind::tempo).slow_s_per_km);
  CHECK(p.band(PaceKind::tempo).fast_s_per_km > p.band(PaceKind::intervals).slow_s_per_km);
}

TEST_CASE("paces: race pace from the predicted time", "[engine][paces]") {
  TrainingPaces p{vdot(5000, 20), {}};
  CHECK(p.race_time_s(5000) == Approx(1200).margin(0.01));  // the run it came from
  CHECK(p.race_pace_s_per_km(5000) == Approx(240).margin(0.01));
  CHECK(format_pace(p.race_pace_s_per_km(5000), Units::km) == "4:00 /km");
  // A VDOT 50 runner's 10 km takes about 41:21 (the second hand-computed case).
  TrainingPaces p50{vdot(10'000, 41.35), {}};
  CHECK(p50.race_time_s(10'000) == Approx(41.35 * 60).margin(0.01));
  CHECK(p.race_time_s(42'195) > 3 * 3600);
}

TEST_CASE("paces: rounding to 5 s and one pace when both ends meet", "[engine][paces]") {
  CHECK(format_pace(302.4, Units::km) == "5:00 /km");
  CHECK(format_pace(302.6, Units::km) == "5:05 /km");
  CHECK(format_pace(359.9, Units::km) == "6:00 /km");
  CHECK(format_pace_band({300, 301}, Units::km) == "5:00 /km");
  CHECK(format_pace_band({340, 365}, Units::km) == "5:40-6:05 /km");
}

TEST_CASE("paces: the best usable run of the last 90 days sets them", "[engine][paces]") {
  History h;
  auto r5 = run(-10, 5, 20);  // VDOT 49.8
  r5.id = 5;
  auto r10 = run(-20, 10, 45);  // slower: VDOT about 45
  r10.id = 10;
  auto fast_old = run(-90, 5, 18);     // outside the 90 days ending with day 0
  auto short_fast = run(-5, 2.9, 10);  // under 3 km
  auto long_run = run(-3, 25, 100);    // over 21.1 km
  auto stop_start = run(-2, 5, 18);    // moving 18 of 21 minutes: 86 %
  stop_start.elapsed_s = 21 * 60;
  auto ride = session(-1, Sport::ride, 30);
  ride.distance_m = 15'000;
  h.activities = {r5, r10, fast_old, short_fast, long_run, stop_start, ride};
  const auto p = training_paces(h, at(0));
  REQUIRE(p);
  CHECK(p->vdot == Approx(49.806).epsilon(1e-4));
  CHECK(p->source.activity_id == 5);
  CHECK(p->source.date == at(-10));
  CHECK(p->source.distance_m == 5000);
  SECTION("a run at exactly 90 % moving counts") {
    h.activities[5].elapsed_s = 20 * 60;  // 18 / 20 = 0.90
    CHECK(training_paces(h, at(0))->source.date == at(-2));
  }
  SECTION("the window is 90 days ending with the day") {
    // Ending on day -1 it reaches back to day -90 and the faster old run.
    CHECK(training_paces(h, at(-1))->vdot == Approx(vdot(5000, 18)));
    CHECK(training_paces(h, at(-1))->source.date == at(-90));
    CHECK_FALSE(training_paces(h, at(-91)));
  }
  SECTION("no usable run: no paces, the words instead") {
    History none;
    none.activities = {short_fast, long_run, ride};
    CHECK_FALSE(training_paces(none, at(0)));
    CHECK(by_feel(PaceKind::easy) == "by feel: conversational");
    CHECK(by_feel(PaceKind::tempo) == "by feel: comfortably hard");
    CHECK(by_feel(PaceKind::intervals) == "by feel: hard but even");
  }
}
