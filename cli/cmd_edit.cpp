// stride edit ID: corrects what a file could not know (surface, shoe, sport, RPE)
// and what was typed wrong (distance, time, date).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct EditOptions {
  std::int64_t id = 0;
  std::optional<std::string> surface, shoe, sport, rpe, name, notes, distance, duration, date;
  bool new_shoe = false;
};

struct EditResult {
  engine::Activity activity;
};

EditResult run_edit(Env& env, const EditOptions& o) {
  store::Store& store = env.store(Env::Access::write);
  auto before = store.get(o.id, /*with_points=*/false);
  if (!before) throw CommandError(fmt::format("no activity #{}", o.id));
  if (store.in_bin(o.id))
    throw CommandError(
        fmt::format("#{} is in the bin: `stride undelete {}` first to edit it", o.id, o.id));
  store::Edit edit;
  if (o.sport) {
    edit.sport = engine::parse_sport(*o.sport);
    if (!edit.sport) throw UsageError(fmt::format("--sport: unknown sport '{}'", *o.sport));
  }
  const engine::Sport sport = edit.sport.value_or(before->sport);
  if (o.distance)
    edit.distance_m = engine::is_run(sport) ? env.parse_run_distance_m("--distance", *o.distance)
                                            : env.parse_distance_m("--distance", *o.distance);
  if (o.duration) {
    edit.moving_s = env.parse_duration_s("--duration", *o.duration);
    // Elapsed time keeps the pauses it had (a lap at the lights still took time).
    const double paused_s = std::max(0.0, before->elapsed_s - before->moving_s);
    edit.elapsed_s = *edit.moving_s + paused_s;
  }
  const double distance_m = edit.distance_m.value_or(before->distance_m);
  if (engine::is_run(sport))
    env.check_run_pace(distance_m, edit.moving_s.value_or(before->moving_s));
  if (o.surface) {
    edit.surface_m = parse_surface_spec(env, "--surface", *o.surface, distance_m);
  } else if (edit.distance_m && before->distance_m > 0 && !before->surface_m.empty()) {
    // The split keeps its proportions over the corrected distance.
    auto shares = before->surface_m;
    for (auto& s : shares) s.distance_m *= distance_m / before->distance_m;
    edit.surface_m = std::move(shares);
  } else if (edit.distance_m && before->surface_m.empty() && engine::is_run(sport)) {
    edit.surface_m = std::vector<engine::SurfaceShare>{{env.profile().default_surface, distance_m}};
  }
  if (o.date) {
    const engine::Day day = env.parse_date("--date", *o.date, Looking::back);
    if (day > env.today())
      throw UsageError(fmt::format("--date: '{}' is {}, after today ({})", *o.date, format_day(day),
                                   format_day(env.today())));
    // Whole days: the time of day and its offset stay as recorded.
    edit.local_date = day;
    edit.start_utc = before->start_utc + (day - before->local_date);
  }
  if (o.rpe) edit.rpe = parse_rpe("--rpe", *o.rpe);
  if (o.shoe) edit.shoe = known_shoe(env, "--shoe", *o.shoe, o.new_shoe);
  edit.name = o.name;
  edit.notes = o.notes;
  if (!edit.sport && !edit.surface_m && !edit.rpe && !edit.shoe && !edit.name && !edit.notes &&
      !edit.distance_m && !edit.moving_s && !edit.local_date)
    throw UsageError(
        "edit: nothing to change (give --distance, --duration, --date, --surface, --shoe, "
        "--sport, --rpe, --name or --notes)");
  if (!store.edit(o.id, edit)) throw CommandError(fmt::format("no activity #{}", o.id));
  return {*store.get(o.id, /*with_points=*/false)};
}

Rendered render(const EditResult& r, const Env& env) {
  Rendered out;
  out.json = activity_json(r.activity);
  const auto& a = r.activity;
  out.text = fmt::format(
      "updated #{}: {} {} {} in {}, surface {}{}{}\n", a.id, format_day(a.local_date),
      engine::to_string(a.sport), engine::format_distance(a.distance_m, env.units()),
      engine::format_duration(a.moving_s), surface_text(a.surface_m, env.units()),
      a.shoe.empty() ? "" : ", shoe " + a.shoe, a.rpe ? fmt::format(", rpe {}", *a.rpe) : "");
  return out;
}

}  // namespace

Runner add_edit(CLI::App& app) {
  auto o = std::make_shared<EditOptions>();
  auto* sub = app.add_subcommand("edit", "Correct one activity");
  sub->add_option("ID", o->id, "The activity id (see stride list)")->required();
  sub->add_option("--surface", o->surface, "road, trail... or a split: road:8km,trail:2km");
  sub->add_option("--distance", o->distance, "The distance, e.g. 10.2km");
  sub->add_option("--duration", o->duration, "The moving time, e.g. 52min, 1:05:00");
  sub->add_option("--date", o->date, "The day it was done (the time of day stays)");
  sub->add_option("--shoe", o->shoe, "The shoe worn");
  sub->add_flag("--new-shoe", o->new_shoe, "--shoe names a shoe not used before");
  sub->add_option("--sport", o->sport, "run, trail_run, treadmill_run, walk, ride, ...");
  sub->add_option("--rpe", o->rpe, "Session effort 0-10");
  sub->add_option("--name", o->name, "A title");
  sub->add_option("--notes", o->notes, "Free text");
  return [o](Env& env) { return render(run_edit(env, *o), env); };
}

}  // namespace stride::cli
