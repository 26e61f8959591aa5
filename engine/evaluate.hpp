#pragma once
/// The one evaluation behind `warnings` (a past day), `check` (today + a
/// planned run) and `plan check` (each planned day). LOAD-SCIENCE.md "How
/// rules are evaluated".

#include <optional>
#include <string>
#include <vector>

#include "engine/comeback.hpp"
#include "engine/pain.hpp"
#include "engine/rules.hpp"
#include "engine/series.hpp"

namespace stride::engine {

struct Evaluation {
  Day date{};
  /// The alarms: about the run being judged. Sorted, most severe first.
  std::vector<Warning> warnings;
  /// Context notes (info): about the runner's situation, not this run
  /// (LOAD-SCIENCE.md "Alarms and context"): the hard-surface share, monotony.
  std::vector<Warning> context;
  /// Notes for the reader, e.g. that a starting baseline stood in for a
  /// history shorter than 28 days, or that a distance was estimated.
  std::vector<std::string> notes;
  bool starting_baseline = false;
  std::optional<ResolvedRun> planned;  ///< the run laid on top, sizes filled in
  Figures figures;                     ///< context figures, the run counted in
  /// The comeback window covering the day (with the run counted), if any.
  std::optional<ComebackWindow> comeback;
  /// The pain episodes open on the day (as the options count notes).
  std::vector<PainEpisode> pain_episodes;
};

/// How a day is judged beyond the history itself.
struct EvaluateOptions {
  /// `warnings` counts a --during-run note from the next day on; every
  /// other command from its own day.
  PainCounting pain_counting = PainCounting::same_day;
  /// `plan check`: `extra` is a plan's run. A planned easy run that keeps an
  /// open mild episode's limits (the 7 days ending with it within
  /// `pain_week_limit_m`) gets `pain` as context (info) instead of caution; a
  /// hard run or a bigger week gets the episode's severity. Red flags and a
  /// latest 4-5 stay danger for any planned run.
  bool plan_day = false;
  /// The planned run is a hard kind (tempo, intervals, race): never "within
  /// the episode's limits", and too soon in a comeback's first 14 days.
  bool planned_hard = false;
  /// The week a mild episode allows in a plan; unset: the mean week of the 28
  /// days before the episode's first note (plan check passes the week the
  /// plan starts from).
  std::optional<double> pain_week_limit_m;
};

/// Evaluates the load rules, pain and return-after-break for `day` on the
/// history up to and including it, with `extra` laid on top. A day without a
/// run (and no `extra`) gets no load warnings. Activities after `day` are ignored.
/// Pain: one `pain` warning per open episode (engine/pain.hpp); an open
/// episode raises the day's load alarms one step (caution -> danger), except a
/// caution against a lent baseline. Inside a comeback window
/// (engine/comeback.hpp) `return-after-break` replaces the weekly spikes and
/// the single-run spikes compare with the window's runs and the 30 days
/// before the break.
Evaluation evaluate(const History& history, Day day, const Settings& settings,
                    const std::optional<PlannedRun>& extra = std::nullopt,
                    const EvaluateOptions& options = {});

/// What `weekly-distance-spike` compares the 7 days ending with `day` against:
/// the larger of the 7 days before them and the mean week of the 28 days
/// before those (a short history at its days' rate, or the lent baseline).
/// The planner aims a week within it.
double weekly_distance_reference(const History& history, Day day, const Settings& settings);

/// Just the alarms of `evaluate` (its `warnings`).
std::vector<Warning> evaluate_day(const History& history, Day day, const Settings& settings,
                                  const std::optional<PlannedRun>& extra = std::nullopt);

/// A context note that started (quiet -> firing) or stopped on a run day.
struct ContextChange {
  Warning note;  ///< the note as it fired (when stopped: as it last fired)
  bool started = true;
};

/// One run day of `stride warnings`.
struct DayWarnings {
  Day date{};
  std::vector<Warning> warnings;  ///< the alarms listed on this day
  /// Unchanged `no-rest-day`/`consecutive-run-days` alarms listed fewer than
  /// 7 days ago in the same streak: not listed again, still in the verdict.
  std::vector<Warning> repeated;
  std::vector<ContextChange> context;

  /// Listed and repeated alarms together: what the day's verdict counts.
  std::vector<Warning> all() const;
  /// Whether the day has anything to list.
  bool listed() const { return !warnings.empty() || !context.empty(); }
};
/// What the model would have said on each day with a run in [from, to]:
/// every run day that fired an alarm (listed or repeated) or changed context,
/// in date order. The weekly rules are quiet in the first 7 days of history;
/// context is listed where it starts and where it stops.
std::vector<DayWarnings> warnings_by_day(const History& history, Day from, Day to,
                                         const Settings& settings);

/// The day's streak as the morning sees it (LOAD-SCIENCE.md "Today before its
/// run"): a day with no run logged yet is not a rest day until it is over.
struct Morning {
  bool ran = false;         ///< a run is logged on the day already
  int run_days_in_row = 0;  ///< up to yesterday, or today when it has a run
  int days_since_rest = 0;  ///< the same
  int run_days_if_run = 0;  ///< what a run on the day makes them
  int days_since_rest_if_run = 0;
};
Morning morning(const History& history, Day day, const Settings& settings);

/// The streak alarms a run on `day` would raise, for the morning (`status`
/// on a day with no run logged yet): "a run today would be ...".
std::vector<Warning> morning_warnings(const History& history, Day day, const Settings& settings);

/// One short phrase for a context note ("hard-surface share 92 %",
/// "monotony: every day the same"), for the one "Context:" line.
std::string context_brief(const Warning& note, Units units);

/// What `status` shows for any day: strength-gap, shoe-mileage, low-cadence
/// and one `pain` warning per open episode (notes of the day counted). `shoe_in_use` empty: the
/// shoes run in during the last 30 days.
std::vector<Warning> status_warnings(const History& history, Day day, const Settings& settings,
                                     std::string_view shoe_in_use = {});

/// Distance run per shoe up to and including `day` (runs with a shoe name).
std::vector<std::pair<std::string, double>> shoe_distances_m(const History& history, Day day);

}  // namespace stride::engine
