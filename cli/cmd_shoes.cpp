// stride shoes: distance per shoe, when it was last used, and which are past
// their retirement distance.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <map>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

struct ShoeRow {
  std::string name;
  double distance_m = 0;
  int runs = 0;
  std::optional<engine::Day> last_used;
  double retirement_m = 0;
};

struct ShoesResult {
  std::vector<ShoeRow> shoes;
};

ShoesResult run_shoes(Env& env) {
  const profile::Profile& profile = env.profile();
  const engine::History history = load_history(env);
  std::map<std::string, ShoeRow> rows;
  // Shoes in the profile show even before their first run.
  for (const auto& s : profile.shoes) rows[s.name].name = s.name;
  for (const auto& a : history.activities) {
    if (!engine::is_run(a.sport) || a.shoe.empty() || a.local_date > env.today()) continue;
    ShoeRow& row = rows[a.shoe];
    row.name = a.shoe;
    row.distance_m += a.distance_m;
    ++row.runs;
    if (!row.last_used || *row.last_used < a.local_date) row.last_used = a.local_date;
  }
  ShoesResult r;
  for (auto& [name, row] : rows) {
    row.retirement_m = profile.settings.retirement_m_for(name);
    r.shoes.push_back(row);
  }
  return r;
}

Rendered render(const ShoesResult& r, const Env& env) {
  const engine::Units u = env.units();
  Rendered out;
  out.json = nlohmann::json::array();
  Table t({"SHOE", "DISTANCE", "RUNS", "LAST USED", "RETIRE AT", ""},
          {false, true, true, false, true, false});
  for (const auto& s : r.shoes) {
    const bool retire = s.distance_m > s.retirement_m;
    out.json.push_back({{"shoe", s.name},
                        {"distance_m", s.distance_m},
                        {"runs", s.runs},
                        {"last_used", s.last_used ? nlohmann::json(format_day(*s.last_used))
                                                  : nlohmann::json(nullptr)},
                        {"retirement_m", s.retirement_m},
                        {"past_retirement", retire}});
    t.add({s.name, engine::format_distance(s.distance_m, u), std::to_string(s.runs),
           s.last_used ? format_day(*s.last_used) : "-", engine::format_distance(s.retirement_m, u),
           retire ? "retire it" : ""});
  }
  out.text = r.shoes.empty() ? "no shoes yet (name one with --shoe, or list them in the profile)\n"
                             : t.str();
  return out;
}

}  // namespace

Runner add_shoes(CLI::App& app) {
  app.add_subcommand("shoes", "Distance per shoe, with retirement warnings");
  return [](Env& env) { return render(run_shoes(env), env); };
}

}  // namespace stride::cli
