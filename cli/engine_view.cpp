#include "cli/engine_view.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <variant>

#include "store/store.hpp"

namespace stride::cli {

engine::History load_history(Env& env) {
  engine::History h;
  store::Store& store = env.store();
  store::Filter load_only;
  load_only.load_fields_only = true;  // the engine reads no names, notes or sources
  h.activities = store.list(load_only);
  h.pain_notes = store.pain_notes();
  return h;
}

std::unordered_map<std::int64_t, engine::SessionLoad> session_loads_by_id(
    const engine::History& history, const engine::Settings& settings) {
  const auto loads = engine::session_loads(history.activities, settings);
  std::unordered_map<std::int64_t, engine::SessionLoad> out;
  out.reserve(loads.size());
  for (std::size_t i = 0; i < loads.size(); ++i) out[history.activities[i].id] = loads[i];
  return out;
}

nlohmann::json figures_json(const std::vector<engine::Figure>& figures) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& f : figures) out[f.name] = f.value;
  return out;
}

nlohmann::json warning_json(const engine::Warning& w) {
  nlohmann::json dates = nlohmann::json::object();
  for (const auto& d : w.dates) dates[d.name] = date::format("%F", d.date);
  nlohmann::json figures = figures_json(w.figures);
  // Words, yes/no and lists sit beside the numbers (the pain rule's site, reasons).
  for (const auto& t : w.texts) std::visit([&](const auto& v) { figures[t.name] = v; }, t.value);
  return {{"rule", std::string(engine::to_string(w.rule))},
          {"severity", std::string(engine::to_string(w.severity))},
          {"figures", figures},
          {"dates", dates},
          {"reason", w.reason},
          {"evidence", std::string(w.evidence())},
          {"advice", w.advice}};
}

nlohmann::json warnings_json(const std::vector<engine::Warning>& ws) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : ws) out.push_back(warning_json(w));
  return out;
}

namespace {

std::string paint(std::string_view text, std::string_view code, bool colour) {
  if (!colour) return std::string(text);
  return fmt::format("\033[{}m{}\033[0m", code, text);
}

std::string_view colour_of(std::string_view severity) {
  if (severity == "danger") return "1;31";
  if (severity == "caution") return "1;33";
  return "36";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string warning_text(const engine::Warning& w, bool colour, bool evidence) {
  const std::string_view sev = engine::to_string(w.severity);
  std::string label = upper(sev);
  label.resize(7, ' ');
  std::string out = fmt::format("{} {}: {}\n", paint(label, colour_of(sev), colour),
                                engine::to_string(w.rule), w.reason);
  if (!w.advice.empty()) out += fmt::format("        {}\n", w.advice);
  if (evidence && !w.evidence().empty())
    out += fmt::format("        Evidence: {}.\n", w.evidence());
  return out;
}

std::string evidence_text(std::vector<engine::RuleId> rules) {
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  if (rules.empty()) return {};
  std::string out = "Evidence:\n";
  for (const auto id : rules) {
    const auto& info = engine::rule_info(id);
    if (!info.evidence.empty())
      out += fmt::format("  {}: {}.\n", engine::to_string(id), info.evidence);
  }
  return out;
}

std::string context_line(const std::vector<engine::Warning>& notes, engine::Units units) {
  if (notes.empty()) return {};
  std::string out = "Context: ";
  for (std::size_t i = 0; i < notes.size(); ++i)
    out += (i == 0 ? "" : "; ") + engine::context_brief(notes[i], units);
  return out + "\n";
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : n % 10 == 1              ? "st"
                       : n % 10 == 2              ? "nd"
                       : n % 10 == 3              ? "rd"
                                                  : "th";
  return fmt::format("{}{}", n, suffix);
}

std::string verdict_text(std::string_view verdict, bool colour) {
  if (verdict == "clear") return paint("clear", "1;32", colour);
  return paint(upper(verdict), colour_of(verdict), colour);
}

bool want_colour(const Env& env) {
  const char* no_colour = std::getenv("NO_COLOR");
  return env.stdout_is_terminal() && (no_colour == nullptr || *no_colour == '\0');
}

}  // namespace stride::cli
