#include "engine/figures.hpp"

#include <algorithm>
#include <cmath>

#include "engine/windows.hpp"

namespace stride::engine {
namespace {

constexpr date::days kDay{1};

Day series_start(const History& history, Day day) {
  // The lookback covers every window the rules read; EWMA needs the whole history.
  Day start = day - kLookback;
  if (auto first = history.first_day(); first && *first < start) start = *first;
  return start;
}

}  // namespace

Figures compute_figures(const DailySeries& s, Day d, const Settings& settings) {
  Figures f;
  f.date = d;
  auto run_m = [](const DayTotals& t) { return t.run_m; };
  auto run_s = [](const DayTotals& t) { return t.run_s; };
  auto load = [](const DayTotals& t) { return t.session_load; };
  auto hard = [](const DayTotals& t) { return t.hard_m; };
  const Day w7 = d - (kWeek - kDay);
  const Day w28 = d - (kChronic - kDay);

  f.distance_7d_m = s.sum(w7, d, run_m);
  f.distance_28d_m = s.sum(w28, d, run_m);
  f.time_7d_s = s.sum(w7, d, run_s);
  f.time_28d_s = s.sum(w28, d, run_s);
  f.load_7d = s.sum(w7, d, load);
  f.load_28d = s.sum(w28, d, load);

  // Uncoupled: the chronic weeks do not contain the acute one.
  auto acwr = [&](auto field) -> std::optional<double> {
    const double chronic_week = s.sum(w28, w7 - kDay, field) / (kChronicWeeks - 1);
    if (chronic_week <= 0) return std::nullopt;
    return s.sum(w7, d, field) / chronic_week;
  };
  f.acwr_distance = acwr(run_m);
  f.acwr_time = acwr(run_s);
  f.acwr_load = acwr(load);

  const double lf = ewma_lambda(settings.ewma_decay, settings.fitness_days);
  const double la = ewma_lambda(settings.ewma_decay, settings.fatigue_days);
  double fitness = 0;
  double fatigue = 0;
  for (Day x = s.first(); x <= d && !s.empty(); x += kDay) {
    const double l = s.at(x).session_load;
    fitness += lf * (l - fitness);
    fatigue += la * (l - fatigue);
  }
  f.fitness = fitness;
  f.fatigue = fatigue;
  f.form = fitness - fatigue;
  if (fitness > 0) f.acwr_ewma = fatigue / fitness;

  const double prev_week = s.sum(w7 - kWeek, w7 - kDay, run_m);
  f.week_change_m = f.distance_7d_m - prev_week;
  if (prev_week > 0) f.week_change_pct = f.week_change_m / prev_week * 100.0;

  for (Day x = d - (kLongestRun - kDay); x <= d; x += kDay) {
    const auto& t = s.at(x);
    if (t.longest_run_m > 0 && t.longest_run_m >= f.longest_30d_m) {  // ties: the latest
      f.longest_30d_m = t.longest_run_m;
      f.longest_30d_date = x;
    }
    f.longest_30d_s = std::max(f.longest_30d_s, t.longest_run_s);
  }

  const double mean = f.load_7d / kWeekDays;
  double var = 0;
  for (Day x = w7; x <= d; x += kDay)
    var += (s.at(x).session_load - mean) * (s.at(x).session_load - mean);
  const double sd = std::sqrt(var / kWeekDays);
  // Below 1e-6 the spread is rounding, not training: "every day the same"
  // (LOAD-SCIENCE.md `monotony`), never a huge ratio.
  constexpr double kSameEveryDay = 1e-6;
  if (mean > 0 && sd >= kSameEveryDay) {
    f.monotony = mean / sd;
    f.strain = f.load_7d * *f.monotony;
  } else if (mean > 0) {
    f.monotony_constant = true;
  }

  for (Day x = d; s.at(x).runs > 0; x -= kDay) ++f.consecutive_run_days;
  for (Day x = d; !s.at(x).rest(); x -= kDay) ++f.days_since_rest;
  for (Day x = w7; x <= d; x += kDay) f.rest_days_7d += s.at(x).rest() ? 1 : 0;

  f.hard_7d_m = s.sum(w7, d, hard);
  f.hard_28d_m = s.sum(w28, d, hard);
  if (f.distance_28d_m > 0) f.hard_share_28d = f.hard_28d_m / f.distance_28d_m;

  if (settings.hr_max_bpm && settings.hr_rest_bpm && settings.sex) {
    f.trimp_7d = s.sum(w7, d, [](const DayTotals& t) { return t.trimp; });
  }
  const double cad_s = s.sum(w28, d, [](const DayTotals& t) { return t.cadence_s; });
  if (cad_s > 0) {
    f.cadence_28d_spm =
        s.sum(w28, d, [](const DayTotals& t) { return t.cadence_weighted; }) / cad_s;
  }
  f.run_easy_7d_s = s.sum(w7, d, [](const DayTotals& t) { return t.run_easy_s; });
  f.run_hard_7d_s = s.sum(w7, d, [](const DayTotals& t) { return t.run_hard_s; });
  if (f.run_easy_7d_s + f.run_hard_7d_s > 0) {
    f.easy_share_7d = f.run_easy_7d_s / (f.run_easy_7d_s + f.run_hard_7d_s);
  }
  for (Day x = d; !s.empty() && x >= s.first(); x -= kDay) {
    if (s.at(x).strength) {
      f.days_since_strength = static_cast<int>((d - x).count());
      break;
    }
  }
  return f;
}

Figures compute_figures(const History& history, Day day, const Settings& settings,
                        const std::optional<PlannedRun>& extra) {
  DailySeries series = build_series(history, series_start(history, day), day, settings);
  if (extra) add_planned_run(series, day, resolve(history, day, *extra, settings), settings);
  return compute_figures(series, day, settings);
}

std::vector<Figure> named_figures(const Figures& f) {
  std::vector<Figure> out{
      {"distance_7d_m", f.distance_7d_m},
      {"distance_28d_m", f.distance_28d_m},
      {"time_7d_s", f.time_7d_s},
      {"time_28d_s", f.time_28d_s},
      {"load_7d", f.load_7d},
      {"load_28d", f.load_28d},
  };
  auto opt = [&](const char* name, const std::optional<double>& v) {
    if (v) out.push_back({name, *v});
  };
  opt("acwr_distance", f.acwr_distance);
  opt("acwr_time", f.acwr_time);
  opt("acwr_load", f.acwr_load);
  out.push_back({"fitness", f.fitness});
  out.push_back({"fatigue", f.fatigue});
  out.push_back({"form", f.form});
  opt("acwr_ewma", f.acwr_ewma);
  opt("week_change_pct", f.week_change_pct);
  out.push_back({"week_change_m", f.week_change_m});
  out.push_back({"longest_30d_m", f.longest_30d_m});
  out.push_back({"longest_30d_s", f.longest_30d_s});
  opt("monotony", f.monotony);
  opt("strain", f.strain);
  out.push_back({"consecutive_run_days", static_cast<double>(f.consecutive_run_days)});
  out.push_back({"days_since_rest", static_cast<double>(f.days_since_rest)});
  out.push_back({"rest_days_7d", static_cast<double>(f.rest_days_7d)});
  out.push_back({"hard_7d_m", f.hard_7d_m});
  out.push_back({"hard_28d_m", f.hard_28d_m});
  opt("hard_share_28d", f.hard_share_28d);
  opt("trimp_7d", f.trimp_7d);
  opt("cadence_28d_spm", f.cadence_28d_spm);
  out.push_back({"run_easy_7d_s", f.run_easy_7d_s});
  out.push_back({"run_hard_7d_s", f.run_hard_7d_s});
  opt("easy_share_7d", f.easy_share_7d);
  if (f.days_since_strength) {
    out.push_back({"days_since_strength", static_cast<double>(*f.days_since_strength)});
  }
  return out;
}

std::vector<LoadPoint> load_over_time(const History& history, Day first, Day last,
                                      const Settings& settings) {
  std::vector<LoadPoint> out;
  if (last < first) return out;
  Day start = first;
  if (auto h = history.first_day(); h && *h < start) start = *h;
  const DailySeries s = build_series(history, start, last, settings);
  const double lf = ewma_lambda(settings.ewma_decay, settings.fitness_days);
  const double la = ewma_lambda(settings.ewma_decay, settings.fatigue_days);
  double fitness = 0;
  double fatigue = 0;
  for (Day x = start; x <= last; x += kDay) {
    const auto& t = s.at(x);
    fitness += lf * (t.session_load - fitness);
    fatigue += la * (t.session_load - fatigue);
    if (x >= first) {
      out.push_back({x, t.run_m, t.session_load, fitness, fatigue, fitness - fatigue, t.run_easy_s,
                     t.run_hard_s});
    }
  }
  return out;
}

int LoadSourceCounts::count(LoadSource source) const {
  switch (source) {
    case LoadSource::rpe:
      return rpe;
    case LoadSource::kind:
      return kind;
    case LoadSource::hr:
      return hr;
    case LoadSource::pace:
      return pace;
    case LoadSource::sport_default:
      return sport_default;
  }
  return 0;
}

LoadSourceCounts load_source_counts(const History& history, Day day, const Settings& settings,
                                    int days) {
  LoadSourceCounts c;
  const Day from = day - date::days{days - 1};
  const auto loads = session_loads(history.activities, settings);
  for (std::size_t i = 0; i < loads.size(); ++i) {
    const Day x = history.activities[i].local_date;
    if (x < from || x > day) continue;
    ++c.sessions;
    switch (loads[i].source) {
      case LoadSource::rpe:
        ++c.rpe;
        break;
      case LoadSource::kind:
        ++c.kind;
        break;
      case LoadSource::hr:
        ++c.hr;
        break;
      case LoadSource::pace:
        ++c.pace;
        break;
      case LoadSource::sport_default:
        ++c.sport_default;
        break;
    }
  }
  return c;
}

}  // namespace stride::engine
