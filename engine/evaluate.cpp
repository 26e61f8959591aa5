#include "engine/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/datetime.hpp"
#include "engine/paces.hpp"
#include "engine/windows.hpp"

namespace stride::engine {
namespace {

constexpr date::days kDay{1};

bool above(double value, double threshold) { return value > threshold + kTolerance; }

std::string iso(Day day) { return format_day(day); }

std::string dist(double m, const Settings& s) { return format_distance(m, s.units); }

/// A setting's ratio as the rise it allows: 1.10 -> "10 %", 1.25 -> "25 %".
std::string allowed_rise(double ratio) {
  return fmt::format("{:g} %", std::round((ratio - 1.0) * 1000.0) / 10.0);
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
  bool short_history;  ///< under 28 days: the experience level lends a baseline
  bool first_week;     ///< under 7 days: no week before, the weekly rules are quiet
  Day first;           ///< the first day of history
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
    scan(*c.window->last_run_before - (kLongestRun - kDay), *c.window->last_run_before);
    scan(c.window->start, c.day - kDay);
  } else {
    scan(c.day - kLongestRun, c.day - kDay);
  }
  return {longest, longest_day};
}

const char* run_name(const Context& c) { return c.planned ? "planned_m" : "run_m"; }
const char* run_name_s(const Context& c) { return c.planned ? "planned_s" : "run_s"; }

/// How a reason names a baseline the experience level lent.
std::string lent_text(const Settings& s) {
  return fmt::format("a baseline lent by the {} level while the history is shorter than {} days",
                     to_string(s.experience), kChronicDays);
}

/// Shared by the spikes: ratio against a reference, quiet under a minimum
/// increase, danger above the upper band. Against a lent baseline the runner's
/// own history is unknown, so a spike is at most a caution.
std::optional<Severity> spike_severity(double value, double reference, double quiet_under,
                                       double caution, double danger, bool lent) {
  if (reference <= 0) return std::nullopt;  // no baseline, no spike
  if (value - reference < quiet_under - kTolerance) return std::nullopt;
  const double ratio = value / reference;
  if (above(ratio, danger)) return lent ? Severity::caution : Severity::danger;
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
                                  s.single_run_caution_ratio, s.single_run_danger_ratio, lent);
  if (!sev) return;
  const double ratio = c.run_m / longest;
  Warning w{RuleId::single_run_spike, *sev, {}, {}, {}, {}};
  w.lent_baseline = lent;
  w.figures = {{"ratio", ratio},
               {run_name(c), c.run_m},
               {"longest_30d_m", longest},
               {"increase_m", c.run_m - longest}};
  if (lent) w.figures.push_back({"lent_baseline", 1});
  if (!lent && longest_day) w.dates.push_back({"longest_30d_date", *longest_day});
  w.reason = fmt::format(
      "{} is {} against the longest run of {} ({}{})", dist(c.run_m, s),
      format_change(ratio, {s.single_run_caution_ratio, s.single_run_danger_ratio}),
      c.window ? fmt::format("the comeback and the {} days before the break", kLongestRunDays)
               : fmt::format("the previous {} days", kLongestRunDays),
      dist(longest, s), lent ? ", " + lent_text(s) : fmt::format(" on {}", iso(*longest_day)));
  w.advice = fmt::format(
      "Keep this run within {} of your recent longest: about {}. Lengthen long runs "
      "gradually; a single jump is the strongest running-specific injury signal.",
      allowed_rise(s.single_run_caution_ratio), dist(longest * s.single_run_caution_ratio, s));
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
                                  s.duration_caution_ratio, s.duration_danger_ratio, lent);
  if (!sev) return;
  const double ratio = c.run_s / longest;
  Warning w{RuleId::duration_spike, *sev, {}, {}, {}, {}};
  w.lent_baseline = lent;
  w.figures = {{"ratio", ratio},
               {run_name_s(c), c.run_s},
               {"longest_30d_s", longest},
               {"increase_s", c.run_s - longest}};
  if (lent) w.figures.push_back({"lent_baseline", 1});
  w.reason = fmt::format(
      "{} of running is {} against the longest run time of the previous {} days ({}{})",
      format_duration(c.run_s),
      format_change(ratio, {s.duration_caution_ratio, s.duration_danger_ratio}), kLongestRunDays,
      format_duration(longest), lent ? ", " + lent_text(s) : std::string());
  w.advice = fmt::format(
      "Keep the run within {} of your recent longest time: under about {}; sharp rises in run "
      "duration load the patellar tendon.",
      allowed_rise(s.duration_caution_ratio), format_duration(longest * s.duration_caution_ratio));
  out.push_back(std::move(w));
}

/// What the weekly spikes compare the 7 days ending with `day` against.
struct WeeklyReference {
  double value = 0;        ///< the larger of prev and mean28 (short histories: at their rate)
  double prev = 0;         ///< the 7 days before
  double mean28 = 0;       ///< the mean week of the 28 days before those
  bool lent = false;       ///< the experience level's baseline stood in
  bool from_prev = false;  ///< the 7 days before were the larger
};

template <typename F>
WeeklyReference weekly_reference(const DailySeries& series, Day day, Day first, bool short_history,
                                 double base_week, F field) {
  WeeklyReference r;
  const Day w7 = day - (kWeek - kDay);
  r.prev = series.sum(w7 - kWeek, w7 - kDay, field);
  r.mean28 = series.sum(w7 - kWeek - kChronic, w7 - kWeek - kDay, field) / kChronicWeeks;
  // Days before the history began are unknown, not rest: a window that holds
  // only some days of history stands for a week at their rate, so a young
  // history's real weeks are the reference (LOAD-SCIENCE.md, short histories).
  auto held = [&](Day from, Day to) {
    return std::max<long>(0, (to - std::max(from, first)).count() + 1);
  };
  const long held_prev = held(w7 - kWeek, w7 - kDay);
  const long held_28 = held(w7 - kWeek - kChronic, w7 - kWeek - kDay);
  const double prev_ref = held_prev > 0 ? r.prev * kWeekDays / static_cast<double>(held_prev) : 0;
  const double mean_ref = held_28 > 0 ? r.mean28 * kChronicDays / static_cast<double>(held_28) : 0;
  r.value = std::max(prev_ref, mean_ref);
  r.from_prev = prev_ref >= mean_ref;
  if (short_history && base_week > r.value) {
    r.value = base_week;
    r.lent = true;
  }
  return r;
}

/// weekly-distance-spike and weekly-duration-spike.
template <typename F>
void weekly_spike(const Context& c, RuleId id, F field, double base_week, double quiet_under,
                  double caution, double danger, bool metres, std::vector<Warning>& out) {
  if (c.first_week) return;  // no week before the first one
  const Settings& s = c.settings;
  const Day w7 = c.day - (kWeek - kDay);
  const double week = c.series.sum(w7, c.day, field);
  const WeeklyReference ref =
      weekly_reference(c.series, c.day, c.first, c.short_history, base_week, field);
  const double reference = ref.value, prev = ref.prev, mean28 = ref.mean28;
  const bool lent = ref.lent;
  const auto sev = spike_severity(week, reference, quiet_under, caution, danger, lent);
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
  if (lent) w.figures.push_back({"lent_baseline", 1});
  w.dates = {{"week_start_date", w7}, {"previous_week_start_date", w7 - kWeek}};
  auto show = [&](double v) { return metres ? dist(v, s) : format_duration(v); };
  w.reason = fmt::format(
      "{} {} in the {} days to {} is {} against {} ({})", show(week), metres ? "run" : "of running",
      kWeekDays, iso(c.day), format_change(ratio, {caution, danger}), show(reference),
      lent ? fmt::format("the {} starting week, {}", to_string(s.experience), lent_text(s))
      : ref.from_prev ? std::string("the week before")
                      : fmt::format("the mean week of the {} days before", kChronicDays));
  w.advice = fmt::format(
      "Raise weekly {} by at most {}: keep these {} days under about {}. Fast rises go with "
      "runner's knee, IT band syndrome, shin splints and patellar tendinopathy.",
      metres ? "distance" : "running time", allowed_rise(caution), kWeekDays,
      show(reference * caution));
  out.push_back(std::move(w));
}

/// The alarm: hard-surface distance of 7 days against its 28-day weekly mean.
void hard_surface(const Context& c, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  if (c.today.hard_m <= 0) return;  // today's run is off hard ground: no new exposure
  if (c.first_week) return;         // a weekly ratio: no week before the first one
  auto hard = [](const DayTotals& t) { return t.hard_m; };
  auto run = [](const DayTotals& t) { return t.run_m; };
  const Day w7 = c.day - (kWeek - kDay);
  const Day w28 = c.day - (kChronic - kDay);
  const double hard7 = c.series.sum(w7, c.day, hard);
  const double hard28 = c.series.sum(w28, c.day, hard);
  const double earlier_runs = c.series.sum(w28, w7 - kDay, run);
  // The weekly mean over the days of history the 28 hold: a young history's
  // own weeks, not 4 weeks padded with days before it began.
  const auto held = std::min<long>(kChronicDays, (c.day - c.first).count() + 1);
  double mean_week = hard28 / static_cast<double>(held) * kWeekDays;
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
  if (!has_baseline || !above(ratio, s.hard_surface_caution_ratio)) return;
  Warning w{RuleId::hard_surface, Severity::caution, {}, {}, {}, {}};
  w.figures = {{"ratio", ratio}, {"hard_7d_m", hard7}, {"hard_mean_week_28d_m", mean_week}};
  if (lent) w.figures.push_back({"lent_baseline", 1});
  w.lent_baseline = lent;
  w.dates = {{"window_start_date", w28}};
  w.reason =
      fmt::format("{} on hard surfaces in {} days, {} the weekly mean of {} days ({}{})",
                  dist(hard7, s), kWeekDays, format_ratio(ratio, {s.hard_surface_caution_ratio}),
                  kChronicDays, dist(mean_week, s), lent ? ", " + lent_text(s) : std::string());
  w.advice = fmt::format(
      "Keep hard-surface running this week under about {} ({} the weekly mean) and move the "
      "rest to trail, grass or track; hard-surface time is what the article asks you to watch "
      "for shin splints. This is exposure, not a risk figure.",
      dist(mean_week * s.hard_surface_caution_ratio, s),
      format_ratio(s.hard_surface_caution_ratio, {}));
  out.push_back(std::move(w));
}

/// Context: the hard share of 28 days' running.
void hard_share(const Context& c, const Figures& f, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  if (c.first_week) return;  // the share of a few days is no 28-day share
  if (!f.hard_share_28d || !above(*f.hard_share_28d, s.hard_share_info)) return;
  const double share = *f.hard_share_28d;
  Warning w{RuleId::hard_surface, Severity::info, {}, {}, {}, {}};
  w.figures = {{"hard_share_28d", share},
               {"hard_28d_m", f.hard_28d_m},
               {"distance_28d_m", f.distance_28d_m}};
  w.dates = {{"window_start_date", c.day - (kChronic - kDay)}};
  w.reason = fmt::format("{} of the last {} days' running was on hard surfaces (over {})",
                         format_share(share, {s.hard_share_info}), kChronicDays,
                         format_share(s.hard_share_info, {}));
  w.advice =
      "Mix in softer ground (trail, grass, track) where you can; this is exposure, "
      "not a risk figure.";
  out.push_back(std::move(w));
}

/// Where the consecutive-run-days limit comes from, as `check` and the
/// morning `status` both word it.
std::string streak_limit_source(const Settings& settings) {
  return settings.max_consecutive_run_days ? std::string(" in your profile")
                                           : fmt::format(" for {}", to_string(settings.experience));
}

void consecutive_days(const Context& c, const Figures& f, std::vector<Warning>& out) {
  const int limit = c.settings.consecutive_run_days_limit();
  if (f.consecutive_run_days <= limit) return;
  Warning w{RuleId::consecutive_run_days, Severity::caution, {}, {}, {}, {}};
  w.figures = {{"run_days_in_row", static_cast<double>(f.consecutive_run_days)},
               {"limit_days", static_cast<double>(limit)}};
  w.dates = {{"streak_start_date", c.day - date::days{f.consecutive_run_days - 1}}};
  w.reason = fmt::format("{} running days in a row (limit {}{})", f.consecutive_run_days, limit,
                         streak_limit_source(c.settings));
  w.advice = fmt::format(
      "Take a rest day before the next run, or swap it for easy cross-training (cycling, "
      "swimming); runs of more than {} days in a row leave legs no regular rest.",
      limit);
  out.push_back(std::move(w));
}

/// The spikes, and return-after-break that stands in for the weekly ones
/// inside a comeback window: the "load alarms" of LOAD-SCIENCE.md.
bool spike_or_ramp(RuleId id) {
  switch (id) {
    case RuleId::single_run_spike:
    case RuleId::duration_spike:
    case RuleId::weekly_distance_spike:
    case RuleId::weekly_duration_spike:
    case RuleId::return_after_break:
      return true;
    default:
      return false;
  }
}

/// The load alarms that make a day without rest dangerous (LOAD-SCIENCE.md
/// `no-rest-day`): the spikes and return-after-break at caution or above.
bool load_alarm(const Warning& w) {
  return spike_or_ramp(w.rule) && w.severity >= Severity::caution;
}

/// What no-rest-day advises when it is a danger: today is the rest day.
constexpr const char* kRestTodayAdvice =
    "Make this a rest day: no run and no hard training. Easy cross-training is fine.";

/// Evaluated after the load rules: a steady daily runner gets a caution; the
/// same day with a load alarm is a danger (an open pain episode raises it
/// later, with the other load alarms).
void no_rest_day(const Context& c, const Figures& f, std::vector<Warning>& out) {
  const Settings& s = c.settings;
  if (f.days_since_rest < s.no_rest_caution_days) return;
  const auto alarm = std::find_if(out.begin(), out.end(), load_alarm);
  const bool with_load = alarm != out.end();
  Warning w{RuleId::no_rest_day, with_load ? Severity::danger : Severity::caution, {}, {}, {}, {}};
  w.figures = {{"days_without_rest", static_cast<double>(f.days_since_rest)},
               {"caution_days", static_cast<double>(s.no_rest_caution_days)}};
  w.dates = {{"last_rest_date", c.day - date::days{f.days_since_rest}}};
  w.reason =
      fmt::format("{} days without a rest day (last rest {}; caution from {}){}", f.days_since_rest,
                  iso(c.day - date::days{f.days_since_rest}), s.no_rest_caution_days,
                  with_load ? fmt::format(", on a day that also raises {}", to_string(alarm->rule))
                            : std::string());
  w.advice = with_load ? kRestTodayAdvice
                       : "Plan a rest day in the next days (no run, no hard training); easy "
                         "cross-training keeps it a rest day.";
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
  w.figures.push_back({"monotony_info", c.settings.monotony_info});
  w.dates = {{"window_start_date", c.day - (kWeek - kDay)}};
  w.reason = f.monotony ? fmt::format(
                              "training load was much the same every day of the last {} "
                              "(monotony {}, over {})",
                              kWeekDays, format_beside(*f.monotony, {c.settings.monotony_info}, 1),
                              format_beside(c.settings.monotony_info, {}, 1))
                        : fmt::format("training load was every day the same over the last {} days",
                                      kWeekDays);
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
  const Day from = std::max(win.start, c.day - (kWeek - kDay));
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
    parts.push_back(fmt::format(
        "{} in the last {} days is {} against comeback week {}'s allowance of {}", dist(week, s),
        kWeekDays, format_change(week / allowance, {1.0, s.comeback_danger_factor}), wk,
        dist(allowance, s)));
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
        "the first run back, {}, is {} of the longest run of the {} days before the break ({})",
        dist(c.run_m, s), format_share(c.run_m / win.longest_before_m, {s.return_fraction}),
        kLongestRunDays, dist(win.longest_before_m, s)));
    advice.push_back(fmt::format("Make the first run at most {} ({} of that run).",
                                 dist(first_limit, s), format_share(s.return_fraction, {})));
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
/// episode's limits is context (LOAD-SCIENCE.md "Alarms and context").
void pain_rule(const Context& c, const std::vector<PainEpisode>& episodes,
               const EvaluateOptions& options, std::vector<Warning>& out,
               std::vector<Warning>& context) {
  for (const PainEpisode& e : episodes) {
    Warning w = pain_warning(e, c.day, c.settings);
    if (options.plan_day && e.band(c.settings) == PainBand::mild && !c.hard) {
      double limit = 0;
      if (options.pain_week_limit_m) {
        limit = *options.pain_week_limit_m;
      } else {
        const Day before = e.first_date - kDay;
        limit = c.series.sum(before - (kChronic - kDay), before, [](const DayTotals& t) {
          return t.run_m;
        }) / kChronicWeeks;
      }
      // Inside a comeback the ramp is the week the runner is rebuilding to:
      // an easy week within its allowance keeps the episode's limits too.
      if (c.window) limit = std::max(limit, c.window->allowance_m(c.day));
      const double week =
          c.series.sum(c.day - (kWeek - kDay), c.day, [](const DayTotals& t) { return t.run_m; });
      w.figures.push_back({"week_m", week});
      w.figures.push_back({"week_limit_m", limit});
      if (!above(week, limit)) {
        w.severity = Severity::info;
        w.reason +=
            fmt::format("; the plan keeps it easy and within {} a week", dist(limit, c.settings));
      }
    }
    (is_context(w) ? context : out).push_back(std::move(w));
  }
}

/// An open pain episode raises the day's load alarms one step.
void raise_with_pain(const std::vector<PainEpisode>& episodes, std::vector<Warning>& warnings) {
  if (episodes.empty()) return;
  std::string sites;
  for (const PainEpisode& e : episodes)
    sites += (sites.empty() ? "" : ", ") + std::string(to_string(e.site));
  for (Warning& w : warnings) {
    // LOAD-SCIENCE.md "Pain episodes": the load alarms and the rest and
    // surface alarms are raised; pain itself and context are not.
    const bool raised = spike_or_ramp(w.rule) || w.rule == RuleId::no_rest_day ||
                        w.rule == RuleId::consecutive_run_days || w.rule == RuleId::hard_surface;
    if (!raised) continue;
    if (w.severity != Severity::caution || w.lent_baseline) continue;
    w.severity = Severity::danger;
    w.reason += fmt::format(", raised to danger by the open {} pain", sites);
    // A danger asks for the rest day now, not "in the next days".
    if (w.rule == RuleId::no_rest_day) w.advice = kRestTodayAdvice;
  }
}

Day series_start(const History& history, Day day) {
  Day start = day - kLookback;
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
                  (day - first).count() < kChronicDays,
                  (day - first).count() < kFirstWeekDays,
                  first,
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
  return_after_break(c, ev.warnings);
  // After the load alarms it looks for; an open pain episode then raises a
  // caution to danger with the other load alarms.
  no_rest_day(c, ev.figures, ev.warnings);
  raise_with_pain(ev.pain_episodes, ev.warnings);
  pain_rule(c, ev.pain_episodes, options, ev.warnings, ev.context);

  hard_share(c, ev.figures, ev.context);
  monotony(c, ev.figures, ev.context);

  // Said whenever the baseline is in play, not only when it decided a warning:
  // a clear verdict on a young history leans on it too.
  if (c.short_history) {
    ev.starting_baseline = true;
    ev.notes.push_back(fmt::format(
        "history shorter than {} days: compared with the {} starting baseline (longest run {}, "
        "week {})",
        kChronicDays, to_string(settings.experience), dist(b.longest_run_m, settings),
        dist(b.week_m, settings)));
  }
  sort_warnings(ev.warnings);
  sort_warnings(ev.context);
}

/// The streak alarms listed at most once per 7 days while unchanged.
bool streak_rule(RuleId id) {
  return id == RuleId::no_rest_day || id == RuleId::consecutive_run_days;
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
                                     format_pace(ev.planned->pace_s_per_km, settings.units),
                                     dist(ev.planned->distance_m, settings)));
    }
    if (ev.planned->duration_estimated) {
      ev.notes.push_back(fmt::format("duration estimated from {} pace ({}): {}", source,
                                     format_pace(ev.planned->pace_s_per_km, settings.units),
                                     format_duration(ev.planned->duration_s)));
    }
  }
  evaluate_on(history, series, day, settings, options, ev);
  return ev;
}

double weekly_distance_reference(const History& history, Day day, const Settings& settings) {
  const DailySeries series = build_series(history, series_start(history, day), day, settings);
  const Day first = first_day_until(history, day).value_or(day);
  return weekly_reference(series, day, first, (day - first).count() < kChronicDays,
                          settings.baseline().week_m, [](const DayTotals& t) { return t.run_m; })
      .value;
}

std::vector<Warning> evaluate_day(const History& history, Day day, const Settings& settings,
                                  const std::optional<PlannedRun>& extra) {
  return evaluate(history, day, settings, extra).warnings;
}

std::vector<Warning> DayWarnings::all() const {
  std::vector<Warning> out = warnings;
  out.insert(out.end(), repeated.begin(), repeated.end());
  sort_warnings(out);
  return out;
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

  // An unchanged streak alarm: listed on `listed`, firing on the last run day.
  struct Streak {
    Severity severity;
    Day listed;
  };
  std::map<RuleId, Streak> streaks;
  std::map<RuleId, Warning> context_on;  // context notes firing on the last run day
  for (Day d : run_days) {
    Evaluation ev;
    ev.date = d;
    EvaluateOptions options;
    options.pain_counting = PainCounting::during_run_from_next_day;
    evaluate_on(history, series, d, settings, options, ev);
    DayWarnings day{d, {}, {}, {}};
    std::map<RuleId, Streak> next;
    for (auto& w : ev.warnings) {
      if (streak_rule(w.rule)) {
        const auto it = streaks.find(w.rule);
        const bool same = it != streaks.end() && it->second.severity == w.severity &&
                          (d - it->second.listed).count() < kRepeatQuietDays;
        next[w.rule] = same ? it->second : Streak{w.severity, d};
        (same ? day.repeated : day.warnings).push_back(std::move(w));
      } else {
        day.warnings.push_back(std::move(w));
      }
    }
    // A run day on which a streak rule is quiet ends its streak.
    streaks = std::move(next);

    std::map<RuleId, Warning> now;
    for (auto& n : ev.context) now.emplace(n.rule, std::move(n));
    for (const auto& [rule, note] : now)
      if (!context_on.count(rule)) day.context.push_back({note, true});
    for (const auto& [rule, note] : context_on)
      if (!now.count(rule)) day.context.push_back({note, false});
    context_on = std::move(now);

    if (!day.warnings.empty() || !day.repeated.empty() || !day.context.empty())
      out.push_back(std::move(day));
  }
  return out;
}

Morning morning(const History& history, Day day, const Settings& settings) {
  Morning m;
  const DailySeries series = build_series(history, series_start(history, day), day, settings);
  const Figures today = compute_figures(series, day, settings);
  m.ran = series.at(day).runs > 0;
  if (m.ran) {
    m.run_days_in_row = today.consecutive_run_days;
    m.days_since_rest = today.days_since_rest;
    m.run_days_if_run = m.run_days_in_row;
    m.days_since_rest_if_run = m.days_since_rest;
    return m;
  }
  // Not over yet: the streak runs up to yesterday, whatever today holds so far.
  const Figures yesterday = compute_figures(series, day - kDay, settings);
  m.run_days_in_row = yesterday.consecutive_run_days;
  m.days_since_rest = yesterday.days_since_rest;
  m.run_days_if_run = m.run_days_in_row + 1;
  m.days_since_rest_if_run = m.days_since_rest + 1;
  return m;
}

std::vector<Warning> morning_warnings(const History& history, Day day, const Settings& settings) {
  std::vector<Warning> out;
  const Morning m = morning(history, day, settings);
  if (m.ran) return out;
  const int limit = settings.consecutive_run_days_limit();
  if (m.run_days_if_run > limit) {
    Warning w{RuleId::consecutive_run_days, Severity::caution, {}, {}, {}, {}};
    w.figures = {{"run_days_in_row", static_cast<double>(m.run_days_in_row)},
                 {"run_days_if_run", static_cast<double>(m.run_days_if_run)},
                 {"limit_days", static_cast<double>(limit)}};
    w.dates = {{"streak_start_date", day - date::days{m.run_days_in_row}}};
    w.reason =
        fmt::format("{} running days in a row: a run today would be day {} (limit {}{})",
                    m.run_days_in_row, m.run_days_if_run, limit, streak_limit_source(settings));
    w.advice = fmt::format(
        "Make today a rest day, or cross-train easily instead of running; more than {} running "
        "days in a row leave legs no regular rest.",
        limit);
    out.push_back(std::move(w));
  }
  if (m.days_since_rest_if_run >= settings.no_rest_caution_days) {
    Warning w{RuleId::no_rest_day, Severity::caution, {}, {}, {}, {}};
    w.figures = {{"days_without_rest", static_cast<double>(m.days_since_rest)},
                 {"days_without_rest_if_run", static_cast<double>(m.days_since_rest_if_run)},
                 {"caution_days", static_cast<double>(settings.no_rest_caution_days)}};
    w.dates = {{"last_rest_date", day - date::days{m.days_since_rest + 1}}};
    w.reason = fmt::format(
        "{} days without a rest day (last rest {}): a run today would make {} (caution from {})",
        m.days_since_rest, iso(day - date::days{m.days_since_rest + 1}), m.days_since_rest_if_run,
        settings.no_rest_caution_days);
    w.advice = "Make today a rest day: no run and no hard training. Easy cross-training is fine.";
    out.push_back(std::move(w));
  }
  // Pain notes count at once: with an open episode a run today makes these
  // alarms dangers, as `check` would judge it.
  raise_with_pain(open_pain_episodes(history.pain_notes, day, settings), out);
  sort_warnings(out);
  return out;
}

std::string context_brief(const Warning& note, Units units) {
  auto fig = [&](std::string_view name) -> std::optional<double> {
    if (const Figure* f = note.figure(name)) return f->value;
    return std::nullopt;
  };
  switch (note.rule) {
    case RuleId::hard_surface:
      if (auto s = fig("hard_share_28d"))
        return fmt::format("hard-surface share {} of {} days", format_share(*s, {}), kChronicDays);
      break;
    case RuleId::monotony:
      if (auto m = fig("monotony")) return fmt::format("monotony {}", format_beside(*m, {}, 1));
      return "monotony: every day the same";
    case RuleId::strength_gap:
      if (auto d = fig("days_since_strength"))
        return note.dates.empty() ? fmt::format("no strength session logged in {:.0f} days", *d)
                                  : fmt::format("no strength session for {:.0f} days", *d);
      break;
    case RuleId::shoe_mileage:
      if (auto m = fig("shoe_m")) {
        std::string shoe = "shoe";
        for (const FigureText& t : note.texts)
          if (t.name == "shoe" && std::holds_alternative<std::string>(t.value))
            shoe = "shoe '" + std::get<std::string>(t.value) + "'";
        return fmt::format("{} at {}", shoe, format_distance(*m, units));
      }
      break;
    case RuleId::low_cadence:
      if (auto c = fig("cadence_28d_spm")) return fmt::format("cadence {:.0f} steps/min", *c);
      break;
    case RuleId::pain:  // a plan's easy run within an open mild episode's limits
      for (const FigureText& t : note.texts)
        if (t.name == "site" && std::holds_alternative<std::string>(t.value)) {
          const Figure* limit = note.figure("week_limit_m");
          return fmt::format("{} pain kept easy{}", std::get<std::string>(t.value),
                             limit ? " within " + format_distance(limit->value, units) + " a week"
                                   : std::string());
        }
      break;
    default:
      break;
  }
  return std::string(to_string(note.rule));
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
          a.local_date > day - kLongestRun &&
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
    w.texts = {{"shoe", shoe}};
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
    w.dates = {{"window_start_date", day - (kChronic - kDay)}};
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
