#include "plans/check.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "plans/plan_yaml.hpp"
#include "tests/plans/plan_test_support.hpp"
#include "tests/support/catch.hpp"
#include "tests/support/real_data.hpp"

using namespace stride;
using namespace stride::plans;

namespace {

const Day kStart = test::day(2026, 11, 30);

engine::History twelve_weeks() { return test::steady_history(kStart, 12, 30, 330, 50, true); }

/// `weeks` weeks of Tue/Thu easy 7 km, Sun long 10 km, strength Mon and Fri,
/// as a person would write them.
std::string plan_text(int weeks, bool strength) {
  std::string t = "stride_plan: 1\nstart: 2026-11-30\nweeks:\n";
  for (int w = 0; w < weeks; ++w) {
    t += "  - week: " + std::to_string(w + 1) + "\n    days:\n";
    const Day first = kStart + date::days{7 * w};
    auto date = [&](int i) { return format_day(first + date::days{i}); };
    if (strength)
      t +=
          "      - date: " + date(0) +
          "\n        sessions: [{type: strength, exercises: [{name: squat, sets: 3, reps: 10}]}]\n";
    t += "      - date: " + date(1) +
         "\n        sessions: [{type: run, kind: easy, distance: 7 km}]\n";
    t += "      - date: " + date(3) +
         "\n        sessions: [{type: run, kind: easy, distance: 7 km}]\n";
    if (strength)
      t += "      - date: " + date(4) +
           "\n        sessions: [{type: strength, exercises: [{name: glute bridge, sets: 3, reps: "
           "12}]}]\n";
    t += "      - date: " + date(6) +
         "\n        sessions: [{type: run, kind: long, distance: 10 km}]\n";
  }
  return t;
}

const DayCheck* day_of(const PlanCheck& c, Day d) {
  for (const DayCheck& x : c.days)
    if (x.date == d) return &x;
  return nullptr;
}

bool fired(const DayCheck* d, engine::RuleId rule, engine::Severity severity) {
  if (!d) return false;
  for (const engine::Warning& w : d->warnings)
    if (w.rule == rule && w.severity == severity) return true;
  return false;
}

}  // namespace

TEST_CASE("plan check: a plan in line with the history is clear", "[plans]") {
  const Plan p = read_plan_yaml(plan_text(3, true), "plan.yaml");
  const PlanCheck c = check_plan(p, twelve_weeks(), engine::Settings{});
  CHECK(c.verdict() == "clear");
  CHECK(c.days.size() == 9);  // every run day is reported, warnings or not
}

TEST_CASE("plan check: a hand-edited spike is caught on its date with figures", "[plans]") {
  std::string text = plan_text(2, true);
  const std::string from =
      "date: 2026-12-13\n        sessions: [{type: run, kind: long, distance: 10 km}]";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(),
               "date: 2026-12-13\n        sessions: [{type: run, kind: long, distance: 25 km}]");
  const Plan p = read_plan_yaml(text, "plan.yaml");
  const PlanCheck c = check_plan(p, twelve_weeks(), engine::Settings{});
  CHECK(c.verdict() == "danger");
  const DayCheck* d = day_of(c, test::day(2026, 12, 13));
  REQUIRE(fired(d, engine::RuleId::single_run_spike, engine::Severity::danger));
  const engine::Warning& w = d->warnings.front();
  CHECK(w.rule == engine::RuleId::single_run_spike);
  REQUIRE(w.figure("planned_m") != nullptr);
  CHECK(w.figure("planned_m")->value == Approx(25000));
  CHECK(w.figure("longest_30d_m")->value == Approx(12000));
  // The days before it are untouched.
  CHECK(day_of(c, test::day(2026, 12, 10))->warnings.empty());
}

TEST_CASE("plan check: a plan without rest days is caught", "[plans]") {
  std::string t = "stride_plan: 1\nstart: 2026-11-30\nweeks:\n";
  for (int w = 0; w < 2; ++w) {
    t += "  - week: " + std::to_string(w + 1) + "\n    days:\n";
    for (int i = 0; i < 7; ++i)
      t += "      - date: " + format_day(kStart + date::days{7 * w + i}) +
           "\n        sessions: [{type: run, kind: easy, distance: 4 km}]\n";
  }
  const PlanCheck c =
      check_plan(read_plan_yaml(t, "plan.yaml"), twelve_weeks(), engine::Settings{});
  CHECK(c.verdict() != "clear");
  // Intermediate: more than 5 run days in a row is a caution from the 6th
  // (the history's long run the day before the start is the 1st).
  CHECK_FALSE(fired(day_of(c, kStart + date::days{3}), engine::RuleId::consecutive_run_days,
                    engine::Severity::caution));
  CHECK(fired(day_of(c, kStart + date::days{4}), engine::RuleId::consecutive_run_days,
              engine::Severity::caution));
  CHECK(fired(day_of(c, kStart + date::days{6}), engine::RuleId::no_rest_day,
              engine::Severity::caution));
  // 14 days without rest and no load alarm or open pain that day: still a
  // caution (LOAD-SCIENCE.md `no-rest-day`), not the severity of a doubled week.
  CHECK(fired(day_of(c, kStart + date::days{13}), engine::RuleId::no_rest_day,
              engine::Severity::caution));
  CHECK_FALSE(fired(day_of(c, kStart + date::days{13}), engine::RuleId::no_rest_day,
                    engine::Severity::danger));
}

TEST_CASE("plan check: a plan that drops strength gets strength-gap", "[plans]") {
  const Plan with = read_plan_yaml(plan_text(3, true), "plan.yaml");
  const Plan without = read_plan_yaml(plan_text(3, false), "plan.yaml");
  const engine::History h = twelve_weeks();  // last strength session: 2026-11-25
  // strength-gap is context (LOAD-SCIENCE.md "Alarms and context"): the day's
  // context notes, never its alarms.
  auto noted = [](const DayCheck* d) {
    if (!d) return false;
    for (const engine::Warning& w : d->context)
      if (w.rule == engine::RuleId::strength_gap && w.severity == engine::Severity::info)
        return true;
    return false;
  };
  auto gaps = [&](const PlanCheck& c) {
    int n = 0;
    for (const DayCheck& d : c.days) {
      n += noted(&d);
      CHECK_FALSE(fired(&d, engine::RuleId::strength_gap, engine::Severity::info));
    }
    return n;
  };
  CHECK(gaps(check_plan(with, h, engine::Settings{})) == 0);
  const PlanCheck c = check_plan(without, h, engine::Settings{});
  CHECK(gaps(c) > 0);
  CHECK_FALSE(noted(day_of(c, test::day(2026, 12, 8))));  // 13 days since the last session
  CHECK(noted(day_of(c, test::day(2026, 12, 10))));
}

TEST_CASE("plan check: history after the start is left to the plan", "[plans]") {
  engine::History h = twelve_weeks();
  h.activities.push_back(test::run(kStart + date::days{1}, 40, 330, engine::Surface::road));
  const PlanCheck c =
      check_plan(read_plan_yaml(plan_text(1, true), "plan.yaml"), h, engine::Settings{});
  CHECK(c.verdict() == "clear");
}

TEST_CASE("plan check: examples/plan.yaml reads and is clear for its runner", "[plans]") {
  std::ifstream in(test::test_data_dir() / ".." / ".." / "examples" / "plan.yaml",
                   std::ios::binary);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const Plan p = read_plan_yaml(text.str(), "examples/plan.yaml");
  REQUIRE(p.weeks.size() == 2);
  CHECK(write_plan_yaml(p) == write_plan_yaml(read_plan_yaml(write_plan_yaml(p), "again")));
  // Clear for its runner: tests/cli/cases/plan-check-example.test checks it on the example history.
}

namespace {

/// The plan-structure warnings of a day, their reasons joined.
std::string structure_reasons(const PlanCheck& c, Day d) {
  std::string out;
  if (const DayCheck* x = day_of(c, d))
    for (const engine::Warning& w : x->warnings)
      if (w.rule == engine::RuleId::plan_structure) {
        CHECK(w.severity == engine::Severity::caution);
        CHECK_FALSE(w.dates.empty());
        out += w.reason + "\n";
      }
  return out;
}

}  // namespace

TEST_CASE("plan check: plan-structure catches each case of a hand-edited plan", "[plans]") {
  // Week 1 is marked a recovery week and holds strength Mon and Tue
  // (consecutive), tempo Wed and intervals Thu (back to back, two quality
  // runs in a recovery week), strength Sat before the long run Sun.
  // Week 2 has a session every day (no free day) and a long run of 20 km in
  // a 26 km week (77 %: the limit for 3 run days at 26 km is 42 %).
  // Week 3: a long run of 6 km beside an easy 6 km (under 1.2x) and shorter
  // than week 2's 20 km.
  const std::string text = R"(stride_plan: 1
start: 2026-11-30
weeks:
  - week: 1
    recovery: true
    days:
      - {date: 2026-11-30, sessions: [{type: strength, exercises: [{name: squat, sets: 2, reps: 12}]}]}
      - {date: 2026-12-01, sessions: [{type: strength, exercises: [{name: squat, sets: 2, reps: 12}]}]}
      - {date: 2026-12-02, sessions: [{type: run, kind: tempo, distance: 5 km}]}
      - {date: 2026-12-03, sessions: [{type: run, kind: intervals, distance: 5 km}]}
      - {date: 2026-12-05, sessions: [{type: strength, exercises: [{name: squat, sets: 2, reps: 12}]}]}
      - {date: 2026-12-06, sessions: [{type: run, kind: long, distance: 9 km}]}
  - week: 2
    days:
      - {date: 2026-12-07, sessions: [{type: cross, activity: cycling, duration: 30 min}]}
      - {date: 2026-12-08, sessions: [{type: run, kind: easy, distance: 3 km}]}
      - {date: 2026-12-09, sessions: [{type: cross, activity: cycling, duration: 30 min}]}
      - {date: 2026-12-10, sessions: [{type: run, kind: easy, distance: 3 km}]}
      - {date: 2026-12-11, sessions: [{type: cross, activity: swimming, duration: 30 min}]}
      - {date: 2026-12-12, sessions: [{type: cross, activity: cycling, duration: 30 min}]}
      - {date: 2026-12-13, sessions: [{type: run, kind: long, distance: 20 km}]}
  - week: 3
    days:
      - {date: 2026-12-15, sessions: [{type: run, kind: easy, distance: 6 km}]}
      - {date: 2026-12-20, sessions: [{type: run, kind: long, distance: 6 km}]}
)";
  const Plan plan = read_plan_yaml(text, "edited.yaml");
  const PlanCheck c = check_plan(plan, twelve_weeks(), engine::Settings{});
  CHECK(c.verdict() != "clear");

  const std::string tue = structure_reasons(c, test::day(2026, 12, 1));
  CHECK(tue.find("strength on consecutive days (2026-11-30 and 2026-12-01)") != std::string::npos);
  const std::string wed = structure_reasons(c, test::day(2026, 12, 2));
  CHECK(wed.find("strength on 2026-12-01 is the day before a quality run on 2026-12-02") !=
        std::string::npos);
  const std::string thu = structure_reasons(c, test::day(2026, 12, 3));
  CHECK(thu.find("quality runs on consecutive days (2026-12-02 and 2026-12-03)") !=
        std::string::npos);
  CHECK(thu.find("2 quality runs in recovery week 1 (2026-11-30 to 2026-12-06)") !=
        std::string::npos);
  const std::string sun1 = structure_reasons(c, test::day(2026, 12, 6));
  CHECK(sun1.find("strength on 2026-12-05 is the day before a long run on 2026-12-06") !=
        std::string::npos);

  const std::string sun2 = structure_reasons(c, test::day(2026, 12, 13));
  CHECK(sun2.find("week 2 (2026-12-07 to 2026-12-13) has 0 free days (no session at all); 1 "
                  "needed") != std::string::npos);
  // 20 / 26 = 76.9 %; limit max(0.45 - 0.10 x 6/20, 1.2 / 3.2) = 42.0 %.
  CHECK(sun2.find("the long run on 2026-12-13 (20 km) is 76.9 % of week 2 (2026-12-07 to "
                  "2026-12-13)'s 26 km; at most 42.0 %") != std::string::npos);

  const std::string sun3 = structure_reasons(c, test::day(2026, 12, 20));
  CHECK(sun3.find("the long run on 2026-12-20 (6 km) is under 1.2x the 6 km run on 2026-12-15") !=
        std::string::npos);
  CHECK(sun3.find("the long run on 2026-12-20 (6 km) is shorter than week 2's (20 km)") !=
        std::string::npos);
  // Week 3's free days are fine, and week 1 (recovery) is not compared.
  CHECK(sun3.find("free day") == std::string::npos);
}

TEST_CASE("plan check: the long-run share limit slides with the week", "[plans]") {
  // L: 45 % up to 20 km, 35 % from 40 km, linear between; the floor 1.2 / (n + 0.2).
  CHECK(long_run_share_limit(15000, 5, false) == Approx(0.45));
  CHECK(long_run_share_limit(30000, 5, false) == Approx(0.40));
  CHECK(long_run_share_limit(60000, 5, false) == Approx(0.35));
  CHECK(long_run_share_limit(60000, 5, true) == Approx(0.45));
  CHECK(long_run_share_limit(60000, 2, false) == Approx(1.2 / 2.2));
}

TEST_CASE("plan check: a race is not judged by the spike rules; race-readiness is", "[plans]") {
  // 12 weeks of 30 km with an 12 km long run; the plan's only run is a
  // half marathon on the Sunday: 21.1 / 12 = 1.76x the longest of 42 days
  // (caution above 1.5x); a marathon would be 3.5x (danger above 2.2x).
  auto plan_with = [](const std::string& distance) {
    return read_plan_yaml(
        "stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n    days:\n"
        "      - {date: 2026-12-06, sessions: [{type: run, kind: race, "
        "distance: " +
            distance + ", surface: road}]}\n",
        "race.yaml");
  };
  const engine::History h = twelve_weeks();
  const PlanCheck half = check_plan(plan_with("21.1 km"), h, engine::Settings{});
  const DayCheck* d = day_of(half, test::day(2026, 12, 6));
  REQUIRE(d);
  CHECK(fired(d, engine::RuleId::race_readiness, engine::Severity::caution));
  CHECK_FALSE(fired(d, engine::RuleId::single_run_spike, engine::Severity::danger));
  CHECK_FALSE(fired(d, engine::RuleId::single_run_spike, engine::Severity::caution));
  const PlanCheck full = check_plan(plan_with("42.2 km"), h, engine::Settings{});
  CHECK(fired(day_of(full, test::day(2026, 12, 6)), engine::RuleId::race_readiness,
              engine::Severity::danger));
  const PlanCheck ten = check_plan(plan_with("10 km"), h, engine::Settings{});
  CHECK(ten.verdict() == "clear");
}
