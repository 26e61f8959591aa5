// Alarms apart from context, short histories, the morning, alternatives for
// every caution and danger, and advice built from the settings
// (LOAD-SCIENCE.md "Alarms and context", "How rules are evaluated").
#include <cmath>

#include "engine/alternatives.hpp"
#include "engine/evaluate.hpp"
#include "engine/paces.hpp"
#include "engine/windows.hpp"
#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Every day from `from` to `to` (offsets) a run of `km` on `surface`.
void daily(History& h, int from, int to, double km, Surface surface = Surface::road) {
  for (int d = from; d <= to; ++d) h.activities.push_back(run(d, km, km * 6, surface));
}

int count_rule(const std::vector<DayWarnings>& days, RuleId id, bool listed) {
  int n = 0;
  for (const auto& d : days)
    for (const auto& w : listed ? d.warnings : d.repeated) n += w.rule == id ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("numbers at a threshold keep the digits that tell the side", "[engine][units]") {
  CHECK(format_ratio(1.52, {1.5}) == "1.52\u00d7");
  CHECK(format_ratio(1.501, {1.5}) == "1.501\u00d7");
  CHECK(format_ratio(1.5, {1.5}) == "1.50\u00d7");
  CHECK(format_share(0.804, {0.8}) == "80.4 %");
  CHECK(format_share(0.8002, {0.8}) == "80.02 %");
  CHECK(format_share(0.92, {0.8}) == "92 %");
  CHECK(format_change(1.104, {1.1, 2.0}) == "+10.4 %");
  CHECK(format_change(1.6, {1.1, 2.0}) == "+60 %");
  CHECK(format_change(2.004, {1.1, 2.0}) == "+100.4 %");
  CHECK(format_pace(360, Units::km) == "6:00 /km");
  CHECK(format_pace(360, Units::mi) == "9:40 /mi");  // 579.4 s a mile, to 5 s
}

TEST_CASE("no-rest-day: a steady daily runner gets a caution, never a danger", "[engine]") {
  History h = long_history();
  daily(h, -89, -1, 8);
  Settings s;
  s.max_consecutive_run_days = 200;
  for (int streak : {7, 14, 30, 90}) {
    History x = long_history();
    daily(x, -(streak - 1), -1, 8);
    INFO("streak " << streak);
    CHECK(severity_of(evaluate_day(x, at(0), s, planned(8, 48)), RuleId::no_rest_day) ==
          Severity::caution);
  }
  SECTION("a weekly spike on the same day makes it a danger") {
    const auto ev = evaluate(h, at(0), s, planned(8.8 + 17, 160));
    CHECK(severity_of(ev.warnings, RuleId::weekly_distance_spike) >= Severity::caution);
    CHECK(severity_of(ev.warnings, RuleId::no_rest_day) == Severity::danger);
  }
  SECTION("an open pain episode makes it a danger, and today the rest day") {
    h.pain_notes = {pain(0, PainSite::knee_front, 2)};
    const auto w = find(evaluate_day(h, at(0), s, planned(8, 48)), RuleId::no_rest_day).value();
    CHECK(w.severity == Severity::danger);
    CHECK(has(w.reason, "raised to danger by the open knee-front pain"));
    CHECK(has(w.advice, "Make this a rest day"));
  }
}

TEST_CASE("short histories: the weekly rules never judge the first 7 days", "[engine]") {
  History h;
  daily(h, -5, -1, 10);  // 50 km in 5 days against a lent 30 km week
  const auto first_week = evaluate(h, at(0), Settings{}, planned(10, 60));
  CHECK_FALSE(severity_of(first_week.warnings, RuleId::weekly_distance_spike));
  CHECK_FALSE(severity_of(first_week.warnings, RuleId::weekly_duration_spike));
  CHECK(first_week.starting_baseline);
  // Day 7 of the history (6 days after the first) is still the first week;
  // day 8 is judged, against the week before at the rate of the days it holds
  // (one day of 10 km stands for 70 km: days before a history are unknown).
  History g;
  daily(g, -6, -1, 10);
  CHECK_FALSE(severity_of(evaluate_day(g, at(0), Settings{}, planned(40, 240)),
                          RuleId::weekly_distance_spike));
  daily(g, -7, -7, 10);
  CHECK_FALSE(severity_of(evaluate_day(g, at(0), Settings{}, planned(10, 60)),
                          RuleId::weekly_distance_spike));  // 70 km against 70
  CHECK(severity_of(evaluate_day(g, at(0), Settings{}, planned(40, 240)),
                    RuleId::weekly_distance_spike) == Severity::caution);  // 100 against 70
}

TEST_CASE("short histories: against a lent baseline a spike is at most a caution", "[engine]") {
  History h;
  // Ten days of history, no 7-day break (that would open a comeback window,
  // where return-after-break judges the week instead).
  h.activities.push_back(run(-10, 3, 18));
  h.activities.push_back(run(-5, 3, 18));
  // 25 km against the lent 10 km longest: 2.5x, a danger on a real history.
  const auto ev = evaluate(h, at(0), Settings{}, planned(25, 150));
  const auto w = find(ev.warnings, RuleId::single_run_spike).value();
  CHECK(w.severity == Severity::caution);
  CHECK(w.figure("lent_baseline"));
  CHECK(has(w.reason,
            "a baseline lent by the intermediate level while the history is shorter "
            "than 28 days"));
  // The week: 3 + 64 = 67 km against the lent 30 km week is 2.23x, over the danger band:
  // caution.
  const auto week =
      find(evaluate_day(h, at(0), Settings{}, planned(64, 384)), RuleId::weekly_distance_spike)
          .value();
  CHECK(week.severity == Severity::caution);
  CHECK(has(week.reason, "lent"));
  SECTION("a real history keeps the danger (no loss of sensitivity)") {
    History real = long_history();
    real.activities.push_back(run(-10, 10, 60));
    CHECK(severity_of(evaluate_day(real, at(0), Settings{}, planned(25, 150)),
                      RuleId::single_run_spike) == Severity::danger);
    History weeks = long_history();
    for (int d : {-13, -11, -9}) weeks.activities.push_back(run(d, 8, 48));
    for (int d : {-6, -4, -2}) weeks.activities.push_back(run(d, 16.5, 99));
    CHECK(severity_of(evaluate_day(weeks, at(-2), Settings{}), RuleId::weekly_distance_spike) ==
          Severity::danger);  // more than a doubled week: 49.5 km against 24 km
  }
}

TEST_CASE("monotony: a spread below 1e-6 is every day the same, not a huge number", "[engine]") {
  History h = long_history();
  for (int d = -6; d <= 0; ++d) {
    Activity a = run(d, 8, 48);
    a.rpe = 3;               // the same logged effort: the same session load every day
    a.moving_s += d * 1e-9;  // rounding in the arithmetic, not in the training
    h.activities.push_back(a);
  }
  const auto ev = evaluate(h, at(0), Settings{});
  CHECK(ev.figures.monotony_constant);
  CHECK_FALSE(ev.figures.monotony);
  const auto note = find(ev.context, RuleId::monotony).value();
  CHECK(has(note.reason, "every day the same"));
  CHECK(context_brief(note, Units::km) == "monotony: every day the same");
}

TEST_CASE("warnings: an unchanged streak alarm is listed at most once per 7 days", "[engine]") {
  // A steady daily road runner: 12 weeks of 8 km a day, no rest day.
  History h;
  daily(h, -83, 0, 8);
  Settings s;
  const auto days = warnings_by_day(h, at(-83), at(0), s);
  // No caution or danger but the streak rules; each listed at most every 7 days.
  int listed = 0;
  std::optional<Day> last_listed;
  for (const auto& d : days) {
    for (const auto& w : d.all()) {
      INFO(to_string(w.rule) << " " << w.reason);
      CHECK((w.rule == RuleId::no_rest_day || w.rule == RuleId::consecutive_run_days));
      CHECK(w.severity == Severity::caution);
    }
    for (const auto& w : d.warnings) {
      if (w.rule != RuleId::no_rest_day) continue;
      ++listed;
      if (last_listed) CHECK((d.date - *last_listed).count() >= kRepeatQuietDays);
      last_listed = d.date;
    }
  }
  // From day 7 to day 84: 78 days firing, listed on every 7th.
  CHECK(count_rule(days, RuleId::no_rest_day, true) +
            count_rule(days, RuleId::no_rest_day, false) ==
        78);
  CHECK(listed == 12);
  // Context: the all-road share and the same-every-day monotony start once and never stop.
  int starts = 0;
  int stops = 0;
  for (const auto& d : days)
    for (const auto& c : d.context) (c.started ? starts : stops) += 1;
  CHECK(starts == 2);
  CHECK(stops == 0);
}

TEST_CASE("warnings: a context note is listed where it starts and where it stops", "[engine]") {
  History h = long_history();
  // Four weeks all on road, then trail from day -10 on.
  for (int d = -40; d <= -12; d += 2) h.activities.push_back(run(d, 8, 48, Surface::road));
  for (int d = -10; d <= 0; d += 2) h.activities.push_back(run(d, 8, 48, Surface::trail));
  const auto days = warnings_by_day(h, at(-40), at(0), Settings{});
  std::vector<std::pair<Day, bool>> changes;
  for (const auto& d : days)
    for (const auto& c : d.context)
      if (c.note.rule == RuleId::hard_surface) changes.emplace_back(d.date, c.started);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0] == std::make_pair(at(-40), true));
  CHECK_FALSE(changes[1].second);
  // The first trail run that brings the road share to 80 % or under: on day -8
  // the 28 days hold 96 km of road and 16 of trail (85.7 %), on day -6 88 of
  // road and 24 of trail (78.6 %).
  CHECK(changes[1].first == at(-6));
}

TEST_CASE("status in the morning: the streak up to yesterday, and what a run makes it",
          "[engine]") {
  History h = long_history();
  daily(h, -10, -1, 8);
  const Morning m = morning(h, at(0), Settings{});
  CHECK_FALSE(m.ran);
  CHECK(m.run_days_in_row == 10);
  CHECK(m.run_days_if_run == 11);
  CHECK(m.days_since_rest == 10);
  CHECK(m.days_since_rest_if_run == 11);
  const auto ws = morning_warnings(h, at(0), Settings{});
  const auto w = find(ws, RuleId::no_rest_day).value();
  CHECK(w.severity == Severity::caution);
  CHECK(has(w.reason, "a run today would make 11"));
  CHECK(find(ws, RuleId::consecutive_run_days));
  // Once the run is logged it counts at once.
  daily(h, 0, 0, 8);
  const Morning after = morning(h, at(0), Settings{});
  CHECK(after.ran);
  CHECK(after.run_days_in_row == 11);
  CHECK(morning_warnings(h, at(0), Settings{}).empty());
}

TEST_CASE("alternatives: every caution and danger gets one, each itself clear", "[engine]") {
  History h = long_history();
  for (int w = 0; w < 5; ++w)
    for (int d : {-2, -4, -6}) h.activities.push_back(run(d - 7 * w, 10, 60, Surface::trail));
  const Settings s;
  auto check_clear = [&](const Alternative& a, const PlannedRun& p) {
    INFO(a.text);
    if (a.kind == AlternativeKind::shorter || a.kind == AlternativeKind::softer_surface) {
      CHECK_FALSE(worst(evaluate_day(h, at(0), s, *a.run)).value_or(Severity::info) >
                  Severity::info);
    } else if (a.kind == AlternativeKind::later_day) {
      CHECK_FALSE(worst(evaluate_day(h, *a.date, s, *a.run)).value_or(Severity::info) >
                  Severity::info);
    } else if (a.kind == AlternativeKind::cross_training) {
      CHECK_FALSE(worst(evaluate_day(h, at(0), s)).value_or(Severity::info) > Severity::info);
    }
    (void)p;
  };
  for (double km : {12.0, 16.0, 25.0}) {
    const PlannedRun p = planned(km, km * 6, Surface::trail);
    const auto alts = alternatives(h, at(0), s, p);
    INFO(km << " km");
    REQUIRE_FALSE(alts.empty());
    for (const auto& a : alts) check_clear(a, p);
  }
  SECTION("a second run on a day that already has 10 km: cross-training, not silence") {
    History x = h;
    x.activities.push_back(run(0, 10, 60, Surface::trail));
    const auto alts = alternatives(x, at(0), s, planned(10, 60, Surface::trail));
    REQUIRE_FALSE(alts.empty());
    const Alternative* cross = nullptr;
    for (const auto& a : alts)
      if (a.kind == AlternativeKind::cross_training) cross = &a;
    REQUIRE(cross);
    // 40 km in 7 days against 30 already: the logged run fires by itself.
    CHECK(has(cross->text, "the run already logged today raises weekly-distance-spike"));
  }
}

TEST_CASE("alternatives: the same run on the first later day that clears", "[engine]") {
  // Weeks of three 10 km runs on consecutive days; this week's three end yesterday.
  History h = long_history();
  for (int w = 0; w <= 5; ++w)
    for (int d : {-1, -2, -3}) h.activities.push_back(run(d - 7 * w, 10, 60, Surface::trail));
  const Settings s;
  const PlannedRun p = planned(10, 60, Surface::trail);
  // Today and the next three days: 40 km in 7 days against 30 (1.33x).
  for (int k = 0; k <= 3; ++k)
    CHECK(severity_of(evaluate_day(h, at(k), s, p), RuleId::weekly_distance_spike) ==
          Severity::caution);
  const auto alts = alternatives(h, at(0), s, p);
  const Alternative* later = nullptr;
  for (const auto& a : alts)
    if (a.kind == AlternativeKind::later_day) later = &a;
  REQUIRE(later);
  CHECK(later->date == at(4));
  CHECK(later->text == "run it Fri 2026-01-09 instead (4 days later, nothing run in between)");
  CHECK(to_string(later->kind) == "later-day");
}

TEST_CASE("advice is built from the settings: a changed threshold prints that threshold",
          "[engine]") {
  History h = long_history();
  h.activities.push_back(run(-5, 10, 60, Surface::trail));
  Settings s;
  SECTION("single-run-spike at 1.25") {
    s.single_run_caution_ratio = 1.25;
    const auto w =
        find(evaluate_day(h, at(0), s, planned(13, 78, Surface::trail)), RuleId::single_run_spike)
            .value();
    CHECK(has(w.advice, "within 25 %"));
    CHECK(has(w.advice, "about 12.5 km"));
    CHECK(has(w.reason, "+30 %"));
  }
  SECTION("duration-spike at 1.2") {
    s.duration_caution_ratio = 1.2;
    const auto w =
        find(evaluate_day(h, at(0), s, planned(10, 80, Surface::trail)), RuleId::duration_spike)
            .value();
    CHECK(has(w.advice, "within 20 %"));
    CHECK(has(w.advice, "about 1:12:00"));
  }
  SECTION("weekly-distance-spike at 1.5") {
    History w3 = long_history();
    for (int d : {-13, -11, -9}) w3.activities.push_back(run(d, 8, 48, Surface::trail));
    for (int d : {-6, -4}) w3.activities.push_back(run(d, 10, 60, Surface::trail));
    s.weekly_distance_caution_ratio = 1.5;
    const auto w = find(evaluate_day(w3, at(0), s, planned(17, 102, Surface::trail)),
                        RuleId::weekly_distance_spike)
                       .value();
    CHECK(has(w.advice, "by at most 50 %"));
    CHECK(has(w.advice, "about 36 km"));
  }
  SECTION("hard-surface at 1.2") {
    History r = long_history();
    for (int d : {-25, -18, -11}) r.activities.push_back(run(d, 10, 60, Surface::road));
    // A trail run 4 days before: no comeback window (which leaves the ratio
    // unjudged), and no hard-surface distance.
    r.activities.push_back(run(-4, 5, 30, Surface::trail));
    s.hard_surface_caution_ratio = 1.2;
    // 13 km against (30 + 13) / 4 = 10.75 km: 1.209x
    const auto w = find(evaluate_day(r, at(0), s, planned(13, 78)), RuleId::hard_surface).value();
    CHECK(has(w.advice, "under about 12.9 km (1.20\u00d7 the weekly mean)"));
    CHECK(has(w.reason, "1.21\u00d7 the weekly mean"));
  }
  SECTION("consecutive-run-days at 2") {
    History r = long_history();
    daily(r, -2, -1, 5, Surface::trail);
    s.max_consecutive_run_days = 2;
    const auto w = find(evaluate_day(r, at(0), s, planned(5, 30, Surface::trail)),
                        RuleId::consecutive_run_days)
                       .value();
    CHECK(has(w.reason, "limit 2 in your profile"));
    CHECK(has(w.advice, "more than 2 days in a row"));
  }
  SECTION("no-rest-day at 4") {
    History r = long_history();
    daily(r, -3, -1, 5, Surface::trail);
    s.no_rest_caution_days = 4;
    s.max_consecutive_run_days = 30;
    const auto w =
        find(evaluate_day(r, at(0), s, planned(5, 30, Surface::trail)), RuleId::no_rest_day)
            .value();
    CHECK(has(w.reason, "caution from 4"));
  }
  SECTION("hard-surface share at 60 %") {
    History r = long_history();
    r.activities.push_back(run(-5, 7, 42, Surface::road));
    r.activities.push_back(run(-3, 3, 18, Surface::trail));
    s.hard_share_info = 0.6;
    const auto n =
        find(evaluate(r, at(0), s, planned(0.6, 4, Surface::trail)).context, RuleId::hard_surface)
            .value();
    CHECK(has(n.reason, "(over 60 %)"));
  }
  SECTION("monotony at 1.5") {
    History r = long_history();
    daily(r, -6, 0, 8, Surface::trail);
    r.activities.pop_back();
    r.activities.push_back(run(0, 4, 24, Surface::trail));
    s.monotony_info = 1.5;
    const auto n = find(evaluate(r, at(0), s).context, RuleId::monotony).value();
    CHECK(has(n.reason, "over 1.5)"));
  }
}

TEST_CASE("reasons and advice in miles when the settings say so", "[engine][units]") {
  History h = long_history();
  h.activities.push_back(run(-5, 10, 60, Surface::trail));
  Settings s;
  s.units = Units::mi;
  const auto w =
      find(evaluate_day(h, at(0), s, planned(16, 96, Surface::trail)), RuleId::single_run_spike)
          .value();
  CHECK(has(w.reason, "9.9 mi is +60 %"));
  CHECK(has(w.reason, "(6.2 mi on 2025-12-31)"));
  CHECK(has(w.advice, "about 6.8 mi"));
  CHECK_FALSE(has(w.reason + w.advice, "km"));
  PlannedRun p;
  p.duration_s = 60 * 60;
  const auto ev = evaluate(h, at(0), s, p);
  REQUIRE_FALSE(ev.notes.empty());
  CHECK(ev.notes.front() == "distance estimated from recent pace (9:40 /mi): 6.2 mi");
  const auto alts = alternatives(h, at(0), s, planned(16, 96, Surface::trail));
  REQUIRE_FALSE(alts.empty());
  CHECK(alts.front().text == "run 6.8 mi instead (about 1:06:00)");
}

TEST_CASE("context line: the shoe by name, a strength gap with no session ever logged",
          "[engine]") {
  History h = long_history();  // a strength session 60 days ago
  Activity a = run(-1, 10, 60);
  a.shoe = "Pegasus";
  a.distance_m = 710000;  // one long-worn pair, imported as one total
  h.activities.push_back(a);
  const auto ws = status_warnings(h, at(0), Settings{});
  CHECK(context_brief(*find(ws, RuleId::shoe_mileage), Units::km) == "shoe 'Pegasus' at 710 km");
  CHECK(context_brief(*find(ws, RuleId::strength_gap), Units::km) ==
        "no strength session for 60 days");
  History none;
  none.activities.push_back(run(-20, 10, 60));
  CHECK(context_brief(*find(status_warnings(none, at(0), Settings{}), RuleId::strength_gap),
                      Units::km) == "no strength session logged in 20 days");
}
