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
PlanCheck check_plan(const Plan& plan, const engine::History& history,
                     const engine::Settings& settings);

}  // namespace stride::plans
