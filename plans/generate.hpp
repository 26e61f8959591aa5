#pragma once
/// The plan generator: the next weeks from the athlete's measured state, the
/// schedule and the goal, within LOAD-SCIENCE.md "What the planner must
/// respect". Every planned run is laid on the history and asked of the
/// engine (engine::evaluate) before it is kept, so a plan passes check_plan
/// with no caution or danger (a race plan may carry race-readiness, said in
/// its notes).

#include <optional>
#include <string>
#include <vector>

#include "engine/series.hpp"
#include "engine/settings.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

/// What the runner can load strength work with (profile `strength_equipment`).
enum class Equipment { none, dumbbells, gym };
std::string_view to_string(Equipment equipment);  ///< `none`, `dumbbells`, `gym`
std::optional<Equipment> parse_equipment(std::string_view text);

struct GenerateOptions {
  /// Experience level and the rule thresholds the plan must pass
  /// (full_rest_days and the consecutive-run-days limit among them).
  engine::Settings settings;
  /// Empty: the runner's usual days of the last 12 weeks, else by experience level.
  std::vector<date::weekday> run_days;
  /// Unset: the runner's usual long-run day, else Sunday.
  std::optional<date::weekday> long_run_day;
  int strength_per_week = 2;  ///< Lauersen; 0 to 3
  /// Sports the runner can cross-train with, in the profile's order; the one
  /// the history already holds goes first. Empty: cycling.
  std::vector<CrossActivity> cross_activities = {CrossActivity::cycling};
  int cross_days_per_week = 1;  ///< 1 or 2
  /// A stricter limit on run days in a row than the consecutive-run-days rule's.
  std::optional<int> max_run_days_in_row;
  double weekly_increase = 0.10;  ///< from the last non-recovery week; at most 0.30
  /// Build towards this weekly distance; unset (and no race): maintain.
  std::optional<double> goal_weekly_m;
  std::optional<double> race_m;  ///< with race_date
  std::optional<Day> race_date;
  engine::Surface race_surface = engine::Surface::road;
  /// The weekly cap; unset: 80 km, beginner 40 km (product default).
  std::optional<double> max_weekly_m;
  /// Surfaces the runner can reach; empty: those of their own history.
  std::vector<engine::Surface> surfaces_available;
  /// Where a runner without history runs.
  engine::Surface default_surface = engine::Surface::road;
  Equipment strength_equipment = Equipment::none;
  /// Exercises that hurt (by name or family: `squat`, `lunge`, `deadlift`,
  /// `glute bridge`, `hip abduction`, `hamstring curl`, `calf raise`,
  /// `leg extension`): left out.
  std::vector<std::string> strength_skip;
  /// The last day whose running is known (the CLI passes today). The days
  /// after it and before the start have not been run yet, so they are not
  /// counted as rest: the measured state (chronic week, longest run, a
  /// break) is taken over the days ending here. Default, and never later
  /// than: the day before the start.
  std::optional<Day> known_until;
};

/// Minimum planned run: shorter runs are dropped rather than scheduled.
double min_run_m(engine::Experience experience);
/// The weekly cap: max_weekly_m, else 80 km (beginner 40 km).
double weekly_cap_m(const GenerateOptions& options);
/// Taper fractions of the last non-recovery week before the taper, by 7-day
/// block back from race day: [0] the race week (the 7 days ending on race
/// day, the race left out), [1] the 7 days before it, ... (Bosquet et al.
/// 2007): up to a half marathon 50 %, 70 %; a marathon or longer 45 %, 60 %,
/// 80 %.
std::vector<double> taper_fractions(double race_m);

/// The plan from `start` (normally a Monday). `weeks` may be unset only for a
/// race plan, which runs to race day; a race plan's `weeks` must end with the
/// race's week. `history` holds the activities and pain notes known before
/// the start. Throws std::invalid_argument, with the reason, for what cannot
/// be planned: weeks < 1, a weekly increase outside 0-30 %, a race date
/// before the start, fewer than 21 days or more than 30 weeks away, a race
/// under 1 km or over 250 km, weeks that do not end with the race, and a
/// race the plan cannot bring under 2.2x the longest run of its last 6 weeks.
Plan generate_plan(const engine::History& history, const GenerateOptions& options, Day start,
                   std::optional<int> weeks);

}  // namespace stride::plans
