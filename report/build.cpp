#include <algorithm>
#include <map>

#include "report/report.hpp"

namespace stride::report {

namespace {

using date::days;

Day monday_of(Day day) {
  const unsigned iso = date::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
  return day - days{iso - 1};
}

}  // namespace

ReportData build_report(const engine::History& history, Day last, int weeks,
                        const engine::Settings& settings, const std::vector<PlannedDay>& planned) {
  weeks = std::max(weeks, 1);
  ReportData data;
  data.last = last;
  data.first = monday_of(last) - days{7 * (weeks - 1)};
  data.units = settings.units;
  data.single_run_caution_ratio = settings.single_run_caution_ratio;
  data.single_run_danger_ratio = settings.single_run_danger_ratio;

  // The series reaches back 41 days before the first week so the 30-day
  // look-back of a spike and the 28 days of a ratio are whole; EWMA needs the
  // whole history, and days before it read as zero either way.
  Day series_first = data.first - days{41};
  if (auto first_day = history.first_day(); first_day && *first_day < series_first) {
    series_first = *first_day;
  }
  const auto series = engine::build_series(history, series_first, last, settings);
  const auto longest_before = [&](Day d) {
    return series.max(d - days{30}, d - days{1},
                      [](const engine::DayTotals& t) { return t.longest_run_m; });
  };

  data.warnings = engine::warnings_by_day(history, data.first, last, settings);

  for (int w = 0; w < weeks; ++w) {
    WeekSummary week;
    week.start = data.first + days{7 * w};
    const Day end = std::min(week.start + days{6}, last);
    week.days = static_cast<int>((end - week.start).count()) + 1;
    for (Day d = week.start; d <= end; d += days{1}) {
      const auto& t = series.at(d);
      week.run_m += t.run_m;
      week.hard_m += t.hard_m;
      week.run_s += t.run_s;
      week.run_easy_s += t.run_easy_s;
      week.run_hard_s += t.run_hard_s;
      week.run_count += t.runs;
      if (t.rest()) ++week.rest_days;
      if (t.runs > 0 && t.longest_run_m >= week.longest_m) {
        week.longest_m = t.longest_run_m;
        week.longest_date = d;
      }
    }
    if (week.longest_date) {
      const double before = longest_before(*week.longest_date);
      if (before > 0) week.longest_limit_m = before * settings.single_run_caution_ratio;
    }
    for (const auto& day : data.warnings) {
      if (day.date < week.start || day.date > end) continue;
      // Every alarm that fired (an unchanged streak repeat too) and the
      // context in force: the report shows all of it.
      std::vector<engine::RuleId> fired;
      for (const auto& warning : day.all()) fired.push_back(warning.rule);
      for (const auto& change : day.context)
        if (change.started) fired.push_back(change.note.rule);
      for (const auto rule : fired) {
        if (std::find(week.rules.begin(), week.rules.end(), rule) == week.rules.end()) {
          week.rules.push_back(rule);
        }
      }
    }
    std::sort(week.rules.begin(), week.rules.end());
    data.weeks.push_back(std::move(week));
  }

  data.load = engine::load_over_time(history, data.first, last, settings);
  for (Day d = data.first; d <= last; d += days{1}) {
    const auto figures = engine::compute_figures(series, d, settings);
    data.ratios.push_back({d, figures.acwr_distance, figures.acwr_load});
  }

  for (const auto& a : history.activities) {
    if (!engine::is_run(a.sport) || a.local_date < data.first || a.local_date > last) continue;
    RunSpike spike;
    spike.date = a.local_date;
    spike.distance_m = a.distance_m;
    spike.previous_longest_m = longest_before(a.local_date);
    if (spike.previous_longest_m > 0) spike.ratio = a.distance_m / spike.previous_longest_m;
    data.spikes.push_back(spike);
  }
  std::stable_sort(data.spikes.begin(), data.spikes.end(),
                   [](const RunSpike& a, const RunSpike& b) { return a.date < b.date; });

  std::map<Day, PlannedWeek> planned_weeks;
  const Day next_week = monday_of(last) + days{7};
  for (const auto& p : planned) {
    if (p.date < next_week) continue;
    auto& week = planned_weeks[monday_of(p.date)];
    week.start = monday_of(p.date);
    week.run_m += p.run_m;
    if (p.run_m > 0) ++week.run_days;
  }
  for (const auto& [start, week] : planned_weeks) data.planned.push_back(week);

  for (const auto& [name, metres] : engine::shoe_distances_m(history, last)) {
    data.shoes.push_back({name, metres, settings.retirement_m_for(name)});
  }
  data.load_sources_28d = engine::load_source_counts(history, last, settings);
  return data;
}

}  // namespace stride::report
