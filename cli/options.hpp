#pragma once
/// Option values shared by several commands: surface splits, RPE, exercises.

#include <optional>
#include <string_view>
#include <vector>

#include "cli/app.hpp"
#include "cli/errors.hpp"
#include "engine/activity.hpp"

namespace stride::cli {

/// `road` (the whole distance) or `road:8km,trail:2km`. Throws UsageError
/// naming `option`. `total_m` is the activity's distance, used for the
/// single-surface form; a split must add up to it within 5 % when it is known.
std::vector<engine::SurfaceShare> parse_surface_spec(const Env& env, std::string_view option,
                                                     std::string_view text, double total_m);

/// The error for a split whose parts are more than 5 % off the activity's
/// distance (`engine::split_adds_up`), in the runner's units.
UsageError split_mismatch(const Env& env, std::string_view option,
                          const std::vector<engine::SurfaceShare>& shares, double total_m);

/// A shoe named on the line: one the profile or the history knows (any case;
/// returned as first spelt), or a new one when `is_new` (--new-shoe). Else
/// UsageError listing the known shoes, so a typo does not start a new shoe.
std::string known_shoe(Env& env, std::string_view option, const std::string& name, bool is_new);

/// `0`..`10`; throws UsageError naming `option`.
int parse_rpe(std::string_view option, std::string_view text);

/// `squat 3x10`, `reverse lunge 3x8 per side`, `deadlift 3x5 @60kg`.
engine::Exercise parse_exercise(std::string_view text);

}  // namespace stride::cli
