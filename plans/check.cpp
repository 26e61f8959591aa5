#include "plans/check.hpp"

#include <algorithm>
#include <variant>

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
  }
  return engine::Sport::other;
}

engine::PlannedRun planned_run(const Run& run) {
  engine::PlannedRun p;
  p.distance_m = run.distance_m;
  p.duration_s = run.duration_s;
  p.surface = run.surface;
  // The plan's kinds share the engine's spelling; the kind sets the planned RPE.
  p.kind = engine::parse_run_kind(to_string(run.kind));
  return p;
}

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

/// A non-run session as the activity it will be; nullopt for rest.
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

engine::History before_start(const Plan& plan, const engine::History& history) {
  engine::History h;
  h.pain_notes = history.pain_notes;
  for (const engine::Activity& a : history.activities)
    if (a.local_date < plan.start) h.activities.push_back(a);
  return h;
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
  engine::History h = before_start(plan, history);
  for (const PlanWeek& w : plan.weeks)
    for (const PlanDay& d : w.days)
      if (d.date < until) add_day(h, d, settings, false);
  return h;
}

PlanCheck check_plan(const Plan& plan, const engine::History& history,
                     const engine::Settings& settings) {
  PlanCheck out;
  engine::History h = before_start(plan, history);
  for (const PlanWeek& w : plan.weeks) {
    for (const PlanDay& d : w.days) {
      const std::optional<Run> last_run = add_day(h, d, settings, true);
      if (!last_run) continue;
      // The day's last run goes in as the planned run, exactly as `check` lays one on.
      const engine::PlannedRun planned = planned_run(*last_run);
      engine::Evaluation e = engine::evaluate(h, d.date, settings, planned);
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
  return out;
}

}  // namespace stride::plans
