#include "engine/rules.hpp"

#include <algorithm>

namespace stride::engine {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::caution:
      return "caution";
    case Severity::danger:
      return "danger";
  }
  return "?";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (auto s : {Severity::info, Severity::caution, Severity::danger}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

const std::vector<RuleInfo>& rule_table() {
  static const std::vector<RuleInfo> table{
      {RuleId::single_run_spike, "single-run-spike", Severity::caution, false,
       "a run is much longer than the longest run of the previous 30 days",
       "Frandsen et al. 2025 (BJSM), 5,205 runners: runs over 10 % longer than the 30-day longest "
       "raised the injury rate 1.5-2.3x"},
      {RuleId::duration_spike, "duration-spike", Severity::caution, false,
       "the same for a run's duration",
       "by analogy with Frandsen et al. 2025 on distance; the band is a product default"},
      {RuleId::weekly_distance_spike, "weekly-distance-spike", Severity::caution, false,
       "the 7 days ending with the run jump against the week before",
       "Nielsen et al. 2014 (JOSPT), 874 novices: over 30 % more a week gave 1.59x the "
       "distance-related injuries; the danger band is a product default"},
      {RuleId::weekly_duration_spike, "weekly-duration-spike", Severity::caution, false,
       "the same for running time",
       "by analogy with Nielsen et al. 2014 on distance; a product default"},
      {RuleId::hard_surface, "hard-surface", Severity::caution, false,
       "hard-surface distance rises sharply, or nearly all running is on hard surfaces",
       "exposure only: no prospective study links surface to injury; a product default"},
      {RuleId::consecutive_run_days, "consecutive-run-days", Severity::caution, false,
       "too many running days in a row",
       "frequency evidence conflicts (Nielsen 2012 review); a product default"},
      {RuleId::no_rest_day, "no-rest-day", Severity::caution, false,
       "no rest day in the last 7 days",
       "regular rest, as sports-medicine advice gives it; a product default"},
      {RuleId::monotony, "monotony", Severity::info, false,
       "every day the same load (Foster monotony)",
       "Foster 1998 (MSSE) monotony; the 2.0 cut-off is from practice"},
      {RuleId::pain, "pain", Severity::danger, false,
       "an open pain episode: red flags and moderate pain stop running (get assessed), mild pain "
       "gets the pain-monitoring advice",
       "Silbernagel et al. 2007 (Am J Sports Med): in supervised Achilles tendinopathy, pain up to "
       "5/10 that settled by the next morning did no worse than rest; Warden et al. 2021 (JOSPT): "
       "bone stress loading should cause no symptoms; the bands are a product default"},
      {RuleId::return_after_break, "return-after-break", Severity::caution, false,
       "a comeback (after 7+ days off or a resolved red flag) running above its ramp, or hard too "
       "soon",
       "return-to-running guidance (Warden et al. 2021, JOSPT): frequency and duration come back "
       "before intensity; the ramp's numbers are a product default"},
      {RuleId::strength_gap, "strength-gap", Severity::info, true,
       "no strength session in two weeks",
       "Lauersen et al. 2014 (BJSM), 25 trials: strength training cut sports injuries to about a "
       "third (RR 0.32)"},
      {RuleId::shoe_mileage, "shoe-mileage", Severity::info, true,
       "the shoe in use is past its retirement distance",
       "a product default (common apps use 400-800 km)"},
      {RuleId::low_cadence, "low-cadence", Severity::info, true,
       "average running cadence is low (when the files carry cadence)",
       "Heiderscheit et al. 2011 (MSSE): +5-10 % step rate cut the load at the knee; lab study, no "
       "injury outcome"},
      {RuleId::plan_structure, "plan-structure", Severity::caution, false,
       "(plans) strength on consecutive days or before a long/quality run or race, quality runs "
       "back to back, no free day, a long run out of proportion",
       "the article's advice on rest and recovery between hard sessions; the limits are product "
       "defaults"},
      {RuleId::race_readiness, "race-readiness", Severity::caution, false,
       "(plans) the race is much longer than the long runs of the 6 weeks before it",
       "by analogy with Frandsen et al. 2025 on single-run spikes; the 1.5x and 2.2x bands are "
       "product defaults"},
  };
  return table;
}

const RuleInfo& rule_info(RuleId id) {
  const auto& table = rule_table();
  return table[static_cast<std::size_t>(id)];
}

std::string_view to_string(RuleId id) { return rule_info(id).name; }

std::optional<RuleId> parse_rule_id(std::string_view text) {
  for (const auto& r : rule_table()) {
    if (r.name == text) return r.id;
  }
  return std::nullopt;
}

const Figure* Warning::figure(std::string_view name) const {
  for (const auto& f : figures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view Warning::evidence() const { return rule_info(rule).evidence; }

void sort_warnings(std::vector<Warning>& warnings) {
  std::stable_sort(warnings.begin(), warnings.end(), [](const Warning& a, const Warning& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.rule < b.rule;
  });
}

std::optional<Severity> worst(const std::vector<Warning>& warnings) {
  std::optional<Severity> out;
  for (const auto& w : warnings) {
    if (!out || w.severity > *out) out = w.severity;
  }
  return out;
}

std::string_view verdict(const std::vector<Warning>& warnings) {
  const auto w = worst(warnings);
  if (w == Severity::danger) return "danger";
  if (w == Severity::caution) return "caution";
  return "clear";
}

bool is_context(const Warning& w) { return w.severity == Severity::info; }

}  // namespace stride::engine
