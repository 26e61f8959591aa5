#include "engine/alternatives.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/windows.hpp"

namespace stride::engine {
namespace {

constexpr double kStepM = 100;

bool passes(const std::vector<Warning>& warnings) {
  const auto w = worst(warnings);
  return !w || *w == Severity::info;
}

/// Passes every rule a run's size can change: pain does not shrink with the run.
bool passes_load(const std::vector<Warning>& warnings) {
  return std::none_of(warnings.begin(), warnings.end(), [](const Warning& w) {
    return w.rule != RuleId::pain && w.severity != Severity::info;
  });
}

bool fired(const std::vector<Warning>& warnings, RuleId id) {
  return std::any_of(warnings.begin(), warnings.end(), [id](const Warning& w) {
    return w.rule == id && w.severity != Severity::info;
  });
}

PlannedRun sized(const ResolvedRun& base, double distance_m) {
  PlannedRun run;
  run.distance_m = distance_m;
  run.duration_s = base.distance_m > 0 ? base.duration_s * distance_m / base.distance_m : 0;
  run.surface = base.surface;
  run.rpe = base.rpe;
  run.kind = base.kind;
  run.shoe = base.shoe;
  return run;
}

}  // namespace

std::string_view to_string(AlternativeKind kind) {
  switch (kind) {
    case AlternativeKind::shorter:
      return "shorter";
    case AlternativeKind::softer_surface:
      return "softer-surface";
    case AlternativeKind::cross_training:
      return "cross-training";
    case AlternativeKind::stop_and_assess:
      return "stop-and-assess";
    case AlternativeKind::later_day:
      return "later-day";
  }
  return "?";
}

std::optional<ResolvedRun> longest_passing_run(const History& history, Day day,
                                               const Settings& settings, const PlannedRun& planned,
                                               const EvaluateOptions& options) {
  const ResolvedRun base = resolve(history, day, planned, settings);
  auto ok = [&](double metres) {
    return passes_load(evaluate(history, day, settings, sized(base, metres), options).warnings);
  };
  if (ok(base.distance_m)) return base;
  // Every rule is monotone in the run's size, so bisect the 100 m grid.
  long lo = 0;  // passes (or nothing passes at all)
  long hi = static_cast<long>(std::ceil(base.distance_m / kStepM));  // fails
  if (hi <= 1 || !ok(kStepM)) return std::nullopt;
  lo = 1;
  while (hi - lo > 1) {
    const long mid = lo + (hi - lo) / 2;
    (ok(mid * kStepM) ? lo : hi) = mid;
  }
  ResolvedRun out = base;
  out.distance_m = lo * kStepM;
  out.duration_s = base.distance_m > 0 ? base.duration_s * out.distance_m / base.distance_m : 0;
  return out;
}

std::vector<Alternative> alternatives(const History& history, Day day, const Settings& settings,
                                      const PlannedRun& planned,
                                      const std::vector<std::string>& cross_activities) {
  std::vector<Alternative> out;
  const Evaluation ev = evaluate(history, day, settings, planned);
  if (passes(ev.warnings) && !fired(ev.warnings, RuleId::pain)) return out;
  const ResolvedRun& base = *ev.planned;
  const bool estimated = base.distance_estimated;

  // Pain first: what the open episodes allow decides before any resizing.
  bool pain_stops = false, pain_mild = false, medical = false;
  for (const PainEpisode& e : ev.pain_episodes) {
    if (e.run_severity(settings) == Severity::danger)
      pain_stops = true;
    else
      pain_mild = true;
    medical = medical || e.medical;
  }
  if (fired(ev.warnings, RuleId::pain) && pain_stops) {
    Alternative a;
    a.kind = AlternativeKind::stop_and_assess;
    a.text = medical ? "No training: seek medical care first."
                     : "No run today: cross-train without impact if it does not hurt, and get "
                       "the pain assessed.";
    out.push_back(std::move(a));
    return out;  // a shorter or softer run does not clear pain that stops running
  }
  if (fired(ev.warnings, RuleId::pain) && pain_mild) {
    Alternative a;
    a.kind = AlternativeKind::cross_training;
    a.activity = cross_activities.empty() ? "cycling" : cross_activities.front();
    a.duration_s = base.duration_s;
    a.text = fmt::format(
        "{} for about {} at an easy effort instead, if you would rather rest the pain; run "
        "only as the pain advice above allows",
        a.activity, format_duration(base.duration_s));
    out.push_back(std::move(a));
    // Mild pain does not stop running: the load alarms still get their own
    // alternatives below, checked on the rules a run's size, day or surface
    // can change (the pain advice holds for any run).
  }

  if (auto shorter = longest_passing_run(history, day, settings, planned);
      shorter && shorter->distance_m < base.distance_m - 1e-6) {
    Alternative a;
    a.kind = AlternativeKind::shorter;
    a.run = sized(base, shorter->distance_m);
    a.distance_estimated = estimated;
    a.text = fmt::format("run {} instead (about {}){}",
                         format_distance(shorter->distance_m, settings.units),
                         format_duration(shorter->duration_s),
                         estimated ? ", distance estimated from recent pace" : "");
    out.push_back(std::move(a));
  }

  // The same run on a later day: the history as it stands, nothing run in
  // between. Only when a load rule objects today: the run already passes them,
  // and moving it changes nothing the pain advice asks.
  const bool load_objects = !passes_load(ev.warnings);
  for (int k = 1; load_objects && k <= kWeekDays; ++k) {
    const Day later = day + date::days{k};
    const PlannedRun run = sized(base, base.distance_m);
    if (!passes_load(evaluate_day(history, later, settings, run))) continue;
    Alternative a;
    a.kind = AlternativeKind::later_day;
    a.run = run;
    a.date = later;
    a.distance_estimated = estimated;
    a.text = fmt::format("run it {} instead ({} day{} later, nothing run in between)",
                         date::format("%a %F", later), k, k == 1 ? "" : "s");
    out.push_back(std::move(a));
    break;
  }

  if (fired(ev.warnings, RuleId::hard_surface)) {
    for (Surface soft : {Surface::trail, Surface::grass, Surface::track}) {
      if (settings.is_hard(soft)) continue;
      PlannedRun run = sized(base, base.distance_m);
      run.surface = soft;
      if (!passes_load(evaluate_day(history, day, settings, run))) continue;
      Alternative a;
      a.kind = AlternativeKind::softer_surface;
      a.run = run;
      a.distance_estimated = estimated;
      a.text = fmt::format("run it on {} instead of {}", to_string(soft), to_string(base.surface));
      out.push_back(std::move(a));
      break;
    }
  }

  // Easy cross-training instead adds no running: the day is then judged on
  // what is already logged on it, which the plan cannot change any more.
  const bool cross_given = std::any_of(out.begin(), out.end(), [](const Alternative& a) {
    return a.kind == AlternativeKind::cross_training;
  });
  if (!cross_given) {
    std::string already;
    for (const auto& w : evaluate_day(history, day, settings))
      if (w.severity != Severity::info)
        already += (already.empty() ? "" : ", ") + std::string(to_string(w.rule));
    Alternative a;
    a.kind = AlternativeKind::cross_training;
    a.activity = cross_activities.empty() ? "cycling" : cross_activities.front();
    a.duration_s = base.duration_s;
    a.text = fmt::format("{} for about {} at an easy effort instead of running{}", a.activity,
                         format_duration(base.duration_s),
                         already.empty() ? std::string()
                                         : fmt::format(" (the run already logged today raises {} "
                                                       "by itself)",
                                                       already));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace stride::engine
