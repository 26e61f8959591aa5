#pragma once
/// What the engine commands (status, check, warnings, shoes) share: the
/// history from the store, and warnings as JSON and as text.

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/app.hpp"
#include "engine/evaluate.hpp"
#include "engine/rules.hpp"

namespace stride::cli {

/// Every activity (without track points) and pain note in the store.
engine::History load_history(Env& env);
/// Every activity's session load (engine/load.hpp) over the whole history, by id.
std::unordered_map<std::int64_t, engine::SessionLoad> session_loads_by_id(
    const engine::History& history, const engine::Settings& settings);

/// `{"rule", "severity", "figures": {...}, "dates": {...}, "reason", "advice"}`.
nlohmann::json warning_json(const engine::Warning& w);
nlohmann::json warnings_json(const std::vector<engine::Warning>& ws);
/// Named numbers as one object.
nlohmann::json figures_json(const std::vector<engine::Figure>& figures);

/// `CAUTION  single-run-spike: reason` then the advice, indented; coloured
/// (red danger, yellow caution) when `colour`. `evidence`: the rule's
/// evidence line too (commands that list many days print it once instead,
/// with evidence_text).
std::string warning_text(const engine::Warning& w, bool colour, bool evidence = true);
/// "Evidence:" and one line per rule of `rules` (each once, table order).
std::string evidence_text(std::vector<engine::RuleId> rules);
/// One short line for the context notes: `Context: hard-surface share 92 % of
/// 28 days; monotony 2.4`, empty when there are none.
std::string context_line(const std::vector<engine::Warning>& notes, engine::Units units);
/// `11th`, `2nd`.
std::string ordinal(int n);
/// `clear`, `CAUTION`, `DANGER`, coloured when asked.
std::string verdict_text(std::string_view verdict, bool colour);

/// Whether colour is wanted on stdout: a terminal, and NO_COLOR unset.
bool want_colour(const Env& env);

}  // namespace stride::cli
