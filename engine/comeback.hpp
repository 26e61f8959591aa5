#pragma once
/// Comeback windows: the weeks after a break (or a resolved red flag) in
/// which running is rebuilt by a ramp instead of being judged week on week.
/// LOAD-SCIENCE.md "Comeback" is the contract; `return-after-break`
/// (engine/evaluate.cpp), `status` and the planner all read these windows.
///
/// In short:
///   - a window opens on the first run after >= 7 days without running, and
///     on the first run after a red-flag pain episode is resolved (a red flag
///     the runner kept running through counts its break from the episode's
///     first note);
///   - the pre-break week is the mean week of the 28 days ending with the last
///     run before the break;
///   - window week k (7-day blocks from the first run) allows
///     max(5 km, min(pre-break week, pre-break week x f x 1.20^(k-1))), f =
///     0.75 after 7-13 days, 0.5 after 14 or more, 0.3 after a bone red flag;
///   - it closes on the first day whose 7-day distance reaches the pre-break
///     week within that day's allowance (that day still belongs to it; a
///     runner who jumps back to the old week over the allowance stays in the
///     window), else after 8 weeks (2 after a 7-13-day break); a new break
///     inside it starts a new window.

#include <optional>
#include <vector>

#include "engine/activity.hpp"
#include "engine/series.hpp"
#include "engine/settings.hpp"

namespace stride::engine {

enum class BreakKind {
  short_break,    ///< 7-13 days without running (or a red flag resolved sooner)
  long_break,     ///< 14 days or more
  bone_red_flag,  ///< after a red flag at a bone site: walking, walk-run, then the ramp
};
std::string_view to_string(BreakKind kind);  ///< `short-break`, `long-break`, `bone-red-flag`

struct ComebackWindow {
  Day start{};         ///< the window's first run
  Day break_start{};   ///< the first day counted as the break
  int break_days = 0;  ///< days from break_start to start (the days without running)
  std::optional<Day> last_run_before;  ///< the last run before the break
  BreakKind kind = BreakKind::long_break;
  /// Opened by a resolved red-flag episode (else by days without running alone).
  bool after_red_flag = false;
  std::optional<PainSite> red_flag_site;
  double pre_break_week_m = 0;  ///< mean week of the 28 days ending with last_run_before
  double longest_before_m = 0;  ///< longest run of the 30 days ending with last_run_before
  std::optional<Day> longest_before_date;
  double first_week_fraction = 0;  ///< by kind (Settings::comeback_first_week)
  double growth = 1.20;            ///< per later window week
  double floor_m = 5'000;          ///< a week this long is always allowed
  int max_weeks = 8;
  /// The last day the window covers: the day the 7-day distance reached the
  /// pre-break week, the day before a new window, or start + 7 x max_weeks - 1.
  Day end{};
  /// Set when the window closed because the 7-day distance reached the
  /// pre-break week (that day).
  std::optional<Day> reached_on;

  /// After a bone-site red flag the planner starts with walking, then walk-run.
  bool walking_phase() const { return kind == BreakKind::bone_red_flag; }
  bool covers(Day day) const { return day >= start && day <= end; }
  /// 1-based window week of `day` (7-day blocks from start); 0 before start.
  int week_of(Day day) const;
  /// The ramp allowance of window week `week` (1-based).
  double week_allowance_m(int week) const;
  /// The allowance for the 7 days ending with `day`.
  double allowance_m(Day day) const { return week_allowance_m(week_of(day)); }
  /// The first run's limit: return_fraction x longest_before_m.
  double first_run_limit_m(const Settings& settings) const;
  /// Whether a hard run on `day` is still too soon (the window's first 14 days).
  bool early(Day day, const Settings& settings) const;
};

/// A hard run for the comeback rule (LOAD-SCIENCE.md "Comeback"): kind
/// tempo, intervals or race, a logged RPE >= 7, or an RPE >= 7 estimated from
/// heart rate in the context of `history` (engine/load.hpp).
bool is_hard_run(const Activity& activity, const History& history, const Settings& settings);

/// Every comeback window that starts on or before `day`, oldest first, on the
/// history's runs up to `day` plus `extra_run_m` laid on `day` (a planned run;
/// 0 for none). Pain notes decide the red-flag windows (all notes up to `day`
/// count).
std::vector<ComebackWindow> comeback_windows(const History& history, Day day,
                                             const Settings& settings, double extra_run_m = 0);

/// The window covering `day`, if any (same inputs as comeback_windows). A run
/// planned on `day` with extra_run_m > 0 may itself open it: the planner asks
/// this with its first planned run to know whether a plan is a comeback plan.
std::optional<ComebackWindow> comeback_window_on(const History& history, Day day,
                                                 const Settings& settings, double extra_run_m = 0);

/// Running distance of the 7 days ending with `day` that count against the
/// window (from its start on), the history's runs plus `extra_run_m` on `day`.
double window_week_m(const ComebackWindow& window, const History& history, Day day,
                     double extra_run_m = 0);

}  // namespace stride::engine
