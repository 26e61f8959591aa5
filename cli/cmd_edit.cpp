// stride edit ID: corrects what a file could not know (surface, shoe, sport, RPE).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct EditOptions {
  std::int64_t id = 0;
  std::optional<std::string> surface, shoe, sport, rpe, name, notes;
};

struct EditResult {
  engine::Activity activity;
};

EditResult run_edit(Env& env, const EditOptions& o) {
  store::Store& store = env.store();
  auto before = store.get(o.id, /*with_points=*/false);
  if (!before) throw CommandError(fmt::format("no activity #{}", o.id));
  store::Edit edit;
  if (o.sport) {
    edit.sport = engine::parse_sport(*o.sport);
    if (!edit.sport) throw UsageError(fmt::format("--sport: unknown sport '{}'", *o.sport));
  }
  if (o.surface)
    edit.surface_m = parse_surface_spec(env, "--surface", *o.surface, before->distance_m);
  if (o.rpe) edit.rpe = parse_rpe("--rpe", *o.rpe);
  edit.shoe = o.shoe;
  edit.name = o.name;
  edit.notes = o.notes;
  if (!edit.sport && !edit.surface_m && !edit.rpe && !edit.shoe && !edit.name && !edit.notes)
    throw UsageError(
        "edit: nothing to change (give --surface, --shoe, --sport, --rpe, --name or --notes)");
  if (!store.edit(o.id, edit)) throw CommandError(fmt::format("no activity #{}", o.id));
  return {*store.get(o.id, /*with_points=*/false)};
}

Rendered render(const EditResult& r, const Env& env) {
  Rendered out;
  out.json = activity_json(r.activity);
  const auto& a = r.activity;
  out.text = fmt::format(
      "updated #{}: {} {}, surface {}{}{}\n", a.id, engine::to_string(a.sport),
      engine::format_distance(a.distance_m, env.units()), surface_text(a.surface_m, env.units()),
      a.shoe.empty() ? "" : ", shoe " + a.shoe, a.rpe ? fmt::format(", rpe {}", *a.rpe) : "");
  return out;
}

}  // namespace

Runner add_edit(CLI::App& app) {
  auto o = std::make_shared<EditOptions>();
  auto* sub = app.add_subcommand("edit", "Correct one activity");
  sub->add_option("ID", o->id, "The activity id (see stride list)")->required();
  sub->add_option("--surface", o->surface, "road, trail... or a split: road:8km,trail:2km");
  sub->add_option("--shoe", o->shoe, "The shoe worn");
  sub->add_option("--sport", o->sport, "run, trail_run, treadmill_run, walk, ride, ...");
  sub->add_option("--rpe", o->rpe, "Session effort 0-10");
  sub->add_option("--name", o->name, "A title");
  sub->add_option("--notes", o->notes, "Free text");
  return [o](Env& env) { return render(run_edit(env, *o), env); };
}

}  // namespace stride::cli
