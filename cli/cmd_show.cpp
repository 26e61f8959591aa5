// stride show ID: one activity in full.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct ShowResult {
  engine::Activity activity;
  std::optional<engine::SessionLoad> load;
};

ShowResult run_show(Env& env, std::int64_t id) {
  auto a = env.store().get(id, /*with_points=*/true);
  if (!a) throw CommandError(fmt::format("no activity #{}", id));
  ShowResult r{std::move(*a), std::nullopt};
  const auto loads = session_loads_by_id(load_history(env), env.profile().settings);
  if (const auto it = loads.find(id); it != loads.end()) r.load = it->second;
  return r;
}

Rendered render(const ShowResult& r, const Env& env) {
  const engine::Activity& a = r.activity;
  const engine::Units units = env.units();
  Rendered out;
  out.json = activity_json(a, r.load ? &*r.load : nullptr);
  out.json["points"] = a.points.size();
  std::string t = fmt::format("#{} {} {}{}\n", a.id, format_day(a.local_date),
                              engine::to_string(a.sport), a.name.empty() ? "" : "  " + a.name);
  auto row = [&t](std::string_view label, const std::string& value) {
    if (!value.empty()) t += fmt::format("  {:<12}{}\n", label, value);
  };
  const int off_min = a.utc_offset_s / 60;
  row("start", fmt::format("{} (UTC{}{:02}:{:02})", iso_utc(a.start_utc), off_min < 0 ? '-' : '+',
                           std::abs(off_min) / 60, std::abs(off_min) % 60));
  if (a.distance_m > 0) row("distance", engine::format_distance(a.distance_m, units));
  if (a.moving_s > 0) row("moving", engine::format_hms(a.moving_s));
  if (a.elapsed_s > 0) row("elapsed", engine::format_hms(a.elapsed_s));
  if (engine::is_run(a.sport)) {
    row("pace", pace_text(a.distance_m, a.moving_s, units));
    row("surface", surface_text(a.surface_m, units));
  }
  if (a.elevation_gain_m == a.elevation_gain_m)
    row("climb", fmt::format("{:.0f} m", a.elevation_gain_m));
  if (a.avg_hr_bpm == a.avg_hr_bpm) row("heart rate", fmt::format("{:.0f} bpm", a.avg_hr_bpm));
  if (a.avg_cadence_spm == a.avg_cadence_spm)
    row("cadence", fmt::format("{:.0f} steps/min", a.avg_cadence_spm));
  if (a.kind) row("kind", std::string(engine::to_string(*a.kind)));
  if (r.load) {
    row("load",
        fmt::format("{:.0f} = RPE {} x {:.0f} min (RPE {})", r.load->load(), r.load->rpe,
                    r.load->minutes,
                    r.load->source == engine::LoadSource::rpe
                        ? std::string("logged")
                        : fmt::format("estimated from {}", load_source_words(r.load->source))));
  }
  row("shoe", a.shoe);
  for (const auto& e : a.exercises)
    row("exercise",
        fmt::format("{} {}x{}{}", e.name, e.sets, e.reps, e.per_side ? " per side" : ""));
  row("notes", a.notes);
  row("source",
      a.source.file_name.empty() ? a.source.format : a.source.format + " " + a.source.file_name);
  if (!a.points.empty()) row("points", std::to_string(a.points.size()));
  for (const auto& w : a.warnings) row("warning", w);
  out.text = t;
  return out;
}

}  // namespace

Runner add_show(CLI::App& app) {
  auto id = std::make_shared<std::int64_t>(0);
  auto* sub = app.add_subcommand("show", "Show one activity");
  sub->add_option("ID", *id, "The activity id (see stride list)")->required();
  return [id](Env& env) { return render(run_show(env, *id), env); };
}

}  // namespace stride::cli
