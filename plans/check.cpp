#include "plans/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <variant>

#include "engine/quantity.hpp"
#include "plans/plan_yaml.hpp"

namespace stride::plans {
namespace {

engine::Sport run_sport(engine::Surface surface) {
  if (surface == engine::Surface::treadmill) return engine::Sport::treadmill_run;
  if (surface == engine::Surface::trail) return engine::Sport::trail_run;
  return engine::Sport::run;
}

engine::Sport cross_sport(CrossActivity activity) {
  switch (activity) {
    case CrossActivity::cycling:
      return engine::Sport::ride;
    case CrossActivity::swimming:
      return engine::Sport::swim;
    case CrossActivity::rowing:
      return engine::Sport::row;
    case CrossActivity::elliptical:
      return engine::Sport::elliptical;
    case CrossActivity::walking:
      return engine::Sport::walk;
  }
  return engine::Sport::other;
}

engine::PlannedRun planned_run(const Run& run) {
  engine::PlannedRun p;
  p.distance_m = run.distance_m;
  p.duration_s = run.duration_s;
  p.surface = run.surface;
  // The plan's kinds share the engine's spelling; the kind sets the planned RPE.
  p.kind = engine_run_kind(run.kind);
  return p;
}

/// Adds the day's sessions; returns the last run unadded when `hold_last_run`.
std::optional<Run> add_day(engine::History& h, const PlanDay& day, const engine::Settings& settings,
                           bool hold_last_run) {
  std::optional<Run> held;
  const auto runs = runs_of(day);
  for (const Session& s : day.sessions) {
    if (const auto* run = std::get_if<Run>(&s)) {
      if (hold_last_run && run == runs.back()) {
        held = *run;
        continue;
      }
      h.activities.push_back(
          run_activity(day.date, engine::resolve(h, day.date, planned_run(*run), settings)));
    } else if (auto a = other_activity(day.date, s)) {
      h.activities.push_back(std::move(*a));
    }
  }
  return held;
}

engine::History history_before(Day first, const engine::History& history) {
  engine::History h;
  h.pain_notes = history.pain_notes;
  for (const engine::Activity& a : history.activities)
    if (a.local_date < first) h.activities.push_back(a);
  return h;
}

engine::Warning structure_warning(std::string reason, std::string advice,
                                  std::vector<engine::Figure> figures,
                                  std::vector<engine::FigureDate> dates) {
  engine::Warning w;
  w.rule = engine::RuleId::plan_structure;
  w.severity = engine::Severity::caution;
  w.figures = std::move(figures);
  w.dates = std::move(dates);
  w.reason = std::move(reason);
  w.advice = std::move(advice);
  return w;
}

bool has_kind(const PlanDay* day, bool (*pred)(RunKind)) {
  if (!day) return false;
  for (const Run* r : runs_of(*day))
    if (pred(r->kind)) return true;
  return false;
}
bool hard_or_long(RunKind k) {
  return k == RunKind::long_run || k == RunKind::race || is_quality(k);
}
bool quality(RunKind k) { return is_quality(k); }

/// A free day: nothing planned but rest.
bool free_day(const PlanDay* day) {
  if (!day) return true;
  for (const Session& s : day->sessions)
    if (!std::holds_alternative<Rest>(s)) return false;
  return true;
}

const char* kind_word(const PlanDay* day) {
  for (const Run* r : runs_of(*day)) {
    if (r->kind == RunKind::race) return "the race";
    if (r->kind == RunKind::long_run) return "a long run";
  }
  return "a quality run";
}

}  // namespace

engine::Activity run_activity(Day day, const engine::ResolvedRun& r) {
  engine::Activity a;
  a.local_date = day;
  a.start_utc = engine::UtcTime{day.time_since_epoch()};
  a.sport = run_sport(r.surface);
  a.distance_m = r.distance_m;
  a.moving_s = a.elapsed_s = r.duration_s;
  a.kind = r.kind;
  a.rpe = r.rpe;
  if (r.surface != engine::Surface::unknown) a.surface_m = {{r.surface, r.distance_m}};
  a.summary_only = true;
  a.source.format = "plan";
  return a;
}

std::optional<engine::Activity> other_activity(Day day, const Session& session) {
  engine::Activity a;
  a.local_date = day;
  a.start_utc = engine::UtcTime{day.time_since_epoch()};
  a.summary_only = true;
  a.source.format = "plan";
  a.rpe = planned_rpe(session);
  if (const auto* s = std::get_if<Strength>(&session)) {
    a.sport = engine::Sport::strength;
    a.moving_s = a.elapsed_s = 45 * 60;  // a typical session; only its RPE load matters
    for (const PlanExercise& e : s->exercises) {
      engine::Exercise x;
      x.name = e.name;
      x.sets = e.sets;
      x.reps = e.reps;
      x.per_side = e.per_side;
      x.muscles = e.muscles;
      a.exercises.push_back(std::move(x));
    }
    return a;
  }
  if (const auto* c = std::get_if<Cross>(&session)) {
    a.sport = cross_sport(c->activity);
    a.moving_s = a.elapsed_s = c->duration_s;
    return a;
  }
  return std::nullopt;
}

double long_run_share_limit(double week_m, int run_days, bool marathon_build) {
  double slide = 0.45;
  if (!marathon_build) {
    const double t = std::clamp((week_m - 20'000) / 20'000, 0.0, 1.0);
    slide = 0.45 - 0.10 * t;
  }
  const double n = std::max(run_days, 1);
  return std::max(slide, kLongRunOverOthers / (n + 0.2));
}

std::vector<DayCheck> structure_check(const Plan& plan, const engine::Settings& settings) {
  std::map<Day, std::vector<engine::Warning>> by_day;
  std::map<Day, const PlanDay*> days;
  bool marathon_build = false;
  for (const PlanWeek& w : plan.weeks)
    for (const PlanDay& d : w.days) {
      days[d.date] = &d;
      for (const Run* r : runs_of(d))
        if (r->kind == RunKind::race && r->distance_m.value_or(0) >= kMarathonM)
          marathon_build = true;
    }
  auto at = [&](Day d) -> const PlanDay* {
    auto it = days.find(d);
    return it == days.end() ? nullptr : it->second;
  };
  const engine::Units u = settings.units;
  auto dist = [&](double m) { return engine::format_distance(m, u); };

  for (const auto& [date, day] : days) {
    const Day next = date + date::days{1};
    const PlanDay* tomorrow = at(next);
    if (has_strength(*day) && tomorrow && has_strength(*tomorrow))
      by_day[next].push_back(structure_warning(
          fmt::format("strength on consecutive days ({} and {})", format_day(date),
                      format_day(next)),
          "Leave at least a day between strength sessions, so the muscles recover.", {},
          {{"first_date", date}, {"second_date", next}}));
    if (has_strength(*day) && has_kind(tomorrow, hard_or_long))
      by_day[next].push_back(structure_warning(
          fmt::format("strength on {} is the day before {} on {}", format_day(date),
                      kind_word(tomorrow), format_day(next)),
          "Move the strength session to after the hard run, or two days before it: tired legs "
          "run it worse.",
          {}, {{"strength_date", date}, {"run_date", next}}));
    if (has_kind(day, quality) && has_kind(tomorrow, quality))
      by_day[next].push_back(
          structure_warning(fmt::format("quality runs on consecutive days ({} and {})",
                                        format_day(date), format_day(next)),
                            "Put an easy day (or rest) between tempo and interval runs.", {},
                            {{"first_date", date}, {"second_date", next}}));
  }

  const int rest_needed = settings.full_rest_days_required();
  const PlanWeek* prev_long_week = nullptr;
  double prev_long = 0;
  for (const PlanWeek& w : plan.weeks) {
    const Day first = week_first_day(plan, w.week);
    const Day last = week_last_day(plan, w.week);
    int quality_runs = 0, free = 0, run_days = 0;
    double total = 0, long_m = 0;
    std::optional<Day> long_date, quality_last;
    std::vector<std::pair<Day, double>> others;
    for (Day d = first; d <= last; d += date::days{1}) {
      const PlanDay* pd = at(d);
      if (free_day(pd)) ++free;
      if (!pd || !has_run(*pd)) continue;
      bool counted = false;
      for (const Run* r : runs_of(*pd)) {
        if (r->kind == RunKind::race) continue;  // no rule compares other runs with the race
        const double m = r->distance_m.value_or(0);
        total += m;
        counted = true;
        if (is_quality(r->kind)) {
          ++quality_runs;
          quality_last = d;
        }
        if (r->kind == RunKind::long_run && m >= long_m) {
          if (long_date) others.emplace_back(*long_date, long_m);
          long_m = m;
          long_date = d;
        } else {
          others.emplace_back(d, m);
        }
      }
      run_days += counted;
    }
    const std::string week_name =
        fmt::format("week {} ({} to {})", w.week, format_day(first), format_day(last));
    if (w.recovery && quality_runs > 1)
      by_day[*quality_last].push_back(structure_warning(
          fmt::format("{} quality runs in recovery {}", quality_runs, week_name),
          "Keep at most one tempo or interval run in a recovery week; make the others easy.",
          {{"quality_runs", static_cast<double>(quality_runs)}},
          {{"week_first_date", first}, {"week_last_date", last}}));
    if (free < rest_needed)
      by_day[last].push_back(
          structure_warning(fmt::format("{} has {} free day{} (no session at all); {} needed",
                                        week_name, free, free == 1 ? "" : "s", rest_needed),
                            "Clear a day of every session: legs adapt on the days off.",
                            {{"free_days", static_cast<double>(free)},
                             {"full_rest_days", static_cast<double>(rest_needed)}},
                            {{"week_first_date", first}, {"week_last_date", last}}));
    if (!long_date) continue;
    const double limit = long_run_share_limit(total, run_days, marathon_build);
    const double share = total > 0 ? long_m / total : 0;
    if (share > limit + engine::kTolerance)
      by_day[*long_date].push_back(structure_warning(
          fmt::format("the long run on {} ({}) is {:.1f} % of {}'s {}; at most {:.1f} %",
                      format_day(*long_date), dist(long_m), 100 * share, week_name, dist(total),
                      100 * limit),
          "Spread the distance over the week's other runs, or shorten the long run.",
          {{"long_run_m", long_m}, {"week_m", total}, {"share", share}, {"share_limit", limit}},
          {{"long_run_date", *long_date}}));
    for (const auto& [d, m] : others)
      if (long_m < kLongRunOverOthers * m - engine::kTolerance) {
        by_day[*long_date].push_back(structure_warning(
            fmt::format("the long run on {} ({}) is under 1.2x the {} run on {}",
                        format_day(*long_date), dist(long_m), dist(m), format_day(d)),
            "Make the long run the week's clearly longest run, or shorten the other run.",
            {{"long_run_m", long_m}, {"other_run_m", m}, {"ratio", m > 0 ? long_m / m : 0}},
            {{"long_run_date", *long_date}, {"other_run_date", d}}));
        break;
      }
    if (w.recovery || w.taper) continue;
    if (prev_long_week && long_m < prev_long - engine::kTolerance)
      by_day[*long_date].push_back(structure_warning(
          fmt::format("the long run on {} ({}) is shorter than week {}'s ({})",
                      format_day(*long_date), dist(long_m), prev_long_week->week, dist(prev_long)),
          "Keep the long run at least as long as the last normal week's: it should not shrink "
          "outside recovery and taper weeks.",
          {{"long_run_m", long_m}, {"previous_long_run_m", prev_long}},
          {{"long_run_date", *long_date}}));
    prev_long_week = &w;
    prev_long = long_m;
  }
  std::vector<DayCheck> out;
  for (auto& [d, ws] : by_day) out.push_back({d, std::move(ws), {}, {}});
  return out;
}

namespace {

/// The race against the longest run of the days before it.
std::optional<engine::Warning> race_readiness(const engine::History& h, Day race_day, double race_m,
                                              const engine::Settings& settings) {
  double longest = 0;
  std::optional<Day> longest_date;
  const Day from = race_day - date::days{settings.race_readiness_days};
  for (const engine::Activity& a : h.activities)
    if (engine::is_run(a.sport) && a.local_date >= from && a.local_date < race_day &&
        a.distance_m > longest) {
      longest = a.distance_m;
      longest_date = a.local_date;
    }
  const double ratio = longest > 0 ? race_m / longest : 1e9;
  engine::Severity sev;
  if (ratio > settings.race_readiness_danger_ratio + engine::kTolerance)
    sev = engine::Severity::danger;
  else if (ratio > settings.race_readiness_caution_ratio + engine::kTolerance)
    sev = engine::Severity::caution;
  else
    return std::nullopt;
  const engine::Units u = settings.units;
  engine::Warning w;
  w.rule = engine::RuleId::race_readiness;
  w.severity = sev;
  w.figures = {{"race_m", race_m}, {"longest_42d_m", longest}};
  if (longest > 0) w.figures.push_back({"ratio", ratio});
  if (longest_date) w.dates = {{"longest_42d_date", *longest_date}};
  w.reason = longest > 0
                 ? fmt::format(
                       "the race ({}) is {:.2f}x the longest run of the {} days before it ({} on "
                       "{})",
                       engine::format_distance(race_m, u), ratio, settings.race_readiness_days,
                       engine::format_distance(longest, u), format_day(*longest_date))
                 : fmt::format("no run in the {} days before the race ({})",
                               settings.race_readiness_days, engine::format_distance(race_m, u));
  w.advice = fmt::format(
      "Build the long run to about {} before the race, choose a later date, or run a shorter race.",
      engine::format_distance(race_m / settings.race_readiness_caution_ratio, u));
  return w;
}

bool spike_rule(engine::RuleId id) {
  return id == engine::RuleId::single_run_spike || id == engine::RuleId::duration_spike ||
         id == engine::RuleId::weekly_distance_spike ||
         id == engine::RuleId::weekly_duration_spike || id == engine::RuleId::hard_surface ||
         // Inside a comeback window it stands in for the weekly spikes.
         id == engine::RuleId::return_after_break;
}

}  // namespace

int planned_rpe(const Session& session) {
  if (std::holds_alternative<Strength>(session)) return 5;
  if (const auto* c = std::get_if<Cross>(&session)) {
    switch (c->intensity) {
      case Intensity::easy:
        return 3;
      case Intensity::moderate:
        return 5;
      case Intensity::hard:
        return 7;
    }
  }
  return 0;
}

std::optional<engine::Severity> PlanCheck::worst() const {
  std::optional<engine::Severity> out;
  for (const DayCheck& d : days)
    if (auto w = engine::worst(d.warnings); w && (!out || *w > *out)) out = w;
  return out;
}

std::string_view PlanCheck::verdict() const {
  const auto w = worst();
  if (!w || *w == engine::Severity::info) return "clear";
  return *w == engine::Severity::danger ? "danger" : "caution";
}

engine::History history_with_plan(const Plan& plan, const engine::History& history,
                                  const engine::Settings& settings, Day until) {
  engine::History h = history_before(plan.start, history);
  for (const PlanWeek& w : plan.weeks)
    for (const PlanDay& d : w.days)
      if (d.date < until) add_day(h, d, settings, false);
  return h;
}

PlanCheck check_plan(const Plan& plan, const engine::History& history,
                     const engine::Settings& settings, std::optional<Day> from) {
  PlanCheck out;
  const Day first = from ? std::max(*from, plan.start) : plan.start;
  engine::History h = history_before(first, history);
  // The current week the plan starts from: the mean week of the 28 days before it.
  double start_week_m = 0;
  for (const engine::Activity& a : h.activities)
    if (engine::is_run(a.sport) && a.local_date >= first - date::days{28})
      start_week_m += a.distance_m / 4.0;
  for (const PlanWeek& w : plan.weeks) {
    for (const PlanDay& d : w.days) {
      if (d.date < first) continue;
      const std::optional<Run> last_run = add_day(h, d, settings, true);
      if (!last_run) continue;
      // The day's last run goes in as the planned run, exactly as `check` lays one on.
      const engine::PlannedRun planned = planned_run(*last_run);
      // A plan's easy run that keeps an open mild pain episode's limits (the
      // week the plan starts from) is context, not caution (LOAD-SCIENCE.md).
      engine::EvaluateOptions options;
      options.plan_day = true;
      options.planned_hard = is_quality(last_run->kind) || last_run->kind == RunKind::race;
      options.pain_week_limit_m = start_week_m;
      engine::Evaluation e = engine::evaluate(h, d.date, settings, planned, options);
      if (last_run->kind == RunKind::race) {
        // A race is run at its distance whatever came before: no spike rule
        // compares it with other runs; race-readiness judges the build instead.
        std::erase_if(e.warnings, [](const engine::Warning& w) { return spike_rule(w.rule); });
        if (auto r = race_readiness(
                h, d.date, e.planned ? e.planned->distance_m : last_run->distance_m.value_or(0),
                settings))
          e.warnings.push_back(std::move(*r));
      }
      DayCheck day{d.date, std::move(e.warnings), std::move(e.notes), std::move(e.context)};
      h.activities.push_back(run_activity(
          d.date, e.planned ? *e.planned : engine::resolve(h, d.date, planned, settings)));
      for (engine::Warning& s : engine::status_warnings(h, d.date, settings))
        if (s.rule == engine::RuleId::strength_gap) day.context.push_back(std::move(s));
      engine::sort_warnings(day.warnings);
      engine::sort_warnings(day.context);
      out.days.push_back(std::move(day));
    }
  }
  // The week's shape, on the plan alone.
  for (DayCheck& s : structure_check(plan, settings)) {
    if (s.date < first) continue;
    auto it = std::find_if(out.days.begin(), out.days.end(),
                           [&](const DayCheck& d) { return d.date >= s.date; });
    if (it != out.days.end() && it->date == s.date) {
      for (engine::Warning& w : s.warnings) it->warnings.push_back(std::move(w));
      engine::sort_warnings(it->warnings);
    } else {
      out.days.insert(it, std::move(s));
    }
  }
  return out;
}

}  // namespace stride::plans
