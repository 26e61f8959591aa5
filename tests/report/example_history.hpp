#pragma once
// The fixed hand-built history behind the report's golden and browser tests:
// 12 weeks to Wednesday 2026-03-25 after 5 weeks of run-up, road and trail
// runs, two long-run spikes, a no-rest stretch, two shoes and a plan.

#include <cstddef>
#include <vector>

#include "engine/evaluate.hpp"
#include "report/report.hpp"

namespace stride::test {

/// 2026-01-05, a Monday: the first week the report shows.
inline engine::Day report_d0() { return date::local_days{date::year{2026} / 1 / 5}; }
inline engine::Day report_day(int offset) { return report_d0() + date::days{offset}; }
/// Wednesday of the 12th week.
inline engine::Day report_last() { return report_day(7 * 11 + 2); }

inline engine::Activity report_run(int day, double km, double minutes, engine::Surface surface,
                                   const char* shoe = "Pegasus 40",
                                   engine::Sport sport = engine::Sport::run) {
  engine::Activity a;
  a.sport = sport;
  a.local_date = report_day(day);
  a.distance_m = km * 1000.0;
  a.moving_s = minutes * 60.0;
  a.elapsed_s = a.moving_s;
  a.surface_m = {{surface, a.distance_m}};
  a.shoe = shoe;
  return a;
}

inline engine::History report_history() {
  using engine::Surface;
  engine::History h;
  // Weeks -5 .. 11: Tuesday road, Thursday trail, Saturday long run (road).
  // The long run grows by 1 km a week; week 4 jumps (spike) and week 8 more
  // than doubles the longest of the 30 days before.
  for (int week = -5; week <= 11; ++week) {
    const int monday = 7 * week;
    if (week == 6) continue;  // a week off: all rest days
    h.activities.push_back(report_run(monday + 1, 7, 40, Surface::road));
    if (monday + 3 > 7 * 11 + 2) break;  // the report ends on Wednesday of week 11
    h.activities.push_back(
        report_run(monday + 3, 6, 38, Surface::trail, "Speedgoat 5", engine::Sport::trail_run));
    double long_km = 10 + (week + 5) * 0.5;
    if (week == 4) long_km = 19;
    if (week == 8) long_km = 26;
    h.activities.push_back(report_run(monday + 5, long_km, long_km * 6, Surface::road));
  }
  // Week 9: a run every day, no rest.
  for (int day = 7 * 9; day < 7 * 9 + 7; ++day) {
    if (day % 7 == 1 || day % 7 == 3 || day % 7 == 5) continue;
    h.activities.push_back(report_run(day, 5, 30, Surface::grass));
  }
  // A strength session now and then; a treadmill run in week 2.
  for (int week = -5; week <= 11; week += 3) {
    engine::Activity s;
    s.sport = engine::Sport::strength;
    s.local_date = report_day(7 * week + 2);
    s.moving_s = 30 * 60;
    s.elapsed_s = s.moving_s;
    s.rpe = 5;
    h.activities.push_back(s);
  }
  h.activities.push_back(
      report_run(7 * 2 + 6, 8, 45, Surface::treadmill, "Pegasus 40", engine::Sport::treadmill_run));
  return h;
}

/// The plan's next three weeks: runs on Tuesday, Thursday and Saturday.
inline std::vector<report::PlannedDay> report_plan() {
  std::vector<report::PlannedDay> plan;
  for (int week = 12; week <= 14; ++week) {
    plan.push_back({report_day(7 * week + 1), 6000});
    plan.push_back({report_day(7 * week + 3), 0});
    plan.push_back({report_day(7 * week + 5), 12000.0 + 1000 * (week - 12)});
  }
  return plan;
}

/// How many elements of each kind the HTML charts must draw for `data`,
/// counted from the data (not the HTML): the structural test and the browser
/// test compare against the same numbers.
struct ChartCounts {
  std::size_t hard = 0, other = 0, time = 0, load = 0, spikes = 0, acwr = 0, warnings = 0;
};
inline ChartCounts expected_chart_counts(const report::ReportData& data) {
  ChartCounts c;
  for (const auto& w : data.weeks) {
    c.hard += w.hard_m > 0;
    c.other += w.other_m() > 0;
    c.time += w.run_s > 0;
  }
  for (const auto& p : data.load) c.load += p.session_load > 0;
  for (const auto& s : data.spikes) c.spikes += s.ratio.has_value();
  for (const auto& r : data.ratios) c.acwr += r.acwr_distance.has_value();
  // The alarms as `warnings` lists them, and each context note where it starts.
  for (const auto& d : data.warnings) {
    c.warnings += d.warnings.size();
    for (const auto& change : d.context) c.warnings += change.started ? 1 : 0;
  }
  return c;
}

}  // namespace stride::test
