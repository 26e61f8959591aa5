#include "engine/evaluate.hpp"

#include <cmath>

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

namespace {

std::optional<Severity> check(const History& h, RuleId id, const PlannedRun& p,
                              const Settings& s = {}) {
  return severity_of(evaluate_day(h, at(0), s, p), id);
}

}  // namespace

TEST_CASE("single-run-spike: the bands at 10 % and 100 %", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 10, 60));
  const auto id = RuleId::single_run_spike;
  CHECK_FALSE(check(h, id, planned(10.9)));
  CHECK_FALSE(check(h, id, planned(11.0)));                  // exactly 10 % longer: quiet
  CHECK(check(h, id, planned(11.01)) == Severity::caution);  // 10.1 %
  CHECK(check(h, id, planned(20.0)) == Severity::caution);   // exactly 2x
  CHECK(check(h, id, planned(20.01)) == Severity::danger);
  SECTION("figures, dates, reason and advice") {
    const auto w = find(evaluate_day(h, at(0), Settings{}, planned(16)), id).value();
    CHECK(w.figure("ratio")->value == Approx(1.6));
    CHECK(w.figure("planned_m")->value == 16000);
    CHECK(w.figure("longest_30d_m")->value == 10000);
    CHECK(w.figure("increase_m")->value == Approx(6000));
    REQUIRE(w.dates.size() == 1);
    CHECK(w.dates[0] == FigureDate{"longest_30d_date", at(-5)});
    CHECK(w.reason ==
          "16 km is +60 % against the longest run of the previous 30 days (10 km on 2025-12-31)");
    CHECK(w.advice.find("about 11 km") != std::string::npos);
  }
  SECTION("a past run is named run_m") {
    h.activities.push_back(run(0, 12, 72));
    const auto w = find(evaluate_day(h, at(0), Settings{}), id).value();
    CHECK(w.figure("run_m")->value == 12000);
    CHECK(w.severity == Severity::caution);
  }
}

TEST_CASE("single-run-spike: arithmetic that rounds badly is still exactly 10 %", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 6.44, 40));
  const double ten_percent_more_km = 6.44 * 1.1;
  CHECK(ten_percent_more_km * 1000 / 6440 > 1.10);  // the reason for the tolerance
  CHECK_FALSE(check(h, RuleId::single_run_spike, planned(ten_percent_more_km)));
}

TEST_CASE("single-run-spike: quiet when the increase is under 0.5 km", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 3, 18));
  CHECK_FALSE(check(h, RuleId::single_run_spike, planned(3.49)));  // +16 % but +0.49 km
  CHECK(check(h, RuleId::single_run_spike, planned(3.5)) == Severity::caution);
}

TEST_CASE("single-run-spike: the previous 30 days, not 31", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 10, 60));
  h.activities.push_back(run(-31, 15, 90));
  // Short runs in between: no 7 days without running, so no comeback window.
  for (int d : {-25, -19, -13, -8}) h.activities.push_back(run(d, 2, 12));
  CHECK(check(h, RuleId::single_run_spike, planned(11.01)) == Severity::caution);
  h.activities.push_back(run(-30, 15, 90));
  CHECK_FALSE(check(h, RuleId::single_run_spike, planned(11.01)));
}

TEST_CASE("duration-spike: the bands, and quiet under +5 min", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 10, 60));
  const auto id = RuleId::duration_spike;
  CHECK_FALSE(check(h, id, planned(10, 66)));
  CHECK(check(h, id, planned(10, 66.1)) == Severity::caution);
  CHECK(check(h, id, planned(10, 120)) == Severity::caution);
  CHECK(check(h, id, planned(10, 120.1)) == Severity::danger);
  History shorter = long_history();
  shorter.activities.push_back(run(-5, 7, 40));
  CHECK_FALSE(check(shorter, id, planned(7, 44.9)));
  CHECK(check(shorter, id, planned(7, 45)) == Severity::caution);
}

TEST_CASE("weekly-distance-spike: the bands against the week before", "[engine]") {
  History h = long_history();
  for (int d : {-40, -30, -20, -15}) h.activities.push_back(run(d, 10, 60));  // mean week 10
  h.activities.push_back(run(-10, 10, 60));
  h.activities.push_back(run(-8, 10, 60));  // week before: 20
  h.activities.push_back(run(-3, 10, 60));
  const auto id = RuleId::weekly_distance_spike;
  CHECK_FALSE(check(h, id, planned(16)));  // 26 / 20 = 1.30
  CHECK(check(h, id, planned(16.01)) == Severity::caution);
  CHECK(check(h, id, planned(30)) == Severity::caution);  // 40 / 20 = 2.00
  CHECK(check(h, id, planned(30.01)) == Severity::danger);
  const auto w = find(evaluate_day(h, at(0), Settings{}, planned(20)), id).value();
  CHECK(w.figure("ratio")->value == Approx(1.5));
  CHECK(w.figure("week_m")->value == 30000);
  CHECK(w.figure("previous_week_m")->value == 20000);
  CHECK(w.figure("mean_week_28d_m")->value == 10000);
  CHECK(w.reason ==
        "30 km run in the 7 days to 2026-01-05 is +50 % against 20 km (the week "
        "before)");
}

TEST_CASE("weekly-distance-spike: quiet when the increase is under 3 km", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-7, 5, 30));  // 6 days off: no comeback window
  CHECK_FALSE(check(h, RuleId::weekly_distance_spike, planned(7.99)));
  CHECK(check(h, RuleId::weekly_distance_spike, planned(8)) == Severity::caution);
}

TEST_CASE("weekly-distance-spike: after a recovery week the 28-day mean is the reference",
          "[engine]") {
  History h = long_history();
  for (int d : {-40, -33, -26, -19}) h.activities.push_back(run(d, 20, 120));
  // A recovery week with short runs (a week with no run at all would be a break):
  // the 28 days before the week before hold 82 km (20.5 a week), the week before 2 km.
  for (int d : {-14, -8, -1}) h.activities.push_back(run(d, 2, 12));
  CHECK_FALSE(check(h, RuleId::weekly_distance_spike, planned(24.65)));  // 26.65 / 20.5
  CHECK(check(h, RuleId::weekly_distance_spike, planned(24.66)) == Severity::caution);
}

TEST_CASE("spikes: no baseline, no spike", "[engine]") {
  History h = long_history();  // 60 days of history, no run in it
  const auto w = evaluate_day(h, at(0), Settings{}, planned(30, 180));
  CHECK_FALSE(find(w, RuleId::single_run_spike));
  CHECK_FALSE(find(w, RuleId::duration_spike));
  CHECK_FALSE(find(w, RuleId::weekly_distance_spike));
  CHECK_FALSE(find(w, RuleId::weekly_duration_spike));
  CHECK_FALSE(find(w, RuleId::return_after_break));
}

TEST_CASE("weekly-duration-spike: the bands, and quiet under +20 min", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-9, 10, 60));
  h.activities.push_back(run(-7, 10, 60));  // week before: 120 min
  const auto id = RuleId::weekly_duration_spike;
  CHECK_FALSE(check(h, id, planned(10, 156)));
  CHECK(check(h, id, planned(10, 156.1)) == Severity::caution);
  CHECK(check(h, id, planned(10, 240)) == Severity::caution);
  CHECK(check(h, id, planned(10, 240.1)) == Severity::danger);
  History small = long_history();
  small.activities.push_back(run(-7, 10, 60));
  CHECK_FALSE(check(small, id, planned(10, 79.9)));
  CHECK(check(small, id, planned(10, 80)) == Severity::caution);
}

TEST_CASE("spikes: a history shorter than 28 days borrows the starting baseline", "[engine]") {
  // One 3 km run a week ago: no comeback window (6 days off), and the week it
  // stands for (3 km a day held, 21 km) is below the lent 30 km.
  History h;
  h.activities.push_back(run(-7, 3, 18));
  SECTION("intermediate: longest 10 km, week 30 km") {
    CHECK_FALSE(check(h, RuleId::single_run_spike, planned(11)));
    const auto ev = evaluate(h, at(0), Settings{}, planned(11.01));
    CHECK(severity_of(ev.warnings, RuleId::single_run_spike) == Severity::caution);
    CHECK(ev.starting_baseline);
    REQUIRE_FALSE(ev.notes.empty());
    CHECK(ev.notes.back() ==
          "history shorter than 28 days: compared with the intermediate starting baseline "
          "(longest run 10 km, week 30 km)");
    CHECK_FALSE(check(h, RuleId::weekly_distance_spike, planned(39)));  // 39 / 30
    CHECK(check(h, RuleId::weekly_distance_spike, planned(39.01)) == Severity::caution);
  }
  SECTION("beginner: longest 5 km") {
    History b;
    b.activities.push_back(run(-10, 3, 20));
    Settings s;
    s.experience = Experience::beginner;
    CHECK_FALSE(check(b, RuleId::single_run_spike, planned(5.5), s));
    CHECK(check(b, RuleId::single_run_spike, planned(5.51), s) == Severity::caution);
  }
  SECTION("from the 28th day of history the baseline is gone") {
    h.activities.push_back(session(-27, Sport::strength, 30));
    CHECK_FALSE(check(h, RuleId::single_run_spike, planned(7)));
    h.activities.push_back(session(-28, Sport::strength, 30));
    const auto ev = evaluate(h, at(0), Settings{}, planned(4));  // 4 / 3 km
    CHECK(severity_of(ev.warnings, RuleId::single_run_spike) == Severity::caution);
    CHECK_FALSE(ev.starting_baseline);
  }
}

TEST_CASE("hard-surface: the 7-day ratio to the 28-day weekly mean", "[engine]") {
  History h = long_history();
  for (int d : {-25, -18, -11}) h.activities.push_back(run(d, 10, 60, Surface::road));
  // A trail run 4 days before: no break of 7 days (a comeback window would
  // leave the ratio unjudged), and no hard-surface distance.
  h.activities.push_back(run(-4, 5, 30, Surface::trail));
  const auto id = RuleId::hard_surface;
  // 4H / (30 + H) = 1.5 at H = 18 km; all of it road, so the share is context.
  CHECK_FALSE(check(h, id, planned(18)));
  CHECK(severity_of(evaluate(h, at(0), Settings{}, planned(18)).context, id) == Severity::info);
  const auto w = find(evaluate_day(h, at(0), Settings{}, planned(18.01)), id).value();
  CHECK(w.severity == Severity::caution);
  CHECK(w.figure("hard_7d_m")->value == Approx(18010));
  SECTION("the same run on a treadmill is no surface exposure") {
    CHECK_FALSE(check(h, id, planned(18.01, {}, Surface::treadmill)));
  }
  SECTION("or on a trail") { CHECK_FALSE(check(h, id, planned(18.01, {}, Surface::trail))); }
}

TEST_CASE("hard-surface: share above 80 % of 28 days is info", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-20, 6, 36, Surface::road));
  h.activities.push_back(run(-15, 2, 12, Surface::trail));
  auto context = [&](double km) {
    return severity_of(evaluate(h, at(0), Settings{}, planned(km)).context, RuleId::hard_surface);
  };
  CHECK_FALSE(context(2));  // 8 / 10 = 0.80
  CHECK(context(2.01) == Severity::info);
  CHECK_FALSE(check(h, RuleId::hard_surface, planned(2.01)));  // context, not an alarm
  const auto note =
      find(evaluate(h, at(0), Settings{}, planned(2.01)).context, RuleId::hard_surface);
  REQUIRE(note);
  // 8.01 / 10.01 = 80.02 %: printed so that it reads above 80 %
  CHECK(note->reason == "80.02 % of the last 28 days' running was on hard surfaces (over 80 %)");
}

TEST_CASE("consecutive-run-days: limit by experience", "[engine]") {
  History h = long_history();
  for (int d = -4; d <= -1; ++d) h.activities.push_back(run(d, 5, 30));
  CHECK_FALSE(check(h, RuleId::consecutive_run_days, planned(5)));  // 5 in a row
  h.activities.push_back(run(-5, 5, 30));
  const auto w = find(evaluate_day(h, at(0), Settings{}, planned(5)), RuleId::consecutive_run_days);
  REQUIRE(w);
  CHECK(w->severity == Severity::caution);
  CHECK(w->figure("run_days_in_row")->value == 6);
  CHECK(w->figure("limit_days")->value == 5);
  Settings advanced;
  advanced.experience = Experience::advanced;
  CHECK_FALSE(check(h, RuleId::consecutive_run_days, planned(5), advanced));
  Settings beginner;
  beginner.experience = Experience::beginner;
  History b = long_history();
  b.activities.push_back(run(-2, 3, 20));
  b.activities.push_back(run(-1, 3, 20));
  CHECK_FALSE(check(b, RuleId::consecutive_run_days, planned(3), beginner));
  b.activities.push_back(run(-3, 3, 20));
  CHECK(check(b, RuleId::consecutive_run_days, planned(3), beginner) == Severity::caution);
}

TEST_CASE("no-rest-day: hard cross-training is not rest", "[engine]") {
  Settings s;
  s.max_consecutive_run_days = 30;
  History h = long_history();
  for (int d = -5; d <= -1; ++d) h.activities.push_back(run(d, 5, 30));
  CHECK_FALSE(check(h, RuleId::no_rest_day, planned(5), s));  // 6 days
  History easy = h;
  easy.activities.push_back(session(-6, Sport::ride, 60, 6));  // RPE 6 keeps it a rest day
  CHECK_FALSE(check(easy, RuleId::no_rest_day, planned(5), s));
  h.activities.push_back(session(-6, Sport::ride, 60, 7));
  const auto w = find(evaluate_day(h, at(0), s, planned(5)), RuleId::no_rest_day).value();
  CHECK(w.severity == Severity::caution);
  CHECK(w.figure("days_without_rest")->value == 7);
  CHECK(w.dates[0] == FigureDate{"last_rest_date", at(-7)});
  History long_streak = long_history();
  for (int d = -12; d <= -1; ++d) long_streak.activities.push_back(run(d, 5, 30));
  CHECK(check(long_streak, RuleId::no_rest_day, planned(5), s) == Severity::caution);  // 13
  long_streak.activities.push_back(run(-13, 5, 30));
  // LOAD-SCIENCE.md: 14 days alone is no longer danger (it was): a steady
  // daily runner gets a caution.
  CHECK(check(long_streak, RuleId::no_rest_day, planned(5), s) == Severity::caution);  // 14
  for (int d = -40; d <= -14; ++d) long_streak.activities.push_back(run(d, 5, 30));
  CHECK(check(long_streak, RuleId::no_rest_day, planned(5), s) == Severity::caution);  // 41
  // The same day with a load alarm (a single-run spike) makes it a danger.
  const auto ev = evaluate(long_streak, at(0), s, planned(6));
  CHECK(severity_of(ev.warnings, RuleId::single_run_spike) == Severity::caution);
  const auto danger = find(ev.warnings, RuleId::no_rest_day).value();
  CHECK(danger.severity == Severity::danger);
  CHECK(danger.reason.find("single-run-spike") != std::string::npos);
}

TEST_CASE("monotony: info above 2.0, and when every day is the same", "[engine]") {
  History same = long_history();
  for (int d = -6; d <= 0; ++d) same.activities.push_back(rated(run(d, 8, 45), 3));
  const auto ctx = [](const History& x, const Settings& s) {
    return severity_of(evaluate(x, at(0), s).context, RuleId::monotony);
  };
  CHECK(ctx(same, Settings{}) == Severity::info);
  CHECK_FALSE(severity_of(evaluate_day(same, at(0), Settings{}), RuleId::monotony));  // context
  History h = long_history();
  for (int d = -6; d <= 0; d += 2) h.activities.push_back(rated(run(d, 10, 60), 1));
  Settings s;
  s.monotony_info = 4 / std::sqrt(12.0);  // exactly the week's monotony: quiet
  CHECK_FALSE(ctx(h, s));
  s.monotony_info = 1.15;
  CHECK(ctx(h, s) == Severity::info);
  CHECK_FALSE(ctx(h, Settings{}));
}

TEST_CASE("pain: bands of the open episode, not a 7-day window", "[engine]") {
  History base = long_history();
  auto with = [&](std::vector<PainNote> notes) {
    History h = base;
    h.pain_notes = std::move(notes);
    return check(h, RuleId::pain, planned(5));
  };
  // Latest 4-5: danger for a run, however old the note (until a 3 or less, or a 0).
  CHECK(with({pain(-2, PainSite::knee_front, 4)}) == Severity::danger);
  CHECK(with({pain(-3, PainSite::knee_front, 4)}) == Severity::danger);
  CHECK(with({pain(-20, PainSite::knee_front, 5)}) == Severity::danger);
  CHECK(with({pain(0, PainSite::knee_front, 3)}) == Severity::caution);
  CHECK(with({pain(-6, PainSite::calf, 1)}) == Severity::caution);
  // Mild: open through the 13th day after the note, closed from the 14th.
  CHECK(with({pain(-13, PainSite::calf, 1)}) == Severity::caution);
  CHECK_FALSE(with({pain(-14, PainSite::calf, 1)}));
  CHECK_FALSE(with({pain(0, PainSite::knee_front, 0)}));
  // The runner: 3/10 knee, then an explicit 0 yesterday: nothing.
  CHECK_FALSE(with(
      {pain(-3, PainSite::knee_front, 3, false, 1), pain(-1, PainSite::knee_front, 0, false, 2)}));
  CHECK(with({pain(-6, PainSite::knee_outer, 1, false, 1),
              pain(-5, PainSite::knee_outer, 2, false, 2),
              pain(-4, PainSite::knee_outer, 3, false, 3)}) == Severity::danger);  // rising
  CHECK(with({pain(-6, PainSite::knee_outer, 1, false, 1),
              pain(-5, PainSite::knee_outer, 3, false, 2),
              pain(-4, PainSite::knee_outer, 3, false, 3)}) == Severity::caution);
  CHECK(with({pain(-6, PainSite::calf, 2, true)}) == Severity::danger);   // changes gait
  CHECK(with({pain(-30, PainSite::calf, 2, true)}) == Severity::danger);  // and does not expire
  CHECK(with({pain(-1, PainSite::shin_inner, 3)}) == Severity::danger);   // bone site
  CHECK(with({pain(-1, PainSite::shin_inner, 2)}) == Severity::caution);  // pain-free only
}

TEST_CASE("pain: the advice links conditions to the site, never diagnoses or treats", "[engine]") {
  History h = long_history();
  h.pain_notes = {pain(-2, PainSite::knee_front, 4)};
  const auto w = find(evaluate_day(h, at(0), Settings{}, planned(5)), RuleId::pain).value();
  CHECK(w.reason ==
        "knee-front pain 4/10 on 2026-01-03: moderate pain (4-5/10) at the latest note");
  CHECK(w.advice ==
        "No run today: cross-train without impact (cycling, swimming) until a note of 3 or less, "
        "and get it assessed if it does not settle within a week. Pain at the front of the knee "
        "is commonly linked with runner's knee (patellofemoral pain); only an assessment can "
        "tell.");
  auto advice_for = [&](PainSite site) {
    History x = long_history();
    x.pain_notes = {pain(0, site, 2)};
    return find(evaluate_day(x, at(0), Settings{}, planned(5)), RuleId::pain)->advice;
  };
  auto linked = [](const std::string& advice, const std::string& condition) {
    return advice.find("is commonly linked with " + condition + "; only an assessment can tell.") !=
           std::string::npos;
  };
  CHECK(linked(advice_for(PainSite::knee_below), "patellar tendinopathy"));
  CHECK(linked(advice_for(PainSite::knee_outer), "IT band syndrome"));
  CHECK(linked(advice_for(PainSite::hip_outer), "IT band syndrome"));
  CHECK(linked(advice_for(PainSite::shin_inner),
               "shin splints (medial tibial stress) or a bone stress injury"));
  CHECK(advice_for(PainSite::back)
            .rfind("An easy run is acceptable if the pain stays at 3 or less", 0) == 0);
  CHECK(advice_for(PainSite::back).find("commonly linked") == std::string::npos);
}

TEST_CASE("evaluate: a day without a run is never flagged by the rules", "[engine]") {
  History h = long_history();
  for (int d = -13; d <= -1; ++d) h.activities.push_back(run(d, 15, 90));
  h.activities.push_back(session(0, Sport::strength, 40, 5));
  h.pain_notes = {pain(0, PainSite::knee_front, 6)};
  CHECK(evaluate_day(h, at(0), Settings{}).empty());
  SECTION("status still shows the open pain") {
    CHECK(severity_of(status_warnings(h, at(0), Settings{}), RuleId::pain) == Severity::danger);
  }
}

TEST_CASE("return-after-break: 7 days off opens a window; the first run at most 60 %", "[engine]") {
  History h = long_history();
  for (int d : {-40, -35, -30, -25, -20}) h.activities.push_back(run(d, 10, 60));
  h.activities.push_back(run(-15, 5, 30));  // last run: 14 days off before D
  // Pre-break week 55 / 4 = 13.75 km, week 1 allows half: 6.875 km.
  CHECK_FALSE(check(h, RuleId::return_after_break, planned(6)));
  const auto w =
      find(evaluate_day(h, at(0), Settings{}, planned(6.01)), RuleId::return_after_break);
  REQUIRE(w);
  CHECK(w->severity == Severity::caution);
  CHECK(w->figure("break_days")->value == 14);
  CHECK(w->figure("longest_before_break_m")->value == 10000);
  // 7 days off is a break now (LOAD-SCIENCE.md "Comeback"); 6 days is not.
  History seven = long_history();
  seven.activities.push_back(run(-20, 10, 60));
  seven.activities.push_back(run(-8, 5, 30));
  // 6.5 km: over the 5 km floor allowance and over 60 % of 10 km.
  CHECK(check(seven, RuleId::return_after_break, planned(6.5)) == Severity::caution);
  History six = long_history();
  six.activities.push_back(run(-20, 10, 60));
  six.activities.push_back(run(-7, 5, 30));
  CHECK_FALSE(check(six, RuleId::return_after_break, planned(8)));
}

TEST_CASE("strength-gap: 14 days without strength is info on status", "[engine]") {
  History h = long_history();
  h.activities.push_back(session(-13, Sport::strength, 30));
  CHECK_FALSE(severity_of(status_warnings(h, at(0), Settings{}), RuleId::strength_gap));
  const auto w = find(status_warnings(h, at(1), Settings{}), RuleId::strength_gap).value();
  CHECK(w.severity == Severity::info);
  CHECK(w.figure("days_since_strength")->value == 14);
  History none;
  none.activities.push_back(run(-20, 5, 30));
  CHECK(find(status_warnings(none, at(0), Settings{}), RuleId::strength_gap)->reason ==
        "no strength session logged in 20 days of history");
}

TEST_CASE("shoe-mileage: past the retirement distance", "[engine]") {
  History h = long_history();
  Activity a = run(-3, 350, 2100);
  a.shoe = "Pegasus";
  h.activities.push_back(a);
  a.local_date = at(-1);
  h.activities.push_back(a);
  CHECK_FALSE(find(status_warnings(h, at(0), Settings{}), RuleId::shoe_mileage));
  a.distance_m = 10;
  h.activities.push_back(a);
  const auto w = find(status_warnings(h, at(0), Settings{}), RuleId::shoe_mileage).value();
  CHECK(w.figure("shoe_m")->value == Approx(700010));
  CHECK(w.reason == "shoe 'Pegasus' has 700 km on it (retire at 700 km)");
  Settings own;
  own.shoes = {{"Pegasus", 600'000}};
  CHECK(find(status_warnings(h, at(0), own), RuleId::shoe_mileage)->figure("retirement_m")->value ==
        600000);
  CHECK(shoe_distances_m(h, at(0)) ==
        std::vector<std::pair<std::string, double>>{{"Pegasus", 700010}});
}

TEST_CASE("low-cadence: under 160 steps/min over 28 days", "[engine]") {
  History h = long_history();
  Activity a = run(-2, 10, 60);
  a.avg_cadence_spm = 160;
  h.activities.push_back(a);
  CHECK_FALSE(find(status_warnings(h, at(0), Settings{}), RuleId::low_cadence));
  h.activities.back().avg_cadence_spm = 159.9;
  const auto w = find(status_warnings(h, at(0), Settings{}), RuleId::low_cadence).value();
  CHECK(w.figure("target_low_spm")->value == Approx(159.9 * 1.05));
  CHECK(w.figure("target_high_spm")->value == Approx(159.9 * 1.10));
}

TEST_CASE("evaluate: warnings are sorted most severe first", "[engine]") {
  History h = long_history();
  for (int d = -6; d <= -1; ++d) h.activities.push_back(run(d, 8, 45));
  h.pain_notes = {pain(-1, PainSite::shin_inner, 5)};
  const auto w = evaluate_day(h, at(0), Settings{}, planned(8, 45));
  REQUIRE(w.size() >= 3);
  CHECK(w.front().severity == Severity::danger);
  CHECK(severity_of(w, RuleId::pain) == Severity::danger);  // shin-inner 5: a bone red flag
  // Seven run days in a row: a caution, raised to danger by the open episode.
  CHECK(severity_of(w, RuleId::consecutive_run_days) == Severity::danger);
  for (std::size_t i = 1; i < w.size(); ++i) CHECK(w[i - 1].severity >= w[i].severity);
  CHECK(verdict(w) == "danger");
  CHECK(verdict({}) == "clear");
}

TEST_CASE("warnings: what the model would have said on each past day with a run", "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-10, 10, 60, Surface::trail));
  h.activities.push_back(run(-5, 10, 60, Surface::trail));
  h.activities.push_back(run(-2, 16, 96, Surface::trail));
  h.activities.push_back(session(-1, Sport::strength, 30));
  h.activities.push_back(run(3, 30, 180));  // after `to`: ignored
  const auto days = warnings_by_day(h, at(-10), at(0), Settings{});
  REQUIRE(days.size() == 1);
  CHECK(days[0].date == at(-2));
  CHECK(severity_of(days[0].warnings, RuleId::single_run_spike) == Severity::caution);
}

TEST_CASE("rules: ids and severities exactly as the product spells them", "[engine]") {
  const char* ids[] = {"single-run-spike",      "duration-spike", "weekly-distance-spike",
                       "weekly-duration-spike", "hard-surface",   "consecutive-run-days",
                       "no-rest-day",           "monotony",       "pain",
                       "return-after-break",    "strength-gap",   "shoe-mileage",
                       "low-cadence",           "plan-structure", "race-readiness"};
  REQUIRE(rule_table().size() == std::size(ids));
  for (std::size_t i = 0; i < std::size(ids); ++i) {
    CHECK(to_string(rule_table()[i].id) == ids[i]);
    CHECK(parse_rule_id(ids[i]) == rule_table()[i].id);
  }
  CHECK_FALSE(parse_rule_id("single_run_spike"));
  CHECK(to_string(Severity::caution) == "caution");
  CHECK(rule_info(RuleId::strength_gap).status_only);
  CHECK_FALSE(rule_info(RuleId::pain).status_only);
}

TEST_CASE("rules: each names its evidence, and the ones without a study say so", "[engine]") {
  // LOAD-SCIENCE.md: a default with no study behind it must never look founded.
  const std::pair<RuleId, const char*> cited[] = {
      {RuleId::single_run_spike, "Frandsen et al. 2025"},
      {RuleId::weekly_distance_spike, "Nielsen et al. 2014"},
      {RuleId::monotony, "Foster 1998"},
      {RuleId::strength_gap, "Lauersen et al. 2014"},
      {RuleId::low_cadence, "Heiderscheit et al. 2011"},
      {RuleId::pain, "Silbernagel et al. 2007"},
      {RuleId::return_after_break, "Warden et al. 2021"}};
  for (const auto& [id, study] : cited) {
    INFO(to_string(id));
    CHECK(rule_info(id).evidence.find(study) != std::string_view::npos);
  }
  for (RuleId id : {RuleId::duration_spike, RuleId::weekly_duration_spike, RuleId::hard_surface,
                    RuleId::consecutive_run_days, RuleId::no_rest_day, RuleId::return_after_break,
                    RuleId::shoe_mileage}) {
    INFO(to_string(id));
    CHECK(rule_info(id).evidence.find("product default") != std::string_view::npos);
  }
  // The pain bands themselves have no study behind them either.
  CHECK(rule_info(RuleId::pain).evidence.find("product default") != std::string_view::npos);
  const Warning w{RuleId::hard_surface, Severity::info, {}, {}, {}, {}};
  CHECK(w.evidence() == rule_info(RuleId::hard_surface).evidence);
}

TEST_CASE("evaluate: a steady, sensible history raises nothing from week 5 on", "[engine]") {
  // Mon rest, Tue 8 km road, Wed strength, Thu 10 km trail, Fri rest,
  // Sat 6 km road + strength, Sun 14 km long run on trail. 38 km a week.
  History h;
  const int weeks = 20;
  for (int w = 0; w < weeks; ++w) {
    const int mon = -7 * weeks + 7 * w;
    Activity tue = run(mon + 1, 8, 46, Surface::road);
    tue.avg_cadence_spm = 168;
    h.activities.push_back(tue);
    h.activities.push_back(session(mon + 2, Sport::strength, 40, 5));
    h.activities.push_back(run(mon + 3, 10, 60, Surface::trail));
    h.activities.push_back(run(mon + 5, 6, 34, Surface::road));
    h.activities.push_back(session(mon + 5, Sport::strength, 30, 4));
    h.activities.push_back(run(mon + 6, 14, 88, Surface::trail));
  }
  SECTION("checking each run beforehand, as a planned run, is clear too") {
    for (int d = -7 * weeks + 28; d < 0; ++d) {
      History before;
      std::optional<PlannedRun> same;
      for (const auto& a : h.activities) {
        if (a.local_date < at(d)) before.activities.push_back(a);
        if (a.local_date == at(d) && is_run(a.sport)) {
          same = planned(a.distance_m / 1000, a.moving_s / 60, a.surface_m.front().surface);
        }
      }
      if (!same) continue;
      const auto ev = evaluate(before, at(d), Settings{}, same);
      INFO("day " << d << ": " << (ev.warnings.empty() ? "" : ev.warnings.front().reason));
      CHECK(verdict(ev.warnings) == "clear");
    }
  }
  for (auto level : {Experience::beginner, Experience::intermediate, Experience::advanced}) {
    Settings s;
    s.experience = level;
    for (int d = -7 * weeks + 28; d < 0; ++d) {
      const auto warnings = evaluate_day(h, at(d), s);
      for (const auto& w : warnings) {
        INFO("day " << d << " rule " << to_string(w.rule) << ": " << w.reason);
        CHECK(w.severity == Severity::info);
      }
      for (const auto& w : status_warnings(h, at(d), s)) {
        INFO("status day " << d << " rule " << to_string(w.rule) << ": " << w.reason);
        CHECK(w.severity == Severity::info);
      }
    }
  }
}

TEST_CASE("evaluate: a first check on an empty history leans on the starting baseline",
          "[engine]") {
  const History empty;
  const auto ev = evaluate(empty, at(0), Settings{}, planned(12));
  CHECK(severity_of(ev.warnings, RuleId::single_run_spike) == Severity::caution);
  CHECK(ev.starting_baseline);
  REQUIRE(ev.planned);
  CHECK(ev.planned->duration_estimated);
  CHECK(ev.notes.front() == "duration estimated from a default pace (6:00 /km): 1:12:00");
  const auto clear = evaluate(empty, at(0), Settings{}, planned(8));
  CHECK(clear.starting_baseline);  // said even when nothing fires
  CHECK_FALSE(worst(clear.warnings));
  // All on road, but the share of one day is no 28-day share: quiet in the first week.
  CHECK_FALSE(severity_of(clear.context, RuleId::hard_surface));
}

TEST_CASE("hard-surface: no run in the weeks before, no ratio", "[engine]") {
  History h = long_history();
  const auto ev = evaluate(h, at(0), Settings{}, planned(20));
  CHECK_FALSE(severity_of(ev.warnings, RuleId::hard_surface));
  CHECK(severity_of(ev.context, RuleId::hard_surface) == Severity::info);  // only the share
}

TEST_CASE("weekly-distance-spike: just under the caution band", "[engine]") {
  History h = long_history();
  // Days -6..-1 off: six days, no comeback window.
  h.activities.push_back(run(-9, 10, 60));
  h.activities.push_back(run(-7, 10, 60));
  CHECK_FALSE(check(h, RuleId::weekly_distance_spike, planned(25.99)));
  CHECK_FALSE(check(h, RuleId::weekly_distance_spike, planned(26)));
  CHECK(check(h, RuleId::weekly_distance_spike, planned(26.01)) == Severity::caution);
}

TEST_CASE("weekly_distance_reference: the larger of the week before and the 28-day mean",
          "[engine]") {
  // 5 km every day from day -41 to -14 (the 28 days before the week before
  // day 0's 7 days): a 35 km mean week. The week before (days -13 to -7)
  // holds one run.
  History h = long_history();
  for (int d = -41; d <= -14; ++d) h.activities.push_back(run(d, 5, 30));
  History quiet = h;
  quiet.activities.push_back(run(-10, 20, 120));
  CHECK(weekly_distance_reference(quiet, at(0), Settings{}) == Approx(35000));
  History big = h;
  big.activities.push_back(run(-10, 45, 270));
  CHECK(weekly_distance_reference(big, at(0), Settings{}) == Approx(45000));
  // The rule fires against the same figure: 7 days of 1.31 x 45 km.
  big.activities.push_back(run(-3, 58, 348));
  CHECK(check(big, RuleId::weekly_distance_spike, planned(0.95)) == Severity::caution);
  CHECK_FALSE(check(big, RuleId::weekly_distance_spike, planned(0.5)));
}
