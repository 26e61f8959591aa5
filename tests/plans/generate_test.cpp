#include "plans/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "plans/check.hpp"
#include "plans/plan_yaml.hpp"
#include "tests/plans/plan_test_support.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;
using namespace stride::plans;
using engine::Day;

namespace {

int num(Day d) { return static_cast<int>(d.time_since_epoch().count()); }

struct Situation {
  std::string label;
  engine::History history;
  GenerateOptions options;
  Day start{};
  int weeks = 8;
};

/// The planner's rules (LOAD-SCIENCE.md "What the planner must respect"),
/// checked from the plan's text alone: this arithmetic shares nothing with
/// the generator's.
void require_planner_rules(const Situation& s, const Plan& p) {
  INFO(s.label);
  INFO(write_plan_yaml(p));
  const GenerateOptions& o = s.options;
  const engine::StartingBaseline base = engine::starting_baseline(o.settings.experience);
  const int start = num(s.start);
  REQUIRE(p.start == s.start);
  REQUIRE(!p.weeks.empty());
  REQUIRE(static_cast<int>(p.weeks.size()) <= s.weeks);

  // Runs per day (largest single run, and total), history then plan.
  std::map<int, double> longest, total;
  std::map<int, double> strength_days;
  int first_any = start;
  for (const auto& a : s.history.activities) {
    if (a.local_date >= s.start) continue;
    first_any = std::min(first_any, num(a.local_date));
    if (!engine::is_run(a.sport)) continue;
    longest[num(a.local_date)] = std::max(longest[num(a.local_date)], a.distance_m);
    total[num(a.local_date)] += a.distance_m;
  }
  for (const auto& n : s.history.pain_notes) first_any = std::min(first_any, num(n.date));
  auto window_max = [&](int from, int to) {
    double m = 0;
    for (auto it = longest.lower_bound(from); it != longest.end() && it->first <= to; ++it)
      m = std::max(m, it->second);
    return m;
  };
  auto ran = [&](int d) { return total.count(d) && total[d] > 0; };

  // Hard share of the history's last 28 days.
  double hist28 = 0, hard28 = 0;
  for (const auto& a : s.history.activities)
    if (engine::is_run(a.sport) && a.local_date < s.start &&
        a.local_date >= s.start - date::days{28}) {
      hist28 += a.distance_m;
      hard28 += a.distance_on(engine::Surface::road);
    }

  // Pain: a note of level >= 1 in the 7 days before the start.
  std::optional<int> first_pain;
  for (const auto& n : s.history.pain_notes)
    if (n.level >= 1 && num(n.date) >= start - 7 && num(n.date) < start)
      first_pain = std::min(first_pain.value_or(num(n.date)), num(n.date));
  const bool pain = first_pain.has_value();

  std::optional<int> race_week;
  if (o.race_m && o.race_date && *o.race_date >= s.start)
    race_week = (num(*o.race_date) - start) / 7 + 1;

  const std::set<std::string> exercises = {
      "squat",        "reverse lunge",     "glute bridge",  "single-leg glute bridge",
      "calf raise",   "romanian deadlift", "hip abduction", "hamstring curl",
      "leg extension"};

  double last_nonrec = p.built_from.chronic_week_m;
  double plan_road = 0, plan_run = 0;
  int prev_volume = 0;
  for (const PlanWeek& w : p.weeks) {
    INFO("week " << w.week);
    const int first = start + 7 * (w.week - 1);
    double week_total = 0;
    int rest_days = 0, cross_days = 0, strength_count = 0;
    for (int d = first; d < first + 7; ++d) {
      const PlanDay* pd = nullptr;
      for (const PlanDay& x : w.days)
        if (num(x.date) == d) pd = &x;
      bool run_today = false;
      if (pd) {
        for (const Session& sess : pd->sessions) {
          if (const auto* r = std::get_if<Run>(&sess)) {
            run_today = true;
            REQUIRE(r->distance_m.has_value());
            const double x = *r->distance_m;
            week_total += x;
            plan_run += x;
            if (r->surface == engine::Surface::road) plan_road += x;
            // No run above 1.10 x the longest of the 30 days before it; a
            // short history borrows the experience level's baseline.
            double ref = window_max(d - 30, d - 1);
            if (d - first_any < 28) ref = std::max(ref, base.longest_run_m);
            if (ref > 0) {
              CHECK(x <= 1.10 * ref + 1e-6);
            } else {
              // After a break: at most 60 % of the longest run before it.
              auto it = longest.lower_bound(d);
              REQUIRE(it != longest.begin());
              const int last = std::prev(it)->first;
              CHECK(x <= 0.60 * window_max(last - 29, last) + 1e-6);
            }
            if (pain) CHECK(r->purpose.find("only if pain-free") != std::string::npos);
            longest[d] = std::max(longest[d], x);
            total[d] += x;
          } else if (const auto* st = std::get_if<Strength>(&sess)) {
            ++strength_count;
            strength_days[d] = 1;
            REQUIRE(!st->exercises.empty());
            for (const PlanExercise& e : st->exercises) {
              CHECK(exercises.count(e.name) == 1);
              CHECK(e.sets > 0);
              CHECK(e.reps > 0);
              CHECK(!e.muscles.empty());
            }
            if (pain) CHECK(st->focus == std::vector<std::string>{"hips", "glutes"});
            const int volume = st->exercises[0].sets * st->exercises[0].reps;
            if (!w.recovery && !pain) {
              CHECK(volume >= prev_volume - 2);  // per-session mixes differ by a rep or two
              prev_volume = std::max(prev_volume, volume);
            }
          } else if (std::holds_alternative<Cross>(sess)) {
            ++cross_days;
          }
        }
      }
      if (!run_today) ++rest_days;
    }
    CHECK(w.targets.run_distance_m == Approx(week_total).margin(1e-6));
    // Rest days and the schedule.
    CHECK(rest_days >= std::max(1, o.min_rest_days));
    // Recovery every 4th week at 70-80 % of the last week that was not one.
    const bool pain_week = pain && w.week == 1;
    const bool race = race_week && w.week == *race_week;
    CHECK(w.recovery == (w.week % 4 == 0 || pain_week || race));
    if (pain_week) {
      CHECK(week_total == 0);
      CHECK(cross_days >= 1);
    } else if (w.recovery && !race && last_nonrec > 0) {
      CHECK(week_total >= 0.70 * last_nonrec - 1e-6);
      CHECK(week_total <= 0.80 * last_nonrec + 1e-6);
    }
    if (!w.recovery) {
      // Up by at most the cap from the last week that was not a recovery week.
      CHECK(week_total <= (1 + o.weekly_increase) * last_nonrec + 1e-6);
      if (o.goal_weekly_m) CHECK(week_total <= *o.goal_weekly_m + 1e-6);
      last_nonrec = week_total;
    }
    if (pain && w.week == 2 && *first_pain - 7 >= 0) {
      double pre = 0;
      for (int d = *first_pain - 7; d < *first_pain; ++d) pre += total.count(d) ? total[d] : 0;
      if (pre <= 0) pre = p.built_from.chronic_week_m;
      CHECK(week_total <= 0.70 * pre + 1e-6);
    }
    if (!pain_week) {
      CHECK(cross_days >= 1);
      CHECK(cross_days <= 2);
    }
    if (!race) CHECK(strength_count == o.strength_per_week);
  }
  // Run days in a row, the history's tail included.
  const int limit = std::min(o.max_run_days_in_row, o.settings.consecutive_run_days_limit());
  int streak = 0;
  for (int d = start - 14; d < start + 7 * static_cast<int>(p.weeks.size()); ++d) {
    streak = ran(d) ? streak + 1 : 0;
    if (d >= start) CHECK(streak <= limit);
  }
  // Strength: never on consecutive days, never the day before the long run or a quality run.
  for (const auto& [d, unused] : strength_days) {
    CHECK(strength_days.count(d + 1) == 0);
    for (const PlanWeek& w : p.weeks)
      for (const PlanDay& pd : w.days)
        if (num(pd.date) == d + 1)
          for (const Run* r : runs_of(pd))
            CHECK((r->kind != RunKind::long_run && !is_quality(r->kind)));
  }
  // Softer surfaces when the hard share is high.
  if (hist28 > 0 && hard28 > 0.8 * hist28 && plan_run > 0) CHECK(plan_road <= 0.5 * plan_run);
}

void require_passes_check(const Situation& s, const Plan& p) {
  INFO(s.label);
  const PlanCheck check = check_plan(p, s.history, s.options.settings);
  for (const DayCheck& d : check.days)
    for (const engine::Warning& w : d.warnings) {
      INFO(format_day(d.date) << " " << engine::to_string(w.rule) << ": " << w.reason);
      CHECK(w.severity == engine::Severity::info);
    }
  CHECK(check.verdict() == "clear");
}

Situation random_situation(int seed) {
  test::Rng rng(static_cast<std::uint64_t>(seed));
  Situation s;
  s.start = test::day(2026, 11, 30) + date::days{rng.between(0, 6)};
  const auto experience = static_cast<engine::Experience>(rng.between(0, 2));
  s.options.settings.experience = experience;
  const int history_weeks = std::vector<int>{0, 1, 3, 8, 52, 260}[rng.between(0, 5)];
  const int gap = std::vector<int>{0, 0, 0, 3, 20, 60}[rng.between(0, 5)];
  const double week_km = rng.between(8, 70);
  const int road = rng.between(0, 100);
  const bool strength = rng.chance(50);
  if (history_weeks > 0) {
    s.history = test::steady_history(s.start - date::days{gap}, history_weeks, week_km,
                                     rng.between(270, 420), road, strength, &rng);
    // Gaps inside the history: drop a few whole weeks.
    if (rng.chance(40)) {
      const Day from = s.start - date::days{gap + 7 * rng.between(2, 8)};
      const Day to = from + date::days{7 * rng.between(1, 3)};
      std::erase_if(s.history.activities,
                    [&](const auto& a) { return a.local_date >= from && a.local_date < to; });
    }
  }
  const int pain = rng.between(0, 4);
  if (pain == 1)
    s.history.pain_notes.push_back(
        {1, s.start - date::days{3}, engine::PainSite::knee_front, 2, false, false, ""});
  if (pain == 2)
    s.history.pain_notes.push_back(
        {2, s.start - date::days{1}, engine::PainSite::shin_inner, 5, true, true, ""});
  if (pain == 3)
    s.history.pain_notes.push_back(
        {3, s.start - date::days{10}, engine::PainSite::calf, 3, false, false, ""});

  // A schedule, possible or not.
  if (rng.chance(70)) {
    const int n = rng.between(1, 7);
    std::set<unsigned> days;
    while (static_cast<int>(days.size()) < n) days.insert(static_cast<unsigned>(rng.between(0, 6)));
    for (unsigned d : days) s.options.run_days.push_back(date::weekday{d});
  }
  if (rng.chance(60))
    s.options.long_run_day = date::weekday{static_cast<unsigned>(rng.between(0, 6))};
  s.options.min_rest_days = rng.between(1, 3);
  s.options.max_run_days_in_row = rng.between(2, 6);
  s.options.cross_days_per_week = rng.between(1, 2);
  s.options.cross_activities.clear();
  for (int i = 0; i < rng.between(1, 3); ++i)
    s.options.cross_activities.push_back(static_cast<CrossActivity>(rng.between(0, 3)));
  s.options.weekly_increase = std::vector<double>{0.05, 0.10, 0.10, 0.20, 0.30}[rng.between(0, 4)];
  const int goal = rng.between(0, 3);
  if (goal == 1) s.options.goal_weekly_m = rng.between(15, 80) * 1000.0;
  if (goal == 2) {
    s.options.race_m = std::vector<double>{5000, 10000, 21097.5, 42195}[rng.between(0, 3)];
    s.options.race_date = s.start + date::days{rng.between(10, 120)};
  }
  s.weeks = rng.between(1, 12);
  // Generated days (or weeks) ahead: the days from today to the start are not yet run.
  int known_gap = 0;
  if (rng.chance(50)) {
    known_gap = std::vector<int>{1, 2, 5, 6, 20}[rng.between(0, 4)];
    s.options.known_until = s.start - date::days{known_gap};
  }
  s.label = fmt::format(
      "seed {}: {} weeks of history at {} km (gap {} d, road {} %, strength {}), pain {}, "
      "experience {}, {} run days, min rest {}, max in a row {}, +{:.0f} %, goal {}, {} weeks, "
      "known until {} days before the start",
      seed, history_weeks, week_km, gap, road, strength, pain, engine::to_string(experience),
      s.options.run_days.size(), s.options.min_rest_days, s.options.max_run_days_in_row,
      s.options.weekly_increase * 100, goal, s.weeks, known_gap);
  return s;
}

std::filesystem::path golden_dir() { return test::test_data_dir() / ".." / "plans" / "golden"; }

void require_golden(const std::string& name, const std::string& text) {
  const auto path = golden_dir() / (name + ".yaml");
  if (const char* update = std::getenv("STRIDE_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << text;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK(text == expected.str());
}

Situation steady_intermediate() {
  Situation s;
  s.label = "steady intermediate";
  s.start = test::day(2026, 11, 30);
  s.history = test::steady_history(s.start, 12, 30, 330, 60, true);
  s.options.goal_weekly_m = 40000;
  s.weeks = 8;
  return s;
}

}  // namespace

TEST_CASE("generate: every plan passes the checker and the planner's rules", "[plans]") {
  for (int seed = 1; seed <= 300; ++seed) {
    const Situation s = random_situation(seed);
    const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
    require_planner_rules(s, p);
    require_passes_check(s, p);
    // And it reads back as written.
    CHECK(read_plan_yaml(write_plan_yaml(p), "generated") == p);
  }
}

TEST_CASE("generate: a steady intermediate runner (golden)", "[plans]") {
  const Situation s = steady_intermediate();
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  require_golden("steady-intermediate", write_plan_yaml(p));
}

TEST_CASE("generate: a beginner without history starts from the baseline (golden)", "[plans]") {
  Situation s;
  s.label = "beginner, no history";
  s.start = test::day(2026, 11, 30);
  s.options.settings.experience = engine::Experience::beginner;
  s.weeks = 4;
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  CHECK(p.built_from == BuiltFrom{15000, 5000});
  CHECK(p.notes ==
        "No runs in the history: the plan starts from the beginner baseline (15 km a week, "
        "longest run 5 km).");
  require_golden("beginner-no-history", write_plan_yaml(p));
}

TEST_CASE("generate: pain swaps week 1's runs for cross-training (golden)", "[plans]") {
  Situation s = steady_intermediate();
  s.label = "knee pain 3 days before";
  s.history.pain_notes.push_back(
      {1, s.start - date::days{3}, engine::PainSite::knee_front, 3, false, false, ""});
  s.weeks = 4;
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  for (const PlanDay& d : p.weeks[0].days) CHECK_FALSE(has_run(d));
  require_golden("pain-week", write_plan_yaml(p));
}

TEST_CASE("generate: a goal out of reach is said plainly", "[plans]") {
  Situation s;
  s.label = "22 km a week, goal 40";
  s.start = test::day(2026, 11, 30);
  s.history = test::steady_history(s.start, 12, 22, 340, 50, true);
  s.options.goal_weekly_m = 40000;
  s.weeks = 6;
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  double reached = 0;
  for (const PlanWeek& w : p.weeks) reached = std::max(reached, w.targets.run_distance_m);
  CHECK(p.notes == fmt::format("40 km/week needs 9 weeks from your 22 km; this plan reaches {}.",
                               engine::format_distance(reached, engine::Units::km)));
}

TEST_CASE("generate: a race ends the plan with a taper week", "[plans]") {
  Situation s = steady_intermediate();
  s.options.goal_weekly_m.reset();
  s.options.race_m = 21097.5;
  s.options.race_date = s.start + date::days{7 * 5 + 6};  // the Sunday of week 6
  s.weeks = 10;
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  REQUIRE(p.weeks.size() == 6);
  CHECK(p.weeks.back().recovery);
  for (const PlanDay& d : p.weeks.back().days)
    if (d.date >= *s.options.race_date) CHECK_FALSE(has_run(d));
}

TEST_CASE("generate: impossible options are refused", "[plans]") {
  GenerateOptions o;
  CHECK_THROWS_WITH(generate_plan({}, o, test::day(2026, 11, 30), 0),
                    "a plan needs at least 1 week");
  o.weekly_increase = 0.5;
  CHECK_THROWS_WITH(generate_plan({}, o, test::day(2026, 11, 30), 4),
                    "weekly increase 50 % is outside 0-30 %");
}

TEST_CASE("generate: week 1 starts from the recent load, not from days not yet run", "[plans]") {
  // 12 steady weeks ending Sunday 2026-11-22: Tue 9 km, Thu 9 km, Sun 12 km
  // (30 km a week). Today is Wednesday 2026-11-25, the plan starts Monday
  // 2026-11-30. Hand-computed: the 28 days ending today (2026-10-29 to
  // 2026-11-25) hold Thu 9 + Sun 12 + three whole weeks of 30 = 111 km, a
  // mean week of 27.75 km (27.7 km to the 100 m). The 28 days before the
  // start (2026-11-02 to 2026-11-29) would count the five days not yet run
  // as rest: 90 km, 22.5 km a week.
  Situation s;
  s.label = "30 km a week, history to 2026-11-22, today 2026-11-25";
  s.start = test::day(2026, 11, 30);
  s.history = test::steady_history(test::day(2026, 11, 23), 12, 30, 330, 60, true);
  s.options.known_until = test::day(2026, 11, 25);
  s.weeks = 4;
  const Plan p = generate_plan(s.history, s.options, s.start, s.weeks);
  require_planner_rules(s, p);
  require_passes_check(s, p);
  CHECK(p.built_from == BuiltFrom{27700, 12000});
  // The plan's first run comes 8 days or more after the last logged one, so
  // it is a comeback plan (LOAD-SCIENCE.md "Breaks before the start"): week 1
  // stays within the short-break allowance, 0.75 x the 30 km pre-break week
  // = 22.5 km, and its long run under 1.10 x the 12 km longest (13.2 km).
  const PlanWeek& w1 = p.weeks.front();
  CHECK(w1.targets.run_distance_m <= 22500);
  CHECK(w1.targets.long_run_m <= 13200);

  // Without knowing today, the empty days before the start count as rest.
  s.options.known_until.reset();
  CHECK(generate_plan(s.history, s.options, s.start, s.weeks).built_from ==
        BuiltFrom{22500, 12000});
}
