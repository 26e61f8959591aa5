#pragma once
/// The plan generator: the next weeks from the athlete's measured state, the
/// schedule and the goal, within LOAD-SCIENCE.md "What the planner must
/// respect". Every plan it returns passes check_plan with no caution or danger.

#include <optional>
#include <vector>

#include "engine/series.hpp"
#include "engine/settings.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

struct GenerateOptions {
  /// Experience level and the rule thresholds the plan must pass.
  engine::Settings settings;
  std::vector<date::weekday> run_days;        ///< empty: chosen by experience level
  std::optional<date::weekday> long_run_day;  ///< default: Sunday
  int strength_per_week = 2;                  ///< Lauersen; 0 to 3
  std::vector<CrossActivity> cross_activities = {CrossActivity::cycling};
  int cross_days_per_week = 1;    ///< 1 or 2
  int min_rest_days = 2;          ///< days without a run per week (at least 1)
  int max_run_days_in_row = 3;    ///< never above the settings' consecutive-run-days limit
  double weekly_increase = 0.10;  ///< from the last non-recovery week; at most 0.30
  std::optional<double> goal_weekly_m;
  std::optional<double> race_m;  ///< with race_date
  std::optional<Day> race_date;
  /// The last day whose running is known (the CLI passes today). The days
  /// after it and before the start have not been run yet, so they are not
  /// counted as rest: the measured state (chronic week, longest run, hard
  /// share, a break) is taken over the days ending here. Default, and never
  /// later than: the day before the start.
  std::optional<Day> known_until;
};

/// Minimum planned run: shorter runs are dropped rather than scheduled.
double min_run_m(engine::Experience experience);

/// `weeks` weeks from `start` (normally a Monday). `history` holds the
/// activities and pain notes known before the start. Throws
/// std::invalid_argument for weeks < 1 or a weekly increase outside 0-30 %.
Plan generate_plan(const engine::History& history, const GenerateOptions& options, Day start,
                   int weeks);

}  // namespace stride::plans
