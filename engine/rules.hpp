#pragma once
/// The rule table: ids exactly as PRODUCT.md spells them, default severities,
/// and the Warning a fired rule produces.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/figures.hpp"

namespace stride::engine {

enum class Severity { info, caution, danger };
std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

enum class RuleId {
  single_run_spike,
  duration_spike,
  weekly_distance_spike,
  weekly_duration_spike,
  hard_surface,
  consecutive_run_days,
  no_rest_day,
  monotony,
  pain,
  return_after_break,
  strength_gap,
  shoe_mileage,
  low_cadence,
  plan_structure,  ///< plans only: the week's shape (LOAD-SCIENCE.md plan-structure)
  race_readiness,  ///< plans only: the race against the long runs before it
};

/// One row of the rule table.
struct RuleInfo {
  RuleId id;
  std::string_view name;      ///< `single-run-spike`, ...
  Severity default_severity;  ///< the most usual severity (spikes may rise to danger)
  bool status_only;           ///< shown by `status` for any day, not evaluated per run
  std::string_view summary;   ///< PRODUCT.md's "fires when"
  /// The study behind the default bands (LOAD-SCIENCE.md), or that there is
  /// none: every reason ends with it, so no warning looks better founded
  /// than it is.
  std::string_view evidence;
};
const std::vector<RuleInfo>& rule_table();
const RuleInfo& rule_info(RuleId id);
std::string_view to_string(RuleId id);
std::optional<RuleId> parse_rule_id(std::string_view text);

/// A figure that is not a number: a word, a yes/no or a list (the pain rule's
/// `site`, `red_flag`, `reasons`). JSON writes it into `figures` beside the numbers.
struct FigureText {
  std::string name;
  std::variant<bool, std::string, std::vector<std::string>> value;

  friend bool operator==(const FigureText&, const FigureText&) = default;
};

struct Warning {
  RuleId rule = RuleId::single_run_spike;
  Severity severity = Severity::info;
  std::vector<Figure> figures;      ///< named numbers, units in the names
  std::vector<FigureDate> dates;    ///< the days those figures come from
  std::string reason;               ///< one line naming the evidence
  std::string advice;               ///< what to do instead; never a treatment
  std::vector<FigureText> texts{};  ///< non-numeric figures (pain)
  /// Judged against the experience level's starting baseline (a lent
  /// baseline): an open pain episode does not raise it.
  bool lent_baseline = false;

  /// nullptr when absent.
  const Figure* figure(std::string_view name) const;
  /// The evidence behind the rule's bands (its RuleInfo::evidence).
  std::string_view evidence() const;
};

/// Context (info: the runner's situation) rather than an alarm about one run.
bool is_context(const Warning& w);

/// Most severe first; within a severity, rule table order.
void sort_warnings(std::vector<Warning>& warnings);
/// The worst severity, nullopt when none fired.
std::optional<Severity> worst(const std::vector<Warning>& warnings);
/// `clear`, `caution` or `danger` (info alone is clear).
std::string_view verdict(const std::vector<Warning>& warnings);

}  // namespace stride::engine
