// stride today: the active plan's sessions for a day and, for a planned run, a
// fresh pre-run check on what was really done, with one plain verdict: run it
// as planned, shorten it, swap it for cross-training, or stop and get assessed.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/plan_view.hpp"
#include "engine/alternatives.hpp"
#include "plans/generate.hpp"
#include "profile/profile.hpp"

namespace stride::cli {
namespace {

enum class Action { as_planned, shorten, swap, stop };

std::string_view to_string(Action a) {
  switch (a) {
    case Action::as_planned:
      return "as_planned";
    case Action::shorten:
      return "shorten";
    case Action::swap:
      return "swap";
    case Action::stop:
      return "stop";
  }
  return "as_planned";
}

struct RunAdvice {
  engine::Evaluation evaluation;
  Action action = Action::as_planned;
  std::string text;
  std::optional<engine::PlannedRun> shorter;  ///< shorten: the run that passes
  std::string cross_activity;                 ///< swap
  double cross_duration_s = 0;                ///< swap
};

bool fires(const std::vector<engine::Warning>& ws) {
  const auto w = engine::worst(ws);
  return w && *w != engine::Severity::info;
}

RunAdvice advise(const engine::History& history, engine::Day day, const profile::Profile& profile,
                 const engine::PlannedRun& planned, engine::Units units) {
  RunAdvice r;
  r.evaluation = engine::evaluate(history, day, profile.settings, planned);
  if (!fires(r.evaluation.warnings)) {
    r.text = "run it as planned";
    return r;
  }
  const auto alts = engine::alternatives(history, day, profile.settings, planned,
                                         profile.schedule.cross_training);
  for (const auto& a : alts)
    if (a.kind == engine::AlternativeKind::stop_and_assess) {
      r.action = Action::stop;
      r.text = a.text;
      return r;
    }
  // Shorter only when it is still worth running (the planner's minimum run).
  const double min_m = plans::min_run_m(profile.settings.experience);
  for (const auto& a : alts)
    if (a.kind == engine::AlternativeKind::shorter && a.run && a.run->distance_m &&
        *a.run->distance_m >= min_m) {
      r.action = Action::shorten;
      r.shorter = a.run;
      r.text = fmt::format("shorten it to {}", engine::format_distance(*a.run->distance_m, units));
      if (a.run->duration_s)
        r.text += fmt::format(" ({})", engine::format_duration(*a.run->duration_s));
      return r;
    }
  r.action = Action::swap;
  const double run_s = r.evaluation.planned ? r.evaluation.planned->duration_s : 0;
  r.cross_activity =
      profile.schedule.cross_training.empty() ? "cycling" : profile.schedule.cross_training[0];
  r.cross_duration_s = run_s;
  for (const auto& a : alts)
    if (a.kind == engine::AlternativeKind::cross_training) {
      r.cross_activity = a.activity;
      if (a.duration_s) r.cross_duration_s = *a.duration_s;
      break;
    }
  r.text = fmt::format("swap it for {}", r.cross_activity);
  if (r.cross_duration_s > 0)
    r.text += fmt::format(" ({}, easy)", engine::format_duration(r.cross_duration_s));
  return r;
}

Rendered run_today(Env& env, const std::string& date_word) {
  const engine::Day day =
      date_word.empty() ? env.today() : env.parse_date("--date", date_word, Looking::ahead);
  const plans::Plan plan = load_active_plan(env);
  const profile::Profile& profile = env.profile();
  const engine::Units u = env.units();
  // Only what was really done before the day: a run already logged today
  // should not be counted twice under the planned one. Pain notes of the day
  // count at once (a same-day note must change the advice, as in `check`).
  const engine::History all = load_history(env);
  engine::History history = history_until(all, day - date::days{1});
  for (const auto& p : all.pain_notes)
    if (p.date == day) history.pain_notes.push_back(p);
  // The day's runs already in: once there, the planned run is done, not to check.
  double done_m = 0, done_s = 0;
  std::size_t runs_done = 0;
  for (const auto& a : all.activities)
    if (a.local_date == day && engine::is_run(a.sport)) {
      done_m += a.distance_m;
      done_s += a.moving_s;
      ++runs_done;
    }

  Rendered out;
  nlohmann::json sessions = nlohmann::json::array();
  std::string t = fmt::format("{}\n", date::format("%a %F", day));
  // The morning (LOAD-SCIENCE.md "Today before its run"): the streak up to
  // yesterday, and what a run today makes it.
  const engine::Morning m = engine::morning(all, day, profile.settings);
  if (m.ran)
    t += fmt::format("run days in a row: {}; days since rest: {}\n", m.run_days_in_row,
                     m.days_since_rest);
  else
    t += fmt::format(
        "run days in a row: {} (a run today is the {}); days since rest: {} (a run "
        "today makes {})\n",
        m.run_days_in_row, ordinal(m.run_days_if_run), m.days_since_rest, m.days_since_rest_if_run);
  const plans::PlanDay* pd = find_day(plan, day);
  if (pd == nullptr || pd->sessions.empty()) {
    const bool outside = plan.weeks.empty() || day < plan.start ||
                         day > plans::week_last_day(plan, plan.weeks.back().week);
    t += outside ? "The active plan does not cover this day.\n" : "Nothing planned: rest.\n";
  }
  const bool colour = want_colour(env);
  if (pd != nullptr)
    for (const auto& s : pd->sessions) {
      nlohmann::json j = session_json(s);
      t += fmt::format("  {}\n", session_text(s, u));
      const auto* run = std::get_if<plans::Run>(&s);
      if (run != nullptr && runs_done > 0) {
        std::string planned;
        if (run->distance_m)
          planned = engine::format_distance(*run->distance_m, u);
        else if (run->duration_s)
          planned = engine::format_duration(*run->duration_s);
        const std::string done =
            done_m > 0 ? engine::format_distance(done_m, u) : engine::format_duration(done_s);
        j["action"] = "done";
        j["done"] = {{"distance_m", done_m}, {"moving_s", done_s}, {"runs", runs_done}};
        j["advice"] = fmt::format("done: {} of {} planned", done, planned);
        t += fmt::format("    => {}\n", j["advice"].get<std::string>());
      } else if (run != nullptr) {
        const RunAdvice a = advise(history, day, profile, planned_run(*run, profile), u);
        const std::string_view verdict = engine::verdict(a.evaluation.warnings);
        j["verdict"] = std::string(verdict);
        j["warnings"] = warnings_json(a.evaluation.warnings);
        j["action"] = std::string(to_string(a.action));
        j["advice"] = a.text;
        if (a.shorter) {
          j["shorter"] = nlohmann::json::object();
          if (a.shorter->distance_m) j["shorter"]["distance_m"] = *a.shorter->distance_m;
          if (a.shorter->duration_s) j["shorter"]["duration_s"] = *a.shorter->duration_s;
        }
        if (a.action == Action::swap)
          j["cross"] = {{"activity", a.cross_activity}, {"duration_s", a.cross_duration_s}};
        t += fmt::format("    check: {}\n", verdict_text(verdict, colour));
        for (const auto& w : a.evaluation.warnings) t += warning_text(w, colour);
        j["context"] = warnings_json(a.evaluation.context);
        t += context_line(a.evaluation.context, u);
        t += fmt::format("    => {}\n", a.text);
        for (const auto& n : a.evaluation.notes) out.notes.push_back("note: " + n);
      }
      sessions.push_back(j);
    }
  out.json = {{"date", format_day(day)},
              {"run_days_in_row", m.run_days_in_row},
              {"run_days_if_run_today", m.run_days_if_run},
              {"days_since_rest", m.days_since_rest},
              {"days_since_rest_if_run_today", m.days_since_rest_if_run},
              {"sessions", sessions}};
  out.text = t;
  return out;
}

}  // namespace

Runner add_today(CLI::App& app) {
  auto date = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("today", "The active plan's sessions for a day, checked afresh");
  sub->add_option("--date", *date, "The day (default: today)");
  return [date](Env& env) { return run_today(env, *date); };
}

}  // namespace stride::cli
