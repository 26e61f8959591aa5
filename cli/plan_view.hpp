#pragma once
/// What the plan commands (`plan ...`, `today`) share: reading a plan file or
/// the active plan, the profile's schedule as generator options, and planned
/// sessions and done activities as text and JSON.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "engine/rules.hpp"
#include "engine/series.hpp"
#include "plans/generate.hpp"
#include "plans/plan.hpp"

namespace stride::profile {
struct Schedule;
}

namespace stride::cli {

/// A file's bytes; throws CommandError `cannot read PATH` when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);
/// Writes (replacing) a file; throws CommandError `cannot write PATH`.
void write_text_file(const std::filesystem::path& path, const std::string& text);

/// A plan file parsed; plans::PlanError (`plan.yaml:12:7: ...`) propagates.
/// Bare distances are in the display units.
plans::Plan read_plan_file(const Env& env, const std::string& path, std::string* text = nullptr);

/// The active plan from the store; throws CommandError when none was set.
plans::Plan load_active_plan(Env& env);

/// The profile's schedule and settings as generator options. Cross-training
/// names the planner does not know (e.g. `hiking`) are left out.
plans::GenerateOptions generate_options(const profile::Profile& profile);

/// The plan's run as the engine's planned run: an unknown surface becomes the
/// profile's default, the shoe the profile's default shoe.
engine::PlannedRun planned_run(const plans::Run& run, const profile::Profile& profile);

/// `easy run 7.3 km on road`, `strength: squat 3x10, ...`, `cycling 40 min, easy`, `rest`.
std::string session_text(const plans::Session& session, engine::Units units);
/// `{"type": "run", "kind", "distance_m", "duration_s", "surface", "purpose"}` and the like.
nlohmann::json session_json(const plans::Session& session);
/// `run 8.0 km in 45 min`, `strength`, `swim 40 min`.
std::string done_text(const engine::Activity& a, engine::Units units);
/// `{"id", "sport", "distance_m", "moving_s"}`.
nlohmann::json done_json(const engine::Activity& a);

/// The day's plan entry, nullptr when the plan has nothing on that day.
const plans::PlanDay* find_day(const plans::Plan& plan, engine::Day day);

/// The history without activities after `day` (pain notes too), for what was
/// really done by then.
engine::History history_until(const engine::History& history, engine::Day day);

/// Exit code of `check` / `plan check` for the worst severity and --fail-on.
ExitCode exit_for(std::optional<engine::Severity> worst, std::string_view fail_on);

}  // namespace stride::cli
