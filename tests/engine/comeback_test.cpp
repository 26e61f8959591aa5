// Comeback windows (engine/comeback.hpp) and return-after-break: hand-computed
// ramps. LOAD-SCIENCE.md "Comeback".
#include "engine/comeback.hpp"

#include "engine/evaluate.hpp"
#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

namespace {

/// 5 km a day (30 min) on the 28 days ending with day `last`: a 35 km pre-break week.
History daily_fives(int last) {
  History h = long_history();
  for (int d = last - 27; d <= last; ++d) h.activities.push_back(run(d, 5, 30));
  return h;
}

}  // namespace

TEST_CASE("comeback: 20 days off after 35 km weeks, the ramp week by week", "[engine]") {
  const Settings s;
  History h = daily_fives(-21);  // days -20..-1 without running
  const auto w = comeback_window_on(h, at(0), s, 4000).value();
  CHECK(w.start == at(0));
  CHECK(w.break_start == at(-20));
  CHECK(w.break_days == 20);
  CHECK(w.last_run_before == at(-21));
  CHECK(w.kind == BreakKind::long_break);
  CHECK(w.pre_break_week_m == Approx(35000));
  CHECK(w.longest_before_m == Approx(5000));
  CHECK(w.first_week_fraction == 0.5);
  CHECK(w.max_weeks == 8);
  CHECK(w.end == at(55));
  // Weeks are 7-day blocks from the first run.
  CHECK(w.week_of(at(0)) == 1);
  CHECK(w.week_of(at(6)) == 1);
  CHECK(w.week_of(at(7)) == 2);
  CHECK(w.week_of(at(55)) == 8);
  // 35 x 0.5 = 17.5, x 1.2 = 21, 25.2, 30.24, then capped at the pre-break week.
  CHECK(w.week_allowance_m(1) == Approx(17500));
  CHECK(w.week_allowance_m(2) == Approx(21000));
  CHECK(w.week_allowance_m(3) == Approx(25200));
  CHECK(w.week_allowance_m(4) == Approx(30240));
  CHECK(w.week_allowance_m(5) == Approx(35000));
  CHECK(w.allowance_m(at(9)) == Approx(21000));
  CHECK(w.first_run_limit_m(s) == Approx(3000));
  CHECK(w.early(at(13), s));
  CHECK_FALSE(w.early(at(14), s));
  // Six days off is no break; no history before, no window.
  CHECK_FALSE(comeback_window_on(daily_fives(-7), at(0), s, 4000));
  CHECK_FALSE(comeback_window_on(long_history(), at(0), s, 4000));
}

TEST_CASE("comeback: the 5 km floor, and closing when the week reaches the pre-break week",
          "[engine]") {
  const Settings s;
  History h = long_history();
  h.activities.push_back(run(-40, 3, 20));
  h.activities.push_back(run(-35, 3, 20));  // pre-break week 6 / 4 = 1.5 km
  const auto w = comeback_window_on(h, at(0), s, 1000).value();
  CHECK(w.pre_break_week_m == Approx(1500));
  CHECK(w.week_allowance_m(1) == Approx(5000));  // floored, above the pre-break week
  CHECK_FALSE(w.reached_on);
  // A 2 km run reaches 1.5 km: the window closes that day (and still covers it).
  const auto closed = comeback_window_on(h, at(0), s, 2000).value();
  CHECK(closed.reached_on == at(0));
  CHECK(closed.end == at(0));
  h.activities.push_back(run(0, 2, 12));
  CHECK_FALSE(comeback_window_on(h, at(1), s));

  // A 35 km pre-break week: closes on the day the 7-day distance reaches 35 km.
  History big = daily_fives(-21);
  for (int d = 0; d < 7; ++d) big.activities.push_back(run(d, 5, 30));
  // Reaching 35 km in week 1 (allowance 17.5 km) is the jump the window is
  // for: it stays open.
  const auto jumped = comeback_windows(big, at(6), s);
  REQUIRE(jumped.size() == 1);
  CHECK_FALSE(jumped[0].reached_on);
  CHECK(jumped[0].end == at(55));
  // By the ramp: 5 km every other day reaches the 35 km week in week 5, when
  // the allowance is the pre-break week itself.
  History ramp = daily_fives(-21);
  for (int d = 0; d < 42; ++d)
    ramp.activities.push_back(run(d, d >= 28 ? 5 : (d % 2 == 0 ? 5 : 0.01), 30));
  const auto windows = comeback_windows(ramp, at(41), s);
  REQUIRE(windows.size() == 1);
  REQUIRE(windows[0].reached_on);
  CHECK(*windows[0].reached_on == at(34));
  CHECK(windows[0].end == at(34));
}

TEST_CASE("comeback: 7-13 days off is a short break of at most 2 weeks", "[engine]") {
  const Settings s;
  const History h = daily_fives(-11);  // days -10..-1 off: 10 days
  const auto w = comeback_window_on(h, at(0), s, 3000).value();
  CHECK(w.kind == BreakKind::short_break);
  CHECK(w.break_days == 10);
  CHECK(w.first_week_fraction == 0.75);
  CHECK(w.week_allowance_m(1) == Approx(26250));
  CHECK(w.max_weeks == 2);
  CHECK(w.end == at(13));
  CHECK(comeback_window_on(daily_fives(-8), at(0), s, 3000));        // 7 days off
  CHECK_FALSE(comeback_window_on(daily_fives(-7), at(0), s, 3000));  // 6 days off
}

TEST_CASE("comeback: a new break inside a window starts a new window", "[engine]") {
  const Settings s;
  History h = daily_fives(-41);             // 20 days off, then
  h.activities.push_back(run(-20, 3, 18));  // a window opens on day -20
  // ... and 19 more days off: a new window on day 0.
  const auto windows = comeback_windows(h, at(0), s, 3000);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].start == at(-20));
  CHECK(windows[0].end == at(-1));
  CHECK(windows[1].start == at(0));
  CHECK(windows[1].last_run_before == at(-20));
  CHECK(windows[1].pre_break_week_m == Approx((7 * 5 + 3) / 4.0 * 1000));  // days -47..-20
}

TEST_CASE("comeback: a resolved red flag opens a window, a bone one at 30 %", "[engine]") {
  const Settings s;
  History h = long_history();  // ran every day up to day -2, straight through the pain
  for (int d = -60; d <= -2; ++d) h.activities.push_back(run(d, 5, 30));
  // Shin-inner 4 (a bone red flag) on day -10, resolved on day -1.
  h.pain_notes = {pain(-10, PainSite::shin_inner, 4, false, 1),
                  pain(-1, PainSite::shin_inner, 0, false, 2)};
  const auto w = comeback_window_on(h, at(0), s, 2000).value();
  CHECK(w.after_red_flag);
  CHECK(w.red_flag_site == PainSite::shin_inner);
  CHECK(w.kind == BreakKind::bone_red_flag);
  CHECK(w.walking_phase());
  CHECK(w.break_start == at(-10));  // counted from the first note, not the last run
  CHECK(w.break_days == 10);
  CHECK(w.last_run_before == at(-11));
  CHECK(w.first_week_fraction == 0.3);
  CHECK(w.week_allowance_m(1) == Approx(10500));
  CHECK(w.max_weeks == 8);
  // A mild episode resolved opens nothing; an unresolved red flag opens nothing.
  History mild = daily_fives(-1);
  mild.pain_notes = {pain(-3, PainSite::knee_front, 2, false, 1),
                     pain(-1, PainSite::knee_front, 0, false, 2)};
  CHECK_FALSE(comeback_window_on(mild, at(0), s, 2000));
  History open = daily_fives(-1);
  open.pain_notes = {pain(-3, PainSite::knee_front, 7, false, 1)};
  CHECK_FALSE(comeback_window_on(open, at(0), s, 2000));
}

TEST_CASE("return-after-break: the ramp's bands, the first run and an early hard run", "[engine]") {
  const Settings s;
  const History h = daily_fives(-21);
  // First run: 3 km is 60 % of the 5 km longest: quiet; 3.5 km is over.
  CHECK_FALSE(find(evaluate_day(h, at(0), s, planned(3, 18)), RuleId::return_after_break));
  const auto first = find(evaluate_day(h, at(0), s, planned(3.5, 21)), RuleId::return_after_break);
  REQUIRE(first);
  CHECK(first->severity == Severity::caution);
  CHECK(first->reason.find("the first run back, 3.5 km, is 70 % of the longest run") !=
        std::string::npos);
  CHECK(first->figure("first_run_limit_m")->value == Approx(3000));

  // Week 1 allows 17.5 km: 3 + 4 x 3.5 = 17 quiet, a 4th 3.5 km run makes 20.5 (caution),
  // and 3 + 3 x 3.5 + 14 = 27.5 > 1.5 x 17.5 = 26.25 (danger).
  History w1 = h;
  w1.activities.push_back(run(0, 3, 18));
  for (int d = 1; d <= 3; ++d) w1.activities.push_back(run(d, 3.5, 21));
  CHECK_FALSE(find(evaluate_day(w1, at(4), s, planned(3.5, 21)), RuleId::return_after_break));
  History w1b = w1;
  w1b.activities.push_back(run(4, 3.5, 21));
  const auto over = find(evaluate_day(w1b, at(5), s, planned(3.5, 21)), RuleId::return_after_break);
  REQUIRE(over);
  CHECK(over->severity == Severity::caution);
  CHECK(over->figure("allowance_m")->value == Approx(17500));
  CHECK(over->figure("week_m")->value == Approx(20500));
  CHECK(over->reason.rfind("comeback week 1 of up to 8 after 20 days without running: 20.5 km",
                           0) == 0);
  CHECK(severity_of(evaluate_day(w1, at(4), s, planned(14, 84)), RuleId::return_after_break) ==
        Severity::danger);
  // Inside the window the weekly spikes are replaced, not doubled.
  const auto ws = evaluate_day(w1b, at(5), s, planned(3.5, 21));
  CHECK_FALSE(find(ws, RuleId::weekly_distance_spike));
  CHECK_FALSE(find(ws, RuleId::weekly_duration_spike));

  // A hard run (RPE 8) on day 5 of the window: caution; on day 15 it is not.
  PlannedRun hard = planned(3, 18);
  hard.rpe = 8;
  History easy_start = h;
  easy_start.activities.push_back(run(0, 3, 18));
  const auto early = find(evaluate_day(easy_start, at(4), s, hard), RuleId::return_after_break);
  REQUIRE(early);
  CHECK(early->reason.find("a hard run on day 5 of the comeback") != std::string::npos);
  for (int d = 2; d <= 14; d += 2) easy_start.activities.push_back(run(d, 2, 12));
  CHECK_FALSE(find(evaluate_day(easy_start, at(15), s, hard), RuleId::return_after_break));
}

TEST_CASE("return-after-break: a sensible restart is not a weekly spike", "[engine]") {
  // The restart: 4, 4, 5, 4 km after 21 days off, then a planned 5 km.
  const Settings s;
  History h = long_history();
  const auto u = Surface::unknown;  // surface exposure is not what this is about
  for (int d = -48; d <= -22; d += 2) h.activities.push_back(run(d, 10, 60, u));  // 35 km weeks
  h.activities.push_back(run(0, 4, 24, u));
  h.activities.push_back(run(2, 4, 24, u));
  h.activities.push_back(run(4, 5, 30, u));
  h.activities.push_back(run(6, 4, 24, u));
  PlannedRun five = planned(5, 30, u);
  // Without the window, days 2..8 (18 km) against the 4 km week before would be +350 %.
  const auto ws = evaluate_day(h, at(8), s, five);
  CHECK_FALSE(find(ws, RuleId::weekly_distance_spike));
  CHECK_FALSE(find(ws, RuleId::return_after_break));  // week 2 allows 21 km
  CHECK(verdict(ws) == "clear");
  const auto w = evaluate(h, at(8), s, five).comeback.value();
  CHECK(w.week_of(at(8)) == 2);
  CHECK(w.allowance_m(at(8)) == Approx(21000));
  // A 12 km run there makes 25 km: over the allowance (caution), not a +500 % danger.
  const auto big = evaluate_day(h, at(8), s, planned(12, 72, u));
  CHECK(severity_of(big, RuleId::return_after_break) == Severity::caution);
  CHECK_FALSE(find(big, RuleId::weekly_distance_spike));
}

TEST_CASE("pain: an open episode raises the day's load alarms one step", "[engine]") {
  const Settings s;
  History h = long_history();
  h.activities.push_back(run(-10, 10, 60));
  const auto plain = evaluate_day(h, at(0), s, planned(11.5, 69));
  CHECK(severity_of(plain, RuleId::single_run_spike) == Severity::caution);
  h.pain_notes = {pain(0, PainSite::knee_front, 2)};
  const auto raised = evaluate_day(h, at(0), s, planned(11.5, 69));
  CHECK(severity_of(raised, RuleId::single_run_spike) == Severity::danger);
  CHECK(find(raised, RuleId::single_run_spike)
            ->reason.find("raised to danger by the open "
                          "knee-front pain") != std::string::npos);
  CHECK(severity_of(raised, RuleId::pain) == Severity::caution);
  // Against a lent baseline a caution is not raised.
  History young;
  young.activities.push_back(run(-3, 5, 30));
  young.pain_notes = {pain(0, PainSite::knee_front, 2)};
  CHECK(severity_of(evaluate_day(young, at(0), s, planned(11.5, 69)), RuleId::single_run_spike) ==
        Severity::caution);
}

TEST_CASE("pain in plans: an easy run within a mild episode's limits is context", "[engine]") {
  const Settings s;
  History h = long_history();
  for (int d = -28; d <= -2; d += 2) h.activities.push_back(run(d, 5, 30));  // 17.5 km weeks
  h.pain_notes = {pain(-1, PainSite::knee_front, 2)};
  EvaluateOptions plan;
  plan.plan_day = true;
  // Days -6..0 hold 5 + 5 + 5 + 2 = 17 km against 17.5 km (the 28 days before the note):
  // context, not an alarm (LOAD-SCIENCE.md "Alarms and context").
  const Evaluation within = evaluate(h, at(0), s, planned(2, 12), plan);
  CHECK(severity_of(within.context, RuleId::pain) == Severity::info);
  CHECK_FALSE(severity_of(within.warnings, RuleId::pain));
  CHECK(context_brief(*find(within.context, RuleId::pain), Units::km) ==
        "knee-front pain kept easy within 17.5 km a week");
  CHECK(severity_of(evaluate(h, at(0), s, planned(3, 18), plan).warnings, RuleId::pain) ==
        Severity::caution);  // 18 km: above the limit
  plan.planned_hard = true;
  CHECK(severity_of(evaluate(h, at(0), s, planned(2, 12), plan).warnings, RuleId::pain) ==
        Severity::caution);
  plan.planned_hard = false;
  plan.pain_week_limit_m = 10000;
  CHECK(severity_of(evaluate(h, at(0), s, planned(2, 12), plan).warnings, RuleId::pain) ==
        Severity::caution);
  // Moderate and red-flag episodes stay danger for any planned run.
  plan.pain_week_limit_m.reset();
  h.pain_notes = {pain(-1, PainSite::knee_front, 4)};
  CHECK(severity_of(evaluate(h, at(0), s, planned(2, 12), plan).warnings, RuleId::pain) ==
        Severity::danger);
  // `check` (not a plan) keeps the caution.
  h.pain_notes = {pain(-1, PainSite::knee_front, 2)};
  CHECK(severity_of(evaluate_day(h, at(0), s, planned(5, 30)), RuleId::pain) == Severity::caution);
}
