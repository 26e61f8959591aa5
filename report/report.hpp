#pragma once
/// `stride report`: load over time as a terminal chart or one self-contained
/// HTML page. Pure: takes a history and a day, returns strings (no files, no
/// clock); the CLI reads the store and writes the output.

#include <optional>
#include <string>
#include <vector>

#include "engine/evaluate.hpp"
#include "engine/figures.hpp"

namespace stride::report {

using engine::Day;

/// One day of the active plan: what the planner says to run that day. A plain
/// struct so the report does not depend on plans/.
struct PlannedDay {
  Day date{};
  double run_m = 0;  ///< 0: a rest or cross-training day
};

/// One calendar week (Monday to Sunday) of history.
struct WeekSummary {
  Day start{};        ///< the Monday
  double run_m = 0;   ///< all running, treadmill included
  double hard_m = 0;  ///< on hard surfaces (Settings::hard_surfaces)
  double run_s = 0;
  double run_easy_s = 0;  ///< intensity split: running time at RPE <= 4 (logged or estimated)
  double run_hard_s = 0;  ///< and at RPE >= 5
  int run_count = 0;
  int rest_days = 0;  ///< days of the week up to the report day that were rest days
  int days = 7;       ///< days counted (the current week stops at the report day)
  double longest_m = 0;
  std::optional<Day> longest_date;
  /// 1.10x (Settings::single_run_caution_ratio) the longest run of the 30
  /// days before the week's longest run; nullopt when those days had no run.
  std::optional<double> longest_limit_m;
  std::vector<engine::RuleId> rules;  ///< rules that fired during the week, rule-table order
  double other_m() const { return run_m - hard_m; }
};

/// One run against the longest of the 30 days before it (single-run-spike).
struct RunSpike {
  Day date{};
  double distance_m = 0;
  double previous_longest_m = 0;
  std::optional<double> ratio;  ///< nullopt when the 30 days before had no run
};

/// One day of the acute:chronic context chart.
struct RatioPoint {
  Day date{};
  std::optional<double> acwr_distance;
  std::optional<double> acwr_load;
};

/// A planned week beside the history.
struct PlannedWeek {
  Day start{};
  double run_m = 0;
  int run_days = 0;
};

struct ShoeDistance {
  std::string name;
  double distance_m = 0;
  double retirement_m = 0;
};

/// Everything both renderings draw, computed once.
struct ReportData {
  Day first{};  ///< the Monday of the first week shown
  Day last{};   ///< the report day
  engine::Units units = engine::Units::km;
  double single_run_caution_ratio = 1.10;
  double single_run_danger_ratio = 2.00;
  std::vector<WeekSummary> weeks;
  std::vector<engine::LoadPoint> load;        ///< each day of [first, last]
  std::vector<RatioPoint> ratios;             ///< each day of [first, last]
  std::vector<RunSpike> spikes;               ///< each run in [first, last], in date order
  std::vector<engine::DayWarnings> warnings;  ///< days in [first, last] with a warning
  std::vector<PlannedWeek> planned;           ///< weeks after the report day's week
  std::vector<ShoeDistance> shoes;
  /// Where the RPE of the last 28 days' sessions came from.
  engine::LoadSourceCounts load_sources_28d;
};

/// The last `weeks` calendar weeks ending with the week of `last`, and the
/// planned days after `last` grouped by week. `weeks` is at least 1.
ReportData build_report(const engine::History& history, Day last, int weeks,
                        const engine::Settings& settings,
                        const std::vector<PlannedDay>& planned = {});

struct TerminalOptions {
  bool color = false;  ///< ANSI colours; plain characters otherwise
  int width = 80;      ///< no line is wider (at least 60)
};

/// The compact terminal chart: one line per week (distance bar split hard /
/// other, longest run against its 1.10x line, rest days) and the rules that fired.
std::string render_terminal(const ReportData& data, const TerminalOptions& options = {});

/// One self-contained HTML page (inline SVG and CSS, nothing fetched, no
/// script). Well-formed XML, so it can be checked with an XML parser.
std::string render_html(const ReportData& data);

}  // namespace stride::report
