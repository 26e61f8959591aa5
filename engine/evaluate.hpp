#pragma once
/// The one evaluation behind `warnings` (a past day), `check` (today + a
/// planned run) and `plan check` (each planned day). LOAD-SCIENCE.md "How
/// rules are evaluated".

#include <optional>
#include <string>
#include <vector>

#include "engine/rules.hpp"
#include "engine/series.hpp"

namespace stride::engine {

struct Evaluation {
  Day date{};
  std::vector<Warning> warnings;  ///< sorted, most severe first
  /// Notes for the reader, e.g. that a starting baseline stood in for a
  /// history shorter than 28 days, or that a distance was estimated.
  std::vector<std::string> notes;
  bool starting_baseline = false;
  std::optional<ResolvedRun> planned;  ///< the run laid on top, sizes filled in
  Figures figures;                     ///< context figures, the run counted in
};

/// Evaluates the load rules, pain and return-after-break for `day` on the
/// history up to and including it, with `extra` laid on top. A day without a
/// run (and no `extra`) gets no load warnings. Activities after `day` are ignored.
Evaluation evaluate(const History& history, Day day, const Settings& settings,
                    const std::optional<PlannedRun>& extra = std::nullopt);

/// Just the warnings of `evaluate`.
std::vector<Warning> evaluate_day(const History& history, Day day, const Settings& settings,
                                  const std::optional<PlannedRun>& extra = std::nullopt);

/// One day of `stride warnings`.
struct DayWarnings {
  Day date{};
  std::vector<Warning> warnings;
};
/// What the model would have said on each day with a run in [from, to]; days
/// with no warning are left out.
std::vector<DayWarnings> warnings_by_day(const History& history, Day from, Day to,
                                         const Settings& settings);

/// What `status` shows for any day: strength-gap, shoe-mileage, low-cadence
/// and open pain. `shoe_in_use` empty: the shoes run in during the last 30 days.
std::vector<Warning> status_warnings(const History& history, Day day, const Settings& settings,
                                     std::string_view shoe_in_use = {});

/// Distance run per shoe up to and including `day` (runs with a shoe name).
std::vector<std::pair<std::string, double>> shoe_distances_m(const History& history, Day day);

}  // namespace stride::engine
