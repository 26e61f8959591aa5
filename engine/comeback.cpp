#include "engine/comeback.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/load.hpp"
#include "engine/pain.hpp"

namespace stride::engine {
namespace {

struct RunDay {
  double metres = 0;
  double longest_m = 0;
};

using RunDays = std::map<Day, RunDay>;

RunDays run_days(const History& h, Day day, double extra_run_m) {
  RunDays out;
  for (const Activity& a : h.activities) {
    if (!is_run(a.sport) || a.local_date > day) continue;
    RunDay& r = out[a.local_date];
    r.metres += a.distance_m;
    r.longest_m = std::max(r.longest_m, a.distance_m);
  }
  if (extra_run_m > 0) {
    RunDay& r = out[day];
    r.metres += extra_run_m;
    r.longest_m = std::max(r.longest_m, extra_run_m);
  }
  return out;
}

double sum_m(const RunDays& runs, Day from, Day to) {
  double total = 0;
  for (auto it = runs.lower_bound(from); it != runs.end() && it->first <= to; ++it)
    total += it->second.metres;
  return total;
}

}  // namespace

std::string_view to_string(BreakKind kind) {
  switch (kind) {
    case BreakKind::short_break:
      return "short-break";
    case BreakKind::long_break:
      return "long-break";
    case BreakKind::bone_red_flag:
      return "bone-red-flag";
  }
  return "?";
}

int ComebackWindow::week_of(Day day) const {
  if (day < start) return 0;
  return static_cast<int>((day - start).count() / 7) + 1;
}

double ComebackWindow::week_allowance_m(int week) const {
  const double ramp =
      pre_break_week_m * first_week_fraction * std::pow(growth, std::max(0, week - 1));
  return std::max(floor_m, std::min(pre_break_week_m, ramp));
}

double ComebackWindow::first_run_limit_m(const Settings& settings) const {
  return settings.return_fraction * longest_before_m;
}

bool ComebackWindow::early(Day day, const Settings& settings) const {
  return day >= start && (day - start).count() < settings.comeback_hard_days;
}

bool is_hard_run(const Activity& a, const History& history, const Settings& settings) {
  if (a.rpe) return *a.rpe >= 7;
  if (a.kind) return is_hard(*a.kind);
  const SessionLoad l = session_load(a, settings, load_context(history.activities, a.local_date));
  return l.source == LoadSource::hr && l.rpe >= 7;
}

std::vector<ComebackWindow> comeback_windows(const History& history, Day day, const Settings& s,
                                             double extra_run_m) {
  const RunDays runs = run_days(history, day, extra_run_m);
  std::vector<PainEpisode> resolved_red;
  for (auto& e : pain_episodes(history.pain_notes, day, s))
    if (e.red_flag && e.resolved_on) resolved_red.push_back(std::move(e));

  std::vector<ComebackWindow> out;
  std::optional<Day> prev;
  for (const auto& [r, totals] : runs) {
    if (prev) {
      const int gap = static_cast<int>((r - *prev).count()) - 1;
      const PainEpisode* red = nullptr;
      bool bone = false;
      for (const PainEpisode& e : resolved_red) {
        if (*e.resolved_on <= *prev || *e.resolved_on > r) continue;
        if (!red || e.first_date < red->first_date) red = &e;
        bone = bone || e.bone();
      }
      if (gap >= s.comeback_break_days || red) {
        Day break_start = *prev + date::days{1};
        // Running through a red flag does not shorten the break: it counts
        // from the episode's first note.
        if (red && red->first_date < break_start) break_start = red->first_date;
        auto last = runs.lower_bound(break_start);
        if (last != runs.begin()) {
          --last;
          ComebackWindow w;
          w.start = r;
          w.break_start = break_start;
          w.break_days = static_cast<int>((r - break_start).count());
          w.last_run_before = last->first;
          w.after_red_flag = red != nullptr;
          if (red) w.red_flag_site = red->site;
          w.pre_break_week_m = sum_m(runs, last->first - date::days{27}, last->first) / 4.0;
          for (auto it = runs.lower_bound(last->first - date::days{29});
               it != runs.end() && it->first <= last->first; ++it) {
            if (it->second.longest_m >= w.longest_before_m && it->second.longest_m > 0) {
              w.longest_before_m = it->second.longest_m;
              w.longest_before_date = it->first;
            }
          }
          w.kind = bone                                         ? BreakKind::bone_red_flag
                   : w.break_days >= s.comeback_long_break_days ? BreakKind::long_break
                                                                : BreakKind::short_break;
          w.first_week_fraction =
              w.kind == BreakKind::bone_red_flag ? s.comeback_first_week.bone_red_flag
              : w.kind == BreakKind::long_break  ? s.comeback_first_week.long_break
                                                 : s.comeback_first_week.short_break;
          w.growth = s.comeback_growth;
          w.floor_m = s.comeback_floor_m;
          w.max_weeks =
              w.kind == BreakKind::short_break ? s.comeback_short_max_weeks : s.comeback_max_weeks;
          w.end = r + date::days{7 * w.max_weeks - 1};
          // A new break inside a window starts a new one.
          if (!out.empty() && out.back().end >= r) out.back().end = r - date::days{1};
          out.push_back(w);
        }
      }
    }
    prev = r;
    if (!out.empty()) {
      ComebackWindow& w = out.back();
      // Reaching the pre-break week by the ramp closes the window; jumping
      // there over the allowance does not (that is what the window warns of).
      const double week = sum_m(runs, std::max(w.start, r - date::days{6}), r);
      if (w.covers(r) && !w.reached_on && week >= w.pre_break_week_m - kTolerance &&
          week <= w.allowance_m(r) + kTolerance) {
        w.reached_on = r;
        w.end = r;
      }
    }
  }
  return out;
}

std::optional<ComebackWindow> comeback_window_on(const History& history, Day day,
                                                 const Settings& settings, double extra_run_m) {
  auto windows = comeback_windows(history, day, settings, extra_run_m);
  for (auto it = windows.rbegin(); it != windows.rend(); ++it)
    if (it->covers(day)) return *it;
  return std::nullopt;
}

double window_week_m(const ComebackWindow& window, const History& history, Day day,
                     double extra_run_m) {
  double total = extra_run_m;
  const Day from = std::max(window.start, day - date::days{6});
  for (const Activity& a : history.activities)
    if (is_run(a.sport) && a.local_date >= from && a.local_date <= day) total += a.distance_m;
  return total;
}

}  // namespace stride::engine
