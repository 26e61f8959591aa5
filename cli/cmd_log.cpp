// stride log run|cross|strength|pain: manual entries without a file.
#include <date/tz.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct LogOptions {
  std::string kind;  // which sub-subcommand ran
  std::string date;
  std::string distance, duration, surface, shoe, rpe, name, note, run_kind;
  std::string activity;                // cross
  std::vector<std::string> exercises;  // strength
  std::string site, level;             // pain
  bool during_run = false;
  bool changes_gait = false;
};

struct LogResult {
  std::optional<engine::Activity> activity;
  std::optional<engine::PainNote> pain;
};

/// A manual entry starts at noon local time: the day is what matters, and noon
/// keeps it on that day whatever the DST change.
engine::Activity manual_activity(const Env& env, engine::Day day, engine::Sport sport) {
  engine::Activity a;
  a.sport = sport;
  a.local_date = day;
  const auto local_noon = date::local_seconds{day.time_since_epoch()} + std::chrono::hours{12};
  const auto info = env.time_zone()->get_info(local_noon);
  const auto offset = info.first.offset;
  a.utc_offset_s = static_cast<std::int32_t>(offset.count());
  a.start_utc = std::chrono::time_point_cast<std::chrono::milliseconds>(
      date::sys_seconds{local_noon.time_since_epoch()} - offset);
  a.summary_only = true;
  a.source.format = "manual";
  return a;
}

engine::Sport cross_sport(const std::string& name) {
  if (name == "cycling" || name == "ride") return engine::Sport::ride;
  if (name == "swimming" || name == "swim") return engine::Sport::swim;
  if (name == "rowing" || name == "row") return engine::Sport::row;
  if (name == "elliptical") return engine::Sport::elliptical;
  throw UsageError(
      fmt::format("--activity: '{}' is not one of cycling, swimming, rowing, elliptical", name));
}

LogResult run_log(Env& env, const LogOptions& o) {
  const engine::Day day = o.date.empty() ? env.today() : env.parse_date("--date", o.date);
  if (o.kind == "pain") {
    engine::PainNote note;
    note.date = day;
    auto site = engine::parse_pain_site(o.site);
    if (!site)
      throw UsageError(
          fmt::format("--site: unknown site '{}' (knee-front, knee-below, knee-outer, hip-outer, "
                      "shin-inner, shin-outer, calf, ankle, foot, back, other)",
                      o.site));
    note.site = *site;
    note.level = parse_rpe("--level", o.level);
    note.during_run = o.during_run;
    note.changes_gait = o.changes_gait;
    note.note = o.note;
    note.id = env.store(/*create=*/true).add_pain(note);
    return {std::nullopt, note};
  }

  engine::Activity a = manual_activity(env, day, engine::Sport::run);
  a.name = o.name;
  a.notes = o.note;
  if (!o.rpe.empty()) a.rpe = parse_rpe("--rpe", o.rpe);
  if (!o.duration.empty()) {
    a.moving_s = env.parse_duration_s("--duration", o.duration);
    a.elapsed_s = a.moving_s;
  }
  if (o.kind == "run") {
    if (o.distance.empty() && o.duration.empty())
      throw UsageError("log run: give --distance, --duration or both");
    if (!o.distance.empty()) a.distance_m = env.parse_distance_m("--distance", o.distance);
    if (!o.surface.empty()) {
      a.surface_m = parse_surface_spec(env, "--surface", o.surface, a.distance_m);
      if (a.surface_m.size() == 1 && a.surface_m.front().surface == engine::Surface::treadmill)
        a.sport = engine::Sport::treadmill_run;
    }
    a.shoe = o.shoe;
    if (!o.run_kind.empty()) {
      a.kind = engine::parse_run_kind(o.run_kind);
      if (!a.kind)
        throw UsageError(fmt::format(
            "--kind: '{}' is not one of easy, long, tempo, intervals, recovery, race", o.run_kind));
    }
  } else if (o.kind == "cross") {
    a.sport = cross_sport(o.activity);
  } else {  // strength
    a.sport = engine::Sport::strength;
    for (const auto& text : o.exercises) a.exercises.push_back(parse_exercise(text));
    if (a.exercises.empty() && o.duration.empty())
      throw UsageError("log strength: give --exercise (repeatable) or --duration");
  }
  a.id = env.store(/*create=*/true).add_activity(a);
  return {a, std::nullopt};
}

Rendered render(const LogResult& r, const Env& env) {
  Rendered out;
  if (r.pain) {
    const auto& p = *r.pain;
    out.json = {{"pain",
                 {{"id", p.id},
                  {"date", format_day(p.date)},
                  {"site", std::string(engine::to_string(p.site))},
                  {"level", p.level},
                  {"during_run", p.during_run},
                  {"changes_gait", p.changes_gait},
                  {"note", p.note}}}};
    out.text = fmt::format("logged pain #{}: {} {} level {}{}{}\n", p.id, format_day(p.date),
                           engine::to_string(p.site), p.level, p.during_run ? ", during a run" : "",
                           p.changes_gait ? ", changes gait" : "");
    if (p.level > 0)
      out.text +=
          "Pain that persists, gets worse or changes how you run: stop and get it assessed.\n";
    return out;
  }
  const auto& a = *r.activity;
  out.json = {{"activity", activity_json(a)}};
  std::string what = fmt::format("{} {}", format_day(a.local_date), engine::to_string(a.sport));
  if (a.distance_m > 0) what += ", " + engine::format_distance(a.distance_m, env.units());
  if (a.moving_s > 0) what += ", " + engine::format_duration(a.moving_s);
  if (!a.exercises.empty()) what += fmt::format(", {} exercises", a.exercises.size());
  out.text = fmt::format("logged #{}: {}\n", a.id, what);
  return out;
}

}  // namespace

Runner add_log(CLI::App& app) {
  auto o = std::make_shared<LogOptions>();
  auto* log = app.add_subcommand("log", "Record a run, cross-training, strength or pain by hand");
  log->require_subcommand(1);

  auto* run = log->add_subcommand("run", "A run without a file");
  run->add_option("--date", o->date, "The day (default: today)");
  run->add_option("--distance", o->distance, "e.g. 8km, 5mi");
  run->add_option("--duration", o->duration, "e.g. 45min, 1h05m, 1:05:00");
  run->add_option("--surface", o->surface, "road, trail... or road:6km,trail:2km");
  run->add_option("--shoe", o->shoe, "The shoe worn");
  run->add_option("--rpe", o->rpe, "Session effort 0-10");
  run->add_option("--kind", o->run_kind, "easy, long, tempo, intervals, recovery or race");
  run->add_option("--name", o->name, "A title");
  run->add_option("--note", o->note, "Free text");

  auto* cross =
      log->add_subcommand("cross", "Cross-training: cycling, swimming, rowing, elliptical");
  cross->add_option("--activity", o->activity, "cycling, swimming, rowing or elliptical")
      ->required();
  cross->add_option("--duration", o->duration, "e.g. 40min")->required();
  cross->add_option("--date", o->date, "The day (default: today)");
  cross->add_option("--rpe", o->rpe, "Session effort 0-10");
  cross->add_option("--note", o->note, "Free text");

  auto* strength = log->add_subcommand("strength", "A strength session");
  strength->add_option("--exercise", o->exercises,
                       "\"squat 3x10\", \"lunge 3x8 per side\" (repeat the option)");
  strength->add_option("--duration", o->duration, "e.g. 30min");
  strength->add_option("--date", o->date, "The day (default: today)");
  strength->add_option("--rpe", o->rpe, "Session effort 0-10");
  strength->add_option("--note", o->note, "Free text");

  auto* pain = log->add_subcommand("pain", "A pain note (the pain rule reads these)");
  pain->add_option("--site", o->site,
                   "knee-front, knee-below, knee-outer, hip-outer, shin-inner, shin-outer, "
                   "calf, ankle, foot, back, other")
      ->required();
  pain->add_option("--level", o->level, "0 (none) to 10")->required();
  pain->add_flag("--during-run", o->during_run, "It hurt while running");
  pain->add_flag("--changes-gait", o->changes_gait, "It changes how you run");
  pain->add_option("--date", o->date, "The day (default: today)");
  pain->add_option("--note", o->note, "Free text");

  return [o, run, cross, strength](Env& env) {
    o->kind = run->parsed()        ? "run"
              : cross->parsed()    ? "cross"
              : strength->parsed() ? "strength"
                                   : "pain";
    return render(run_log(env, *o), env);
  };
}

}  // namespace stride::cli
