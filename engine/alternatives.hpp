#pragma once
/// Safer alternatives for `check`: shorter, softer, cross-training, or stop.

#include <optional>
#include <string>
#include <vector>

#include "engine/evaluate.hpp"

namespace stride::engine {

enum class AlternativeKind {
  shorter,
  later_day,
  softer_surface,
  cross_training,
  stop_and_assess,
};
/// `shorter`, `later-day`, `softer-surface`, `cross-training`, `stop-and-assess`.
std::string_view to_string(AlternativeKind kind);

struct Alternative {
  AlternativeKind kind = AlternativeKind::shorter;
  std::optional<PlannedRun> run;     ///< shorter / later_day / softer_surface: the run that passes
  std::optional<Day> date;           ///< later_day: the first day it passes
  std::string activity;              ///< cross_training: `cycling`, ...
  std::optional<double> duration_s;  ///< cross_training: similar time
  std::string text;                  ///< one line for people
  bool distance_estimated = false;   ///< the planned distance came from recent pace
};

/// For a planned run that fired a caution or danger, each alternative checked
/// clear by evaluating it (LOAD-SCIENCE.md "Alarms and context"): the longest
/// distance (and its duration at the same pace) that fires no caution or
/// danger; the same run on the first later day (within 7) that clears; a softer
/// surface when hard-surface fired; cross-training of similar time, always
/// (it adds no running; a run already logged that day is named when it fires
/// by itself); for pain only stop and get assessed, the reason no run clears
/// it. `cross_activities` comes from the profile (default: cycling).
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
