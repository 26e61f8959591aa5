#include "cli/plan_view.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "cli/engine_view.hpp"
#include "cli/errors.hpp"
#include "plans/check.hpp"
#include "plans/plan_yaml.hpp"
#include "profile/profile.hpp"
#include "store/store.hpp"

namespace stride::cli {

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError(fmt::format("{}: cannot read the file", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw CommandError(fmt::format("{}: cannot read the file", path.string()));
  return text.str();
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw CommandError(fmt::format("{}: cannot write the file", path.string()));
}

plans::Plan read_plan_file(const Env& env, const std::string& path, std::string* text) {
  std::string bytes = read_text_file(path);
  plans::Plan plan = plans::read_plan_yaml(bytes, path, env.units());
  if (text != nullptr) *text = std::move(bytes);
  return plan;
}

plans::Plan load_active_plan(Env& env) {
  const auto active = env.store().active_plan();
  if (!active)
    throw CommandError("no active plan (make one active with `stride plan use plan.yaml`)");
  std::error_code ec;
  if (active->path.empty() || !std::filesystem::exists(active->path, ec))
    return plans::read_plan_yaml(active->text, "active plan", env.units());
  // The plan lives in its file (a coach edits it, it is in version control):
  // a changed file is the plan now, said once.
  std::string bytes;
  try {
    bytes = read_text_file(active->path);
  } catch (const CommandError& e) {
    env.warn(fmt::format("note: {}; using the plan as last read", e.what()));
    return plans::read_plan_yaml(active->text, "active plan", env.units());
  }
  if (bytes == active->text) return plans::read_plan_yaml(bytes, active->path, env.units());
  plans::Plan plan;
  try {
    plan = plans::read_plan_yaml(bytes, active->path, env.units());
  } catch (const plans::PlanError& e) {
    env.warn(fmt::format("note: {} changed but does not read ({}); using the plan as last read",
                         active->path, e.what()));
    return plans::read_plan_yaml(active->text, "active plan", env.units());
  }
  env.info(fmt::format("note: {} changed since it was made active: re-read it", active->path));
  const plans::PlanCheck check = plans::check_plan(plan, load_history(env), env.profile().settings);
  if (check.verdict() != "clear")
    env.warn(fmt::format("note: the changed plan has a {} (see `stride plan check {}`)",
                         check.verdict(), active->path));
  // Kept as read, so the note comes once; a read-only database says it each time.
  if (::access(env.db_path().c_str(), W_OK) == 0)
    env.store(Env::Access::write).update_active_plan_text(bytes);
  return plan;
}

plans::GenerateOptions generate_options(const profile::Profile& profile) {
  const profile::Schedule& s = profile.schedule;
  plans::GenerateOptions o;
  o.settings = profile.settings;
  o.run_days = s.run_days;
  o.long_run_day = s.long_run_day;
  o.strength_per_week = s.strength_per_week;
  o.cross_activities.clear();
  for (const std::string& name : s.cross_training)
    if (auto a = plans::parse_cross_activity(name)) o.cross_activities.push_back(*a);
  if (o.cross_activities.empty()) o.cross_activities = {plans::CrossActivity::cycling};
  o.settings.full_rest_days = s.full_rest_days;
  o.max_run_days_in_row = s.max_run_days_in_row;
  o.max_weekly_m = s.max_weekly_distance_m;
  o.surfaces_available = s.surfaces_available;
  o.default_surface = profile.default_surface;
  // The profile loader accepts only the three names.
  o.strength_equipment =
      plans::parse_equipment(s.strength_equipment).value_or(plans::Equipment::none);
  o.strength_skip = s.strength_skip;
  o.weekly_increase = s.weekly_increase;
  o.goal_weekly_m = s.goal_weekly_m;
  o.race_m = s.race_m;
  if (s.race_date) o.race_date = engine::Day{*s.race_date};
  return o;
}

engine::PlannedRun planned_run(const plans::Run& run, const profile::Profile& profile) {
  engine::PlannedRun p;
  p.distance_m = run.distance_m;
  p.duration_s = run.duration_s;
  p.surface = run.surface == engine::Surface::unknown ? profile.default_surface : run.surface;
  p.shoe = profile.default_shoe();
  return p;
}

namespace {

std::string run_size(const plans::Run& r, engine::Units units) {
  std::string out;
  if (r.distance_m) out = engine::format_distance(*r.distance_m, units);
  if (r.duration_s) {
    if (!out.empty()) out += " in ";
    out += engine::format_duration(*r.duration_s);
  }
  return out;
}

}  // namespace

std::string session_text(const plans::Session& session, engine::Units units) {
  if (const auto* r = std::get_if<plans::Run>(&session)) {
    std::string t = fmt::format("{} run {}", plans::to_string(r->kind), run_size(*r, units));
    if (r->surface != engine::Surface::unknown) t += fmt::format(" on {}", to_string(r->surface));
    // A quality run's band is its hard parts' (the purpose says so).
    if (!r->pace.empty()) t += (plans::is_quality(r->kind) ? ", hard parts at " : " at ") + r->pace;
    return t;
  }
  if (const auto* s = std::get_if<plans::Strength>(&session)) {
    std::string t = "strength";
    for (std::size_t i = 0; i < s->exercises.size(); ++i) {
      const auto& e = s->exercises[i];
      t += fmt::format("{} {} {}x{}{}", i == 0 ? ":" : ",", e.name, e.sets, e.reps,
                       e.per_side ? " per side" : "");
    }
    return t;
  }
  if (const auto* c = std::get_if<plans::Cross>(&session))
    return fmt::format("{} {}, {}", plans::to_string(c->activity),
                       engine::format_duration(c->duration_s), plans::to_string(c->intensity));
  return "rest";
}

nlohmann::json session_json(const plans::Session& session) {
  if (const auto* r = std::get_if<plans::Run>(&session)) {
    nlohmann::json j = {{"type", "run"}, {"kind", std::string(plans::to_string(r->kind))}};
    if (r->distance_m) j["distance_m"] = *r->distance_m;
    if (r->duration_s) j["duration_s"] = *r->duration_s;
    j["surface"] = std::string(engine::to_string(r->surface));
    if (!r->purpose.empty()) j["purpose"] = r->purpose;
    if (!r->pace.empty()) j["pace"] = r->pace;
    if (!r->effort.empty()) j["effort"] = r->effort;
    return j;
  }
  if (const auto* s = std::get_if<plans::Strength>(&session)) {
    nlohmann::json ex = nlohmann::json::array();
    for (const auto& e : s->exercises)
      ex.push_back({{"name", e.name},
                    {"sets", e.sets},
                    {"reps", e.reps},
                    {"per_side", e.per_side},
                    {"muscles", e.muscles},
                    {"effort", e.effort},
                    {"load", e.load}});
    return {{"type", "strength"}, {"focus", s->focus}, {"exercises", ex}};
  }
  if (const auto* c = std::get_if<plans::Cross>(&session))
    return {{"type", "cross"},
            {"activity", std::string(plans::to_string(c->activity))},
            {"duration_s", c->duration_s},
            {"intensity", std::string(plans::to_string(c->intensity))}};
  return {{"type", "rest"}};
}

std::string done_text(const engine::Activity& a, engine::Units units) {
  std::string t(engine::to_string(a.sport));
  if (a.distance_m > 0) t += " " + engine::format_distance(a.distance_m, units);
  if (a.moving_s > 0) t += (a.distance_m > 0 ? " in " : " ") + engine::format_duration(a.moving_s);
  return t;
}

nlohmann::json done_json(const engine::Activity& a) {
  return {{"id", a.id},
          {"sport", std::string(engine::to_string(a.sport))},
          {"distance_m", a.distance_m},
          {"moving_s", a.moving_s}};
}

const plans::PlanDay* find_day(const plans::Plan& plan, engine::Day day) {
  for (const auto& w : plan.weeks)
    for (const auto& d : w.days)
      if (d.date == day) return &d;
  return nullptr;
}

engine::History history_until(const engine::History& history, engine::Day day) {
  engine::History h;
  for (const auto& a : history.activities)
    if (a.local_date <= day) h.activities.push_back(a);
  for (const auto& p : history.pain_notes)
    if (p.date <= day) h.pain_notes.push_back(p);
  return h;
}

ExitCode exit_for(std::optional<engine::Severity> worst, std::string_view fail_on) {
  if (!worst || fail_on == "never") return ExitCode::ok;
  if (*worst == engine::Severity::danger) return ExitCode::danger;
  if (*worst == engine::Severity::caution && fail_on == "caution") return ExitCode::caution;
  return ExitCode::ok;
}

}  // namespace stride::cli
