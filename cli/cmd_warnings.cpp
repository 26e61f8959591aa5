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

struct WarningsResult {
  std::vector<engine::DayWarnings> days;  ///< run days that fired or changed something
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
  r.days = engine::warnings_by_day(history, since, until, profile.settings);
  return r;
}

nlohmann::json context_json(const engine::ContextChange& c) {
  nlohmann::json j = warning_json(c.note);
  j["state"] = c.started ? "started" : "stopped";
  return j;
}

Rendered render(const WarningsResult& r, const Env& env) {
  Rendered out;
  nlohmann::json days = nlohmann::json::array();
  const bool colour = want_colour(env);
  const engine::Units units = env.units();
  std::string t;
  std::vector<engine::Warning> all;
  std::vector<engine::RuleId> rules;
  std::size_t listed_days = 0;
  for (const auto& d : r.days) {
    const auto day_all = d.all();
    all.insert(all.end(), day_all.begin(), day_all.end());
    if (!d.listed()) continue;  // only unchanged repeats: counted, not listed again
    ++listed_days;
    nlohmann::json context = nlohmann::json::array();
    for (const auto& c : d.context) context.push_back(context_json(c));
    nlohmann::json repeated = nlohmann::json::array();
    for (const auto& w : d.repeated) repeated.push_back(std::string(engine::to_string(w.rule)));
    days.push_back({{"date", format_day(d.date)},
                    {"verdict", std::string(engine::verdict(day_all))},
                    {"warnings", warnings_json(d.warnings)},
                    {"repeated", repeated},
                    {"context", context}});
    t += date::format("%a %F\n", d.date);
    for (const auto& w : d.warnings) {
      t += "  " + warning_text(w, colour, false);
      rules.push_back(w.rule);
    }
    for (const auto& c : d.context)
      t += fmt::format("  context {}: {}\n", c.started ? "from here" : "ended",
                       engine::context_brief(c.note, units));
  }
  const std::string_view verdict = engine::verdict(all);
  out.json = {{"days", days}, {"verdict", std::string(verdict)}};
  t += evidence_text(rules);
  t += listed_days == 0 ? "No warnings on any day.\n"
                        : fmt::format("{} listed; worst: {}\n", plural(listed_days, "day", "days"),
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
