#pragma once
/// Plans to and from YAML text (files are the CLI's business). The layout is
/// PRODUCT.md's: block lists of weeks and days, one flow map per session.

#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/quantity.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

/// A plan that cannot be read: `plan.yaml:12:7: unknown key 'distnace' ...`.
class PlanError : public std::runtime_error {
 public:
  PlanError(std::string display_name, int line, int column, const std::string& message);
  const std::string& display_name() const { return display_name_; }
  int line() const { return line_; }      ///< 1-based, 0 when unknown
  int column() const { return column_; }  ///< 1-based, 0 when unknown
  const std::string& message() const { return message_; }

 private:
  std::string display_name_;
  int line_;
  int column_;
  std::string message_;
};

/// Parses a plan. Throws PlanError naming line and column for YAML syntax
/// errors, unknown keys, bad dates, days outside their week, negative or
/// unreadable quantities and an unsupported `stride_plan` version.
/// `bare_units` is what a distance without a unit means.
Plan read_plan_yaml(std::string_view text, std::string_view display_name,
                    engine::Units bare_units = engine::Units::km);

/// Writes a plan; the same plan always gives the same bytes. Distances in
/// `units`, except where only metres say the value exactly.
std::string write_plan_yaml(const Plan& plan, engine::Units units = engine::Units::km);

/// `2026-11-30`.
std::string format_day(Day day);

}  // namespace stride::plans
