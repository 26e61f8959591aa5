#include <string>

#include "plans/plan_yaml.hpp"
#include "tests/plans/plan_test_support.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using namespace stride::plans;

namespace {

// The example PRODUCT.md "Plans (YAML)" shows, as a person would write it.
const char* const kProductExample = R"(stride_plan: 1
start: 2026-11-30            # weeks run from here, 7 days each
built_from: {chronic_week: 32 km, longest_30d: 12 km}
weeks:
  - week: 1
    recovery: false
    targets: {run_distance: 33 km, long_run: 13 km}
    days:
      - date: 2026-11-30
        sessions:
          - {type: strength, focus: [glutes, hips, quads],
             exercises: [{name: squat, sets: 3, reps: 10, muscles: [quads, glutes]},
                         {name: reverse lunge, sets: 3, reps: 8, per_side: true, muscles: [glutes, quads]}]}
      - date: 2026-12-01
        sessions:
          - {type: run, kind: easy, distance: 6 km, surface: trail, purpose: aerobic base on a soft surface}
      - date: 2026-12-02
        sessions: [{type: cross, activity: cycling, duration: 40 min, intensity: easy}]
      - date: 2026-12-03
        sessions: [{type: rest}]
)";

std::string read_error(const std::string& text) {
  try {
    read_plan_yaml(text, "plan.yaml");
  } catch (const PlanError& e) {
    return e.what();
  }
  return "no error";
}

/// A one-week plan whose 2026-12-01 session is `session`.
std::string with_session(const std::string& session) {
  return "stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n    days:\n"
         "      - date: 2026-12-01\n        sessions:\n          - " +
         session + "\n";
}

}  // namespace

TEST_CASE("plan yaml: reads the example PRODUCT.md shows", "[plans]") {
  const Plan p = read_plan_yaml(kProductExample, "plan.yaml");
  CHECK(p.start == test::day(2026, 11, 30));
  CHECK(p.built_from.chronic_week_m == Approx(32000));
  CHECK(p.built_from.longest_30d_m == Approx(12000));
  REQUIRE(p.weeks.size() == 1);
  const PlanWeek& w = p.weeks[0];
  CHECK(w.week == 1);
  CHECK_FALSE(w.recovery);
  CHECK(w.targets.run_distance_m == Approx(33000));
  CHECK(w.targets.long_run_m == Approx(13000));
  REQUIRE(w.days.size() == 4);

  const auto& strength = std::get<Strength>(w.days[0].sessions.at(0));
  CHECK(strength.focus == std::vector<std::string>{"glutes", "hips", "quads"});
  REQUIRE(strength.exercises.size() == 2);
  CHECK(strength.exercises[1] ==
        PlanExercise{"reverse lunge", 3, 8, true, {"glutes", "quads"}, "", ""});
  CHECK_FALSE(strength.exercises[0].per_side);

  const auto& run = std::get<Run>(w.days[1].sessions.at(0));
  CHECK(run.kind == RunKind::easy);
  CHECK(run.distance_m.value() == Approx(6000));
  CHECK_FALSE(run.duration_s);
  CHECK(run.surface == engine::Surface::trail);
  CHECK(run.purpose == "aerobic base on a soft surface");

  const auto& cross = std::get<Cross>(w.days[2].sessions.at(0));
  CHECK(cross.activity == CrossActivity::cycling);
  CHECK(cross.duration_s == Approx(2400));
  CHECK(cross.intensity == Intensity::easy);
  CHECK(std::holds_alternative<Rest>(w.days[3].sessions.at(0)));
}

TEST_CASE("plan yaml: quantities as on the command line", "[plans]") {
  const Plan p = read_plan_yaml(
      with_session("{type: run, kind: long, distance: 4 mi, duration: 1:05:00, surface: road}"),
      "plan.yaml");
  const auto& run = std::get<Run>(p.weeks[0].days[0].sessions[0]);
  CHECK(run.distance_m.value() == Approx(4 * 1609.344));
  CHECK(run.duration_s.value() == Approx(3900));
  const std::string text = write_plan_yaml(p, engine::Units::mi);
  CHECK(text.find("{type: run, kind: long, distance: 4 mi, duration: 1:05:00, surface: road}") !=
        std::string::npos);
  CHECK(write_plan_yaml(read_plan_yaml(text, "again", engine::Units::mi), engine::Units::mi) ==
        text);
}

TEST_CASE("plan yaml: writing is deterministic and reads back to the same plan", "[plans]") {
  const Plan p = read_plan_yaml(kProductExample, "plan.yaml");
  const std::string once = write_plan_yaml(p);
  CHECK(write_plan_yaml(p) == once);
  const Plan back = read_plan_yaml(once, "written");
  CHECK(back == p);
  CHECK(write_plan_yaml(back) == once);
  // The flow style PRODUCT.md shows.
  CHECK(once.find("built_from: {chronic_week: 32 km, longest_30d: 12 km}\n") != std::string::npos);
  CHECK(once.find("          - {type: run, kind: easy, distance: 6 km, surface: trail, purpose: "
                  "aerobic base on a soft surface}\n") != std::string::npos);
  CHECK(once.find("          - {type: strength, focus: [glutes, hips, quads],\n"
                  "             exercises: [{name: squat, sets: 3, reps: 10, muscles: [quads, "
                  "glutes]},\n"
                  "                         {name: reverse lunge, sets: 3, reps: 8, per_side: "
                  "true, muscles: [glutes, quads]}]}\n") != std::string::npos);
}

TEST_CASE("plan yaml: text that needs quoting survives the round trip", "[plans]") {
  Plan p;
  p.start = test::day(2026, 11, 30);
  p.notes = "40 km/week needs 9 weeks from your 22 km; this plan reaches 32 km.";
  PlanWeek w;
  PlanDay d;
  d.date = p.start;
  for (const char* purpose :
       {"tempo: 3 x 1 km, hard", "say \"no\"", "yes", "# not a comment", "back\\slash",
        "line\nbreak", "[brackets] {braces}", "100 m strides", "  padded  "}) {
    Run r;
    r.distance_m = 5000;
    r.purpose = purpose;
    d.sessions.emplace_back(std::in_place_type<Run>, r);
  }
  d.sessions.emplace_back(
      std::in_place_type<Strength>,
      Strength{{"hips, outer"},
               {{"side: plank", 2, 30, false, {"core"}, "2-3 reps in reserve", "light"}}});
  w.days.push_back(d);
  p.weeks.push_back(w);
  const std::string text = write_plan_yaml(p);
  const Plan back = read_plan_yaml(text, "written");
  CHECK(back == p);
  CHECK(write_plan_yaml(back) == text);
}

TEST_CASE("plan yaml: distances in the plan's units, never metres", "[plans]") {
  // PRODUCT.md "Units": `5.2 km`, not `5200 m`; more decimals where needed.
  Plan p;
  p.start = test::day(2026, 11, 30);
  p.built_from.chronic_week_m = 6250;
  p.built_from.longest_30d_m = 800;
  const std::string text = write_plan_yaml(p);
  CHECK(text.find("built_from: {chronic_week: 6.25 km, longest_30d: 0.8 km}") != std::string::npos);
  CHECK(read_plan_yaml(text, "x").built_from.chronic_week_m == 6250);
  p.built_from.chronic_week_m = 5200;
  const std::string miles = write_plan_yaml(p, engine::Units::mi);
  CHECK(miles.find("chronic_week: 3.231 mi") != std::string::npos);  // 5199.7 m
  CHECK(miles.find(" m,") == std::string::npos);
}

TEST_CASE("plan yaml: hand-edited mistakes name line and column", "[plans]") {
  SECTION("an unknown key") {
    CHECK(read_error(with_session("{type: run, kind: easy, distnace: 6 km}")) ==
          "plan.yaml:8:37: unknown key 'distnace' in a run session (expected one of: type, kind, "
          "distance, duration, surface, purpose, pace, effort)");
  }
  SECTION("an unknown key at the top") {
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweek: []\n") ==
          "plan.yaml:3:1: unknown key 'week' in the plan (expected one of: stride_plan, start, "
          "built_from, notes, weeks)");
  }
  SECTION("a date that does not exist") {
    CHECK(read_error("stride_plan: 1\nstart: 2026-02-30\n") ==
          "plan.yaml:2:8: bad date '2026-02-30' (expected YYYY-MM-DD)");
  }
  SECTION("a date in another shape") {
    CHECK(read_error("stride_plan: 1\nstart: 30.11.2026\n") ==
          "plan.yaml:2:8: bad date '30.11.2026' (expected YYYY-MM-DD)");
  }
  SECTION("a day outside its week") {
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n    days:\n"
                     "      - date: 2026-12-07\n") ==
          "plan.yaml:6:15: day 2026-12-07 is outside week 1 (2026-11-30 to 2026-12-06)");
  }
  SECTION("days out of order") {
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n    days:\n"
                     "      - date: 2026-12-02\n      - date: 2026-12-01\n") ==
          "plan.yaml:7:15: day 2026-12-01 comes after 2026-12-02 (days go in date order, each "
          "once)");
  }
  SECTION("a negative distance") {
    CHECK(read_error(with_session("{type: run, kind: easy, distance: -5 km}")) ==
          "plan.yaml:8:47: 'distance' must not be negative: '-5 km'");
  }
  SECTION("a distance that is not one") {
    CHECK(read_error(with_session("{type: run, kind: easy, distance: 5 parsecs}")) ==
          "plan.yaml:8:47: 'distance' is not a distance: '5 parsecs' (write it like 6 km, 4 mi "
          "or 800 m)");
  }
  SECTION("a run without a size") {
    CHECK(read_error(with_session("{type: run, kind: easy}")) ==
          "plan.yaml:8:13: a run session needs a distance or a duration");
  }
  SECTION("an unknown session type") {
    CHECK(read_error(with_session("{type: swim, duration: 30 min}")) ==
          "plan.yaml:8:20: unknown session type 'swim' (expected run, strength, cross or rest)");
  }
  SECTION("a version this stride does not read") {
    CHECK(read_error("stride_plan: 2\nstart: 2026-11-30\n") ==
          "plan.yaml:1:14: unsupported plan version '2' (this stride reads stride_plan: 1)");
  }
  SECTION("not a plan at all") {
    CHECK(read_error("start: 2026-11-30\n") ==
          "plan.yaml:1:1: not a stride plan: 'stride_plan: 1' is missing");
  }
  SECTION("weeks out of sequence") {
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 2\n") ==
          "plan.yaml:4:11: week 2 should be week 1 (weeks are numbered 1, 2, 3... in order)");
  }
  SECTION("sets that are not a number") {
    CHECK(read_error(with_session("{type: strength, exercises: [{name: squat, sets: three, "
                                  "reps: 10}]}")) ==
          "plan.yaml:8:62: 'sets' must be a whole number of at least 1, not 'three'");
  }
  SECTION("broken YAML, in words at the place to fix") {
    // yaml-cpp notices at the end (9:1, "end of map flow not found"); the
    // '{' to close is on line 8 after the 12 characters of "          - ".
    CHECK(read_error(with_session("{type: run, kind: easy, distance: 6 km")) ==
          "plan.yaml:8:13: this '{' is never closed: add the '}' after its last entry");
    // A tab (yaml-cpp: "illegal block entry" here, "illegal tab when looking
    // for indentation" one level deeper).
    const std::string tab_words =
        "a tab in the indentation: YAML indents with spaces only (replace the tab with spaces)";
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks:\n\t- week: 1\n") ==
          "plan.yaml:4:1: " + tab_words);
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks:\n  - week: 1\n\t  days: []\n") ==
          "plan.yaml:5:1: " + tab_words);
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nnotes: easy: yes\n") ==
          "plan.yaml:3:12: a ':' where no key can start: indent this line like the keys above "
          "it, or put a value that holds ': ' in quotes");
    CHECK(read_error("stride_plan: 1\nstart: 2026-11-30\nweeks: []]\n") ==
          "plan.yaml:3:10: a ']' or '}' that closes nothing: remove it or add its '[' or '{'");
  }
}
