// stride plan generate|check|export|use|status: writing, validating and
// following a training plan (PRODUCT.md "Plans (YAML)"). The plan library
// works on strings and values; this file reads and writes the files, reads the
// clock (DTSTAMP, activation time) and renders.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>

#include "cli/commands.hpp"
#include "cli/dates.hpp"
#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "cli/plan_view.hpp"
#include "cli/render.hpp"
#include "plans/check.hpp"
#include "plans/generate.hpp"
#include "plans/ics.hpp"
#include "plans/plan_yaml.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {
namespace {

struct PlanOptions {
  // generate
  std::optional<int> weeks;
  std::string start, goal_weekly, goal, race, race_date, race_surface, out;
  // check, export, use
  std::string file, fail_on = "danger", ics;
  bool force = false;
  // status
  std::string date;
};

engine::UtcTime now_utc() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// ---- generate --------------------------------------------------------------

Rendered run_generate(Env& env, const PlanOptions& o) {
  if (o.weeks && (*o.weeks < 1 || *o.weeks > 52)) throw UsageError("--weeks: give 1 to 52 weeks");
  const engine::Day today = env.today();
  engine::Day start{};
  if (o.start.empty()) {
    // The next Monday, today included, as `--start mon` reads. Starting a
    // Monday's plan a week later would leave 8 or more days from a Sunday run
    // to the plan's first run: a comeback by the break rule, for a runner who
    // ran yesterday.
    start = today + (date::Monday - date::weekday{today});
  } else {
    start = env.parse_date("--start", o.start, Looking::ahead);
    if (start < today)
      throw UsageError(
          fmt::format("--start: '{}' is {}, before today ({}): a plan is for the days ahead",
                      o.start, format_day(start), format_day(today)));
  }
  const profile::Profile& profile = env.profile();
  plans::GenerateOptions options = generate_options(profile);
  const int goals = !o.goal_weekly.empty() + !o.goal.empty() + !o.race.empty();
  if (goals > 1) throw UsageError("give one of --goal-weekly, --goal maintain or --race");
  if (!o.goal.empty() && o.goal != "maintain")
    throw UsageError(
        fmt::format("--goal: '{}' is not a goal (give --goal maintain, or "
                    "--goal-weekly 40km, or --race 21.1km --race-date D)",
                    o.goal));
  if (!o.race.empty() && o.race_date.empty())
    throw UsageError("--race needs --race-date (e.g. --race 21.1km --race-date 2027-03-14)");
  if (o.race.empty() && !o.race_date.empty()) throw UsageError("--race-date needs --race");
  if (o.race.empty() && !o.race_surface.empty()) throw UsageError("--race-surface needs --race");
  if (!o.goal_weekly.empty() || !o.goal.empty()) {
    options.goal_weekly_m.reset();
    if (!o.goal_weekly.empty())
      options.goal_weekly_m = env.parse_distance_m("--goal-weekly", o.goal_weekly);
    options.race_m.reset();
    options.race_date.reset();
  }
  if (!o.race.empty()) {
    options.race_m = env.parse_run_distance_m("--race", o.race);
    options.race_date = env.parse_date("--race-date", o.race_date, Looking::ahead);
    options.goal_weekly_m.reset();
    if (!o.race_surface.empty()) {
      const auto s = engine::parse_surface(o.race_surface);
      if (!s || (*s != engine::Surface::road && *s != engine::Surface::trail &&
                 *s != engine::Surface::track))
        throw UsageError(
            fmt::format("--race-surface: '{}' (give road, trail or track)", o.race_surface));
      options.race_surface = *s;
    }
  }
  // Without a race, 4 weeks unless told; a race plan runs to race day.
  std::optional<int> plan_weeks = o.weeks;
  if (!options.race_m && !plan_weeks) plan_weeks = 4;
  // What was known before the start: the generator builds on that, measured
  // up to today (the days from today to the start are not yet run).
  options.known_until = std::min(today, start - date::days{1});
  const engine::History history = history_until(load_history(env), start - date::days{1});
  plans::Plan plan;
  try {
    plan = plans::generate_plan(history, options, start, plan_weeks);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const std::string yaml = plans::write_plan_yaml(plan, env.units());

  Rendered out;
  std::vector<std::string> notes;
  for (std::size_t pos = 0; pos < plan.notes.size();) {
    const std::size_t end = std::min(plan.notes.find('\n', pos), plan.notes.size());
    if (end > pos) notes.push_back(plan.notes.substr(pos, end - pos));
    pos = end + 1;
  }
  for (const auto& n : notes) out.notes.push_back("note: " + n);
  out.json = {{"start", format_day(plan.start)},
              {"weeks", plan.weeks.size()},
              {"notes", notes},
              {"built_from",
               {{"chronic_week_m", plan.built_from.chronic_week_m},
                {"longest_30d_m", plan.built_from.longest_30d_m}}}};
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& w : plan.weeks)
    weeks.push_back({{"week", w.week},
                     {"recovery", w.recovery},
                     {"run_distance_m", w.targets.run_distance_m},
                     {"long_run_m", w.targets.long_run_m}});
  out.json["targets"] = weeks;
  if (o.out.empty()) {
    out.text = yaml;
    out.json["plan"] = yaml;
  } else {
    write_text_file(o.out, yaml);
    out.json["out"] = o.out;
    out.text =
        fmt::format("wrote {}: {} from {}\n", o.out, plural(plan.weeks.size(), "week", "weeks"),
                    date::format("%a %F", plan.start));
  }
  return out;
}

// ---- check -----------------------------------------------------------------

nlohmann::json check_json(const plans::PlanCheck& check) {
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : check.days) {
    nlohmann::json day = {{"date", format_day(d.date)},
                          {"warnings", warnings_json(d.warnings)},
                          {"context", warnings_json(d.context)}};
    if (!d.notes.empty()) day["notes"] = d.notes;
    days.push_back(day);
  }
  return {{"days", days}, {"verdict", std::string(check.verdict())}};
}

/// One block per checked day: the day's sessions and verdict, then each
/// alarm; the context line where it changes; each rule's evidence once at the end.
std::string check_text(const plans::Plan& plan, const plans::PlanCheck& check, const Env& env,
                       bool colour) {
  std::string t;
  std::string last_context;
  std::vector<engine::RuleId> rules;
  for (const auto& d : check.days) {
    std::string planned;
    if (const plans::PlanDay* day = find_day(plan, d.date))
      for (const auto& s : day->sessions)
        if (std::holds_alternative<plans::Run>(s))
          planned += (planned.empty() ? "" : " + ") + session_text(s, env.units());
    t += fmt::format("{} {}: {}\n", date::format("%a %F", d.date), planned,
                     verdict_text(engine::verdict(d.warnings), colour));
    for (const auto& w : d.warnings) {
      t += warning_text(w, colour, false);
      rules.push_back(w.rule);
    }
    if (const std::string line = context_line(d.context, env.units()); line != last_context) {
      t += line.empty() ? "Context: none\n" : line;
      last_context = line;
    }
  }
  t += evidence_text(rules);
  t += fmt::format("Plan: {} ({} run days checked)\n", verdict_text(check.verdict(), colour),
                   check.days.size());
  return t;
}

Rendered run_plan_check(Env& env, const PlanOptions& o) {
  const plans::Plan plan = read_plan_file(env, o.file);
  const plans::PlanCheck check = plans::check_plan(plan, load_history(env), env.profile().settings);
  Rendered out;
  out.json = check_json(check);
  out.text = check_text(plan, check, env, want_colour(env));
  out.exit = exit_for(check.worst(), o.fail_on);
  return out;
}

// ---- export ----------------------------------------------------------------

Rendered run_export(Env& env, const PlanOptions& o) {
  const plans::Plan plan = read_plan_file(env, o.file);
  const std::string ics = plans::write_ics(plan, now_utc(), env.units());
  write_text_file(o.ics, ics);
  std::size_t events = 0;
  for (const auto& w : plan.weeks)
    for (const auto& d : w.days) events += d.sessions.size();
  Rendered out;
  out.json = {{"ics", o.ics}, {"events", events}};
  out.text = fmt::format("wrote {}: {}\n", o.ics, plural(events, "event", "events"));
  return out;
}

// ---- use -------------------------------------------------------------------

Rendered run_use(Env& env, const PlanOptions& o) {
  std::string text;
  const plans::Plan plan = read_plan_file(env, o.file, &text);
  const plans::PlanCheck check = plans::check_plan(plan, load_history(env), env.profile().settings);
  Rendered out;
  out.json = check_json(check);
  out.json["file"] = o.file;
  const bool danger = check.worst() == engine::Severity::danger;
  if (danger && !o.force) {
    out.text = check_text(plan, check, env, want_colour(env));
    out.errors.push_back(fmt::format(
        "{}: not made active: the plan has a danger (fix it, or --force to use it anyway)",
        o.file));
    out.json["active"] = false;
    out.exit = ExitCode::danger;
    return out;
  }
  // The path is kept: `today` and `plan status` re-read the file when it changes.
  env.store(Env::Access::write)
      .set_active_plan(text, now_utc(),
                       std::filesystem::absolute(o.file).lexically_normal().string());
  out.json["active"] = true;
  const plans::Day last =
      plan.weeks.empty() ? plan.start : plans::week_last_day(plan, plan.weeks.back().week);
  out.text = fmt::format("active plan: {} ({}, {} to {}), check: {}\n", o.file,
                         plural(plan.weeks.size(), "week", "weeks"), format_day(plan.start),
                         format_day(last), check.verdict());
  if (check.verdict() != "clear")
    out.notes.push_back(fmt::format("note: the plan has a {} (see `stride plan check {}`)",
                                    check.verdict(), o.file));
  return out;
}

// ---- status ----------------------------------------------------------------

/// The days from `first` on as a plan of their own, so check_plan lays them
/// on what was really done rather than on the plan.
plans::Plan remaining_plan(const plans::Plan& plan, engine::Day first) {
  plans::Plan rest = plan;
  rest.start = std::max(plan.start, first);
  rest.weeks.clear();
  for (const auto& w : plan.weeks) {
    plans::PlanWeek week = w;
    week.days.clear();
    for (const auto& d : w.days)
      if (d.date >= first) week.days.push_back(d);
    if (!week.days.empty()) rest.weeks.push_back(std::move(week));
  }
  return rest;
}

bool counts_as_run(const engine::Activity& a) { return engine::is_run(a.sport); }

Rendered run_status(Env& env, const PlanOptions& o) {
  const plans::Plan plan = load_active_plan(env);
  const engine::Day today =
      o.date.empty() ? env.today() : env.parse_date("--date", o.date, Looking::back);
  const engine::History all = load_history(env);
  const engine::History done = history_until(all, today);
  const engine::Units u = env.units();

  Rendered out;
  nlohmann::json days = nlohmann::json::array();
  nlohmann::json weeks = nlohmann::json::array();
  std::string t = fmt::format("Active plan from {}, as of {}\n", format_day(plan.start),
                              date::format("%a %F", today));
  if (today < plan.start) t += "The plan has not started yet.\n";
  for (const auto& w : plan.weeks) {
    const engine::Day first = plans::week_first_day(plan, w.week);
    const engine::Day last = plans::week_last_day(plan, w.week);
    if (first > today) break;
    const double planned_m = plans::run_distance_m(w);
    double done_m = 0;
    Table table({"DAY", "PLANNED", "DONE"});
    for (engine::Day d = first; d <= std::min(last, today); d += date::days{1}) {
      nlohmann::json planned_j = nlohmann::json::array();
      nlohmann::json done_j = nlohmann::json::array();
      std::string planned_t, done_t;
      if (const plans::PlanDay* pd = find_day(plan, d))
        for (const auto& s : pd->sessions) {
          planned_j.push_back(session_json(s));
          planned_t += (planned_t.empty() ? "" : "; ") + session_text(s, u);
        }
      for (const auto& a : done.activities)
        if (a.local_date == d) {
          done_j.push_back(done_json(a));
          done_t += (done_t.empty() ? "" : "; ") + done_text(a, u);
          if (counts_as_run(a)) done_m += a.distance_m;
        }
      days.push_back({{"date", format_day(d)}, {"planned", planned_j}, {"done", done_j}});
      table.add({date::format("%a %F", d), planned_t.empty() ? "-" : planned_t,
                 done_t.empty() ? "-" : done_t});
    }
    const double completion = planned_m > 0 ? done_m / planned_m : 0;
    weeks.push_back({{"week", w.week},
                     {"planned_m", planned_m},
                     {"done_m", done_m},
                     {"completion", completion}});
    t += fmt::format("\nWeek {}{}: {} of {} run ({:.0f} %)\n", w.week,
                     w.recovery ? " (recovery)" : "", engine::format_distance(done_m, u),
                     engine::format_distance(planned_m, u), completion * 100);
    t += table.str();
  }

  // Today's planned run still counts until it is run or the day is over:
  // leaving it out would make the days after it look like a spike.
  bool today_pending = false;
  if (const plans::PlanDay* pd = find_day(plan, today)) {
    const bool run_planned =
        std::any_of(pd->sessions.begin(), pd->sessions.end(),
                    [](const auto& s) { return std::holds_alternative<plans::Run>(s); });
    const bool run_done = std::any_of(
        done.activities.begin(), done.activities.end(),
        [&](const engine::Activity& a) { return a.local_date == today && counts_as_run(a); });
    today_pending = run_planned && !run_done;
  }
  const engine::Day first_left = today + date::days{today_pending ? 0 : 1};
  const plans::Plan rest = remaining_plan(plan, first_left);
  // What was done today (strength, a pain note) stays in: the run lands on top.
  // plan-structure stays judged on the whole plan: a week cut at today would
  // make its long run look out of proportion.
  const plans::PlanCheck check = plans::check_plan(plan, done, env.profile().settings, first_left);
  out.json = {{"date", format_day(today)},
              {"start", format_day(plan.start)},
              {"days", days},
              {"weeks", weeks},
              {"remaining", check_json(check)}};
  if (rest.weeks.empty()) {
    t += "\nNo days left in the plan.\n";
  } else {
    const bool colour = want_colour(env);
    t += fmt::format("\nThe rest of the plan (from {}) on what you actually did:\n",
                     format_day(rest.start));
    t += check_text(rest, check, env, colour);
  }
  out.text = t;
  return out;
}

}  // namespace

Runner add_plan(CLI::App& app) {
  auto o = std::make_shared<PlanOptions>();
  auto* plan = app.add_subcommand("plan", "Generate, check, export and follow training plans");
  plan->require_subcommand(1);

  auto* gen = plan->add_subcommand("generate", "Write the next weeks as a YAML plan");
  gen->add_option("--weeks", o->weeks, "How many weeks (default: 4; a race plan runs to race day)");
  gen->add_option("--start", o->start,
                  "The first day (default: the next Monday, today on a Monday)");
  gen->add_option("--goal-weekly", o->goal_weekly,
                  "Weekly distance to build to (or ease down to), e.g. 40km");
  gen->add_option("--goal", o->goal,
                  "maintain: hold the current week (the default without a goal)");
  gen->add_option("--race", o->race,
                  "Race distance, 1-250 km, e.g. 21.1km (with --race-date, 21 days to 30 weeks "
                  "after the start)");
  gen->add_option("--race-date", o->race_date, "The race day");
  gen->add_option("--race-surface", o->race_surface, "road (default), trail or track");
  gen->add_option("--out", o->out, "Write the plan here (default: stdout)");

  auto* check = plan->add_subcommand("check", "Check a plan day by day against the rules");
  check->add_option("file", o->file, "The plan (YAML)")->required();
  check
      ->add_option("--fail-on", o->fail_on,
                   "Lowest severity that makes the exit code non-zero (default: danger)")
      ->check(CLI::IsMember({"caution", "danger", "never"}));
  check->footer("Exit codes: 0 clear (or below --fail-on), 3 caution, 4 danger.");

  auto* exp = plan->add_subcommand("export", "Write a plan as an iCalendar file");
  exp->add_option("file", o->file, "The plan (YAML)")->required();
  exp->add_option("--ics", o->ics, "The calendar file to write")->required();

  auto* use = plan->add_subcommand("use", "Check a plan and make it the active one");
  use->add_option("file", o->file, "The plan (YAML)")->required();
  use->add_flag("--force", o->force, "Make it active even when it has a danger");

  auto* status = plan->add_subcommand("status", "The active plan: planned vs done so far");
  status->add_option("--date", o->date, "As of this day (default: today)");

  return [o, gen, check, exp, use](Env& env) {
    if (gen->parsed()) return run_generate(env, *o);
    if (check->parsed()) return run_plan_check(env, *o);
    if (exp->parsed()) return run_export(env, *o);
    if (use->parsed()) return run_use(env, *o);
    return run_status(env, *o);
  };
}

}  // namespace stride::cli
