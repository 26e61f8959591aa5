// stride report: load over time, as a chart in the terminal or one
// self-contained HTML page (report/ draws both; this file reads and writes).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "engine/rules.hpp"
#include "profile/profile.hpp"
#include "report/report.hpp"

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

Rendered run_report(Env& env, const ReportOptions& o) {
  if (o.weeks < 1)
    throw UsageError(fmt::format("--weeks: {} is not a number of weeks (1 or more)", o.weeks));
  const engine::Day day = o.date.empty() ? env.today() : env.parse_date("--date", o.date);
  engine::Settings settings = env.profile().settings;
  settings.units = env.units();
  const engine::History history = load_history(env);
  // No active plan is read yet: plans/ has no stored active plan to hand over.
  const auto data = report::build_report(history, day, o.weeks, settings);

  Rendered out;
  out.json = {{"date", format_day(day)}, {"weeks", weeks_json(data)}};
  if (!o.html.empty()) {
    std::ofstream file(o.html, std::ios::binary | std::ios::trunc);
    if (!file) throw CommandError(fmt::format("cannot write {}", o.html));
    file << report::render_html(data);
    file.close();
    if (!file) throw CommandError(fmt::format("cannot write {}", o.html));
    out.json["html"] = o.html;
    out.text =
        fmt::format("wrote {} ({} weeks to {})\n", o.html, data.weeks.size(), format_day(day));
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
