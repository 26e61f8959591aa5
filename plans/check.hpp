#pragma once
/// `plan check`: the plan walked day by day on top of the history, each
/// planned run evaluated by the engine's one evaluation (engine/evaluate.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/evaluate.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

struct DayCheck {
  Day date{};
  std::vector<engine::Warning> warnings;  ///< most severe first
  std::vector<std::string> notes;         ///< e.g. a starting baseline stood in
  std::vector<engine::Warning> context;   ///< context notes (info), e.g. monotony
};

struct PlanCheck {
  /// Every planned day with a run, and any other day with a warning, in date order.
  std::vector<DayCheck> days;

  std::optional<engine::Severity> worst() const;
  /// `clear`, `caution` or `danger` (info alone is clear).
  std::string_view verdict() const;
};

/// The largest share of a week's running distance its long run may take
/// (LOAD-SCIENCE.md "Long run"): max(L, 1.2 / (n + 0.2)) for n run days, L
/// sliding from 45 % at a 20 km week to 35 % at 40 km (flat outside), 45 %
/// at every size in a marathon-or-longer race build.
/// A planned run as the activity it will be (the generator's simulation and
/// plan check lay the same activity on the history).
engine::Activity run_activity(Day day, const engine::ResolvedRun& r);
/// A non-run session as the activity it will be; nullopt for rest.
std::optional<engine::Activity> other_activity(Day day, const Session& session);

double long_run_share_limit(double week_m, int run_days, bool marathon_build);
/// A long run is at least this many times the week's longest other run.
constexpr double kLongRunOverOthers = 1.2;
/// Races this long or longer build the long run to the marathon share.
constexpr double kMarathonM = 42000;

/// The `plan-structure` cautions of a plan on its own (no history needed):
/// each names the dates it is about. Attached to the later date involved.
std::vector<DayCheck> structure_check(const Plan& plan, const engine::Settings& settings);

/// The session RPE a planned session stands for (strength 5; cross easy 3,
/// moderate 5, hard 7, so hard cross-training is not a rest day).
int planned_rpe(const Session& session);

/// The history up to the plan's start with every planned session before
/// `until` (exclusive) added as an activity of its date; runs are sized by
/// engine::resolve (a distance-only run gets a duration from recent pace).
engine::History history_with_plan(const Plan& plan, const engine::History& history,
                                  const engine::Settings& settings, Day until);

/// Evaluates each planned run day (its runs laid on the history and the
/// earlier planned days) and adds strength-gap from the status rules.
/// Activities of the history on or after the plan's start are left out: the
/// plan stands in for them. Pain notes are kept whatever their date.
/// `from` (`plan status`): only the plan's days from then on are laid and
/// judged, on the history before it (what was really done); plan-structure is
/// still judged on the whole plan, whose weeks it frames.
PlanCheck check_plan(const Plan& plan, const engine::History& history,
                     const engine::Settings& settings, std::optional<Day> from = std::nullopt);

}  // namespace stride::plans
