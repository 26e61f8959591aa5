// stride list: the history as a table, or a JSON array of activities.
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

struct ListOptions {
  std::string since;
  std::string until;
  std::string sport;
};

struct ListResult {
  std::vector<engine::Activity> activities;
  /// Session loads need the history around each activity, not only the listed ones.
  std::unordered_map<std::int64_t, engine::SessionLoad> loads;
};

ListResult run_list(Env& env, const ListOptions& o) {
  store::Filter filter;
  if (!o.since.empty()) filter.since = env.parse_date("--since", o.since);
  if (!o.until.empty()) filter.until = env.parse_date("--until", o.until);
  if (!o.sport.empty()) {
    filter.sport = engine::parse_sport(o.sport);
    if (!filter.sport)
      throw UsageError(fmt::format(
          "--sport: unknown sport '{}' (run, trail_run, treadmill_run, walk, hike, ride, swim, "
          "row, elliptical, strength, other)",
          o.sport));
  }
  ListResult r{env.store().list(filter), {}};
  r.loads = session_loads_by_id(load_history(env), env.profile().settings);
  return r;
}

Rendered render(const ListResult& r, const Env& env) {
  Rendered out;
  out.json = nlohmann::json::array();
  Table table({"ID", "DATE", "SPORT", "DISTANCE", "TIME", "PACE", "SURFACE", "SHOE", "NAME"},
              {true, false, false, true, true, true, false, false, false});
  const engine::Units units = env.units();
  for (const auto& a : r.activities) {
    const auto load = r.loads.find(a.id);
    out.json.push_back(activity_json(a, load == r.loads.end() ? nullptr : &load->second));
    table.add({std::to_string(a.id), format_day(a.local_date), std::string(to_string(a.sport)),
               a.distance_m > 0 ? engine::format_distance(a.distance_m, units) : "",
               a.moving_s > 0 ? engine::format_duration(a.moving_s) : "",
               engine::is_run(a.sport) ? pace_text(a.distance_m, a.moving_s, units) : "",
               engine::is_run(a.sport) ? surface_text(a.surface_m, units) : "", a.shoe, a.name});
  }
  out.text = r.activities.empty() ? "no activities\n" : table.str();
  return out;
}

}  // namespace

Runner add_list(CLI::App& app) {
  auto o = std::make_shared<ListOptions>();
  auto* sub = app.add_subcommand("list", "List activities (oldest first)");
  sub->add_option("--since", o->since, "First day (a date word)");
  sub->add_option("--until", o->until, "Last day (a date word)");
  sub->add_option("--sport", o->sport, "Only this sport (run, trail_run, ride, ...)");
  return [o](Env& env) { return render(run_list(env, *o), env); };
}

}  // namespace stride::cli
