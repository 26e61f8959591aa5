// stride check: the pre-run check. The planned run laid on top of the history,
// every rule that fires (most severe first) with its figures, then safer
// alternatives. Exit 3/4 per --fail-on (PRODUCT.md "Exit codes").
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "engine/alternatives.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

struct CheckOptions {
  std::string distance, duration, surface, date, shoe, rpe, kind;
  std::string fail_on = "danger";
};

struct CheckResult {
  engine::Day date{};
  engine::Evaluation evaluation;
  std::vector<engine::Alternative> alternatives;
  std::string fail_on;
};

CheckResult run_check(Env& env, const CheckOptions& o) {
  if (o.distance.empty() && o.duration.empty())
    throw UsageError("check: give --distance, --duration or both (e.g. --distance 10km)");
  engine::PlannedRun planned;
  if (!o.distance.empty()) planned.distance_m = env.parse_run_distance_m("--distance", o.distance);
  if (!o.duration.empty()) planned.duration_s = env.parse_duration_s("--duration", o.duration);
  if (planned.distance_m && planned.duration_s)
    env.check_run_pace(*planned.distance_m, *planned.duration_s);
  const profile::Profile& profile = env.profile();
  planned.surface = profile.default_surface;
  if (!o.surface.empty()) {
    auto s = engine::parse_surface(o.surface);
    if (!s) throw UsageError("--surface: " + engine::unknown_surface_message(o.surface, false));
    planned.surface = *s;
  }
  if (!o.rpe.empty()) {
    int rpe = -1;
    try {
      rpe = std::stoi(o.rpe);
    } catch (const std::exception&) {
    }
    if (rpe < 0 || rpe > 10)
      throw UsageError(fmt::format("--rpe: '{}' is not a whole number from 0 to 10", o.rpe));
    planned.rpe = rpe;
  }
  if (!o.kind.empty()) {
    planned.kind = engine::parse_run_kind(o.kind);
    if (!planned.kind)
      throw UsageError(fmt::format(
          "--kind: '{}' is not one of easy, long, tempo, intervals, recovery, race", o.kind));
  }
  planned.shoe = o.shoe.empty() ? profile.default_shoe() : o.shoe;
  CheckResult r;
  r.date = o.date.empty() ? env.today() : env.parse_date("--date", o.date, Looking::ahead);
  r.fail_on = o.fail_on;
  const engine::History history = load_history(env);
  r.evaluation = engine::evaluate(history, r.date, profile.settings, planned);
  // The runner's situation beside the run's own context: strength, shoe, cadence.
  for (auto& w : engine::status_warnings(history, r.date, profile.settings, planned.shoe))
    if (engine::is_context(w)) r.evaluation.context.push_back(std::move(w));
  if (engine::worst(r.evaluation.warnings).value_or(engine::Severity::info) !=
      engine::Severity::info)
    r.alternatives = engine::alternatives(history, r.date, profile.settings, planned,
                                          profile.schedule.cross_training);
  return r;
}

nlohmann::json alternative_json(const engine::Alternative& a) {
  nlohmann::json j = {{"kind", std::string(engine::to_string(a.kind))}, {"text", a.text}};
  if (a.date) j["date"] = format_day(*a.date);
  if (a.run) {
    if (a.run->distance_m) j["distance_m"] = *a.run->distance_m;
    if (a.run->duration_s) j["duration_s"] = *a.run->duration_s;
    j["surface"] = std::string(engine::to_string(a.run->surface));
  }
  if (!a.activity.empty()) j["activity"] = a.activity;
  if (a.duration_s) j["duration_s"] = *a.duration_s;
  return j;
}

ExitCode exit_for(const std::vector<engine::Warning>& warnings, std::string_view fail_on) {
  const auto worst = engine::worst(warnings);
  if (!worst || fail_on == "never") return ExitCode::ok;
  if (*worst == engine::Severity::danger) return ExitCode::danger;
  if (*worst == engine::Severity::caution && fail_on == "caution") return ExitCode::caution;
  return ExitCode::ok;
}

Rendered render(const CheckResult& r, const Env& env) {
  const auto& ev = r.evaluation;
  const engine::Units units = env.units();
  const std::string_view verdict = engine::verdict(ev.warnings);
  Rendered out;
  nlohmann::json planned = nlohmann::json::object();
  std::string planned_text;
  if (ev.planned) {
    const auto& p = *ev.planned;
    planned = {{"distance_m", p.distance_m},
               {"duration_s", p.duration_s},
               {"surface", std::string(engine::to_string(p.surface))},
               {"distance_estimated", p.distance_estimated},
               {"duration_estimated", p.duration_estimated},
               {"rpe", p.intensity_rpe},
               {"load_source", std::string(engine::to_string(p.intensity_source))},
               {"load", p.intensity_rpe * p.duration_s / 60.0}};
    if (p.kind) planned["kind"] = std::string(engine::to_string(*p.kind));
    if (!p.shoe.empty()) planned["shoe"] = p.shoe;
    planned_text = fmt::format(
        "{}{} in {}{} on {}, RPE {}{}", p.distance_estimated ? "~" : "",
        engine::format_distance(p.distance_m, units), p.duration_estimated ? "~" : "",
        engine::format_duration(p.duration_s), engine::to_string(p.surface), p.intensity_rpe,
        p.intensity_source == engine::LoadSource::rpe
            ? ""
            : fmt::format(" ({})", p.intensity_source == engine::LoadSource::kind
                                       ? fmt::format("{} run", engine::to_string(*p.kind))
                                   : p.intensity_source == engine::LoadSource::pace
                                       ? std::string("by pace")
                                       : std::string("easy, assumed")));
  }
  nlohmann::json alternatives = nlohmann::json::array();
  for (const auto& a : r.alternatives) alternatives.push_back(alternative_json(a));
  nlohmann::json context = figures_json(engine::named_figures(ev.figures));
  context["notes"] = warnings_json(ev.context);
  out.json = {{"date", format_day(r.date)},
              {"planned", planned},
              {"verdict", std::string(verdict)},
              {"warnings", warnings_json(ev.warnings)},
              {"alternatives", alternatives},
              {"context", context},
              {"notes", ev.notes}};

  const bool colour = want_colour(env);
  std::string t = fmt::format("{} {}: {}\n", date::format("%a %F", r.date), planned_text,
                              verdict_text(verdict, colour));
  for (const auto& w : ev.warnings) t += warning_text(w, colour);
  if (!r.alternatives.empty()) {
    t += "Instead:\n";
    for (const auto& a : r.alternatives) t += fmt::format("  - {}\n", a.text);
  }
  t += context_line(ev.context, units);
  const auto& f = ev.figures;
  t += fmt::format(
      "Load: 7 days {}, 28 days {}, longest run in 30 days {}; session load 7 days {:.0f}, "
      "form {:+.0f}\n",
      engine::format_distance(f.distance_7d_m, units),
      engine::format_distance(f.distance_28d_m, units),
      engine::format_distance(f.longest_30d_m, units), f.load_7d, f.form);
  for (const auto& n : ev.notes) out.notes.push_back("note: " + n);
  out.text = t;
  out.exit = exit_for(ev.warnings, r.fail_on);
  return out;
}

}  // namespace

Runner add_check(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand("check", "Check a planned run against your history");
  sub->add_option("--distance", o->distance, "e.g. 16km, 10mi");
  sub->add_option("--duration", o->duration, "e.g. 1h30m, 90min");
  sub->add_option("--surface", o->surface, "road, trail, ... (default: the profile's)");
  sub->add_option("--date", o->date, "The day of the run (default: today)");
  sub->add_option("--shoe", o->shoe, "The shoe (default: the profile's default shoe)");
  sub->add_option("--rpe", o->rpe, "Expected effort 0-10");
  sub->add_option("--kind", o->kind,
                  "easy, long, tempo, intervals, recovery or race (the effort when --rpe is not "
                  "given)");
  sub->add_option("--fail-on", o->fail_on,
                  "Lowest severity that makes the exit code non-zero (default: danger)")
      ->check(CLI::IsMember({"caution", "danger", "never"}));
  sub->footer("Exit codes: 0 clear (or below --fail-on), 3 caution, 4 danger.");
  return [o](Env& env) { return render(run_check(env, *o), env); };
}

}  // namespace stride::cli
