#pragma once
/// Safer alternatives for `check`: shorter, softer, cross-training, or stop.

#include <optional>
#include <string>
#include <vector>

#include "engine/evaluate.hpp"

namespace stride::engine {

enum class AlternativeKind { shorter, softer_surface, cross_training, stop_and_assess };
std::string_view to_string(AlternativeKind kind);  ///< `shorter`, `softer-surface`, ...

struct Alternative {
  AlternativeKind kind = AlternativeKind::shorter;
  std::optional<PlannedRun> run;     ///< shorter / softer_surface: the run that passes
  std::string activity;              ///< cross_training: `cycling`, ...
  std::optional<double> duration_s;  ///< cross_training: similar time
  std::string text;                  ///< one line for people
  bool distance_estimated = false;   ///< the planned distance came from recent pace
};

/// For a planned run that fired warnings: the longest distance (and its
/// duration at the same pace) that fires no caution or danger, found by
/// re-evaluating; a softer surface when hard-surface fired; cross-training of
/// similar time when a rest rule fired; stop and get assessed for pain.
/// `cross_activities` comes from the profile (default: cycling).
std::vector<Alternative> alternatives(const History& history, Day day, const Settings& settings,
                                      const PlannedRun& planned,
                                      const std::vector<std::string>& cross_activities = {});

/// The longest distance in whole 100 m steps up to the planned run's that fires
/// no caution or danger; nullopt when none does (other rules fire regardless).
/// `options` as for evaluate (plan check passes its plan-day options).
std::optional<ResolvedRun> longest_passing_run(const History& history, Day day,
                                               const Settings& settings, const PlannedRun& planned,
                                               const EvaluateOptions& options = {});

}  // namespace stride::engine
