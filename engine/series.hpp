#pragma once
/// A history folded into one row per local training day.

#include <optional>
#include <vector>

#include "engine/activity.hpp"
#include "engine/load.hpp"
#include "engine/settings.hpp"

namespace stride::engine {

/// What the engine reads: activity summaries (track points not needed) and
/// pain notes. Activities carry their local_date already.
struct History {
  std::vector<Activity> activities;
  std::vector<PainNote> pain_notes;

  /// The first day with an activity or a pain note; nullopt when empty.
  std::optional<Day> first_day() const;
};

/// A run that has not happened: `check`'s planned run or a plan's run.
/// Distance or duration (or both); the other is estimated from recent pace.
struct PlannedRun {
  std::optional<double> distance_m;
  std::optional<double> duration_s;
  Surface surface = Surface::road;
  std::optional<int> rpe;
  std::optional<RunKind> kind;
  std::string shoe;  ///< empty: none named
};

/// A planned run with both sizes known.
struct ResolvedRun {
  double distance_m = 0;
  double duration_s = 0;
  Surface surface = Surface::road;
  std::optional<int> rpe;
  std::optional<RunKind> kind;
  /// The planned intensity (LOAD-SCIENCE.md "check's planned intensity"):
  /// the RPE, else the kind, else the pace when both sizes were given, else easy 3.
  int intensity_rpe = 3;
  LoadSource intensity_source = LoadSource::sport_default;
  std::string shoe;
  bool distance_estimated = false;  ///< from duration x recent pace
  bool duration_estimated = false;
  double pace_s_per_km = 0;        ///< the pace used for an estimate
  bool pace_from_history = false;  ///< false: the experience level's default pace
};

/// Running pace over the 28 days ending the day before `day` (after a longer
/// break: the 28 days ending with the last run before it), or nullopt.
std::optional<double> recent_pace_s_per_km(const History& history, Day day);
/// Fills in the missing size from recent pace (else the experience default).
ResolvedRun resolve(const History& history, Day day, const PlannedRun& run,
                    const Settings& settings);

/// One local day's totals.
struct DayTotals {
  double run_m = 0;  ///< all running, treadmill included
  double run_s = 0;  ///< running moving time
  double longest_run_m = 0;
  double longest_run_s = 0;
  int runs = 0;
  /// Foster session load (RPE x minutes) of every session, the RPE logged or
  /// estimated (engine/load.hpp).
  double session_load = 0;
  double run_easy_s = 0;       ///< running time at RPE <= 4 (intensity split)
  double run_hard_s = 0;       ///< running time at RPE >= 5
  double hard_m = 0;           ///< running distance on hard surfaces (never treadmill)
  double surfaced_m = 0;       ///< running distance with outdoor exposure (not treadmill)
  bool hard_training = false;  ///< strength/cross at RPE >= hard_training_rpe
  bool strength = false;
  double cadence_weighted = 0;  ///< sum of cadence x seconds over runs with cadence
  double cadence_s = 0;         ///< the seconds behind cadence_weighted
  double trimp = 0;             ///< Banister TRIMP (0 without HR settings or HR)

  /// A rest day: no run, and no strength or cross-training at a logged RPE >= 7
  /// (an estimated RPE never ends a rest day).
  bool rest() const { return runs == 0 && !hard_training; }
};

/// Totals for each day of [first, last]; days outside read as empty.
class DailySeries {
 public:
  DailySeries() = default;
  DailySeries(Day first, Day last);

  Day first() const { return first_; }
  Day last() const { return last_; }
  bool empty() const { return days_.empty(); }
  const DayTotals& at(Day day) const;
  DayTotals& mutable_at(Day day);  ///< asserts day is inside

  /// Sum of a field over [from, to] (days outside the series count 0).
  template <typename F>
  double sum(Day from, Day to, F field) const {
    double total = 0;
    for (Day d = from; d <= to; d += date::days{1}) total += field(at(d));
    return total;
  }
  /// Largest value of a field over [from, to].
  template <typename F>
  double max(Day from, Day to, F field) const {
    double best = 0;
    for (Day d = from; d <= to; d += date::days{1}) {
      const double v = field(at(d));
      if (v > best) best = v;
    }
    return best;
  }

 private:
  Day first_{};
  Day last_{};
  std::vector<DayTotals> days_;
};

/// Banister TRIMP for one session: minutes x HRr x 0.64 x e^(k HRr).
/// nullopt without hr_max, hr_rest and sex, or without a heart rate.
std::optional<double> trimp(double minutes, double avg_hr_bpm, const Settings& settings);

/// Running time at RPE <= this is easy in the intensity split; above it, hard.
constexpr int kEasyRpeMax = 4;

/// Folds the history into [first, last]; session loads come from
/// session_loads() over the whole history.
DailySeries build_series(const History& history, Day first, Day last, const Settings& settings);
/// Lays a planned run on top of one day of a series.
void add_planned_run(DailySeries& series, Day day, const ResolvedRun& run,
                     const Settings& settings);

}  // namespace stride::engine
