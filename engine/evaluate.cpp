#include "engine/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/datetime.hpp"

namespace stride::engine {
namespace {

constexpr date::days kDay{1};

bool above(double value, double threshold) { return value > threshold + kTolerance; }

std::string iso(Day day) { return format_day(day); }

std::string pct(double ratio) { return fmt::format("{:+.0f} %", (ratio - 1.0) * 100.0); }

std::string dist(double m, const Settings& s) { return format_distance(m, s.units); }

std::string pace_text(double s_per_km) {
  const long total = std::lround(s_per_km);
  return fmt::format("{}:{:02}/km", total / 60, total % 60);
}

/// The first day of history up to `day` (activities and pain notes).
std::optional<Day> first_day_until(const History& h, Day day) {
  std::optional<Day> first;
  for (const auto& a : h.activities) {
    if (a.local_date <= day && (!first || a.local_date < *first)) first = a.local_date;
  }
  for (const auto& p : h.pain_notes) {
    if (p.date <= day && (!first || p.date < *first)) first = p.date;
  }
  return first;
}

struct Context {
  const History& history;
  Day day;
  const Settings& settings;
  const DailySeries& series;
  const DayTotals& today;
  double run_m;  ///< the evaluated run: the planned one, else the day's longest
  double run_s;
  bool planned;
  bool short_history;
  StartingBaseline baseline;
  const std::optional<ComebackWindow>& window;  ///< the comeback window covering the day
  bool hard;                                    ///< the judged run is a hard one
};

/// The longest run (field) a spike compares with: the 30 days before the day,
/// or inside a comeback window the window's runs and the 30 days ending with
/// the last run before the break.
template <typename F>
std::pair<double, std::optional<Day>> reference_longest(const Context& c, F field) {
  double longest = 0;
  std::optional<Day> longest_day;
  auto scan = [&](Day from, Day to) {
    for (Day x = from; x <= to; x += kDay) {
      const double v = field(c.series.at(x));
      if (v > 0 && v >= longest) {
        longest = v;
        longest_day = x;
      }
    }
  };
  if (c.window && c.window->last_run_before) {
    scan(*c.window->last_run_before - date::days{29}, *c.window->last_run_before);
    scan(c.window->start, c.day - kDay);
  } else {
    scan(c.day - date::days{30}, c.day - kDay);
  }
  return {longest, longest_day};
}

const char* run_name(const Context& c) { return c.planned ? "planned_m" : "run_m"; }
const char* run_name_s(const Context& c) { return c.planned ? "planned_s" : "run_s"; }

/// Shared by the two single-run spikes: ratio against a reference, quiet under
/// a minimum increase, danger above the upper band.
std::optional<Severity> spike_severity(double value, double reference, double quiet_under,
                                       double caution, double danger) {
  if (reference <= 0) return std::nullopt;  // no baseline, no spike
  if (value - reference < quiet_under - kTolerance) return std::nullopt;
  const double ratio = value / reference;
  if (above(ratio, danger)) return Severity::danger;
  if (above(ratio, caution)) return Severity::caution;
  return std::nullopt;
}

void single_run_spike(const Context& c, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  auto [longest, longest_day] =
      reference_longest(c, [](const DayTotals& t) { return t.longest_run_m; });
  bool lent = false;
  if (c.short_history && c.baseline.longest_run_m > longest) {
    longest = c.baseline.longest_run_m;
    lent = true;
  }
  const auto sev = spike_severity(c.run_m, longest, s.single_run_quiet_under_m,
                                  s.single_run_caution_ratio, s.single_run_danger_ratio);
  if (!sev) return;
  const double ratio = c.run_m / longest;
  Warning w{RuleId::single_run_spike, *sev, {}, {}, {}, {}};
  w.lent_baseline = lent;
  w.figures = {{"ratio", ratio},
               {run_name(c), c.run_m},
               {"longest_30d_m", longest},
               {"increase_m", c.run_m - longest}};
  if (!lent && longest_day) w.dates.push_back({"longest_30d_date", *longest_day});
  w.reason = fmt::format(
      "{} is {} against the longest run of {} ({}{})", dist(c.run_m, s), pct(ratio),
      c.window ? "the comeback and the 30 days before the break" : "the previous 30 days",
      dist(longest, s),
      lent ? fmt::format(", the {} starting baseline", to_string(s.experience))
           : fmt::format(" on {}", iso(*longest_day)));
  w.advice = fmt::format(
      "Keep this run within 10 % of your recent longest: about {}. Lengthen long runs "
      "gradually; a single jump is the strongest running-specific injury signal.",
      dist(longest * s.single_run_caution_ratio, s));
  out.push_back(std::move(w));
}

void duration_spike(const Context& c, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  double longest = reference_longest(c, [](const DayTotals& t) { return t.longest_run_s; }).first;
  bool lent = false;
  const double base_s = c.baseline.longest_run_m / 1000.0 * c.baseline.pace_s_per_km;
  if (c.short_history && base_s > longest) {
    longest = base_s;
    lent = true;
  }
  const auto sev = spike_severity(c.run_s, longest, s.duration_quiet_under_s,
                                  s.duration_caution_ratio, s.duration_danger_ratio);
  if (!sev) return;
  const double ratio = c.run_s / longest;
  Warning w{RuleId::duration_spike, *sev, {}, {}, {}, {}};
  w.lent_baseline = lent;
  w.figures = {{"ratio", ratio},
               {run_name_s(c), c.run_s},
               {"longest_30d_s", longest},
               {"increase_s", c.run_s - longest}};
  w.reason = fmt::format(
      "{} of running is {} against the longest run time of the previous 30 "
      "days ({}{})",
      format_duration(c.run_s), pct(ratio), format_duration(longest),
      lent ? ", a starting baseline" : "");
  w.advice = fmt::format(
      "Keep the run under about {}; sharp rises in run duration load the patellar tendon.",
      format_duration(longest * s.duration_caution_ratio));
  out.push_back(std::move(w));
}

/// weekly-distance-spike and weekly-duration-spike.
template <typename F>
void weekly_spike(const Context& c, RuleId id, F field, double base_week, double quiet_under,
                  double caution, double danger, bool metres, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  const Day w7 = c.day - date::days{6};
  const double week = c.series.sum(w7, c.day, field);
  const double prev = c.series.sum(w7 - date::days{7}, w7 - kDay, field);
  const double mean28 = c.series.sum(w7 - date::days{35}, w7 - date::days{8}, field) / 4.0;
  double reference = std::max(prev, mean28);
  bool lent = false;
  if (c.short_history && base_week > reference) {
    reference = base_week;
    lent = true;
  }
  const auto sev = spike_severity(week, reference, quiet_under, caution, danger);
  if (!sev) return;
  const double ratio = week / reference;
  const std::string unit = metres ? "_m" : "_s";
  Warning w{id, *sev, {}, {}, {}, {}};
  w.lent_baseline = lent;
  w.figures = {{"ratio", ratio},
               {"week" + unit, week},
               {"previous_week" + unit, prev},
               {"mean_week_28d" + unit, mean28},
               {"increase" + unit, week - reference}};
  w.dates = {{"week_start_date", w7}, {"previous_week_start_date", w7 - date::days{7}}};
  auto show = [&](double v) { return metres ? dist(v, s) : format_duration(v); };
  w.reason =
      fmt::format("{} {} in the 7 days to {} is {} against {} ({})", show(week),
                  metres ? "run" : "of running", iso(c.day), pct(ratio), show(reference),
                  lent ? fmt::format("the {} starting baseline week", to_string(s.experience))
                  : prev >= mean28 ? std::string("the week before")
                                   : std::string("the mean week of the 28 days before"));
  w.advice = fmt::format(
      "Raise weekly {} slowly: keep these 7 days under about {}. Fast rises go with runner's "
      "knee, IT band syndrome, shin splints and patellar tendinopathy.",
      metres ? "distance" : "running time", show(reference * caution));
  out.push_back(std::move(w));
}

void hard_surface(const Context& c, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  if (c.today.hard_m <= 0) return;  // today's run is off hard ground: no new exposure
  auto hard = [](const DayTotals& t) { return t.hard_m; };
  auto run = [](const DayTotals& t) { return t.run_m; };
  const Day w7 = c.day - date::days{6};
  const Day w28 = c.day - date::days{27};
  const double hard7 = c.series.sum(w7, c.day, hard);
  const double hard28 = c.series.sum(w28, c.day, hard);
  const double run28 = c.series.sum(w28, c.day, run);
  const double earlier_runs = c.series.sum(w28, w7 - kDay, run);
  double mean_week = hard28 / 4.0;
  bool lent = false;
  if (c.short_history && c.baseline.week_m > mean_week) {
    mean_week = c.baseline.week_m;
    lent = true;
  }
  // Inside a comeback window the ramp (return-after-break) bounds every
  // kilometre, road included; a 28-day mean that holds the break would flag
  // any restart on the runner's usual ground, so the ratio is not judged there.
  const bool has_baseline = (lent || earlier_runs > 0) && !c.window;
  const double ratio = mean_week > 0 ? hard7 / mean_week : 0;
  const double share = run28 > 0 ? hard28 / run28 : 0;
  if (has_baseline && above(ratio, s.hard_surface_caution_ratio)) {
    Warning w{RuleId::hard_surface, Severity::caution, {}, {}, {}, {}};
    w.lent_baseline = lent;
    w.figures = {{"ratio", ratio},
                 {"hard_7d_m", hard7},
                 {"hard_mean_week_28d_m", hard28 / 4.0},
                 {"hard_share_28d", share}};
    w.dates = {{"window_start_date", w28}};
    w.reason = fmt::format("{} on hard surfaces in 7 days, {:.1f}x the weekly mean of 28 days ({})",
                           dist(hard7, s), ratio, dist(mean_week, s));
    w.advice =
        "Move some running to trail, grass or track this week; hard-surface time is what the "
        "article asks you to watch for shin splints. This is exposure, not a risk figure.";
    out.push_back(std::move(w));
  } else if (run28 > 0 && above(share, s.hard_share_info)) {
    Warning w{RuleId::hard_surface, Severity::info, {}, {}, {}, {}};
    w.figures = {{"hard_share_28d", share}, {"hard_28d_m", hard28}, {"distance_28d_m", run28}};
    w.dates = {{"window_start_date", w28}};
    w.reason =
        fmt::format("{:.0f} % of the last 28 days' running was on hard surfaces", share * 100.0);
    w.advice =
        "Mix in softer ground (trail, grass, track) where you can; this is exposure, "
        "not a risk figure.";
    out.push_back(std::move(w));
  }
}

void consecutive_days(const Context& c, const Figures& f, std::vector<Warning>& out) {
  const int limit = c.settings.consecutive_run_days_limit();
  if (f.consecutive_run_days <= limit) return;
  Warning w{RuleId::consecutive_run_days, Severity::caution, {}, {}, {}, {}};
  w.figures = {{"run_days_in_row", static_cast<double>(f.consecutive_run_days)},
               {"limit_days", static_cast<double>(limit)}};
  w.dates = {{"streak_start_date", c.day - date::days{f.consecutive_run_days - 1}}};
  w.reason = fmt::format("{} running days in a row (limit {} for {})", f.consecutive_run_days,
                         limit, to_string(c.settings.experience));
  w.advice =
      "Take a rest day or swap this run for easy cross-training (cycling, swimming); "
      "legs need regular rest.";
  out.push_back(std::move(w));
}

void no_rest_day(const Context& c, const Figures& f, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  if (f.days_since_rest < s.no_rest_caution_days) return;
  const Severity sev =
      f.days_since_rest >= s.no_rest_danger_days ? Severity::danger : Severity::caution;
  Warning w{RuleId::no_rest_day, sev, {}, {}, {}, {}};
  w.figures = {{"days_without_rest", static_cast<double>(f.days_since_rest)}};
  w.dates = {{"last_rest_date", c.day - date::days{f.days_since_rest}}};
  w.reason = fmt::format("{} days without a rest day (last rest {})", f.days_since_rest,
                         iso(c.day - date::days{f.days_since_rest}));
  w.advice = "Make this a rest day: no run and no hard training. Easy cross-training is fine.";
  out.push_back(std::move(w));
}

void monotony(const Context& c, const Figures& f, std::vector<Warning>& out) {
  if (!f.monotony_constant && !(f.monotony && above(*f.monotony, c.settings.monotony_info))) {
    return;
  }
  Warning w{RuleId::monotony, Severity::info, {}, {}, {}, {}};
  if (f.monotony) w.figures.push_back({"monotony", *f.monotony});
  w.figures.push_back({"load_7d", f.load_7d});
  if (f.strain) w.figures.push_back({"strain", *f.strain});
  w.dates = {{"window_start_date", c.day - date::days{6}}};
  w.reason = f.monotony ? fmt::format(
                              "training load was much the same every day of the last 7 "
                              "(monotony {:.1f})",
                              *f.monotony)
                        : std::string("training load was identical every day of the last 7");
  w.advice = "Vary the week: easy and rest days between the harder ones.";
  out.push_back(std::move(w));
}

/// return-after-break: inside a comeback window, the 7 days ending with the
/// run against the window week's ramp allowance, the first run against
/// return_fraction x the longest run before the break, and a hard run in the
/// window's first 14 days.
void return_after_break(const Context& c, std::vector<Warning>& out) {
  if (!c.window) return;
  const Settings& s = c.settings;
  const ComebackWindow& win = *c.window;
  const Day from = std::max(win.start, c.day - date::days{6});
  const double week = c.series.sum(from, c.day, [](const DayTotals& t) { return t.run_m; });
  const double allowance = win.allowance_m(c.day);
  const int wk = win.week_of(c.day);
  std::optional<Severity> sev;
  auto raise = [&](Severity x) {
    if (!sev || x > *sev) sev = x;
  };
  std::vector<std::string> parts;
  std::vector<std::string> advice;
  const bool over = above(week, allowance);
  if (over) {
    raise(above(week, s.comeback_danger_factor * allowance) ? Severity::danger : Severity::caution);
    parts.push_back(
        fmt::format("{} in the last 7 days is {} against comeback week {}'s allowance of {}",
                    dist(week, s), pct(week / allowance), wk, dist(allowance, s)));
    advice.push_back(fmt::format(
        "Build back by the ramp: keep the 7 days ending with this run within {}; the allowance "
        "grows about {:.0f} % a week up to your pre-break week ({}).",
        dist(allowance, s), (s.comeback_growth - 1.0) * 100.0, dist(win.pre_break_week_m, s)));
  }
  const double first_limit = win.first_run_limit_m(s);
  const bool first_long =
      c.day == win.start && win.longest_before_m > 0 && above(c.run_m, first_limit);
  if (first_long) {
    raise(Severity::caution);
    parts.push_back(fmt::format(
        "the first run back, {}, is {:.0f} % of the longest run of the 30 days before the break "
        "({})",
        dist(c.run_m, s), c.run_m / win.longest_before_m * 100.0, dist(win.longest_before_m, s)));
    advice.push_back(fmt::format("Make the first run at most {} ({:.0f} % of that run).",
                                 dist(first_limit, s), s.return_fraction * 100.0));
  }
  const bool hard_early = c.hard && win.early(c.day, s);
  if (hard_early) {
    raise(Severity::caution);
    parts.push_back(
        fmt::format("a hard run on day {} of the comeback", (c.day - win.start).count() + 1));
    advice.push_back(fmt::format(
        "Keep every run easy for the first {} days: frequency and duration come back before "
        "intensity.",
        s.comeback_hard_days));
  }
  if (!sev) return;
  Warning w{RuleId::return_after_break, *sev, {}, {}, {}, {}};
  w.figures = {{"window_week", static_cast<double>(wk)},
               {"max_weeks", static_cast<double>(win.max_weeks)},
               {"break_days", static_cast<double>(win.break_days)},
               {"week_m", week},
               {"allowance_m", allowance},
               {"ratio", allowance > 0 ? week / allowance : 0},
               {"pre_break_week_m", win.pre_break_week_m},
               {"first_week_fraction", win.first_week_fraction},
               {run_name(c), c.run_m},
               {"longest_before_break_m", win.longest_before_m},
               {"first_run_limit_m", first_limit}};
  w.dates = {{"window_start_date", win.start}, {"break_start_date", win.break_start}};
  if (win.last_run_before) w.dates.push_back({"last_run_date", *win.last_run_before});
  if (win.longest_before_date)
    w.dates.push_back({"longest_before_break_date", *win.longest_before_date});
  std::string opened =
      win.after_red_flag
          ? fmt::format("after the {} red flag ({} days from its first note or your last run)",
                        win.red_flag_site ? to_string(*win.red_flag_site) : "pain", win.break_days)
          : fmt::format("after {} days without running", win.break_days);
  std::string why;
  for (std::size_t i = 0; i < parts.size(); ++i) why += (i == 0 ? "" : "; ") + parts[i];
  w.reason = fmt::format("comeback week {} of up to {} {}: {}", wk, win.max_weeks, opened, why);
  for (std::size_t i = 0; i < advice.size(); ++i) w.advice += (i == 0 ? "" : " ") + advice[i];
  out.push_back(std::move(w));
}

/// One `pain` warning per open episode; in a plan, an easy run within a mild
/// episode's limits is context.
void pain_rule(const Context& c, const std::vector<PainEpisode>& episodes,
               const EvaluateOptions& options, std::vector<Warning>& out) {
  for (const PainEpisode& e : episodes) {
    Warning w = pain_warning(e, c.day, c.settings);
    if (options.plan_day && e.band(c.settings) == PainBand::mild && !c.hard) {
      double limit = 0;
      if (options.pain_week_limit_m) {
        limit = *options.pain_week_limit_m;
      } else {
        const Day before = e.first_date - kDay;
        limit = c.series.sum(before - date::days{27}, before, [](const DayTotals& t) {
          return t.run_m;
        }) / 4.0;
      }
      // Inside a comeback the ramp is the week the runner is rebuilding to:
      // an easy week within its allowance keeps the episode's limits too.
      if (c.window) limit = std::max(limit, c.window->allowance_m(c.day));
      const double week =
          c.series.sum(c.day - date::days{6}, c.day, [](const DayTotals& t) { return t.run_m; });
      w.figures.push_back({"week_m", week});
      w.figures.push_back({"week_limit_m", limit});
      if (!above(week, limit)) {
        w.severity = Severity::info;
        w.reason +=
            fmt::format("; the plan keeps it easy and within {} a week", dist(limit, c.settings));
      }
    }
    out.push_back(std::move(w));
  }
}

/// An open pain episode raises the day's load alarms one step.
void raise_with_pain(const std::vector<PainEpisode>& episodes, std::vector<Warning>& warnings) {
  if (episodes.empty()) return;
  std::string sites;
  for (const PainEpisode& e : episodes)
    sites += (sites.empty() ? "" : ", ") + std::string(to_string(e.site));
  for (Warning& w : warnings) {
    switch (w.rule) {
      case RuleId::single_run_spike:
      case RuleId::duration_spike:
      case RuleId::weekly_distance_spike:
      case RuleId::weekly_duration_spike:
      case RuleId::return_after_break:
      case RuleId::no_rest_day:
      case RuleId::consecutive_run_days:
      case RuleId::hard_surface:
        break;
      default:
        continue;
    }
    if (w.severity != Severity::caution || w.lent_baseline) continue;
    w.severity = Severity::danger;
    w.reason += fmt::format(", raised to danger by the open {} pain", sites);
  }
}

Day series_start(const History& history, Day day) {
  Day start = day - date::days{60};
  if (auto first = history.first_day(); first && *first < start) start = *first;
  return start;
}

}  // namespace

namespace {

/// The rules on a series that holds the history (and any planned run) up to
/// `day` and starts early enough; days after `day` are never read.
void evaluate_on(const History& history, const DailySeries& series, Day day,
                 const Settings& settings, const EvaluateOptions& options, Evaluation& ev) {
  ev.figures = compute_figures(series, day, settings);
  ev.pain_episodes = open_pain_episodes(history.pain_notes, day, settings, options.pain_counting);
  const DayTotals& today = series.at(day);
  ev.comeback = comeback_window_on(history, day, settings, ev.planned ? ev.planned->distance_m : 0);
  if (today.runs == 0) return;  // a day without a run is never flagged

  bool hard = false;
  if (ev.planned) {
    hard =
        options.planned_hard ||
        (ev.planned->rpe ? *ev.planned->rpe >= 7 : ev.planned->kind && is_hard(*ev.planned->kind));
  } else {
    for (const Activity& a : history.activities)
      if (a.local_date == day && is_run(a.sport) && is_hard_run(a, history, settings)) hard = true;
  }
  const auto first = first_day_until(history, day).value_or(day);
  const Context c{history,
                  day,
                  settings,
                  series,
                  today,
                  ev.planned ? ev.planned->distance_m : today.longest_run_m,
                  ev.planned ? ev.planned->duration_s : today.longest_run_s,
                  ev.planned.has_value(),
                  (day - first).count() < 28,
                  settings.baseline(),
                  ev.comeback,
                  hard};
  const StartingBaseline& b = c.baseline;
  single_run_spike(c, ev.warnings);
  duration_spike(c, ev.warnings);
  // Inside a comeback window return-after-break judges the week instead.
  if (!ev.comeback) {
    weekly_spike(
        c, RuleId::weekly_distance_spike, [](const DayTotals& t) { return t.run_m; }, b.week_m,
        settings.weekly_distance_quiet_under_m, settings.weekly_distance_caution_ratio,
        settings.weekly_distance_danger_ratio, true, ev.warnings);
    weekly_spike(
        c, RuleId::weekly_duration_spike, [](const DayTotals& t) { return t.run_s; },
        b.week_m / 1000.0 * b.pace_s_per_km, settings.weekly_duration_quiet_under_s,
        settings.weekly_duration_caution_ratio, settings.weekly_duration_danger_ratio, false,
        ev.warnings);
  }
  hard_surface(c, ev.warnings);
  consecutive_days(c, ev.figures, ev.warnings);
  no_rest_day(c, ev.figures, ev.warnings);
  monotony(c, ev.figures, ev.warnings);
  return_after_break(c, ev.warnings);
  raise_with_pain(ev.pain_episodes, ev.warnings);
  pain_rule(c, ev.pain_episodes, options, ev.warnings);

  // Said whenever the baseline is in play, not only when it decided a warning:
  // a clear verdict on a young history leans on it too.
  if (c.short_history) {
    ev.starting_baseline = true;
    ev.notes.push_back(fmt::format(
        "history shorter than 28 days: compared with the {} starting baseline (longest run {}, "
        "week {})",
        to_string(settings.experience), dist(b.longest_run_m, settings), dist(b.week_m, settings)));
  }
  sort_warnings(ev.warnings);
}

}  // namespace

Evaluation evaluate(const History& history, Day day, const Settings& settings,
                    const std::optional<PlannedRun>& extra, const EvaluateOptions& options) {
  Evaluation ev;
  ev.date = day;
  DailySeries series = build_series(history, series_start(history, day), day, settings);
  if (extra) {
    ev.planned = resolve(history, day, *extra, settings);
    add_planned_run(series, day, *ev.planned, settings);
    const char* source = ev.planned->pace_from_history ? "recent" : "a default";
    if (ev.planned->distance_estimated) {
      ev.notes.push_back(fmt::format("distance estimated from {} pace ({}): {}", source,
                                     pace_text(ev.planned->pace_s_per_km),
                                     dist(ev.planned->distance_m, settings)));
    }
    if (ev.planned->duration_estimated) {
      ev.notes.push_back(fmt::format("duration estimated from {} pace ({}): {}", source,
                                     pace_text(ev.planned->pace_s_per_km),
                                     format_duration(ev.planned->duration_s)));
    }
  }
  evaluate_on(history, series, day, settings, options, ev);
  return ev;
}

std::vector<Warning> evaluate_day(const History& history, Day day, const Settings& settings,
                                  const std::optional<PlannedRun>& extra) {
  return evaluate(history, day, settings, extra).warnings;
}

std::vector<DayWarnings> warnings_by_day(const History& history, Day from, Day to,
                                         const Settings& settings) {
  std::vector<Day> run_days;
  for (const auto& a : history.activities) {
    if (is_run(a.sport) && a.local_date >= from && a.local_date <= to)
      run_days.push_back(a.local_date);
  }
  std::sort(run_days.begin(), run_days.end());
  run_days.erase(std::unique(run_days.begin(), run_days.end()), run_days.end());
  std::vector<DayWarnings> out;
  if (run_days.empty()) return out;
  // One series for every day: evaluating a day never reads the days after it.
  const DailySeries series = build_series(history, series_start(history, from), to, settings);
  for (Day d : run_days) {
    Evaluation ev;
    ev.date = d;
    EvaluateOptions options;
    options.pain_counting = PainCounting::during_run_from_next_day;
    evaluate_on(history, series, d, settings, options, ev);
    if (!ev.warnings.empty()) out.push_back({d, std::move(ev.warnings)});
  }
  return out;
}

std::vector<std::pair<std::string, double>> shoe_distances_m(const History& history, Day day) {
  std::map<std::string, double> totals;
  for (const auto& a : history.activities) {
    if (is_run(a.sport) && !a.shoe.empty() && a.local_date <= day) totals[a.shoe] += a.distance_m;
  }
  return {totals.begin(), totals.end()};
}

std::vector<Warning> status_warnings(const History& history, Day day, const Settings& settings,
                                     std::string_view shoe_in_use) {
  std::vector<Warning> out;
  const auto first = first_day_until(history, day);
  if (!first) return out;

  // strength-gap
  std::optional<Day> last_strength;
  for (const auto& a : history.activities) {
    if (a.sport == Sport::strength && a.local_date <= day &&
        (!last_strength || a.local_date > *last_strength)) {
      last_strength = a.local_date;
    }
  }
  const int gap = static_cast<int>((day - last_strength.value_or(*first)).count());
  if (gap >= settings.strength_gap_days) {
    Warning w{RuleId::strength_gap, Severity::info, {}, {}, {}, {}};
    w.figures = {{"days_since_strength", static_cast<double>(gap)}};
    if (last_strength) w.dates = {{"last_strength_date", *last_strength}};
    w.reason = last_strength ? fmt::format("no strength session for {} days (last {})", gap,
                                           iso(*last_strength))
                             : fmt::format("no strength session logged in {} days of history", gap);
    w.advice =
        "Two strength sessions a week for the glutes, hips, quads and hamstrings: squats, "
        "lunges, deadlifts, glute bridges, hip abduction, hamstring curls, calf raises.";
    out.push_back(std::move(w));
  }

  // shoe-mileage
  std::vector<std::string> shoes;
  if (!shoe_in_use.empty()) {
    shoes.emplace_back(shoe_in_use);
  } else {
    for (const auto& a : history.activities) {
      if (is_run(a.sport) && !a.shoe.empty() && a.local_date <= day &&
          a.local_date > day - date::days{30} &&
          std::find(shoes.begin(), shoes.end(), a.shoe) == shoes.end()) {
        shoes.push_back(a.shoe);
      }
    }
    std::sort(shoes.begin(), shoes.end());
  }
  const auto totals = shoe_distances_m(history, day);
  for (const auto& shoe : shoes) {
    double total = 0;
    for (const auto& [name, m] : totals) {
      if (name == shoe) total = m;
    }
    const double limit = settings.retirement_m_for(shoe);
    if (!above(total, limit)) continue;
    Warning w{RuleId::shoe_mileage, Severity::info, {}, {}, {}, {}};
    w.figures = {{"shoe_m", total}, {"retirement_m", limit}};
    w.reason = fmt::format("shoe '{}' has {} on it (retire at {})", shoe, dist(total, settings),
                           dist(limit, settings));
    w.advice = "Consider retiring this pair; worn cushioning and support change how you land.";
    out.push_back(std::move(w));
  }

  // low-cadence
  const Figures f = compute_figures(history, day, settings);
  if (f.cadence_28d_spm && *f.cadence_28d_spm < settings.low_cadence_spm - kTolerance) {
    const double c = *f.cadence_28d_spm;
    Warning w{RuleId::low_cadence, Severity::info, {}, {}, {}, {}};
    w.figures = {
        {"cadence_28d_spm", c}, {"target_low_spm", c * 1.05}, {"target_high_spm", c * 1.10}};
    w.dates = {{"window_start_date", day - date::days{27}}};
    w.reason = fmt::format("mean running cadence over 28 days is {:.0f} steps/min", c);
    w.advice = fmt::format(
        "Try a slightly quicker, shorter step: about {:.0f}-{:.0f} steps/min (+5-10 %) eases the "
        "load at the knee. A coaching cue, not an injury figure.",
        c * 1.05, c * 1.10);
    out.push_back(std::move(w));
  }

  for (const PainEpisode& e : open_pain_episodes(history.pain_notes, day, settings))
    out.push_back(pain_warning(e, day, settings));
  sort_warnings(out);
  return out;
}

}  // namespace stride::engine
