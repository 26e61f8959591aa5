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

/// `weeks` weeks of Tue/Thu easy 6 km, Sun long 11 km, strength Mon and Fri,
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
         "\n        sessions: [{type: run, kind: easy, distance: 6 km}]\n";
    t += "      - date: " + date(3) +
         "\n        sessions: [{type: run, kind: easy, distance: 6 km}]\n";
    if (strength)
      t += "      - date: " + date(4) +
           "\n        sessions: [{type: strength, exercises: [{name: glute bridge, sets: 3, reps: "
           "12}]}]\n";
    t += "      - date: " + date(6) +
         "\n        sessions: [{type: run, kind: long, distance: 11 km}]\n";
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
      "date: 2026-12-13\n        sessions: [{type: run, kind: long, distance: 11 km}]";
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
  CHECK(fired(day_of(c, kStart + date::days{13}), engine::RuleId::no_rest_day,
              engine::Severity::danger));
}

TEST_CASE("plan check: a plan that drops strength gets strength-gap", "[plans]") {
  const Plan with = read_plan_yaml(plan_text(3, true), "plan.yaml");
  const Plan without = read_plan_yaml(plan_text(3, false), "plan.yaml");
  const engine::History h = twelve_weeks();  // last strength session: 2026-11-25
  auto gaps = [](const PlanCheck& c) {
    int n = 0;
    for (const DayCheck& d : c.days)
      n += fired(&d, engine::RuleId::strength_gap, engine::Severity::info);
    return n;
  };
  CHECK(gaps(check_plan(with, h, engine::Settings{})) == 0);
  const PlanCheck c = check_plan(without, h, engine::Settings{});
  CHECK(gaps(c) > 0);
  CHECK_FALSE(fired(day_of(c, test::day(2026, 12, 8)), engine::RuleId::strength_gap,
                    engine::Severity::info));  // 13 days since the last session
  CHECK(fired(day_of(c, test::day(2026, 12, 10)), engine::RuleId::strength_gap,
              engine::Severity::info));
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
  const engine::History h = test::steady_history(kStart, 12, 30, 330, 60, true);
  CHECK(check_plan(p, h, engine::Settings{}).verdict() == "clear");
}
