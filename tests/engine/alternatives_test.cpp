#include "engine/alternatives.hpp"

#include "tests/engine/history_builder.hpp"
#include "tests/support/catch.hpp"

using namespace stride::engine;
using namespace stride::test;

namespace {

/// Three steady weeks of 10 + 8 + 8 km at 6:00/km, the last run two days ago.
History steady() {
  History h = long_history();
  for (int w = 0; w < 4; ++w) {
    const int sun = -2 - 7 * w;
    h.activities.push_back(run(sun, 10, 60));
    h.activities.push_back(run(sun - 3, 8, 48));
    h.activities.push_back(run(sun - 5, 8, 48));
  }
  return h;
}

const Alternative* of_kind(const std::vector<Alternative>& alts, AlternativeKind kind) {
  for (const auto& a : alts) {
    if (a.kind == kind) return &a;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("alternatives: the longest distance that fires no caution, found by search", "[engine]") {
  const History h = steady();
  const auto best = longest_passing_run(h, at(0), Settings{}, planned(16));
  REQUIRE(best);
  CHECK(best->distance_m == Approx(11000));
  CHECK(best->duration_s == Approx(66 * 60));
  const auto worst_of = [&](double km) {
    return worst(evaluate_day(h, at(0), Settings{}, planned(km)));
  };
  CHECK_FALSE(worst_of(11.0));  // the hard-surface share is context
  CHECK(worst_of(11.1) == Severity::caution);
  const auto alts = alternatives(h, at(0), Settings{}, planned(16));
  const auto* shorter = of_kind(alts, AlternativeKind::shorter);
  REQUIRE(shorter);
  CHECK(shorter->run->distance_m == Approx(11000));
  CHECK(shorter->text == "run 11 km instead (about 1:06:00)");
  CHECK(to_string(shorter->kind) == "shorter");
}

TEST_CASE("alternatives: with only a duration the distance comes from recent pace", "[engine]") {
  const History h = steady();
  PlannedRun p;
  p.duration_s = 96 * 60;
  const auto ev = evaluate(h, at(0), Settings{}, p);
  REQUIRE(ev.planned);
  CHECK(ev.planned->distance_m == Approx(16000));
  REQUIRE_FALSE(ev.notes.empty());
  CHECK(ev.notes.front() == "distance estimated from recent pace (6:00 /km): 16 km");
  const auto alts = alternatives(h, at(0), Settings{}, p);
  const auto* shorter = of_kind(alts, AlternativeKind::shorter);
  REQUIRE(shorter);
  CHECK(shorter->distance_estimated);
  CHECK(shorter->text == "run 11 km instead (about 1:06:00), distance estimated from recent pace");
}

TEST_CASE("alternatives: nothing to offer when the run passes", "[engine]") {
  CHECK(alternatives(steady(), at(0), Settings{}, planned(9)).empty());
}

TEST_CASE("alternatives: a softer surface when hard-surface fires", "[engine]") {
  History h = long_history();
  for (int d : {-25, -18, -11}) h.activities.push_back(run(d, 10, 60, Surface::road));
  // A trail run 4 days before: no break of 7 days (a comeback window would
  // leave the ratio unjudged), and no hard-surface distance.
  h.activities.push_back(run(-4, 5, 30, Surface::trail));
  Settings s;
  s.single_run_caution_ratio = s.weekly_distance_caution_ratio = 10;  // isolate hard-surface
  s.duration_caution_ratio = s.weekly_duration_caution_ratio = 10;
  s.single_run_danger_ratio = s.weekly_distance_danger_ratio = 10;
  s.duration_danger_ratio = s.weekly_duration_danger_ratio = 10;
  const auto alts = alternatives(h, at(0), s, planned(20));
  const auto* softer = of_kind(alts, AlternativeKind::softer_surface);
  REQUIRE(softer);
  CHECK(softer->run->surface == Surface::trail);
  CHECK(softer->text == "run it on trail instead of road");
}

TEST_CASE("alternatives: cross-training of similar time when rest rules fire", "[engine]") {
  History h = long_history();
  for (int d = -6; d <= -1; ++d) h.activities.push_back(run(d, 5, 30));
  const auto alts = alternatives(h, at(0), Settings{}, planned(5, 30), {"swimming"});
  const auto* cross = of_kind(alts, AlternativeKind::cross_training);
  REQUIRE(cross);
  CHECK(cross->activity == "swimming");
  CHECK(cross->duration_s == Approx(1800));
  CHECK(cross->text == "swimming for about 30 min at an easy effort instead of running");
  CHECK_FALSE(of_kind(alts, AlternativeKind::shorter));  // no distance fixes a missing rest day
}

TEST_CASE("alternatives: pain means stop and get assessed", "[engine]") {
  History h = steady();
  h.pain_notes = {pain(-1, PainSite::knee_below, 5)};
  const auto alts = alternatives(h, at(0), Settings{}, planned(8));
  REQUIRE_FALSE(alts.empty());
  CHECK(alts.front().kind == AlternativeKind::stop_and_assess);
  CHECK_FALSE(of_kind(alts, AlternativeKind::shorter));
}

TEST_CASE("alternatives: mild pain offers cross-training, never 'stop' beside 'you may run'",
          "[engine]") {
  History h = steady();
  h.pain_notes = {pain(-1, PainSite::knee_below, 2)};
  const auto alts = alternatives(h, at(0), Settings{}, planned(8));
  CHECK_FALSE(of_kind(alts, AlternativeKind::stop_and_assess));
  REQUIRE(of_kind(alts, AlternativeKind::cross_training));
  CHECK(of_kind(alts, AlternativeKind::cross_training)->text.find("if you would rather rest") !=
        std::string::npos);
  // The run passes every load rule: moving it to another day answers nothing.
  CHECK_FALSE(of_kind(alts, AlternativeKind::later_day));
  CHECK(alts.size() == 1);
}
