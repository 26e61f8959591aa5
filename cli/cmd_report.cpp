// stride report: load over time, as a chart in the terminal or one
// self-contained HTML page (report/ draws both; this file reads and writes).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <variant>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/plan_view.hpp"
#include "cli/render.hpp"
#include "engine/rules.hpp"
#include "profile/profile.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct ReportOptions {
  int weeks = 12;
  std::string html;
  std::string date;
  bool no_color = false;
};

nlohmann::json weeks_json(const report::ReportData& data) {
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& w : data.weeks) {
    nlohmann::json rules = nlohmann::json::array();
    for (auto id : w.rules) rules.push_back(std::string(engine::to_string(id)));
    weeks.push_back({{"week_start", format_day(w.start)},
                     {"distance_m", w.run_m},
                     {"hard_m", w.hard_m},
                     {"other_m", w.other_m()},
                     {"time_s", w.run_s},
                     {"runs", w.run_count},
                     {"rest_days", w.rest_days},
                     {"days", w.days},
                     {"longest_m", w.longest_m},
                     {"longest_limit_m", w.longest_limit_m ? nlohmann::json(*w.longest_limit_m)
                                                           : nlohmann::json(nullptr)},
                     {"rules", rules}});
  }
  return weeks;
}

nlohmann::json planned_json(const report::ReportData& data) {
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& p : data.planned)
    weeks.push_back(
        {{"week_start", format_day(p.start)}, {"distance_m", p.run_m}, {"run_days", p.run_days}});
  return weeks;
}

// The active plan's runs, one entry per run (a day with two runs gives two).
// A run given only by its duration gets the distance `plan check` would
// estimate (recent pace, else the experience level's), so the chart does not
// show it as a rest day. No active plan: nothing planned.
std::vector<report::PlannedDay> active_plan_days(Env& env, const engine::History& history,
                                                 const engine::Settings& settings) {
  std::vector<report::PlannedDay> out;
  if (!env.store().active_plan()) return out;
  const plans::Plan plan = load_active_plan(env);
  for (const auto& week : plan.weeks)
    for (const auto& day : week.days)
      for (const auto& session : day.sessions)
        if (const auto* run = std::get_if<plans::Run>(&session)) {
          const auto resolved =
              engine::resolve(history, day.date, planned_run(*run, env.profile()), settings);
          out.push_back({day.date, resolved.distance_m});
        }
  return out;
}

Rendered run_report(Env& env, const ReportOptions& o) {
  if (o.weeks < 1)
    throw UsageError(fmt::format("--weeks: {} is not a number of weeks (1 or more)", o.weeks));
  const engine::Day day =
      o.date.empty() ? env.today() : env.parse_date("--date", o.date, Looking::back);
  engine::Settings settings = env.profile().settings;
  settings.units = env.units();
  const engine::History history = load_history(env);
  const auto data = report::build_report(history, day, o.weeks, settings,
                                         active_plan_days(env, history, settings));

  Rendered out;
  out.json = {
      {"date", format_day(day)}, {"weeks", weeks_json(data)}, {"planned", planned_json(data)}};
  if (!o.html.empty()) {
    std::ofstream file(o.html, std::ios::binary | std::ios::trunc);
    if (!file) throw CommandError(fmt::format("cannot write {}", o.html));
    file << report::render_html(data);
    file.close();
    if (!file) throw CommandError(fmt::format("cannot write {}", o.html));
    out.json["html"] = o.html;
    out.text =
        fmt::format("wrote {} ({} to {}{})\n", o.html, plural(data.weeks.size(), "week", "weeks"),
                    format_day(day),
                    data.planned.empty() ? ""
                                         : fmt::format(", {} planned week{}", data.planned.size(),
                                                       data.planned.size() == 1 ? "" : "s"));
    return out;
  }
  report::TerminalOptions terminal;
  terminal.color = !o.no_color && want_colour(env);
  out.text = report::render_terminal(data, terminal);
  if (history.activities.empty())
    out.notes.push_back("note: no activities yet (stride import PATH...)");
  return out;
}

}  // namespace

Runner add_report(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand("report", "Load over time: a terminal chart or an HTML page");
  sub->add_option("--weeks", o->weeks, "Weeks to show, ending with this week (default 12)");
  sub->add_option("--html", o->html, "Write a self-contained HTML page to this file");
  sub->add_option("--date", o->date, "The last day shown (default: today)");
  sub->add_flag("--no-color", o->no_color, "Plain characters even on a terminal");
  return [o](Env& env) { return run_report(env, *o); };
}

}  // namespace stride::cli
