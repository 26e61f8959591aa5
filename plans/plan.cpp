#include "plans/plan.hpp"

#include <array>
#include <utility>

namespace stride::plans {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

constexpr std::array<std::pair<RunKind, std::string_view>, 6> kRunKinds{{
    {RunKind::easy, "easy"},
    {RunKind::long_run, "long"},
    {RunKind::tempo, "tempo"},
    {RunKind::intervals, "intervals"},
    {RunKind::recovery, "recovery"},
    {RunKind::race, "race"},
}};

constexpr std::array<std::pair<CrossActivity, std::string_view>, 5> kCross{{
    {CrossActivity::cycling, "cycling"},
    {CrossActivity::swimming, "swimming"},
    {CrossActivity::rowing, "rowing"},
    {CrossActivity::elliptical, "elliptical"},
    {CrossActivity::walking, "walking"},
}};

constexpr std::array<std::pair<Intensity, std::string_view>, 3> kIntensity{{
    {Intensity::easy, "easy"},
    {Intensity::moderate, "moderate"},
    {Intensity::hard, "hard"},
}};

}  // namespace

std::string_view to_string(RunKind kind) { return name_of(kRunKinds, kind); }
std::optional<RunKind> parse_run_kind(std::string_view text) { return lookup(kRunKinds, text); }
bool is_quality(RunKind kind) { return kind == RunKind::tempo || kind == RunKind::intervals; }
std::optional<engine::RunKind> engine_run_kind(RunKind kind) {
  return engine::parse_run_kind(to_string(kind));
}

std::string_view to_string(CrossActivity activity) { return name_of(kCross, activity); }
std::optional<CrossActivity> parse_cross_activity(std::string_view text) {
  return lookup(kCross, text);
}

std::string_view to_string(Intensity intensity) { return name_of(kIntensity, intensity); }
std::optional<Intensity> parse_intensity(std::string_view text) { return lookup(kIntensity, text); }

Day week_first_day(const Plan& plan, int week) { return plan.start + date::days{7 * (week - 1)}; }
Day week_last_day(const Plan& plan, int week) { return week_first_day(plan, week) + date::days{6}; }

std::vector<const Run*> runs_of(const PlanDay& day) {
  std::vector<const Run*> runs;
  for (const Session& s : day.sessions)
    if (const auto* run = std::get_if<Run>(&s)) runs.push_back(run);
  return runs;
}

bool has_run(const PlanDay& day) { return !runs_of(day).empty(); }

bool has_strength(const PlanDay& day) {
  for (const Session& s : day.sessions)
    if (std::holds_alternative<Strength>(s)) return true;
  return false;
}

double run_distance_m(const PlanWeek& week) {
  double total = 0;
  for (const PlanDay& day : week.days)
    for (const Run* run : runs_of(day)) total += run->distance_m.value_or(0);
  return total;
}

}  // namespace stride::plans
