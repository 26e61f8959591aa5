// stride warnings: what the model would have said on each past day with a run.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/render.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

struct WarningsOptions {
  std::string since, until;
};

struct DayWarnings {
  engine::Day date{};
  std::vector<engine::Warning> warnings;
};

struct WarningsResult {
  std::vector<DayWarnings> days;  ///< days with a run that fired something
  std::vector<engine::Warning> all;
};

WarningsResult run_warnings(Env& env, const WarningsOptions& o) {
  const profile::Profile& profile = env.profile();
  const engine::History history = load_history(env);
  WarningsResult r;
  const auto first = history.first_day();
  if (!first) return r;
  const engine::Day until =
      o.until.empty() ? env.today() : env.parse_date("--until", o.until, Looking::back);
  const engine::Day since =
      o.since.empty() ? *first : env.parse_date("--since", o.since, Looking::back);
  // Days with a run, each evaluated on the history up to it.
  std::vector<engine::Day> run_days;
  for (const auto& a : history.activities)
    if (engine::is_run(a.sport) && a.local_date >= since && a.local_date <= until &&
        (run_days.empty() || run_days.back() != a.local_date))
      run_days.push_back(a.local_date);
  std::sort(run_days.begin(), run_days.end());
  run_days.erase(std::unique(run_days.begin(), run_days.end()), run_days.end());
  for (const engine::Day day : run_days) {
    auto ws = engine::evaluate_day(history, day, profile.settings);
    if (ws.empty()) continue;
    r.all.insert(r.all.end(), ws.begin(), ws.end());
    r.days.push_back({day, std::move(ws)});
  }
  return r;
}

Rendered render(const WarningsResult& r, const Env& env) {
  Rendered out;
  nlohmann::json days = nlohmann::json::array();
  const bool colour = want_colour(env);
  std::string t;
  for (const auto& d : r.days) {
    days.push_back({{"date", format_day(d.date)}, {"warnings", warnings_json(d.warnings)}});
    t += date::format("%a %F\n", d.date);
    for (const auto& w : d.warnings) t += "  " + warning_text(w, colour);
  }
  const std::string_view verdict = engine::verdict(r.all);
  out.json = {{"days", days}, {"verdict", std::string(verdict)}};
  t += r.days.empty()
           ? "No warnings on any day.\n"
           : fmt::format("{} with warnings; worst: {}\n", plural(r.days.size(), "day", "days"),
                         verdict_text(verdict, colour));
  out.text = t;
  return out;
}

}  // namespace

Runner add_warnings(CLI::App& app) {
  auto o = std::make_shared<WarningsOptions>();
  auto* sub = app.add_subcommand("warnings", "What the model would have said on each past day");
  sub->add_option("--since", o->since, "First day (default: the start of the history)");
  sub->add_option("--until", o->until, "Last day (default: today)");
  return [o](Env& env) { return render(run_warnings(env, *o), env); };
}

}  // namespace stride::cli
