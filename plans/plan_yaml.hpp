#pragma once
/// Plans to and from YAML text (files are the CLI's business). The layout is
/// PRODUCT.md's: block lists of weeks and days, one flow map per session.

#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/datetime.hpp"
#include "engine/quantity.hpp"
#include "engine/source_error.hpp"
#include "plans/plan.hpp"

namespace stride::plans {

/// A plan that cannot be read: `plan.yaml:12:7: unknown key 'distnace' ...`.
/// Plan errors are the one input-error type: file, line, column and the
/// offending line with a caret (full_text()).
using PlanError = engine::SourceError;

/// Parses a plan. Throws PlanError naming line and column for YAML syntax
/// errors, unknown keys, bad dates, days outside their week, negative or
/// unreadable quantities and an unsupported `stride_plan` version.
/// `bare_units` is what a distance without a unit means.
Plan read_plan_yaml(std::string_view text, std::string_view display_name,
                    engine::Units bare_units = engine::Units::km);

/// Writes a plan; the same plan always gives the same bytes. Distances in
/// `units`, except where only metres say the value exactly.
std::string write_plan_yaml(const Plan& plan, engine::Units units = engine::Units::km);

using engine::format_day;

}  // namespace stride::plans
