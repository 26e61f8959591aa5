#pragma once
/// Context figures for a day: sums, ratios, fitness/fatigue/form, monotony.
/// Shown, not alarms (LOAD-SCIENCE.md "Context figures").

#include <optional>
#include <string>
#include <vector>

#include "engine/series.hpp"

namespace stride::engine {

/// A named number; the unit is in the name (`ratio`, `longest_30d_m`).
struct Figure {
  std::string name;
  double value = 0;

  friend bool operator==(const Figure&, const Figure&) = default;
};

/// A named day a figure comes from (`longest_30d_date`).
struct FigureDate {
  std::string name;
  Day date{};

  friend bool operator==(const FigureDate&, const FigureDate&) = default;
};

struct Figures {
  Day date{};
  double distance_7d_m = 0;
  double distance_28d_m = 0;
  double time_7d_s = 0;
  double time_28d_s = 0;
  double load_7d = 0;  ///< session load (RPE x min, RPE logged or estimated)
  double load_28d = 0;
  /// Uncoupled acute:chronic: last 7 days / mean week of the 21 days before.
  /// nullopt when those 21 days are empty.
  std::optional<double> acwr_distance;
  std::optional<double> acwr_time;
  std::optional<double> acwr_load;
  /// EWMA of daily session load, from 0 before the first day of history:
  /// v(d) = v(d-1) + lambda (load(d) - v(d-1)).
  double fitness = 0;               ///< 42-day
  double fatigue = 0;               ///< 7-day
  double form = 0;                  ///< fitness - fatigue
  std::optional<double> acwr_ewma;  ///< fatigue / fitness, nullopt when fitness is 0
  /// This 7 days against the 7 before (nullopt when those were empty).
  std::optional<double> week_change_pct;
  double week_change_m = 0;
  double longest_30d_m = 0;  ///< the 30 days ending with the day
  double longest_30d_s = 0;
  std::optional<Day> longest_30d_date;
  /// Foster: mean daily load / population sd over 7 days, rest days as 0.
  /// nullopt when the mean is 0 or the sd is 0 (see monotony_constant).
  std::optional<double> monotony;
  bool monotony_constant = false;  ///< sd 0 with mean > 0: above any threshold
  std::optional<double> strain;    ///< load_7d x monotony
  int consecutive_run_days = 0;    ///< ending with the day (0 if it has no run)
  int days_since_rest = 0;         ///< counting the day; 0 when it is a rest day
  int rest_days_7d = 0;
  double hard_7d_m = 0;
  double hard_28d_m = 0;
  std::optional<double> hard_share_28d;  ///< hard / all running, 28 days
  std::optional<double> trimp_7d;        ///< only with hr_max, hr_rest and sex
  std::optional<double> cadence_28d_spm;
  std::optional<int> days_since_strength;
  /// Intensity split (context): running time at RPE <= 4 and >= 5 over 7 days,
  /// and the easy share of it (nullopt without running time).
  double run_easy_7d_s = 0;
  double run_hard_7d_s = 0;
  std::optional<double> easy_share_7d;
};

/// How many sessions of a window had each RPE source.
struct LoadSourceCounts {
  int sessions = 0;
  int rpe = 0;
  int kind = 0;
  int hr = 0;
  int pace = 0;
  int sport_default = 0;

  int estimated() const { return sessions - rpe; }
  int count(LoadSource source) const;
};
/// The sources of the sessions of the `days` days ending with `day` (28 in
/// `status` and `report`).
LoadSourceCounts load_source_counts(const History& history, Day day, const Settings& settings,
                                    int days = 28);

/// The figures for `day` from a series that starts on the first day of history
/// (EWMA needs the whole run-up) and reaches at least `day`.
Figures compute_figures(const DailySeries& series, Day day, const Settings& settings);
/// Convenience: builds the series (with `extra` laid on `day`) and computes.
Figures compute_figures(const History& history, Day day, const Settings& settings,
                        const std::optional<PlannedRun>& extra = std::nullopt);

/// Figures as named numbers for `status --json` (absent optionals left out).
std::vector<Figure> named_figures(const Figures& figures);

/// One day of the load chart.
struct LoadPoint {
  Day date{};
  double run_m = 0;
  double session_load = 0;
  double fitness = 0;
  double fatigue = 0;
  double form = 0;
  double run_easy_s = 0;  ///< intensity split: running time at RPE <= 4
  double run_hard_s = 0;  ///< and at RPE >= 5
};
/// Daily load and EWMA over [first, last] (EWMA run up from the first day of history).
std::vector<LoadPoint> load_over_time(const History& history, Day first, Day last,
                                      const Settings& settings);

}  // namespace stride::engine
